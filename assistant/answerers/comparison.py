"""最高 / 最低: the figures measured the same way, the highest or lowest of them named."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, in_script, subject_of
from assistant.figures import FigureView, item_label
from assistant.groups import candidates

if TYPE_CHECKING:
    from assistant.context import QueryContext


class ComparisonAnswerer:
    name = "comparison"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q = ctx.question
        group = candidates(ctx)
        if len(group) < 2:
            return None
        pick = max if q.extreme == "max" else min
        win = pick(group, key=lambda s: s.item.fig.value)
        fi: FigureView = win.item
        word = "最高" if q.extreme == "max" else "最低"
        subject = item_label(fi) or subject_of(fi.clause, ctx.state.clause)
        s, e = fi.seg_span
        text = f"{ctx.state.place(fi.doc)}在比较的各项中，{subject}{word}，为{fi.fig.text}：{fi.doc.clean[s:e]}。"
        cit = cite(fi.doc, fi.clause, *fi.fig.clean_span, highlight=(fi.fig.text,))
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=(cit,),
                      figures=(fi.fig.text,), type="comparison",
                      extra={"compared": [g.item.fig.clause_id for g in group]})
