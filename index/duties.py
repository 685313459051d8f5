"""Responsibility lists: who is responsible for which task, in every style documents use.

Bracketed lists ``（责任单位：…）`` ``〔牵头单位：…；配合单位：…〕`` ``（X牵头负责，Y配合）``
``（X、Y负责）``, bare ``责任单位：…`` lines under a task, and rows of tables with a
牵头单位/配合单位/指导部门 column (see :mod:`index.duty_tables`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from index.duty_tables import table_lists
from index.outline import ClauseLocator
from index.records import Clause, Responsibility
from index.unitlist import (
    CLOSE,
    FIRST_GROUP,
    FIRST_UNIT,
    LABEL,
    OPEN,
    UnitList,
    lead_by_rule,
    parse_body,
)

_ROLE_WORD = re.compile(r"负责|負責|牵头|牽頭|配合|参与|參與")
# A bare list line: ``责任单位：市科技局、市工信局，各区县（市）政府``.
_LINE = re.compile(r"^[ \t\u3000]*(?=(?:[责責]任|[牵牽][头頭]|配合|[负負][责責])[单單部][位门門]\s*[:：])"
                   r"(?P<body>.+?)[。.]?[ \t]*$", re.M)
_LEAD_IN = re.compile(r"^([^，。；：:,]{2,15})[：:]")
_LONG_TASK = 80
_END = "。；;！？!?\n"


def split_units(body: str) -> tuple[list[list[str]], list[str]]:
    """Split a list body into groups of units, and pick out the lead units.

    ``市发展和改革局牵头,市直有关部门,各镇街`` → ``[[市发展和改革局], [市直有关部门], [各镇街]]``
    with lead ``[市发展和改革局]``; a trailing 等 and the words 牵头/配合 are not part of a
    unit's name.
    """
    units = parse_body(body)
    return ([list(g) for g in units.groups], list(units.lead)) if units else ([], [])


def _brackets(text: str) -> Iterator[tuple[int, int]]:
    """Spans of bracket pairs within a line, inner ones first."""
    stack: list[int] = []
    for i, c in enumerate(text):
        if c == "\n":
            stack.clear()
        elif c in OPEN:
            stack.append(i)
        elif c in CLOSE and stack:
            yield stack.pop(), i + 1


def _closes_sentence(text: str, a: int, b: int) -> bool:
    return a == 0 or text[a - 1] in _END or b == len(text) or text[b] in _END


def text_lists(clean: str) -> list[tuple[int, int, UnitList]]:
    """Bracketed and bare-line lists of a cleaned text, in text order."""
    found = []
    for a, b in _brackets(clean):
        body = clean[a + 1: b - 1].strip()
        if LABEL.match(body):
            units = parse_body(body)
        elif _ROLE_WORD.search(body) and _closes_sentence(clean, a, b):
            units = parse_body(body, strict=True)
        else:
            continue
        if units:
            found.append((a, b, units))
    lines: list[tuple[int, int, UnitList]] = []
    for m in _LINE.finditer(clean):
        if units := parse_body(m.group("body")):
            if lines and clean[lines[-1][1]: m.start("body")].strip() == "":  # 牵头单位：… / 配合单位：… lines
                a, _, first = lines.pop()
                units = UnitList(first.groups + units.groups, first.lead + units.lead, first.marked or units.marked)
                lines.append((a, m.end("body"), units))
            else:
                lines.append((m.start("body"), m.end("body"), units))
    found += lines
    found.sort(key=lambda f: (f[0], -f[1]))
    out: list[tuple[int, int, UnitList]] = []
    for f in found:  # a list inside another is part of it
        if not out or f[0] >= out[-1][1]:
            out.append(f)
    return out


def _task_clause(clause: Clause, by_id: dict[str, Clause]) -> Clause:
    # An enumeration (一是…) is part of its measure, not a measure of its own.
    while clause.marker.endswith("是") and clause.parent in by_id:
        clause = by_id[clause.parent]
    return clause


def _sentences_before(clean: str, holder: Clause, start: int, prev: int | None) -> str:
    """What a list closes when its measure holds several: the text since the previous list,
    the measure's heading or the start of the paragraph, whichever is nearest. A long text
    is named by its lead-in (``金融支持：…``) or else its first sentence."""
    head = clean.find(holder.heading, holder.clean_span[0])
    para = clean.rfind("\n", 0, start) + 1
    if not clean[para:start].strip():  # a bare 责任单位 line closes the paragraph above it
        para = clean.rfind("\n", 0, max(para - 1, 0)) + 1
    since = max(prev or 0, head + len(holder.heading) if head >= 0 else 0, para)
    text = clean[since:start].strip(" \t\n。；;，,：:")
    if len(text) > _LONG_TASK:
        text = m.group(1) if (m := _LEAD_IN.match(text)) else re.split(r"(?<=。)", text)[0]
    return text.rstrip("。")


def _rules(clean: str) -> list[tuple[int, re.Pattern[str]]]:
    return sorted((m.start(), rule) for rule in (FIRST_UNIT, FIRST_GROUP) for m in rule.finditer(clean))


def extract_duties(
    clean: str, offsets: Sequence[int], clauses: Sequence[Clause], doc_id: str
) -> list[Responsibility]:
    """Every responsibility list as a ``Responsibility`` of the clause holding it.

    Returns:
        Responsibilities in text order. ``task`` is the holding measure's heading or, when
        a measure holds several lists, the sentences each list closes; for a table row, its
        task cell. ``lead`` follows 牵头 marks, else a rule such as “列第一位者为牵头单位”
        stated before (or in) the list.
    """
    locator = ClauseLocator(clauses)
    by_id = {c.id: c for c in clauses}
    rules = _rules(clean)
    rows = table_lists(clean)
    found = [(a, b, "", u) for a, b, u in text_lists(clean)
             if not any(r[0] <= a < r[1] for r in rows)]
    found = sorted(found + rows, key=lambda f: f[0])
    holders = [_task_clause(c, by_id).id if (c := locator.at(f[0])) and not f[2] else None for f in found]
    last_end: dict[str, int] = {}
    duties: list[Responsibility] = []
    for (start, end, task, units), holder in zip(found, holders, strict=True):
        clause = locator.at(start)
        if holder is not None:
            task = by_id[holder].heading
            if holders.count(holder) > 1:  # several lists in one measure: each closes its sentences
                task = _sentences_before(clean, by_id[holder], start, last_end.get(holder)) or task
            last_end[holder] = end
        rule = next((r for p, r in reversed(rules) if p < end), None)
        duties.append(
            Responsibility(
                doc_id=doc_id,
                clause_id=clause.id if clause else f"{doc_id}/序",
                task=task,
                units=units.units,
                groups=units.groups,
                lead=lead_by_rule(units, rule),
                text=clean[start:end],
                span=(offsets[start], offsets[end - 1] + 1),
                clean_span=(start, end),
            )
        )
    return duties
