"""合计 / 一共 / 加起来: the figures measured the same way for the subjects the question
names (or one from each document it names), each stated with its subject and cited, summed,
the computation shown and said to be computed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.joined import alike, currency, joined, stated_as, unnamed
from assistant.compose import cite_figure, cn_count, in_script
from assistant.figures import FigureView, decimal_places, number_text, with_basis
from assistant.magnitudes import common_unit, in_unit

if TYPE_CHECKING:
    from assistant.context import QueryContext


class AggregationAnswerer:
    name = "aggregation"

    def answer(self, ctx: QueryContext) -> Answer | None:
        from assistant.answerers.comparison import across_documents, apart, bound, compared

        q = ctx.question
        across = across_documents(ctx)
        if across is not None and (across.missing or across.mixed):
            return apart(ctx, across, "相加")
        pair = joined(ctx) if across is None else None  # A加B: each by the part of a sentence naming it
        if pair is not None and pair.absent:
            return unnamed(ctx, pair, "相加")
        inputs = across.labelled() if across is not None else compared(ctx)
        if pair is not None and pair.picks and (len(inputs) < 2 or alike(inputs)):
            inputs = list(pair.picks)
        if len(inputs) < 2:
            return None
        figs = [x.item.fig for _, x in inputs]
        unit = common_unit([f.unit for f in figs])
        if unit is None:
            return None
        # 5.2万亿元 and 67665亿元: added in 亿元, each conversion shown
        each = [in_unit(f, unit, number_text(f)) for f in figs]
        decimals = max(decimal_places(n) for _, n, _ in each)
        total = round(sum(v for v, _, _ in each), decimals)
        total_s = f"{total:.{decimals}f}" if decimals else str(int(round(total)))
        computation = "，".join([step for _, _, step in each if step] + ["+".join(n for _, n, _ in each) + f"={total_s}"])
        docs = {x.item.doc.source.doc_id for _, x in inputs}
        where = f"{ctx.state.place(inputs[0][1].item.doc)}：" if len(docs) == 1 else ""
        shown_as = stated_as if pair is not None and pair.picks and inputs == list(pair.picks) else with_basis
        parts = "，".join(f"{label}{shown_as(x.item)}" for label, x in inputs)
        bounds = {bound(x.item.fig.qualifier) for _, x in inputs}  # 2家 and 3家以上 make at least 5家
        at = "至少" if "floor" in bounds and "ceiling" not in bounds else "最多" if bounds == {"ceiling"} else ""
        text = f"{where}{parts}，合计{at}{_written_like([x.item for _, x in inputs], total, total_s)}{unit}（{computation}，据文件数字计算）"
        whole = stated_whole(ctx, [x.item for _, x in inputs])
        # 全年地区生产总值32074.7亿元。其中，第一产业…: the total the document states itself,
        # when the parts make it up (up to each part's rounding)
        if whole is not None and abs(whole.fig.value - total) <= len(figs) * 0.5 * 10 ** -decimals + 1e-9:
            same = abs(whole.fig.value - total) < 1e-9
            text += f"；文件给出的总数为{whole.fig.text}，" + ("与合计一致" if same else "与合计的差异来自各项数字的四舍五入")
        else:
            whole = None
        text += "。"
        shown = [x.item for _, x in inputs] + ([whole] if whole is not None else [])
        cits = tuple(dict.fromkeys(cite_figure(fi) for fi in shown))  # a figure each item's (各为) is cited once
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits,
                      figures=(f"{total_s}{unit}",), type="aggregation", computation=computation)


def _written_like(figs: list[FigureView], total: float, total_s: str) -> str:
    """The total written as its inputs are: in Chinese numerals when they all are (二萬元 and
    二萬元 make 四万元: no digit the document does not write is stated), after the currency
    they all name (新臺幣)."""
    money = {currency(f) for f in figs}
    before = money.pop() if len(money) == 1 else ""
    if all(not re.search(r"\d", f.fig.text) for f in figs) and float(total).is_integer():
        return before + cn_count(int(total))
    return before + total_s


def stated_whole(ctx: QueryContext, parts: list[FigureView]) -> FigureView | None:
    """The total the parts break down, when the document states it just before them with
    其中 (全年地区生产总值32074.7亿元，比上年增长4.7%。其中，第一产业增加值…): a figure of
    the same unit, in the same clause, with no other figure of that unit between."""
    first = min(parts, key=lambda f: f.fig.clean_span[0])
    if any(f.doc is not first.doc or f.unit != first.unit for f in parts):
        return None
    view = ctx.state.view(first.doc.source.doc_id)
    before = [f for f in view.figs if f.fig.clause_id == first.fig.clause_id and f.unit == first.unit
              and f.fig.clean_span[1] <= first.fig.clean_span[0]]
    if not before:
        return None
    whole = max(before, key=lambda f: f.fig.clean_span[1])
    between = first.doc.clean[whole.fig.clean_span[1]:first.fig.clean_span[0]]
    if "其中" not in between or len(between) > 60 or whole.fig.value <= max(f.fig.value for f in parts):
        return None
    return whole

