"""〈单位〉负责哪些任务: every task whose unit list holds the unit, across the scope."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, cn_count, in_script, sentence_bounds, strip_marker
from assistant.views import DutyView
from index.clean import normalize

if TYPE_CHECKING:
    from assistant.context import QueryContext


class ReverseAnswerer:
    name = "reverse"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q = ctx.question
        found = [d for v in ctx.state.in_scope(ctx.scope) for d in v.duties if any(u in d.units for u in q.units)]
        if not found:
            return _stated_duties(ctx)
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


# what a unit's own sentence says it does: 财政部负责安排…, 公安部会同…, 市统计局牵头…
_DOES = re.compile(r"^(?:要|应|应当|将)?(?:负责|牵头|会同|承担|主管|组织|指导)")
MAX_STATED = 8


def _stated_duties(ctx: QueryContext) -> Answer | None:
    """No responsibility list holds the unit: the sentences where the document says what
    the unit does (a 职责 section: ``财政部负责安排、审核实施本预案所需经费``), in order."""
    q, state = ctx.question, ctx.state
    docs = ctx.scope or tuple(dict.fromkeys(h.clause.doc_id for h in ctx.hits))
    cits, unit_name = [], None
    for doc_id in docs:
        doc = state.document(doc_id)
        for c in doc.clauses:
            lo, hi = c.clean_span
            text = normalize(doc.clean[lo:hi]).lower()
            if len(text) != hi - lo:
                continue  # offsets would not map back to the document's text
            for u in q.units:
                at = text.find(u)
                if at < 0 or not _DOES.match(text[at + len(u):]):
                    continue
                unit_name = unit_name or doc.clean[lo + at:lo + at + len(u)]
                s, e = sentence_bounds(doc, c, lo + at, lo + at + len(u))
                cits.append(cite(doc, c, s, e, highlight=(doc.clean[lo + at:lo + at + len(u)],)))
                break
            if len(cits) >= MAX_STATED:
                break
    if not cits:
        return None
    parts = "；".join(c.quote.rstrip("。；;") for c in cits)
    text = f"{unit_name}的职责：{parts}。"
    return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=tuple(cits),
                  units=(unit_name,), type="reverse")
