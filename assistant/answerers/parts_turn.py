"""Figures given in turn for conditions listed before them (对正常经营6、18、36个月以上的，
依次给予最高5000元、1万元、2万元补贴): each part that names one of the listed conditions
(正常经营6个月和36个月以上的…分别最高补多少) takes the figure at the same place in the list
after 依次, said with its condition and cited."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.evidence import say
from assistant.compose import cite_figure, subject_of
from assistant.figures import FigureView

if TYPE_CHECKING:
    from assistant.context import QueryContext

# the number a part names with its unit (6个月, 36个月以上)
_ASKED = re.compile(r"(\d+(?:\.\d+)?)\s*(个月|年|天|日|岁|周岁|小时|次|人|家|个)")
_IN_TURN = re.compile(r"\s*依次")


def in_turn(ctx: QueryContext, parts: list[tuple[str, str]], terms: list[list[str]]) -> Answer | None:
    """Every part's figure from one sentence that lists conditions and gives figures 依次,
    the part's own number naming its condition; None unless every part names one."""
    asked = [([*_ASKED.finditer(text)] or [None])[-1] for text, _ in parts]  # its own, after a shared 离校5年内
    if len(parts) < 2 or any(m is None for m in asked):
        return None
    best: tuple[int, list[tuple[FigureView, FigureView]]] | None = None
    for view in ctx.state.in_scope(ctx.scope):
        for conds, given in _lists(view.figs):
            picked = []
            for m in asked:
                value, unit = float(m.group(1)), m.group(2)  # type: ignore[union-attr]
                at = next((i for i, c in enumerate(conds) if c.fig.value == value and c.unit == unit), None)
                if at is None:
                    break
                picked.append((conds[at], given[at]))
            if len(picked) == len(parts):
                words = {w for t in terms for w in t}
                hits = sum(w in given[0].fig.sentence.lower() or w in given[0].seg2 for w in words)
                if best is None or hits > best[0]:
                    best = (hits, picked)
    return _said(ctx, best[1]) if best is not None else None


def _lists(figs: list[FigureView]) -> list[tuple[list[FigureView], list[FigureView]]]:
    """(the conditions listed, the figures given 依次 for them) of each phrase that gives
    figures in turn right after a phrase listing as many figures of one unit."""
    out = []
    phrases: dict[tuple[int, int], list[FigureView]] = {}
    for fi in figs:
        phrases.setdefault(fi.seg_span, []).append(fi)
    spans = sorted(phrases)
    for before, after in zip(spans, spans[1:], strict=False):
        given, conds = phrases[after], phrases[before]
        conds = [c for c in conds if c.unit == conds[-1].unit]  # not the 离校5年内 before 6、18个月
        text = given[0].doc.clean[after[0]:after[1]]
        if not _IN_TURN.match(text) or given[0].fig.sentence != conds[0].fig.sentence:
            continue
        if len(conds) == len(given) >= 2 and len({c.unit for c in conds}) == 1:
            out.append((conds, given))
    return out


def _said(ctx: QueryContext, picked: list[tuple[FigureView, FigureView]]) -> Answer:
    """The two phrases as written, then each condition asked (its number, unit and bound:
    6个月以上) with its figure."""
    cond0, first = picked[0]
    where = f"{ctx.state.place(first.doc)}{subject_of(first.clause, ctx.state.clause)}"
    clean = first.doc.clean
    bound = _BOUND.search(clean[cond0.seg_span[0]:cond0.seg_span[1]])
    pieces = [f"{cond.fig.value:g}{cond.unit}{bound.group(1) if bound else ''}：{fig.fig.text}" for cond, fig in picked]
    stated = clean[cond0.seg_span[0]:first.seg_span[1]].strip()
    text = f"{where}：{stated}，即" + "；".join(pieces) + "。"
    return Answer(question=ctx.question.text, answer=say(ctx, text), found=True,
                  citations=(cite_figure(first),), figures=tuple(f.fig.text for _, f in picked), type="parts")


# the bound written after the listed numbers' unit (36个月以上的: 以上)
_BOUND = re.compile(r"\d\s*(?:个月|年|天|日|岁|周岁|小时|次|人|家|个)(以上|以下|以内|及以上)?(?!.*\d)")
