"""The ``（责任单位：…）`` lists: who is responsible for which numbered measure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.outline import ClauseLocator
from index.records import Clause, Responsibility

DUTY = re.compile(
    r"[(（]\s*(?:责任单位|責任單位|责任部门|責任部門|牵头单位|牽頭單位|责任主体|責任主體)\s*[:：]\s*"
    r"(?P<body>(?:[^()（）\n]|[(（][^()（）\n]*[)）])*?)\s*[)）]"
)
_LEAD = re.compile(r"\s*(?:[(（](?:牵头|牽頭)[)）]|牵头|牽頭)$")
_HELPER = re.compile(r"\s*(?:[(（](?:配合|参与|參與)[)）]|配合|参与|參與)$")
_ETC = re.compile(r"\s*等$")
_GROUP_SEP = re.compile(r"[，,；;]")


def split_units(body: str) -> tuple[list[list[str]], list[str]]:
    """Split a 责任单位 list into groups of units, and pick out the lead units.

    ``市发展和改革局牵头,市直有关部门,各镇街`` → ``[[市发展和改革局], [市直有关部门], [各镇街]]``
    with lead ``[市发展和改革局]``; a trailing 等 and the words 牵头/配合 are not part of a
    unit's name.
    """
    groups: list[list[str]] = []
    lead: list[str] = []
    for part in _GROUP_SEP.split(body):
        group = []
        for unit in part.split("、"):
            name = unit.strip()
            is_lead = bool(_LEAD.search(name))
            name = _LEAD.sub("", name)
            name = _HELPER.sub("", name)
            name = _ETC.sub("", name).strip()
            if not name:
                continue
            group.append(name)
            if is_lead:
                lead.append(name)
        if group:
            groups.append(group)
    return groups, lead


def _task_clause(clause: Clause, by_id: dict[str, Clause]) -> Clause:
    # An enumeration (一是…) is part of its measure, not a measure of its own.
    while clause.marker.endswith("是") and clause.parent in by_id:
        clause = by_id[clause.parent]
    return clause


def extract_duties(
    clean: str, offsets: Sequence[int], clauses: Sequence[Clause], doc_id: str
) -> list[Responsibility]:
    """Every 责任单位 parenthesis as a ``Responsibility`` of the clause holding it.

    Returns:
        Responsibilities in text order; ``task`` is the holding measure's heading.
    """
    locator = ClauseLocator(clauses)
    by_id = {c.id: c for c in clauses}
    duties: list[Responsibility] = []
    for m in DUTY.finditer(clean):
        clause = locator.at(m.start())
        if clause is None:
            cid, task = f"{doc_id}/序", ""
        else:
            holder = _task_clause(clause, by_id)
            cid, task = clause.id, holder.heading
        groups, lead = split_units(m.group("body"))
        start, end = m.span()
        duties.append(
            Responsibility(
                doc_id=doc_id,
                clause_id=cid,
                task=task,
                units=tuple(u for g in groups for u in g),
                groups=tuple(tuple(g) for g in groups),
                lead=tuple(lead),
                text=m.group(0),
                span=(offsets[start], offsets[end - 1] + 1),
                clean_span=(start, end),
            )
        )
    return duties
