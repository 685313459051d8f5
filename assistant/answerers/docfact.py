"""文号 / 成文日期 / 发布日期 / 发文机关 / 索引号…: a document's metadata, each field the question
names, as the line that states it writes it, quoting that line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import in_script, merge
from assistant.docfacts import asked_fields, cite_raw, fact_value

if TYPE_CHECKING:
    from assistant.context import QueryContext


class DocFactAnswerer:
    name = "docfact"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q, state = ctx.question, ctx.state
        docs = ctx.scope or tuple(s.doc_id for s in state.sources)
        if q.docfact == "order" and not q.docs and ctx.hits:
            # 飞行检查办法的令号: the document the search found, not any that has an order
            docs = tuple(dict.fromkeys(h.clause.doc_id for h in ctx.hits[:ctx.config.docfact_hits]))
        if len(docs) > 1 and not q.docs:
            docs = docs[:2] if len(docs) == 2 else docs
        answers = []
        fields = asked_fields(q.norm, q.docfact)
        for doc_id in docs:
            doc = state.document(doc_id)
            said, cits = [], []
            for field in fields:
                label, value = fact_value(doc, field)
                if not value and field == "published":  # no 发布日期 line: the date it has
                    label, value = fact_value(doc, "date")
                cit = cite_raw(doc, value) if value else None
                if cit is None or cit in cits:
                    continue
                said.append(f"{label}为{cit.highlight[0] if cit.highlight else value}")  # as written
                cits.append(cit)
            if not said:
                continue
            text = f"{doc.source.label}的{'；'.join(said)}。"
            answers.append(Answer(question=q.text, answer=in_script(text, q.script), found=True,
                                  citations=tuple(cits), figures=tuple(c.highlight[0] for c in cits if c.highlight),
                                  type="docfact"))
            if q.docfact == "order" and not q.docs:
                break  # one document's order: the best found that has one
        if not answers:
            return _no_order(ctx, docs) if q.docfact == "order" else None
        if len(answers) == 1:
            return answers[0]
        return merge(q.text, *answers[:2])


def _no_order(ctx: QueryContext, docs: tuple[str, ...]) -> Answer | None:
    """第几号令 asked of a document named by the question whose 文号 is not an order's
    (宿政办规〔2026〕1号): a refusal that says so and gives the 文号 it has."""
    q = ctx.question
    if not q.docs:
        return None
    doc = ctx.state.document(q.docs[0])
    _, number = fact_value(doc, "doc_number")
    cit = cite_raw(doc, number) if number else None
    said = f"，其文号为{cit.highlight[0] if cit.highlight else number}" if cit else ""
    text = f"{doc.source.label}未写明令号{said}。"
    return Answer(question=q.text, answer=in_script(text, q.script), found=False,
                  related=(cit,) if cit else (), type="unanswerable")
