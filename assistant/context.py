"""What one question brings to its answerers: the question analysed (with what the
conversation lends it), the documents in scope, its content terms and the clauses the
search ranked."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from assistant.match import content_terms, term_hit
from assistant.phrasing import plain_question
from assistant.places import other_places, tagged_part, unknown_place
from assistant.question import OWN_YEAR, WITHIN_THIS_YEAR, Question
from assistant.scoped import fit_terms
from assistant.shapes import refine
from assistant.shortforms import defined_forms, expand_short_form, scope_forms
from assistant.terms import TOOLS, everyday_word, is_thing
from assistant.titles import DISTINCT
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
        places: places the question names that no document is about (张家港 in a
            document that only learns from it): a figure must be said of them.
        ask_back: the question leans on a conversation there is none of (那它的增速呢).
        unknown_words: words of a question in another language (English) the documents
            never use.
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
    places: tuple[str, ...] = ()
    ask_back: bool = False
    unknown_words: tuple[str, ...] = ()
    memo: dict = field(default_factory=dict, compare=False, repr=False)  # split_terms' answers

    def but(self, **changes: Any) -> QueryContext:
        """The same context with some fields changed (another question, terms, scope…)."""
        return replace(self, **changes)

    @property
    def retrieved(self) -> tuple[str, ...]:
        return tuple(h.clause.id for h in self.hits)

    def split_terms(self, doc_id: str, terms: Sequence[str] | None = None) -> tuple[list[str], list[str]]:
        """``terms`` (default: the question's) as (content words a clause of ``doc_id`` must
        hold, the others: words that name that document (its title's, a kind of
        document's) and phrasing the document never uses that names no thing (不满, 之间,
        如果)); all are content when none is left."""
        terms = tuple(self.terms if terms is None else terms)
        key = (doc_id, terms)
        got = self.memo.get(key)
        if got is None:
            # a title word the question writes twice (…护理补贴实施办法里三档的护理补贴) is asked too
            outside = re.sub(r"《[^》]*》", "", self.question.norm)  # a title quoted names, it asks nothing
            naming = {t for t in self.state.titles.naming(terms, doc_id, self.question.norm)
                      if outside.count(t) < 2}
            loose = naming | self._phrasing(terms, doc_id)
            content = [t for t in terms if t not in loose] or self._after_title(terms, doc_id)
            got = self.memo[key] = (content, [t for t in terms if t not in content]) if content else (list(terms), [])
        return list(got[0]), list(got[1])

    def _after_title(self, terms: Sequence[str], doc_id: str) -> list[str]:
        """When every word names the document (国办关于加快发展体育竞赛表演产业的指导意见里，
        产业总规模…): those the question writes after the stretch that repeats its title and
        that its text uses (产业), what is asked of it; none when there are none."""
        norm = self.question.norm
        spans = self.state.titles.title_spans(norm, doc_id)
        if not spans:
            return []
        rest = norm[max(norm.rfind(x) + len(x) for x in spans):]
        text = self.state.view(doc_id).text
        return [t for t in terms if t in rest and term_hit(t, text) >= 0.5]

    def _phrasing(self, terms: Sequence[str], doc_id: str) -> set[str]:
        text = self.state.view(doc_id).text
        return {t for t in terms if not re.search(r"\d", t) and not is_thing(t) and term_hit(t, text) < 0.5}

    def content_terms(self, doc_id: str | None, terms: Sequence[str] | None = None) -> list[str]:
        """The content words of ``terms`` for one document, or for every document in scope
        (words that name one of them, or phrasing none of them uses, left out) when
        ``doc_id`` is None."""
        terms = list(self.terms if terms is None else terms)
        if doc_id:
            return self.split_terms(doc_id, terms)[0]
        docs = list(self.scope)
        naming = {t for d in docs for t in self.state.titles.naming(terms, d, self.question.norm)}
        if docs:
            naming |= set.intersection(*(self._phrasing(terms, d) for d in docs))
        return [t for t in terms if t not in naming] or terms


def build_context(state: State, text: str, history: Sequence[Mapping[str, str]],
                  doc_filter: str | None, config: Config) -> QueryContext:
    """Analyse a question (stripped, not too long) in a conversation (plain messages) and
    search for it; ``config`` bounds what the analysis reads (``max_tagged_chars``,
    ``max_tagged_rare_chars``, ``max_question_terms``, ``max_query_chars``)."""
    TOOLS()
    # Spelling first (26年, a one-character place typo), then the contract's shapes.
    asked, quoted = state.titles.unquoted(plain_question(text))  # 根据《…》，: the document, not words
    q = refine(_corrected(state, state.catalogue.analyse(asked), config))
    q = replace(q, text=text, docs=quoted or q.docs)  # answered as asked
    conv = _conversation(state, q, history)
    if not conv.user and (is_bare_reference(q.norm) or _leans_on_conversation(q, doc_filter)):
        return QueryContext(question=q, scope=(), terms=(), hist_terms=(), state=state, config=config,
                            ask_back=True)
    q = _borrow(q, conv)
    terms, hist_terms = _terms(state, q, conv, config.max_question_terms)
    if not doc_filter or doc_filter in ("all", "全部"):
        q = _named_by_title(state, q, terms)
    scope = _scope(state, q, conv.question if conv.used else None, doc_filter)
    terms = fit_terms(state, terms, scope)  # words another document taught the lexicon
    terms = scope_forms(state, terms, scope)  # 高企 where the scope writes 高新技术企业
    terms = defined_forms(state, terms, q.norm, scope)  # 长期护理保险 where it writes 长护险
    if conv.used and not terms and hist_terms:
        terms, hist_terms = _carried(state, hist_terms, q, conv, scope), []
    elif conv.used and hist_terms and not any(is_thing(t) for t in terms if not re.fullmatch(_NUMBER, t)) \
            and (re.search(_PRONOUN, q.norm) or q.numbers):
        # 那它去年实际增长了多少: 它 is what the last question asked about, and the follow-up
        # names no thing of its own (那它的优选项目计划总投资呢 does: its words are enough);
        # 能到20%吗 names only a threshold: of what the last question asked about
        asked = normalize(conv.user[-1]).lower()
        terms = [*(t for t in hist_terms if t in asked and t not in terms), *terms]
        q = replace(q, borrowed=True)
    if conv.used and conv.user:
        q = replace(q, subject_text=q.norm + " " + normalize(" ".join(conv.user)).lower())
    ctx = QueryContext(question=q, scope=scope, terms=tuple(terms), hist_terms=tuple(hist_terms),
                       state=state, config=config, conversation=conv)
    unknown_words = foreign_words(q.norm, state)
    if unknown_words:
        return ctx.but(unknown_words=unknown_words)
    tagged = tagged_part(q.norm, state, config)
    unknown = unknown_place(tagged, state)
    if unknown:
        return ctx.but(unknown_place=unknown)
    # a question scoped to documents weighs its words by those documents alone
    ctx = ctx.but(places=other_places(tagged, state), state=state.scoped(scope))
    if not q.years and re.search(rf"今年|当年|本年度|{WITHIN_THIS_YEAR}", q.norm) and len(scope) == 1:
        year = state.source_by_id[scope[0]].year
        if year:
            ctx = ctx.but(question=replace(q, years=(year,)))
    return _search(ctx)


def _carried(state: State, terms: list[str], q: Question, conv: Conversation,
             scope: tuple[str, ...]) -> list[str]:
    """The conversation's words a follow-up to another document (那宁波的呢) carries over:
    those that document uses (the earlier one's headings and names stay behind)."""
    hist_q = conv.question
    if not (q.docs and hist_q is not None and set(q.docs) != set(hist_q.docs) and scope):
        return terms
    texts = [state.view(d).text for d in scope]
    kept = [t for t in terms if any(term_hit(t, x) >= 0.5 for x in texts)]
    return kept or terms


def _named_by_title(state: State, q: Question, terms: Sequence[str]) -> Question:
    """The question with the documents its words name by title (长护险, 国家粮食应急预案):
    those among the documents its places name, or those alone when it names no place."""
    titled = state.titles.named(terms, state.weights.df) or state.titles.stretch_named(
        q.norm, texts_with=lambda w: _documents_writing(state, w, DISTINCT + 1))
    if not titled:
        return q
    if q.docs:
        both = tuple(d for d in q.docs if d in titled)
        return replace(q, docs=both) if both else q
    return replace(q, docs=titled)


def _documents_writing(state: State, text: str, most: int) -> int:
    """How many documents' texts write ``text``, counted up to ``most``."""
    n = 0
    for d in state.doc_ids:
        n += text in state.view(d).text
        if n >= most:
            break
    return n


def _corrected(state: State, q: Question, config: Config) -> Question:
    """The question with a place name mistyped by one character (腾州) written as the one
    document place it can only mean (滕州)."""
    if q.docs:
        return q
    words: list[str] = []

    def prefer(place: str) -> float:  # 腾州县域经济试点方案: 滕州 (its plan's words), not 郑州
        if not words:  # read only when several places are candidates
            words.extend(w for w in content_terms(q.norm[:config.max_tagged_chars], state.tokenize) if len(w) >= 2)
        texts = [normalize(state.source_by_id[d].title or "").lower() for d in state.catalogue.docs_of(place)
                 if d in state.source_by_id]
        return max((sum(w in t for w in words) for t in texts), default=0)

    # an everyday word (成文 of 成文日期) is no place mistyped (成都)
    typo = state.catalogue.mistyped_place(q.norm[:config.max_tagged_chars],
                                          lambda w: state.weights.df(w) or everyday_word(w), prefer)
    if typo is None:
        return q
    word, near = typo
    fixed = state.catalogue.analyse(q.norm.replace(word, near))
    return replace(fixed, text=q.text, script=q.script)


# A question whose subject is only a pronoun (它, 其, 这个…), or a bare “…呢”: it leans on a
# conversation.
_BARE = re.compile(r"^(那么?|还有|另外)?(它|它们|其|该|此|这个|那个|这项|那项|这条|那条|这些|那些)(的)?"
                   r"|^(那么?)?[^，,。？?]{0,4}呢[？?]?$")


def _leans_on_conversation(q: Question, doc_filter: str | None) -> bool:
    """``那…呢`` naming no document or place (那年度计划投资呢): a follow-up's form, and
    without a conversation nothing says whose."""
    return bool(re.match(r"^那么?", q.norm) and re.search(r"呢[？?]?$", q.norm)) and not q.docs \
        and not (doc_filter and doc_filter not in ("all", "全部"))


def is_bare_reference(norm: str) -> bool:
    """Whether a question names no subject of its own (那它的增速呢, 这个呢): without a
    conversation it cannot be answered, only asked back."""
    return bool(_BARE.search(norm.strip()))


_EN_STOP = frozenset("""a an the is are was were be been being do does did what which who whom whose
    when where why how many much will would shall should can could may might of in on at to for from
    by with about and or not no it its this that these those there their they them i me my we our you
    your please tell give show target targets number amount figure value year years""".split())


def foreign_words(norm: str, state: State) -> tuple[str, ...]:
    """A question in another language (Latin letters, no Chinese): its content words the
    documents never use (empty when they all occur, or for a Chinese question)."""
    if re.search(r"[\u4e00-\u9fff]", norm) or not re.search(r"[a-z]{3,}", norm):
        return ()
    words = [w for w in re.findall(r"[a-z][a-z0-9.+-]*", norm) if w not in _EN_STOP and len(w) > 1]
    return tuple(w for w in words if not state.weights.df(w)) or (() if words else ("?",))


def _conversation(state: State, q: Question, history: Sequence[Mapping[str, str]]) -> Conversation:
    user = tuple(m["content"] for m in history if m["role"] == "user")[-2:]
    bot = tuple(m["content"] for m in history if m["role"] == "assistant")[-1:]
    hist_q = refine(state.catalogue.analyse(" ".join(user))) if user else None
    if hist_q is not None and not hist_q.docs:  # 三级公立医院绩效考核意见里…: that document
        hist_q = _named_by_title(state, hist_q, content_terms(hist_q.norm, state.tokenize))
    used = bool(user) and (q.followup or not q.docs or len(q.norm) <= 12)
    return Conversation(user=user, bot=bot, question=hist_q, used=used)


def _borrow(q: Question, conv: Conversation) -> Question:
    """A follow-up keeps the earlier question's kind, years and unit when it names none."""
    hist_q = conv.question
    if not conv.used or hist_q is None:
        return q
    if q.intent == "figure" and hist_q.intent in ("responsibility", "reverse") and not re.search(r"多少|几|比重|增速|目标", q.norm):
        q = replace(q, intent=hist_q.intent, units=q.units or hist_q.units)
    if not q.years and hist_q.years and not (q.docs and set(q.docs) != set(hist_q.docs)) \
            and not re.search(OWN_YEAR, q.norm):  # 那它去年呢: a year of its own, read per document
        # another document's plan has its own years (那滕州的呢 after 东营2021年…)
        q = replace(q, years=hist_q.years)
    if q.unit_hint is None and hist_q.unit_hint is not None:
        q = replace(q, unit_hint=hist_q.unit_hint)
    if not re.search(_ASKS, q.norm):
        # 那固定资产投资呢 asks what the earlier question asked (增长多少: a rate, not the
        # amount 投资 alone suggests; 什么时候: a time)
        if hist_q.unit_hint == "percent" and q.unit_hint in (None, "money"):
            q = replace(q, unit_hint="percent")
        if hist_q.intent == "time" and q.intent == "figure":
            q = replace(q, intent="time", when=hist_q.when)
    return q


# a follow-up's word for the earlier question's subject (那它去年实际增长了多少)
_PRONOUN = r"它|其(?!他|中|余)|该(?:指标|项|数)"
# a figure a question states (a threshold: 能到20%吗), not a thing it names
_NUMBER = r"\d+(?:\.\d+)?(?:亿元|万元|亿|万|%)?"
# an earlier question's words that a follow-up asking for what was achieved (实际) contradicts
_PLANNED = r"预期|目标|计划|力争"
# the words that ask for something; a follow-up without them (那X呢) asks as the last question did
_ASKS = r"多少|几|哪|什么|啥|谁|吗|怎么|如何|是否|比重|比例|率|速度|增速|增幅|涨幅|目标|时候|负责|牵头|单位|部门"


def _terms(state: State, q: Question, conv: Conversation, most: int) -> tuple[list[str], list[str]]:
    """The question's content terms and the conversation's (words that point at a document
    are not what is asked; words the documents never use and that name no thing, such as
    做到 or 保持, only dilute; a long question's first ``most`` words are matched: matching
    costs words × clauses)."""
    cues = state.catalogue.cues
    words = [w for t in content_terms(q.norm, state.tokenize, cues.to_blank(q.norm))
             for w in state.titles.split_run(t, state.weights.df)]  # 综保区新设: 综保区, 新设
    words = [_written_out(state, w) for w in words]  # 高企: 高新技术企业
    terms = [t for t in dict.fromkeys(words) if (state.weights.df(t) or is_thing(t))
             and not (q.actual and t == "实际")][:most] + list(q.numbers)[:most]  # 实际: q.actual says it
    counted = _COUNTED_NOUN.search(q.norm)
    if not terms and counted and state.weights.df(counted.group(1)):
        terms = [counted.group(1)]  # 重点抓几个方面的工作: what it counts is all it names
    hist_terms: list[str] = []
    if conv.used:
        hist_text = normalize(" ".join(conv.user + tuple(_answer_subject(b) for b in conv.bot)))
        hist_terms = [t for t in content_terms(hist_text, state.tokenize, cues.to_blank(hist_text))
                      if t not in terms and not (q.actual and re.fullmatch(_PLANNED, t))][:most]
    return terms, hist_terms


# the noun a count asks of (几个方面, 多少项任务), even a word too common to search by otherwise
_COUNTED_NOUN = re.compile(r"(?:(?<!哪)几|多少)(?:个|项|条|类|大)([\u4e00-\u9fff]{2})")


def _written_out(state: State, word: str) -> str:
    """A short form of three characters or more that no document and no dictionary knows
    (卫健委, 发改局: the segmenter cuts it up) as the documents write it out (卫生健康委);
    other words as they are."""
    if len(word) < 3 or state.weights.df(word) or everyday_word(word) or state.titles.names(word) \
            or state.tokenize(word) == [word]:
        return word  # two characters (建好, 先建) are too many words' initials; a known word
    if not all(state.weights.uses(ch) for ch in word):
        return word  # a character no document uses: no written-out form to find (and no regex built)
    return expand_short_form(word, state.weights.joined) or word


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
    written = [t for t in ctx.terms if t not in q.norm]  # 高新技术企 for 高企: the documents' words
    query = " ".join([q.norm, *written] + ([" ".join(context)] if context else []))[:config.max_query_chars]
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
