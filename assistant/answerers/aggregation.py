"""合计 / 一共: the figures measured the same way, summed, the computation shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, in_script
from assistant.figures import decimal_places, number_text
from assistant.groups import candidates

if TYPE_CHECKING:
    from assistant.context import QueryContext


class AggregationAnswerer:
    name = "aggregation"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q = ctx.question
        group = candidates(ctx)
        if len(group) < 2:
            return None
        vals = [g.item.fig.value for g in group]
        decimals = max(decimal_places(g.item.fig.text) for g in group)
        total = round(sum(vals), decimals)
        total_s = f"{total:.{decimals}f}" if decimals else str(int(round(total)))
        computation = "+".join(number_text(g.item.fig) for g in group) + f"={total_s}"
        unit = group[0].item.fig.unit
        fi = group[0].item
        text = f"{ctx.state.place(fi.doc)}合计{total_s}{unit}（{computation}）。"
        cits = tuple(cite(g.item.doc, g.item.clause, *g.item.fig.clean_span, highlight=(g.item.fig.text,)) for g in group)
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits,
                      figures=(f"{total_s}{unit}",), type="aggregation", computation=computation)
