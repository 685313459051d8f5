"""哪个更高 / 最高 / 第二高 / 谁大，大多少: the figures measured the same way for the
subjects the question compares (two it names, the items of a ``分别`` list, the headings of
a group, one figure from each document it names), every one stated and cited, the winner
named (ties together), the difference shown when asked."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.joined import alike, joined, stated_as, unnamed
from assistant.compose import cite_figure, cn_count, in_script, strip_marker, subject_of
from assistant.figures import decimal_places, item_label, measure_words, number_text, with_basis
from assistant.groups import candidates, named_items
from assistant.magnitudes import common_unit, in_unit
from assistant.per_document import (
    DocumentFigures,
    missing_text,
    per_document,
    per_period,
    period_note,
)
from assistant.scoring import Scored

if TYPE_CHECKING:
    from assistant.context import QueryContext

# the difference is asked too (哪个多？多多少？ / 谁大，大多少 / 最高和最低的差)
DIFF_ASKED = re.compile(r"[多高低少大小]多少|差多少|相差|差距|差值|的差|之差|高出|多出|[高多大低少小差][几多]个?百分点")
_RANK = re.compile(r"第([二三四五两2-5])(?:高|多|大|低|少|小)")
_SPAN = re.compile(r"最(?:高|多|大).{0,6}(?:和|与|跟|同)最(?:低|少|小)")
_ORDINAL = {"二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "2": 2, "3": 3, "4": 4, "5": 5}
_SHOWN = 6
_ADJ = re.compile(r"(?:更|最|第[二三四五两2-5])?(高|多|大|低|(?<!多)少|小|快|慢)(?=[？?。，,！!；的]|$|呢|一些|些)")  # values stated at most; the others are counted


class ComparisonAnswerer:
    name = "comparison"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q = ctx.question
        across = across_documents(ctx)
        if across is not None and (across.missing or across.mixed):
            return apart(ctx, across, "比较")
        pair = joined(ctx) if across is None else None
        if pair is not None and pair.absent:
            return unnamed(ctx, pair, "比较")
        inputs = across.labelled() if across is not None else over_time(ctx) or compared(ctx)
        if pair is not None and pair.picks and (len(inputs) < 2 or alike(inputs)):
            inputs = list(pair.picks)  # A和B: each by the part of a sentence naming it
        if len(inputs) < 2:
            return None
        unit = common_unit([x.item.fig.unit for _, x in inputs])
        if unit is None:
            return None
        high = q.extreme != "min"
        ordered = sorted(inputs, key=lambda p: compared_value(p[1], unit), reverse=high)
        if _SPAN.search(q.norm):
            return _span(ctx, ordered if high else ordered[::-1])
        m = _RANK.search(q.norm)
        nth = _ORDINAL[m.group(1)] if m else 1
        values = sorted({compared_value(p[1], unit) for p in inputs}, reverse=high)
        if nth > len(values):
            return None
        winners = [p for p in ordered if compared_value(p[1], unit) == values[nth - 1]]
        shown = ordered[:_SHOWN] if len(ordered) > _SHOWN else inputs
        shown = shown + [w for w in winners if w not in shown]
        adj = _ADJ.findall(q.norm)
        adj = adj[-1] if adj and (adj[-1] in "高多大快") == high else ("高" if high else "低")
        word = f"最{adj}" if nth == 1 else f"第{cn_count(nth)}{adj}"
        if len(inputs) == 2 and nth == 1:
            word = f"更{adj}"
        shown_as = stated_as if pair is not None and pair.picks and inputs == list(pair.picks) else with_basis
        parts = "，".join(f"{label}为{shown_as(x.item)}" for label, x in shown)
        rest = f"（共比较{cn_count(len(inputs))}项）" if len(shown) < len(inputs) else ""
        tie = "并列" if len(winners) > 1 else ""
        who = "、".join(label for label, _ in winners)
        text = f"{_where(ctx, inputs)}{parts}{rest}；{who}{tie}{word}"
        if nth == 1 and len(inputs) == 2:
            text += qualifier_note(sorted(inputs, key=lambda p: compared_value(p[1], unit), reverse=True))
        figures = [w[1].item.fig.text for w in winners] + [x.item.fig.text for _, x in shown]
        computation = None
        if DIFF_ASKED.search(q.norm) and len(inputs) == 2:
            (la, a), (lb, b) = ordered[0], ordered[1]  # the winner first (ordered for the extreme asked)
            value, unit, computation = difference(*((a, b) if high else (b, a)))  # the larger less the smaller
            text += f"，{la}比{lb}{'高' if high else '低'}{value}{unit}（{computation}）"
            figures.append(f"{value}{unit}")
        cits = tuple(cite_figure(x.item)
                     for _, x in shown)
        return Answer(question=q.text, answer=in_script(text + "。", q.script), found=True, citations=cits,
                      figures=tuple(dict.fromkeys(figures)), type="comparison", computation=computation,
                      extra={"compared": [x.item.fig.clause_id for _, x in inputs]})


def _span(ctx: QueryContext, ordered: list[tuple[str, Scored]]) -> Answer:
    """最高和最低的差: the highest minus the lowest, both stated and cited."""
    q = ctx.question
    (la, a), (lb, b) = ordered[0], ordered[-1]
    value, unit, computation = difference(a, b)
    text = (f"{_where(ctx, ordered)}最高为{la}{a.item.fig.text}，最低为{lb}{b.item.fig.text}"
            f"（共比较{cn_count(len(ordered))}项），相差{value}{unit}（{computation}）。")
    cits = tuple(cite_figure(x.item) for x in (a, b))
    return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits,
                  figures=(a.item.fig.text, b.item.fig.text, f"{value}{unit}"), type="derived",
                  computation=computation)


# what a qualifier says of the value: at most it (以内, 最高, 不超过), at least it (以上, 不低于)
_CEILING = re.compile(r"不超|不得超|不高于|不大于|以内|内|以下|低于|最高|最长|最長|最多|未逾|未满|不满|接近|^近")
_FLOOR = re.compile(r"以上|超|突破|多|不低于|不少于|不小于|至少|余|满|最低|不得少")


def bound(qualifier: str | None) -> str:
    q = qualifier or ""
    if "以上" in q and "以下" in q:
        return "point"  # a range
    return "ceiling" if _CEILING.search(q) else "floor" if _FLOOR.search(q) else "point"


def qualifier_note(pair: list[tuple[str, Scored]]) -> str:
    """A note when the qualifiers make the order uncertain: the lower value is a floor
    (5%以上 may well exceed 5.5%左右), the higher a ceiling, or equal values qualified
    differently (5%左右 and 5%以上); empty when the figures say the order plainly."""
    (lw, w), (ll, lo) = pair
    kw, kl = bound(w.item.fig.qualifier), bound(lo.item.fig.qualifier)
    if kw == kl or not (kl == "floor" or kw == "ceiling" or w.item.fig.value == lo.item.fig.value):
        return ""
    return (f"（注意：{lw}为{w.item.fig.text}，{ll}为{lo.item.fig.text}，限定词不同，"
            f"以上只是按数字比较，实际高低不能确定）")


def difference(a: Scored, b: Scored) -> tuple[str, str, str]:
    """``a − b`` as (value, unit, computation); percentages differ by 个百分点, amounts of
    different magnitude (万亿元, 亿元) are subtracted in the smaller, the conversion shown."""
    fa, fb = a.item.fig, b.item.fig
    unit = common_unit([fa.unit, fb.unit]) or fa.unit
    (va, na, sa), (vb, nb, sb) = in_unit(fa, unit, number_text(fa)), in_unit(fb, unit, number_text(fb))
    decimals = max(decimal_places(na), decimal_places(nb))
    value = round(va - vb, decimals)
    v = f"{value:.{decimals}f}" if decimals else str(int(round(value)))
    unit = "个百分点" if fa.unit in ("%", "％") else unit
    return v, unit, "，".join([s for s in (sa, sb) if s] + [f"{na}−{nb}={v}"])


def compared_value(x: Scored, unit: str | None) -> float:
    """The figure's value in ``unit`` (the inputs' common unit), for ordering."""
    fig = x.item.fig
    return in_unit(fig, unit, number_text(fig))[0] if unit else fig.value


def across_documents(ctx: QueryContext) -> DocumentFigures | None:
    """One figure of each document the question names, of one period (None when it names
    fewer than two, or they do not all use its words)."""
    if len(ctx.question.docs) < 2:
        return None
    each = per_document(ctx.but(hist_terms=()))
    labels = [label for label, _, _ in each.picks] + [label for label, _, _ in each.missing]
    if len(labels) < 2 or len(set(labels)) < len(labels):
        return None
    return each


def over_time(ctx: QueryContext) -> list[tuple[str, Scored]]:
    """The measure in the two single years the question names in one document (今年的目标比
    去年实际高还是低), each labelled by its year as the question says it."""
    return [(label, x) for label, x, _ in per_period(ctx.but(hist_terms=()))]


def apart(ctx: QueryContext, each: DocumentFigures, verb: str) -> Answer:
    """Figures of documents that cannot be set against each other: one document lacks the
    measure for the period asked, or the figures are of different periods. Each figure is
    stated with its period and cited; nothing is compared or added up."""
    q = ctx.question
    stated = "，".join(f"{label}为{x.item.fig.text}{period_note(x.item, p)}" for label, x, p in each.picks)
    lacking = "；".join(missing_text(ctx, label, asked, other) for label, asked, other in each.missing)
    if each.missing:
        text = f"{lacking}，无法{verb}" + (f"；{stated}" if stated else "") + "。"
    else:
        text = f"{stated}；这些数字所属时期不同，不能直接{verb}。"
    shown = [x for _, x, _ in each.picks] + [o for _, _, o in each.missing if o is not None]
    cits = tuple(cite_figure(x.item)
                 for x in shown)
    return Answer(question=q.text, answer=in_script(text, q.script), found=False, citations=cits,
                  type=q.intent, extra={"periods": "missing" if each.missing else "mixed"})


def compared(ctx: QueryContext) -> list[tuple[str, Scored]]:
    """The subjects compared, each with its figure: the items the question names, else the
    figures like the best match, named by their subject (one per document it names is
    ``across_documents``', tried first)."""
    bare = ctx.but(hist_terms=())
    named = named_items(bare)
    if named:
        return named
    group: list[Scored] = []
    for x in candidates(ctx):
        if not any(x.item.fig.clean_span == y.item.fig.clean_span and x.item.doc is y.item.doc for y in group):
            group.append(x)
    labelled = [(item_label(x.item) or _heading_apart(ctx, x, group), x) for x in group]
    labels = [label for label, _ in labelled]
    # one heading over them all (综合): each is named by what its figure measures
    return [(measure_words(x.item) if labels.count(label) > 1 and measure_words(x.item) != "数值" else label, x)
            for label, x in labelled]


def _heading_apart(ctx: QueryContext, x: Scored, group: list[Scored]) -> str:
    """The nearest heading of ``x`` that the others of the group do not share (做强茶叶产业
    under 发展目标), else its subject."""
    others = {h for y in group if y is not x for h in _headings(ctx, y)}
    for head in _headings(ctx, x):
        if head not in others and len(head) >= 2:
            return head
    return subject_of(x.item.clause, ctx.state.clause)


def _headings(ctx: QueryContext, x: Scored) -> list[str]:
    out, c = [], x.item.clause
    while c is not None:
        out.append(strip_marker(c.heading).rstrip("。.；;"))
        c = ctx.state.clause(c.parent) if c.parent else None
    return out


def _where(ctx: QueryContext, inputs: list[tuple[str, Scored]]) -> str:
    docs = {x.item.doc.source.doc_id for _, x in inputs}
    return f"{ctx.state.place(inputs[0][1].item.doc)}：" if len(docs) == 1 else ""

