"""Answering one question: its context built, its intent's answerers tried in order, a
refusal when none answers, and the grounding check on what is returned."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.registry import answerers_for
from assistant.context import QueryContext, build_context
from assistant.grounding import grounded
from assistant.refusal import ask_back, in_english, missing, refuse
from index.config import Config

if TYPE_CHECKING:
    from assistant.state import State


def answer_question(state: State, text: str, history: Sequence[Mapping[str, str]],
                    doc_filter: str | None, config: Config) -> Answer:
    """Answer a question (stripped, not too long) in a conversation (plain messages).

    Args:
        state: what is derived from the index.
        text: the question.
        history: earlier turns, oldest first, as ``{"role", "content"}`` dicts.
        doc_filter: a doc_id to answer from that document only (None, ``all``: any).
        config: the settings (limits on what the analysis reads, the scoring weights).
    """
    return respond(build_context(state, text, history, doc_filter, config))


def respond(ctx: QueryContext) -> Answer:
    """The first answer of the question's answerers, or a refusal; checked for grounding."""
    q = ctx.question
    if ctx.ask_back:
        return ask_back(ctx)
    if ctx.unknown_words:
        return in_english(ctx)
    if ctx.unknown_place:
        return refuse(ctx, [ctx.unknown_place], ())
    ans = None
    for answerer in answerers_for(q.intent):
        ans = answerer.answer(ctx)
        if ans is not None:
            break
    if ans is None:
        ans = refuse(ctx, missing(ctx), ctx.hits)
    ans = replace(ans, retrieved=ctx.retrieved, type=ans.type if ans.type != "unknown" else q.intent)
    return grounded(ans, q)
