"""合计 / 一共 / 加起来: the figures measured the same way for the subjects the question
names (or one from each document it names), each stated with its subject and cited, summed,
the computation shown and said to be computed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite_figure, in_script
from assistant.figures import decimal_places, number_text

if TYPE_CHECKING:
    from assistant.context import QueryContext


class AggregationAnswerer:
    name = "aggregation"

    def answer(self, ctx: QueryContext) -> Answer | None:
        from assistant.answerers.comparison import across_documents, apart, compared

        q = ctx.question
        across = across_documents(ctx)
        if across is not None and (across.missing or across.mixed):
            return apart(ctx, across, "相加")
        inputs = across.labelled() if across is not None else compared(ctx)
        if len(inputs) < 2:
            return None
        figs = [x.item.fig for _, x in inputs]
        decimals = max(decimal_places(f.text) for f in figs)
        total = round(sum(f.value for f in figs), decimals)
        total_s = f"{total:.{decimals}f}" if decimals else str(int(round(total)))
        computation = "+".join(number_text(f) for f in figs) + f"={total_s}"
        unit = figs[0].unit
        docs = {x.item.doc.source.doc_id for _, x in inputs}
        where = f"{ctx.state.place(inputs[0][1].item.doc)}：" if len(docs) == 1 else ""
        parts = "，".join(f"{label}{x.item.fig.text}" for label, x in inputs)
        text = f"{where}{parts}，合计{total_s}{unit}（{computation}，据文件数字计算）。"
        cits = tuple(dict.fromkeys(cite_figure(x.item)
                                   for _, x in inputs))  # a figure each item's (各为) is cited once
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits,
                      figures=(f"{total_s}{unit}",), type="aggregation", computation=computation)
