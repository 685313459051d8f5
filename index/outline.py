"""Outline parser: GB/T 9704 markers 一、 → （一） → 1. → （1） → ① → 一是, under the
document's own parts (附件1), chapters (第一章), sections (第一节), articles (第一条, 第 1 條)
or decimal numbers (1 总则 / 1.1 …), with —— bullets and unnumbered report sub-headings.

GB/T 9704 markers are found anywhere a heading can start (line start, after a space, 。 or
；), so a document that is one long line parses like one with a line per paragraph. A
candidate is kept only when its number is plausible: 1 for the first child of its parent,
the previous sibling + 1 after that, or the continuation of a list that runs on across
parents of the same rank (四、 1..4 under （一）, 5.. under （二）; also from 一、（四） on to
二、（五）, as an indicator table numbers 1.–55. through all its sections). Articles and chapters are
numbered through a whole part; a 附件 starts a new part whose outline restarts. Candidates
inside a 目录 (table of contents) block are skipped: its lines repeat the headings.

Id parts beyond the GB/T 9704 ones (see ``Clause``): ``第二章``, ``第一节``, ``第三条`` or
``第1條`` (the marker without spaces), decimal numbers as written (``1.2``), ``附件1`` (or
``附件`` when unnumbered), ``01`` for a bulletin's numbered sections, ``——1``, ``——2`` for
bullets, and an unnumbered sub-heading's own text (``2026年重点工作``, ``/`` → ``／``).
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from index import markers
from index.headings import heading, heading_of
from index.markers import Candidate
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
_ENUM = 60  # 一是 lists may restart at 一是 inside one paragraph
_WHOLE_PART = (markers.PART, markers.CHAPTER, markers.ARTICLE)  # numbered through a whole part
_UNNUMBERED = (markers.SUBHEAD, markers.SUBHEAD_TOP, markers.BULLET)


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
    rank: float
    number: int
    start: int  # clean offset of the marker
    end: int  # clean offset just past the marker
    marker: str
    part: str  # id component
    parent: _Node | None = None
    last: dict[float, int] = field(default_factory=dict)  # rank -> last child number
    series: dict[float, int] = field(default_factory=dict)  # rank -> list count (一是 restarts)
    used: set[str] = field(default_factory=set)
    key: tuple[int, ...] = ()  # decimal outline numbers


def _inline(text: str) -> Iterator[Candidate]:
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
        yield Candidate(rank * 10, n, m.start(), m.end(), m.group(0), _part(rank, m))


def _candidates(text: str) -> list[Candidate]:
    """Every candidate heading in document order, those inside a 目录 block left out."""
    found = [*_inline(text), *markers.articles(text), *markers.attachments(text),
             *markers.decimals(text), *markers.numbered_sections(text)]
    structured = any(c.rank in _WHOLE_PART and c.number == 1 for c in found) or any(
        c.key for c in found)
    if not structured:
        # Unnumbered sub-headings sit under 一、 sections when the document has them.
        top = any(c.rank == markers.TOP and c.number == 1 for c in found)
        rank = markers.SUBHEAD if top else markers.SUBHEAD_TOP
        starts = {c.start for c in found}
        found += [dataclasses.replace(c, rank=rank) for c in markers.subheadings(text) if c.start not in starts]
    found += markers.bullets(text, {c.start for c in found})
    found += _closing(text, found)
    skip = markers.toc_ranges(text)
    menus = markers.menu_items(text, found)
    found = [c for c in found if c.start not in menus and not any(a <= c.start < b for a, b in skip)]
    found.sort(key=lambda c: (c.start, c.rank))
    return found


_CLOSING = re.compile(r"[ \t\u3000]*附[ \t\u3000]*[则則][ \t\u3000]*")
_TOP_RANKS = (markers.PART, markers.CHAPTER, markers.ARTICLE, markers.TOP)


def _closing(text: str, found: list[Candidate]) -> list[Candidate]:
    """An unnumbered 附则 closing the body: a line of its own after the last of the body's
    top-level headings (第十条 …, 十、…), after a paragraph and before any 附件, with text
    under it. It is the last top-level heading, of the same rank as those before it."""
    ranks = [r for r in _TOP_RANKS if {1, 2} <= {c.number for c in found if c.rank == r}]
    if not ranks:
        return []
    top = [c.start for c in found if c.rank == ranks[0]]
    out = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if start <= max(top) or not _CLOSING.fullmatch(line):
            continue
        before = text[:start].rstrip()
        after = text[pos:].strip()
        if not after or not before or not (before[-1] in "。！？!?；;）)" or len(before.rsplit("\n", 1)[-1]) > 20):
            continue  # 第七章 / 附则 on two lines is one heading, met already
        if any(c.rank == markers.ATTACHMENT and max(top) < c.start < start for c in found):
            continue
        at = start + len(line) - len(line.lstrip(" \t\u3000"))
        out.append(Candidate(ranks[0], 0, at, at, "", "附则"))
    return out[-1:]


def _part(rank: int, m: re.Match[str]) -> str:
    v = m.group(f"t{rank}")
    if rank in (2, 4):
        return f"（{v}）"
    if rank == 3:
        return str(int(v))
    if rank == 6:
        return f"{v}是"
    return v


def _plausible(c: Candidate, parent: _Node, last_of_rank: dict[float, _Node], counts: dict[float, int]) -> bool:
    """Whether a candidate's number follows on from what has been accepted so far."""
    if c.rank in _WHOLE_PART:
        return c.number == counts.get(c.rank, 0) + 1  # numbered through the whole part
    if c.rank == markers.ATTACHMENT:
        return c.part == "附件" or c.number == counts.get(c.rank, 0) + 1
    if c.rank in _UNNUMBERED:
        return True
    if c.number < 1:
        return False
    if c.key and parent.key != c.key[:-1]:
        return False
    last = parent.last.get(c.rank)
    if last is not None:
        return c.number == last + 1 or (c.number == 1 and c.rank == _ENUM)
    prev = last_of_rank.get(c.rank)
    return c.number == 1 or (
        prev is not None
        and prev.parent is not None
        and prev.parent.rank == parent.rank
        and prev.parent.parent is not None
        and parent.parent is not None
        and prev.parent.parent.rank == parent.parent.rank
        and prev.parent is not parent
        and c.number == prev.number + 1
    )


def _breaks_list(c: Candidate, stack: list[_Node], cands: list[Candidate], i: int) -> bool:
    """An unnumbered sub-heading (``cands[i]``) must not cut a numbered list short (（一） … （二）)."""
    if stack[-1].rank <= markers.TOP or c.rank < markers.TOP:
        return False
    later = itertools.islice(cands, i + 1, None)
    nxt = next((x for x in later if x.rank > c.rank and x.rank not in _UNNUMBERED), None)
    return nxt is not None and nxt.number != 1


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
    root = _Node(rank=0, number=0, start=-1, end=-1, marker="", part=doc_id)
    stack: list[_Node] = [root]
    last_of_rank: dict[float, _Node] = {}
    counts: dict[float, int] = {}  # articles, chapters, attachments: numbered per part
    accepted: list[_Node] = []
    cands = _candidates(clean)
    for i, c in enumerate(cands):
        if c.rank == markers.ATTACHMENT:
            k = 0
        else:
            k = max(j for j, node in enumerate(stack) if node.rank < c.rank)
        parent = stack[k]
        if accepted and accepted[-1].start == c.start:
            continue  # one heading, two readings (1. 总则 as decimal and as 1.): the first won
        closing = c.number == 0 and c.part == "附则" and c.rank in _TOP_RANKS
        if not closing and not _plausible(c, parent, last_of_rank, counts):
            continue
        if c.rank in (markers.SUBHEAD, markers.SUBHEAD_TOP) and _breaks_list(c, stack, cands, i):
            continue
        series = parent.series.get(c.rank, 0)
        if parent.last.get(c.rank) is None:
            series = 1
        elif c.number == 1 and c.rank == _ENUM:
            series += 1
        part = c.part
        if c.rank == markers.BULLET:
            part = f"——{parent.last.get(c.rank, 0) + 1}"
        elif series > 1:
            part = f"{part}~{series}"
        base, j = part, 2
        while part in parent.used:
            part = f"{base}~{j}"
            j += 1
        parent.used.add(part)
        node = _Node(rank=c.rank, number=c.number, start=c.start, end=c.end, marker=c.marker,
                     part=part, parent=parent, key=c.key)
        parent.last[c.rank] = parent.last.get(c.rank, 0) + 1 if c.rank == markers.BULLET else c.number
        parent.series[c.rank] = series
        if c.rank == markers.ATTACHMENT:  # a new part: its outline restarts
            counts = {markers.ATTACHMENT: c.number}
            last_of_rank = {}
        elif c.rank in _WHOLE_PART and not closing:
            counts[c.rank] = c.number
        del stack[k + 1 :]
        stack.append(node)
        last_of_rank[c.rank] = node
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
        head = heading(clean, a, b)[:60] or "序"
        raw, cs = span_of(a, b)
        clauses.append(
            Clause(id=f"{doc_id}/序", doc_id=doc_id, level=0, marker="", heading=head,
                   path=(head,), text=clean[a:b], span=raw, clean_span=cs)
        )

    info: dict[int, tuple[str, tuple[str, ...], int]] = {id(root): (doc_id, (), 0)}
    for i, node in enumerate(accepted):
        end = accepted[i + 1].start if i + 1 < len(accepted) else len(clean)
        stop = node.start + len(clean[node.start : end].rstrip())
        head = heading_of(node.rank, node.marker, clean, node.start, node.end, stop)
        assert node.parent is not None
        pid, ppath, plevel = info[id(node.parent)]
        cid = f"{pid}/{node.part}"
        gap = " " if node.rank < markers.TOP and clean[node.end : node.end + 1].isspace() else ""
        path = (*ppath, node.marker + gap + head)
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
