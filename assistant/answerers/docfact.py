"""文号 / 成文日期 / 发文机关 / 索引号…: a document's metadata, quoting the line that states it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import in_script, merge
from assistant.docfacts import cite_raw, fact_value

if TYPE_CHECKING:
    from assistant.context import QueryContext


class DocFactAnswerer:
    name = "docfact"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q, state = ctx.question, ctx.state
        docs = ctx.scope or tuple(s.doc_id for s in state.sources)
        if len(docs) > 1 and not q.docs:
            docs = docs[:2] if len(docs) == 2 else docs
        answers = []
        for doc_id in docs:
            doc = state.document(doc_id)
            label, value = fact_value(doc, q.docfact)
            if not value:
                continue
            cit = cite_raw(doc, value)
            if cit is None:
                continue
            text = f"{doc.source.label}的{label}为{value}。"
            answers.append(Answer(question=q.text, answer=in_script(text, q.script), found=True,
                                  citations=(cit,), figures=(value,), type="docfact"))
        if not answers:
            return None
        if len(answers) == 1:
            return answers[0]
        return merge(q.text, *answers[:2])
