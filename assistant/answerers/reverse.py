"""〈单位〉负责哪些任务: every task whose unit list holds the unit, across the scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, cn_count, in_script, strip_marker
from assistant.views import DutyView

if TYPE_CHECKING:
    from assistant.context import QueryContext


class ReverseAnswerer:
    name = "reverse"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q = ctx.question
        found = [d for v in ctx.state.in_scope(ctx.scope) for d in v.duties if any(u in d.units for u in q.units)]
        if not found:
            return None
        first = found[0]
        unit_name = first.duty.units[first.units.index(next(u for u in q.units if u in first.units))]
        by_doc: dict[str, list[DutyView]] = {}
        for d in found:
            by_doc.setdefault(d.duty.doc_id, []).append(d)
        parts = []
        for ds in by_doc.values():
            tasks = "；".join(strip_marker(d.duty.task).rstrip("。") for d in ds)
            parts.append(f"{ctx.state.place(ds[0].doc)}{cn_count(len(ds))}项：{tasks}")
        text = f"{unit_name}负责的任务——" + "。".join(parts) + "。"
        cits = tuple(cite(d.doc, d.clause, *d.duty.clean_span, sentence=False,
                          highlight=tuple(d.duty.units[d.units.index(u)] for u in q.units if u in d.units))
                     for d in found)
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits,
                      units=(unit_name,), type="reverse",
                      extra={"tasks": [d.duty.task for d in found]})
