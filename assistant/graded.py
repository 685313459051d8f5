"""Grades a question sets side by side (3级比2级多多少, 一类和二类各报多少): for each grade,
the best figure of the question's measure whose heading or phrase names that grade and no
sibling of it. Grades are not search terms (a number and its classifier), so the items the
question coordinates miss them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.figures import COUNTING, normalized
from assistant.scoring import Scored, score_figures
from assistant.siblings import counts_asked, counts_by, miscounted

if TYPE_CHECKING:
    from assistant.context import QueryContext


def graded_items(ctx: QueryContext) -> list[tuple[str, Scored]]:
    """(grade as the question writes it, its figure) for two or more grades of one kind the
    question names, each found; empty when any grade has no figure of the measure, or the
    figures are in different units."""
    grades = counts_asked(ctx.question.norm)
    if len(grades) < 2 or len({cls for _, cls in grades}) > 1 or len({g for g, _ in grades}) < len(grades):
        return []
    terms = tuple(t for t in ctx.terms if not COUNTING.fullmatch(t) and t not in {g for g, _ in grades})
    scored = [x for x in score_figures(ctx.but(terms=terms, hist_terms=()), strict=False) if x.derived is None]
    floor = ctx.config.score_min_figure
    tops: list[tuple[str, list[Scored]]] = []
    for grade, cls in grades:
        hits = [x for x in scored if counts_by(x.item.ctx, cls) and miscounted(grade, x.item.ctx) is None]
        if not hits or hits[0].score < floor:
            return []
        top = hits[0]  # the figures of its best sentence: 职工参保人员…300元、居民参保人员…200元
        tops.append((grade, [x for x in hits if x.item.sent == top.item.sent and x.item.clause is top.item.clause]))
    # the subject each figure of such a sentence is stated for: the one the question names,
    # else the best figure's, the same for every grade (like set against like)
    subjects = [_tail(x) for _, same in tops for x in same]
    subject = next((t for t in subjects if t in ctx.question.norm), _tail(tops[0][1][0]))
    named = subject in ctx.question.norm
    out: list[tuple[str, Scored]] = []
    for grade, same in tops:
        pick = next((x for x in same if _tail(x) == subject), same[0])
        several = len({_tail(x) for x in same}) > 1
        out.append((grade + _tail(pick) if several and not named and _tail(pick) != NONE else grade, pick))
    if len({x.item.unit for _, x in out}) > 1 or len({id(x) for _, x in out}) < len(out):
        return []
    return out


def _tail(x: Scored) -> str:
    """The subject a figure's measure ends with (…限额标准为职工参保人员 → 职工参保人员), at
    least two characters; a sentence's list of subjects each with its figure."""
    tail = re.split(r"[为是：:，,、]", normalized(x.item.fig.measure or ""))[-1]
    tail = re.sub(r"每(?:人|户|月|年|日|天)", "", tail)
    return tail if len(tail) >= 2 else NONE


NONE = "\0"  # no subject of its own
