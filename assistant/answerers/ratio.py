"""Values the text implies but does not state, computed and shown with every input cited:
``A是B的几倍`` (a ratio), ``平均每个项目…多少`` (an amount over the count of its sentence),
``增量折算成增长率`` (``X，比Y年增加D`` → D/(X−D)), ``从A增长到B，增加了多少`` (B−A)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.capacity import CAPACITY, capacity
from assistant.answerers.complement import BEFORE, REST, before, rest
from assistant.compose import cite, in_script, subject_of
from assistant.figures import FigureView, decimal_places, measure_words, number_text
from assistant.magnitudes import common_unit, in_unit
from assistant.periods import names_period
from assistant.scoring import Scored, score_figures, unmatched

if TYPE_CHECKING:
    from assistant.context import QueryContext

_AREA = re.compile(r"全[国省市县区]")  # the whole area, which each document names its own way
_ROUGH = re.compile(r"大约|大概|约|左右|差不多")  # an approximate share asked: fewer places
RATIO = re.compile(r"的(几|多少)倍|(几|多少)倍于")
AVERAGE = re.compile(r"平均(?:每|一)(个|家|项|座|处|名|人|件|条)")
GROWTH = re.compile(r"(增量|增加额|增加值增量|增加).{0,12}(折算|换算|算成|算下来|折合|相当于).{0,12}(增长率|增速|增幅|增长百分之几|百分之几)"
                    r"|(增长率|增速|增幅)是?(多少|几)?.{0,4}(按|由|从)增量")
FROM_TO = re.compile(r"增加了?多少|增长了?多少|提高了?多少|多了多少|涨了多少|增了多少|上升了?多少|减少了?多少|下降了?多少|降了多少|少了多少")
_FROM_TO_TEXT = r"从(?:\d{{4}}年的?)?{a}[^，,。；;]{{0,12}}?(?:增长|增加|提高|提升|上升|扩大|下降|减少|降低|降至|增至|提高至)(?:到|至)(?:\d{{4}}年的?)?{b}"


def _fmt(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}" if decimals else str(int(round(value)))


def _cite(x: FigureView, *figs: str):  # noqa: ANN202 - a Citation
    return cite(x.doc, x.clause, *x.fig.clean_span, highlight=figs or (x.fig.text,))


class DerivedAnswerer:
    name = "derived"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q = ctx.question
        if len(q.docs) >= 2 and "占" in q.norm:
            return share_across(ctx)  # 宜春GDP占江西全省GDP: one figure of each document
        if RATIO.search(q.norm):
            return _ratio(ctx)
        if AVERAGE.search(q.norm):
            return _average(ctx)
        if GROWTH.search(q.norm):
            return _growth(ctx)
        if FROM_TO.search(q.norm):
            return _from_to(ctx)  # with 比2020年: only a sentence going from that year
        if REST.search(q.norm):
            return rest(ctx)
        if BEFORE.search(q.norm):
            return before(ctx)
        if CAPACITY.search(q.norm):
            return capacity(ctx)
        return None


def share_across(ctx: QueryContext) -> Answer | None:
    """A占B (two documents): the measure of the document named before 占 over the other's,
    one period; figures of different periods or units are not divided."""
    from assistant.answerers.comparison import across_documents, apart

    q = ctx.question
    loose = ctx.but(question=replace(q, unit_hint=None, hard_unit=False))  # the share is ours
    each = across_documents(loose)
    if each is not None and (each.missing or each.mixed):
        return apart(ctx, each, "相除")
    labelled = each.labelled() if each is not None else _alike_pair(loose)
    at = q.norm.index("占")
    named = [(q.norm.find(label.rstrip("省市县区")), label, x) for label, x in labelled]
    part = [p for p in named if 0 <= p[0] < at]
    whole = [p for p in named if p[0] > at or (p[0] >= 0 and q.norm.find(p[1].rstrip("省市县区"), at) > at)]
    if len(named) != 2 or len(part) != 1 or not whole or whole[0] is part[0]:
        return None
    (_, lp, a), (_, lw, b) = part[0], whole[0]
    fa, fb = a.item.fig, b.item.fig
    unit = common_unit([fa.unit, fb.unit])
    if unit is None or unit in ("%", "％") or not fb.value or fa.value >= fb.value:
        return None
    (va, na, sa), (vb, nb, sb) = in_unit(fa, unit, number_text(fa)), in_unit(fb, unit, number_text(fb))
    places = q.decimals if q.decimals is not None else ctx.config.share_rough_places if _ROUGH.search(q.norm) else 2
    v = _fmt(round(va / vb * 100, places), places)
    computation = "，".join([s for s in (sa, sb) if s] + [f"{na}/{nb}*100={v}"])
    text = (f"{lp}为{fa.text}，{lw}为{fb.text}，{lp}约占{lw}的{v}%（{computation}，据文件数字计算）。")
    return Answer(question=q.text, answer=in_script(text, q.script), found=True,
                  citations=(_cite(a.item), _cite(b.item)), figures=(f"{v}%", fa.text, fb.text),
                  type="derived", computation=computation)


def _alike_pair(ctx: QueryContext) -> list[tuple[str, Scored]]:
    """One figure of each of two documents when the per-document pick finds none: each
    document's best, of one unit, each unrivalled by another of that unit scoring as well
    (城镇常住人口 beside 常住人口 is no pick)."""
    if len(ctx.question.docs) != 2:
        return []
    ranked = [[x for x in score_figures(ctx.but(scope=(d,), terms=tuple(t for t in ctx.terms if not _AREA.fullmatch(t))),
                                        strict=False)[:ctx.config.share_candidates] if x.derived is None]
              for d in ctx.question.docs]
    if not all(ranked):
        return []
    out = []
    for first in (ranked[0][0], ranked[1][0]):
        unit = first.item.unit
        same = [[x for x in r if x.item.unit == unit] for r in ranked]
        if not all(same) or any(len(xs) > 1 and xs[1].score >= xs[0].score - 1e-9 and xs[1].item.fig.value != xs[0].item.fig.value
                                for xs in same):
            continue
        out = [(ctx.state.place(xs[0].item.doc) or xs[0].item.doc.source.label, xs[0]) for xs in same]
        break
    return out


def _ratio(ctx: QueryContext) -> Answer | None:
    """A是B的几倍: the two items' figures, the first named over the second."""
    from assistant.answerers.difference import ordered_pair

    q = ctx.question
    pair = ordered_pair(ctx.but(hist_terms=()))
    if pair is None:
        return None
    (la, a), (lb, b) = pair
    fa, fb = a.item.fig, b.item.fig
    if not fb.value or fa.unit != fb.unit:
        return None
    exact = fa.value / fb.value
    places = q.decimals if q.decimals is not None else (0 if float(exact).is_integer() else 2)
    v = _fmt(round(exact, places), places)
    computation = f"{number_text(fa)}/{number_text(fb)}={v}"
    text = (f"{ctx.state.place(a.item.doc)}：{la}为{fa.text}，{lb}为{fb.text}，"
            f"{la}是{lb}的{v}倍（{computation}，据文件数字计算）。")
    cits = (_cite(a.item), _cite(b.item)) if a.item.fig.clean_span != b.item.fig.clean_span else (_cite(a.item),)
    return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits,
                  figures=(f"{v}倍", fa.text, fb.text), type="derived", computation=computation)


def _best(ctx: QueryContext, slack: float = 0.0) -> Scored | None:
    scored = [x for x in score_figures(ctx) if x.derived is None]
    if not scored or scored[0].score < ctx.config.score_min_figure - slack or unmatched(ctx, ctx.terms, scored[0].item):
        return None
    return scored[0]


def _sentence_figures(ctx: QueryContext, fi: FigureView) -> list[FigureView]:
    view = ctx.state.view(fi.doc.source.doc_id)
    return [f for f in view.figs if f.fig.sentence == fi.fig.sentence and f.fig.clause_id == fi.fig.clause_id]


def _average(ctx: QueryContext) -> Answer | None:
    """平均每个项目计划总投资: the amount over the count its sentence gives (项目18个)."""
    q = ctx.question
    per = AVERAGE.search(q.norm).group(1)
    best = _best(ctx)
    if best is None:
        return None
    amount = best.item
    counts = [f for f in _sentence_figures(ctx, amount) if f.unit == per and f.fig.value
              and f.fig.clean_span[1] <= amount.fig.clean_span[0]]
    if not counts or amount.unit == per or not amount.fig.value:
        return None
    count = counts[-1]  # the count written just before the amount
    places = q.decimals if q.decimals is not None else 2
    v = _fmt(round(amount.fig.value / count.fig.value, places), places)
    computation = f"{number_text(amount.fig)}/{number_text(count.fig)}={v}"
    unit = amount.fig.unit
    text = (f"{ctx.state.place(amount.doc)}{subject_of(amount.clause, ctx.state.clause)}："
            f"{measure_words(amount)}{amount.fig.text}，共{count.fig.text}，平均每{per}约{v}{unit}"
            f"（{computation}，据文件数字计算）。")
    return Answer(question=q.text, answer=in_script(text, q.script), found=True,
                  citations=(_cite(amount, amount.fig.text, count.fig.text),),
                  figures=(f"{v}{unit}", amount.fig.text, count.fig.text), type="derived", computation=computation)


def _growth(ctx: QueryContext) -> Answer | None:
    """增量折算成增长率: ``X，比Y年增加D`` gives D/(X−D)."""
    q = ctx.question
    loose = ctx.but(question=replace(q, unit_hint=None, hard_unit=False))  # the rate is ours; the inputs are amounts
    for x in score_figures(loose, strict=False)[:8]:
        m = re.search(r"比((?:19|20)\d{2})年(?:增加|增长|提高|多)(\d+(?:\.\d+)?)", x.item.sent)
        if not m or x.item.unit in ("%", "％"):
            continue
        if x.score < ctx.config.score_min_figure - 0.1 or unmatched(ctx, ctx.terms, x.item):
            return None
        # the level the increment is counted from: the figure of the sentence before 比Y年
        level = [f for f in _sentence_figures(ctx, x.item) if f.unit == x.item.unit and f.fig.value
                 and number_text(f.fig) != m.group(2)]
        if not level:
            return None
        fi = level[0]
        d = float(m.group(2))
        base = fi.fig.value - d
        if base <= 0:
            return None
        places = q.decimals if q.decimals is not None else 2
        decimals = max(decimal_places(number_text(fi.fig)), decimal_places(m.group(2)))
        b = _fmt(round(base, decimals), decimals)
        v = _fmt(round(d / round(base, decimals) * 100, places), places)
        computation = f"{number_text(fi.fig)}-{m.group(2)}={b}，{m.group(2)}/{b}*100={v}"
        text = (f"{ctx.state.place(fi.doc)}{subject_of(fi.clause, ctx.state.clause)}：{fi.fig.text}，"
                f"比{m.group(1)}年增加{m.group(2)}{fi.fig.unit}，折算增长{v}%（{computation}，据文件数字计算）。")
        return Answer(question=q.text, answer=in_script(text, q.script), found=True,
                      citations=(_cite(fi, fi.fig.text, m.group(2)),), figures=(f"{v}%",),
                      type="derived", computation=computation)
    return None


def _from_to(ctx: QueryContext) -> Answer | None:
    """从A增长到B，增加了多少: B−A, both cited (one sentence)."""
    q = ctx.question
    # the sentence must go 从A…到B as well: a little below the figure's own floor will do
    # (这五年…增加了多少: the five years are named by the paragraph, not the sentence)
    # and words that only say when (这五年, “十四五”) need not be in the sentence
    timeless = tuple(t for t in ctx.terms if not names_period(t)) or ctx.terms
    best = _best(ctx.but(terms=timeless), slack=0.1)
    if best is None:
        return None
    fi = best.item
    for other in _sentence_figures(ctx, fi):
        if other.unit != fi.unit or other.fig.clean_span == fi.fig.clean_span:
            continue
        first, second = sorted((fi, other), key=lambda f: f.fig.clean_span[0])
        pattern = _FROM_TO_TEXT.format(a=re.escape(number_text(first.fig)), b=re.escape(number_text(second.fig)))
        if not re.search(pattern, fi.sent) or not all(f"{y}年" in fi.sent for y in q.base_years):
            continue
        decimals = max(decimal_places(first.fig.text), decimal_places(second.fig.text))
        diff = round(second.fig.value - first.fig.value, decimals)
        v = _fmt(abs(diff), decimals)
        computation = f"{number_text(second.fig)}−{number_text(first.fig)}={v}" if diff >= 0 else \
            f"{number_text(first.fig)}−{number_text(second.fig)}={v}"
        word = "增加" if diff >= 0 else "减少"
        unit = "个百分点" if fi.unit in ("%", "％") else second.fig.unit
        text = (f"{ctx.state.place(fi.doc)}{subject_of(fi.clause, ctx.state.clause)}：从{first.fig.text}到"
                f"{second.fig.text}，{word}{v}{unit}（{computation}，据文件数字计算）。")
        return Answer(question=q.text, answer=in_script(text, q.script), found=True,
                      citations=(_cite(fi, first.fig.text, second.fig.text),),
                      figures=(f"{v}{unit}", first.fig.text, second.fig.text), type="derived",
                      computation=computation)
    return None
