"""Outline parser for GB/T 9704 style documents: 一、 → （一） → 1. → （1） → ① → 一是.

Markers are found anywhere a heading can start (line start, after a space, 。 or ；), so a
document that is one long line parses like one with a line per paragraph. A candidate is
kept only when its number is plausible: 1 for the first child of its parent, the previous
sibling + 1 after that, or the continuation of a list that runs on across the parent's
previous sibling (四、 1..4 under （一）, 5.. under （二）).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from index.records import Clause

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN = "[一二三四五六七八九十]{1,3}"
MARKER = re.compile(
    rf"(?P<t1>{_CN})、"
    rf"|[(（](?P<t2>{_CN})[)）]"
    r"|(?P<t3>\d{1,2})[.、．](?![\d.．])"
    r"|[(（](?P<t4>\d{1,2})[)）]"
    r"|(?P<t5>[①-⑳])"
    rf"|(?P<t6>{_CN})是"
)
# What may stand right before a marker.
_BEFORE = {
    1: "\n \t\u3000。;；)）",
    2: "\n \t\u3000。;；:：",
    3: "\n \t\u3000。;；:：)）",
    4: "\n \t\u3000。;；:：，,",
    5: "\n \t\u3000。;；:：，,",
    6: "\n \t\u3000。;；:：，,",
}
_HEAD_END = re.compile(r"[。！？；;!?\n]|(?<=\S)[ \t\u3000]+(?=\S)")
_COLON = re.compile(r"[：:]")


def cn_number(s: str) -> int:
    """Value of a small Chinese numeral (一 … 九十九)."""
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    n = 0
    for c in s:
        n = n * 10 + _CN_DIGITS.get(c, 0)
    return n


@dataclass
class _Node:
    rank: int
    number: int
    start: int  # clean offset of the marker
    marker: str
    part: str  # id component
    parent: _Node | None = None
    last: dict[int, int] = field(default_factory=dict)  # rank -> last child number
    series: dict[int, int] = field(default_factory=dict)  # rank -> list count (一是 restarts)
    used: set[str] = field(default_factory=set)


def _candidates(text: str):
    for m in MARKER.finditer(text):
        rank = next(r for r in range(1, 7) if m.group(f"t{r}") is not None)
        prev = text[m.start() - 1] if m.start() else "\n"
        if prev not in _BEFORE[rank]:
            continue
        after = text[m.end() : m.end() + 1]
        if not after or after in "、，,。)）" or (rank != 6 and after.isspace() and rank in (5,)):
            continue
        raw_n = m.group(f"t{rank}")
        if rank in (1, 2, 6):
            n = cn_number(raw_n)
        elif rank == 5:
            n = ord(raw_n) - ord("①") + 1
        else:
            n = int(raw_n)
        if n < 1:
            continue
        yield rank, n, m


def _part(rank: int, m: re.Match[str]) -> str:
    v = m.group(f"t{rank}")
    if rank in (2, 4):
        return f"（{v}）"
    if rank == 3:
        return str(int(v))
    if rank == 6:
        return f"{v}是"
    return v


def _heading(text: str, start: int, end: int) -> str:
    body = text[start:end].lstrip(" \t\u3000")
    m = _HEAD_END.search(body)
    head = body[: m.start()] if m else body
    c = _COLON.search(head)
    if c and c.start() <= 15:
        head = head[: c.start()]
    return head.strip()


def parse_outline(clean: str, offsets: Sequence[int], doc_id: str) -> list[Clause]:
    """Split cleaned text into a tree of clauses.

    Args:
        clean: the cleaned text (see ``index.clean.clean_text``).
        offsets: its offsets into the raw text (one per char plus one past the end).
        doc_id: used as the prefix of every clause id.

    Returns:
        The clauses in document order (parents before children); the text before the first
        heading, if any, is the level-0 clause ``doc_id/序``.
    """
    root = _Node(rank=0, number=0, start=-1, marker="", part=doc_id)
    stack: list[_Node] = [root]
    last_of_rank: dict[int, _Node] = {}
    accepted: list[_Node] = []
    for rank, n, m in _candidates(clean):
        k = max(i for i, node in enumerate(stack) if node.rank < rank)
        parent = stack[k]
        last = parent.last.get(rank)
        series = parent.series.get(rank, 0)
        ok = False
        if last is None:
            prev = last_of_rank.get(rank)
            ok = n == 1 or (
                prev is not None
                and prev.parent is not None
                and prev.parent.parent is parent.parent
                and prev.parent.rank == parent.rank
                and prev.parent is not parent
                and n == prev.number + 1
            )
            if ok:
                series = 1
        elif n == last + 1:
            ok = True
        elif n == 1 and rank == 6:
            ok = True
            series += 1
        if not ok:
            continue
        part = _part(rank, m)
        if series > 1:
            part = f"{part}~{series}"
        base, i = part, 2
        while part in parent.used:
            part = f"{base}~{i}"
            i += 1
        parent.used.add(part)
        node = _Node(rank=rank, number=n, start=m.start(), marker=m.group(0), part=part, parent=parent)
        parent.last[rank] = n
        parent.series[rank] = series
        del stack[k + 1 :]
        stack.append(node)
        last_of_rank[rank] = node
        accepted.append(node)

    def span_of(a: int, b: int) -> tuple[tuple[int, int], tuple[int, int]]:
        raw = (offsets[a], offsets[b - 1] + 1) if b > a else (offsets[a], offsets[a])
        return raw, (a, b)

    clauses: list[Clause] = []
    first = accepted[0].start if accepted else len(clean)
    pre = clean[:first]
    a = len(pre) - len(pre.lstrip())
    b = len(pre.rstrip())
    if b > a:
        head = _heading(clean, a, b)[:60] or "序"
        raw, cs = span_of(a, b)
        clauses.append(
            Clause(id=f"{doc_id}/序", doc_id=doc_id, level=0, marker="", heading=head,
                   path=(head,), text=clean[a:b], span=raw, clean_span=cs)
        )

    info: dict[int, tuple[str, tuple[str, ...], int]] = {id(root): (doc_id, (), 0)}
    for i, node in enumerate(accepted):
        end = accepted[i + 1].start if i + 1 < len(accepted) else len(clean)
        stop = node.start + len(clean[node.start : end].rstrip())
        head = _heading(clean, node.start + len(node.marker), stop)
        assert node.parent is not None
        pid, ppath, plevel = info[id(node.parent)]
        cid = f"{pid}/{node.part}"
        path = (*ppath, node.marker + head)
        info[id(node)] = (cid, path, plevel + 1)
        raw, cs = span_of(node.start, stop)
        clauses.append(
            Clause(id=cid, doc_id=doc_id, level=plevel + 1, marker=node.marker, heading=head,
                   path=path, text=clean[node.start : stop], span=raw, clean_span=cs,
                   parent=pid if node.parent is not root else None)
        )
    return clauses


class ClauseLocator:
    """Finds the deepest clause holding a position of the cleaned text."""

    def __init__(self, clauses: Sequence[Clause]) -> None:
        self._clauses = sorted(clauses, key=lambda c: c.clean_span[0])
        self._starts = [c.clean_span[0] for c in self._clauses]

    def at(self, pos: int) -> Clause | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return self._clauses[0] if self._clauses else None
        return self._clauses[i]

    def region(self, clause: Clause) -> tuple[int, int]:
        """The clean-text region [start, next clause start) of a clause's own text."""
        i = bisect.bisect_left(self._starts, clause.clean_span[0])
        end = self._starts[i + 1] if i + 1 < len(self._starts) else None
        return clause.clean_span[0], end if end is not None else clause.clean_span[1]
