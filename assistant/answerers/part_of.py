"""A part and its whole stated in one sentence (年度计划投资 of 计划总投资): the remainder
(还剩多少) or the share (占…比例), computed and shown."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, in_script, subject_of
from assistant.figures import FigureView, decimal_places, measure_words, number_text, similar
from assistant.scoring import score_figures

if TYPE_CHECKING:
    from assistant.context import QueryContext

PART_OF = r"以外|之外|剩余|还剩|其余|除去|扣除|占(其|全部|总)?.{0,12}(比例|比重|百分比|几成)"


class PartOfAnswerer:
    name = "part_of"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q = ctx.question
        if not re.search(PART_OF, q.norm):
            return None
        bare = ctx.but(hist_terms=())
        pair = _whole_and_part(bare)
        if pair is None:
            return None
        top, a, b = pair
        where = f"{ctx.state.place(top.doc)}{subject_of(top.clause, ctx.state.clause)}"
        if re.search(r"占|比例|比重|百分比|几成", q.norm):
            digits = q.decimals if q.decimals is not None else 2
            value = round(b.fig.value / a.fig.value * 100, digits)
            v = f"{value:.{digits}f}"
            computation = f"{number_text(b.fig)}/{number_text(a.fig)}*100={v}"
            text = f"{where}：{measure_words(b)}占{measure_words(a)}的{v}%（{computation}）。"
            figure = f"{v}%"
        else:
            decimals = max(decimal_places(a.fig.text), decimal_places(b.fig.text))
            value = round(a.fig.value - b.fig.value, decimals)
            v = f"{value:.{decimals}f}" if decimals else str(int(value))
            computation = f"{number_text(a.fig)}−{number_text(b.fig)}={v}"
            text = f"{where}：{measure_words(a)}中{measure_words(b)}以外为{v}{a.fig.unit}（{computation}）。"
            figure = f"{v}{a.fig.unit}"
        # the quote holds both figures (a sentence may run past a ；)
        lo = min(a.fig.clean_span[0], b.fig.clean_span[0])
        hi = max(a.fig.clean_span[1], b.fig.clean_span[1])
        cit = cite(top.doc, top.clause, lo, hi, highlight=(a.fig.text, b.fig.text))
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=(cit,),
                      figures=(figure,), type="derived", computation=computation)


def _whole_and_part(ctx: QueryContext) -> tuple[FigureView, FigureView, FigureView] | None:
    """The best figure, and the whole and the part among it and another of its sentence."""
    q, floor = ctx.question, ctx.config.score_min_figure
    if q.unit_hint == "percent":  # a share the text states itself beats one computed
        direct = score_figures(ctx)
        if direct and direct[0].score >= floor and direct[0].item.unit == "%" \
                and re.search(r"占|比重|比例|份额", direct[0].item.seg2):
            return None
    q2 = replace(q, relative_only=True, unit_hint=None, hard_unit=False)  # the whole has no 年度, the share no unit
    scored = [x for x in score_figures(ctx.but(question=q2), strict=False) if x.derived is None]
    if not scored or scored[0].score < floor - 0.1:
        return None
    top = scored[0].item
    pair = [x for x in scored if x.item.fig.sentence == top.fig.sentence and x.item.unit == top.unit
            and x.item.seg_span != top.seg_span and x.score >= scored[0].score - 0.3]
    if not pair:
        return None
    # the whole is measured like the part (城镇… of 农村居民人均可支配收入), not a change (比上年增加…)
    other = max(pair, key=lambda x: (similar(x.item.key, top.key), x.score)).item
    a, b = sorted([top, other], key=lambda f: -(f.fig.value or 0))  # whole, part
    return top, a, b
