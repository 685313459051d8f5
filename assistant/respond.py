"""Answering one question: its context built, its intent's answerers tried in order, a
refusal when none answers, and the grounding check on what is returned."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.registry import answerers_for
from assistant.compose import in_script
from assistant.conditions import unmet
from assistant.context import QueryContext, build_context
from assistant.grounding import grounded
from assistant.refusal import ask_back, in_english, missing, refuse
from index.clean import normalize
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
    if unreadable(state, text, config):
        return Answer(question=text[:100], answer=UNREADABLE, found=False, type="invalid")
    return respond(build_context(state, text, history, doc_filter, config))


UNREADABLE = "无法理解这个问题：其中大部分字在已收录的文件中从未出现。请换个说法，或先添加相关文件。"


def unreadable(state: State, text: str, config: Config) -> bool:
    """Whether most of a long question's Chinese characters are ones no document uses
    (``Config.unreadable_min_chars``, ``unreadable_share``): random or garbled text. Read in
    Simplified script, as the documents are indexed."""
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if len(han) < config.unreadable_min_chars:
        return False
    han = [ch for ch in normalize(text) if "\u4e00" <= ch <= "\u9fff"]
    if len(han) < config.unreadable_min_chars:
        return False
    unknown = sum(1 for ch in han if not state.weights.uses(ch))
    return unknown > config.unreadable_share * len(han)


def respond(ctx: QueryContext) -> Answer:
    """The first answer of the question's answerers, or a refusal; checked for grounding."""
    q = ctx.question
    if ctx.ask_back:
        return ask_back(ctx)
    if ctx.unknown_words:
        return in_english(ctx)
    if ctx.unknown_place:
        ans = refuse(ctx, [ctx.unknown_place], ())
        near = sorted(ctx.state.catalogue.near_places(ctx.unknown_place))  # 腾州: 滕州 or 郑州
        named = "、".join(near[:-1]) + "或" + near[-1] if len(near) > 1 else "".join(near)
        return replace(ans, answer=ans.answer + in_script(f"您是否指{named}？", q.script)) if near else ans
    foreign = _place_of_no_document(ctx)
    if foreign:
        what = [t for t in ctx.content_terms(None) if t not in foreign and foreign not in t][:2]
        return refuse(ctx, [f"{foreign}的{'、'.join(what)}".rstrip("的")], ctx.hits)
    ans = None
    for answerer in answerers_for(q.intent):
        ans = answerer.answer(ctx)
        if ans is not None:
            break
    if ans is None:
        ans = refuse(ctx, missing(ctx), ctx.hits)
    elif ans.found and ans.type in ("figure", "parts") and ans.citations:
        ans = _condition_met(ctx, ans)
    ans = replace(ans, retrieved=ctx.retrieved, type=ans.type if ans.type != "unknown" else q.intent)
    return grounded(ans, q)


def _place_of_no_document(ctx: QueryContext) -> str | None:
    """A document fact (文号, 发文机关…) asked of a place no document in scope is about
    (张家港的…方案文号): the documents that mention the place are not its."""
    if ctx.question.intent != "docfact" or not ctx.places:
        return None
    own = [(ctx.state.source_by_id[d].place or "") for d in ctx.scope] if ctx.scope else []
    return next((p for p in ctx.places if not any(p in o for o in own)), None)


def _condition_met(ctx: QueryContext, ans: Answer) -> Answer:
    """``ans``, or a refusal when the question states a condition (淹水三十公分) that the
    cited passage sets otherwise (淹水达五十公分以上): that figure is another case's."""
    quotes = normalize(" ".join(f"{c.path} {c.quote}" for c in ans.citations)).lower()  # a heading may set it
    cond = unmet(ctx.question.norm, quotes)
    if cond is None:
        return ans
    at = ctx.question.norm.find(cond.text)
    asked = ctx.question.norm[max(0, at - 2):at + len(cond.text)] if at >= 0 else cond.text
    refused = refuse(ctx, [asked], ())
    return replace(refused, related=ans.citations,
                   answer=refused.answer + in_script("以下条款规定的条件不同，供参考。", ctx.question.script))
