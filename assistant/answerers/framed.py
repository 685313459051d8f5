"""以什么为主体、什么为方向、什么为特色: what fills each frame the question names, from the
one phrase that runs through them all (以生物医药制造业为主体，康复智能辅助医疗器械为发展方向，
医养健康、中医药为特色). A list question tries it first; a question read as a fact in words
(FactAnswerer finds no one phrase) falls back to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, in_script, subject_of
from assistant.parallel import asked_frames, framed_items

if TYPE_CHECKING:
    from assistant.context import QueryContext


class FramedAnswerer:
    """以什么为主体、什么为方向、什么为特色 read as a fact in words and not answered as one:
    what fills each frame, from the one phrase that runs through them all."""

    name = "framed"

    def answer(self, ctx: QueryContext) -> Answer | None:
        frames = asked_frames(ctx.question.norm)
        return framed(ctx, frames) if frames else None


def framed(ctx: QueryContext, frames: list[str]) -> Answer | None:
    """What fills each frame the question names (主体, 方向, 特色), from the phrase that runs
    through them all, in the clause the search ranked best of those that hold one."""
    q, state = ctx.question, ctx.state
    for h in ctx.hits:
        doc = state.document(h.clause.doc_id)
        lo, hi = h.clause.clean_span
        spelled = [in_script(f, "traditional") if doc.source.script == "traditional" else f for f in frames]
        spans = framed_items(doc.clean[lo:hi], spelled)
        if spans is None:
            continue
        a, b = lo + spans[0][0], lo + spans[-1][1]
        start = doc.clean.rfind("以", lo, a) if doc.clean.rfind("以", lo, a) >= a - 1 else a
        end = b + len(spelled[-1]) + doc.clean[b:hi].find(spelled[-1])
        items = tuple(doc.clean[lo + x:lo + y] for x, y in spans)
        text = f"{state.place(doc)}{subject_of(h.clause, state.clause)}：{doc.clean[start:end]}。"
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, type="list",
                      citations=(cite(doc, h.clause, start, end, highlight=items),), extra={"items": len(items)})
    return None
