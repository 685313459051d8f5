"""What one question brings to its answerers: the question analysed (with what the
conversation lends it), the documents in scope, its content terms and the clauses the
search ranked."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from assistant.match import content_terms
from assistant.question import Question
from assistant.shapes import refine
from assistant.terms import TOOLS, is_thing
from index.clean import normalize
from index.config import Config

if TYPE_CHECKING:
    from assistant.state import State
    from index.hybrid import Hit


@dataclass(frozen=True)
class Conversation:
    """The earlier turns a question leans on.

    Attributes:
        user: the last two questions asked; bot: the last answer given.
        question: those questions analysed together (None without history).
        used: whether this question is read as a follow-up of them.
    """

    user: tuple[str, ...] = ()
    bot: tuple[str, ...] = ()
    question: Question | None = None
    used: bool = False


@dataclass(frozen=True)
class QueryContext:
    """One question as its answerers see it.

    Attributes:
        question: the analysis, with what a follow-up borrows from the conversation.
        scope: doc_ids to answer from (empty: every document).
        terms: the question's content words (and numbers) to match.
        hist_terms: the conversation's content words, weighed less.
        hits: the clauses the search ranked, best first.
        rank: each retrieved clause's best rank (0-based).
        conversation: the earlier turns.
        state: what is derived from the index (views, term weights, headings).
        config: the settings (the scoring weights among them).
        unknown_place: a place the question names that no document mentions.
    """

    question: Question
    scope: tuple[str, ...]
    terms: tuple[str, ...]
    hist_terms: tuple[str, ...]
    state: State
    config: Config
    hits: tuple[Hit, ...] = ()
    rank: Mapping[str, int] = field(default_factory=dict)
    conversation: Conversation = Conversation()
    unknown_place: str | None = None

    def but(self, **changes: Any) -> QueryContext:
        """The same context with some fields changed (another question, terms, scope…)."""
        return replace(self, **changes)

    @property
    def retrieved(self) -> tuple[str, ...]:
        return tuple(h.clause.id for h in self.hits)


def build_context(state: State, text: str, history: Sequence[Mapping[str, str]],
                  doc_filter: str | None, config: Config) -> QueryContext:
    """Analyse a question (stripped, not too long) in a conversation (plain messages) and
    search for it; ``config`` bounds what the analysis reads (``max_tagged_chars``,
    ``max_tagged_rare_chars``, ``max_question_terms``, ``max_query_chars``)."""
    TOOLS()
    q = refine(state.catalogue.analyse(text))  # the contract's shapes (assistant/shapes.py)
    conv = _conversation(state, q, history)
    scope = _scope(state, q, conv.question if conv.used else None, doc_filter)
    q = _borrow(q, conv)
    terms, hist_terms = _terms(state, q, conv, config.max_question_terms)
    if conv.used and not terms and hist_terms:
        terms, hist_terms = hist_terms, []
        q = replace(q, borrowed=True)
    if conv.used and conv.user:
        q = replace(q, subject_text=q.norm + " " + normalize(" ".join(conv.user)).lower())
    ctx = QueryContext(question=q, scope=scope, terms=tuple(terms), hist_terms=tuple(hist_terms),
                       state=state, config=config, conversation=conv)
    unknown = _unknown_place(_tagged_part(q.norm, state, config), state)
    if unknown:
        return ctx.but(unknown_place=unknown)
    if not q.years and re.search(r"今年|当年|本年度|年内", q.norm) and len(scope) == 1:
        year = state.source_by_id[scope[0]].year
        if year:
            ctx = ctx.but(question=replace(q, years=(year,)))
    return _search(ctx)


def _conversation(state: State, q: Question, history: Sequence[Mapping[str, str]]) -> Conversation:
    user = tuple(m["content"] for m in history if m["role"] == "user")[-2:]
    bot = tuple(m["content"] for m in history if m["role"] == "assistant")[-1:]
    hist_q = state.catalogue.analyse(" ".join(user)) if user else None
    used = bool(user) and (q.followup or not q.docs or len(q.norm) <= 12)
    return Conversation(user=user, bot=bot, question=hist_q, used=used)


def _borrow(q: Question, conv: Conversation) -> Question:
    """A follow-up keeps the earlier question's kind, years and unit when it names none."""
    hist_q = conv.question
    if not conv.used or hist_q is None:
        return q
    if q.intent == "figure" and hist_q.intent in ("responsibility", "reverse") and not re.search(r"多少|几|比重|增速|目标", q.norm):
        q = replace(q, intent=hist_q.intent, units=q.units or hist_q.units)
    if not q.years and hist_q.years:
        q = replace(q, years=hist_q.years)
    if q.unit_hint is None and hist_q.unit_hint is not None:
        q = replace(q, unit_hint=hist_q.unit_hint)
    return q


def _terms(state: State, q: Question, conv: Conversation, most: int) -> tuple[list[str], list[str]]:
    """The question's content terms and the conversation's (words that point at a document
    are not what is asked; words the documents never use and that name no thing, such as
    做到 or 保持, only dilute; a long question's first ``most`` words are matched: matching
    costs words × clauses)."""
    cues = state.catalogue.cues
    terms = [t for t in content_terms(q.norm, state.tokenize, cues.to_blank(q.norm))[:most]
             if state.weights.df(t) or is_thing(t)] + list(q.numbers)[:most]
    hist_terms: list[str] = []
    if conv.used:
        hist_text = normalize(" ".join(conv.user + tuple(_answer_subject(b) for b in conv.bot)))
        hist_terms = [t for t in content_terms(hist_text, state.tokenize, cues.to_blank(hist_text))
                      if t not in terms][:most]
    return terms, hist_terms


def _scope(state: State, q: Question, hist_q: Question | None, doc_filter: str | None) -> tuple[str, ...]:
    if doc_filter and doc_filter not in ("all", "全部"):
        if doc_filter not in state.source_by_id:
            raise ValueError(f"doc_filter {doc_filter!r} must be one of {sorted(state.source_by_id)}")
        return (doc_filter,)
    if q.docs:
        return q.docs
    if hist_q is not None and hist_q.docs:
        return hist_q.docs
    return ()


def _search(ctx: QueryContext) -> QueryContext:
    """The context with the clauses the search ranks (``top_k`` of them); with many documents
    and none named, the scope becomes the documents the clauses and facts found point at."""
    q, state, config = ctx.question, ctx.state, ctx.config
    context = ctx.terms if q.borrowed else ctx.hist_terms  # what the conversation is about
    query = " ".join([q.norm] + ([" ".join(context)] if context else []))[:config.max_query_chars]
    state.load_encoder()
    scope = ctx.scope
    hits = state.index.search(query, k=config.top_k, doc_ids=list(scope) if scope else None)
    if not scope and len(state.doc_ids) > config.many_documents:
        # Weigh the records of the documents the search points at (clauses and facts), not
        # every figure of every document.
        facts = state.index.search_facts(query, k=config.facts_k)
        scope = tuple(dict.fromkeys([h.clause.doc_id for h in hits] + [f.record.doc_id for f in facts]))
    rank: dict[str, int] = {}
    for i, h in enumerate(hits):
        rank.setdefault(h.clause.id, i)
    return ctx.but(hits=tuple(hits), rank=rank, scope=scope)


def _answer_subject(text: str) -> str:
    """The subject an earlier answer named (the part before its colon)."""
    head = re.split(r"[:：]", text, maxsplit=1)[0]
    return head if len(head) < 60 else ""


def _tagged_part(norm: str, state: State, config: Config) -> str:
    """The start of a question the POS tagger reads: at most ``max_tagged_chars``, and no
    further than ``max_tagged_rare_chars`` characters no document uses (jieba's HMM takes
    5-9 ms for each character it does not know; a 2,000-character random question took
    3-7 s, one 48-character window still 0.4 s)."""
    part = norm[:config.max_tagged_chars]
    rare = 0
    for i, ch in enumerate(part):
        # only CJK ideographs reach the HMM; other characters are tagged by a regex
        if "\u4e00" <= ch <= "\u9fff" and not state.weights.uses(ch):
            rare += 1
            if rare > config.max_tagged_rare_chars:
                return part[:i]
    return part


def _unknown_place(norm: str, state: State) -> str | None:
    """A place the question names (jieba tags it ``ns``) that no document mentions."""
    import jieba.posseg as pseg

    known = state.catalogue.cues
    norm = state.catalogue.without_units(norm)  # 文件里市行政审批局: the unit, not a place 里市
    for word, flag in pseg.lcut(norm):
        if flag != "ns" or len(word) < 2 or known.in_text(word) or known.inside(word):
            continue
        if not state.weights.df(word):
            return word
    return None
