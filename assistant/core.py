"""The assistant: analyse a question, find the clause and figure that answer it, compose a
short cited answer, check it is grounded, or say the documents don't hold it."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from assistant.answer import Answer
from assistant.chat import flatten_history
from assistant.compose import (
    cite,
    in_script,
    segment_bounds,
    sentence_bounds,
    strip_marker,
    subject_of,
)
from assistant.docfacts import cite_raw, fact_value
from assistant.figures import (
    COUNTING,
    LABEL_MEASURES,
    LABEL_UNITS,
    FigureView,
    coordinated_terms,
    decimal_places,
    derive_earlier,
    item_label,
    measure_words,
    normalized,
    number_text,
    numbers_in,
    respective_of,
    similar,
    unit_fit,
)
from assistant.grounding import is_grounded
from assistant.limits import TOO_LONG, recent_history
from assistant.match import (
    STOP,
    Phrases,
    TermWeights,
    content_terms,
    coverage,
    missing_terms,
    question_lexicon,
    term_hit,
)
from assistant.question import DIFFERENCE, Catalogue, Question
from corpus.sources import Source
from index.clean import detect_script, normalize
from index.config import Config
from index.records import Clause, Figure, ParsedDocument, Responsibility

T = TypeVar("T")


@dataclass(frozen=True)
class _Duty:
    duty: Responsibility
    doc: ParsedDocument
    clause: Clause
    head: str  # normalised task + heading path
    body: str  # normalised clause text
    units: tuple[str, ...]  # normalised unit names


@dataclass(frozen=True)
class _DocView:
    figs: list[FigureView]
    duties: list[_Duty]
    enums: list[tuple]
    text: str  # normalised full text


@dataclass
class _Scored:
    score: float
    item: object
    derived: tuple[float, str, str] | None = None  # (value, computation, delta text)


class _Once(Generic[T]):
    """A value made on first use, once, however many threads ask for it at the same time."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make: Callable[[], T] | None = make
        self._lock = threading.Lock()
        self._value: T | None = None
        self.done = False

    @classmethod
    def made(cls, value: T) -> _Once[T]:
        """One whose value is made already."""
        once = cls(lambda: value)
        once()
        return once

    def __call__(self) -> T:
        if not self.done:
            with self._lock:
                if not self.done:
                    self._value = self._make()
                    self._make = None  # let go of what making it needed
                    self.done = True
        return self._value  # type: ignore[return-value]


class _Headings:
    """Headings with sub-clauses, each with the everyday words that single it out among its
    document's headings (装备 for 巩固升级高端装备产业; not 产业 or 发展), in index order."""

    def __init__(self, entries: list[tuple[Clause, tuple[str, ...]]]) -> None:
        self.entries = entries
        self.words = {c.id: ws for c, ws in entries}
        self.of_doc: dict[str, list[tuple[Clause, tuple[str, ...]]]] = {}
        self._at: dict[str, list[int]] = {}  # word -> the entries it singles out
        for i, (c, ws) in enumerate(entries):
            self.of_doc.setdefault(c.doc_id, []).append((c, ws))
            for w in ws:
                self._at.setdefault(w, []).append(i)
        self._phrases = Phrases(self._at)

    def extended(self, entries: list[tuple[Clause, tuple[str, ...]]]) -> _Headings:
        return _Headings(self.entries + entries)

    def named(self, text: str) -> list[Clause]:
        """The headings ``text`` names by one of their words, in index order."""
        at = sorted({i for w in self._phrases.in_text(text) for i in self._at[w]})
        return [self.entries[i][0] for i in at]


class Assistant:
    """Answers questions about the indexed documents.

    Loads the index once (building it when missing or stale); ``ask`` is thread-safe.
    What takes long to load and is not needed before the first question (word lists, the
    POS tagger, the encoder model) loads on first use, or in ``warm_up``.
    """

    def __init__(self, config: Config | None = None, *, progress: bool = False) -> None:
        from index.build import load_or_build

        self.config = config or Config.load()
        self._lock = threading.RLock()
        self._set_index(load_or_build(self.config, progress=progress))

    @property
    def index(self):  # noqa: ANN201 - SearchIndex, imported lazily
        return self._state.index

    def warm_up(self) -> None:
        """Load now what the first question would otherwise wait for: the question word
        segmenter, term weights and heading words, the POS tagger, the script converters
        and the encoder model.

        The web app calls it in a background thread once it is listening, and again before
        it starts a question's time budget (the second call waits for the first, then
        returns at once). ``ask`` meanwhile waits only for the parts it needs, and nothing
        is loaded twice.
        """
        self._state.warm_up()

    # -- loading -------------------------------------------------------------------------
    def _set_index(self, idx, added: Sequence[str] | None = None) -> None:  # noqa: ANN001 - SearchIndex
        """Answer from ``idx`` from now on.

        Args:
            idx: the index.
            added: doc_ids of documents ``idx`` holds after exactly those of the current
                index (the same documents, in the same order): only these are worked
                through, the rest is reused. None to derive everything from ``idx``.
        """
        with self._lock:
            # one assignment: a question in progress keeps the state it started with
            self._state = _State(idx) if added is None else _State(idx, self._state, added)

    # -- public API ----------------------------------------------------------------------
    def documents(self) -> list[Source]:
        return list(self._state.sources)

    def responsibilities(self) -> list[Responsibility]:
        return list(self.index.duties)

    def tasks_for_unit(self, unit: str) -> list[Responsibility]:
        """Every responsibility record naming ``unit`` (either script, partial names allowed)."""
        u = normalize(unit).strip()
        if not u:
            return []
        return [d.duty for v in self._state._in_scope(()) for d in v.duties
                if any(u == x or (len(u) >= 2 and u in x) for x in d.units)]

    def add_documents(self, paths: list[str | Path], progress_callback=None) -> list[Source]:  # noqa: ANN001
        """Add user documents to the corpus and the index, and answer from them at once.

        The index is extended (only the new documents are parsed and embedded) and so is
        what the assistant derives from it, when the saved index is the one in memory;
        otherwise both are built again.

        Args:
            paths: the files (.txt .md .docx .pdf .html).
            progress_callback: called as ``(fraction, message)`` at each stage.

        Returns:
            The added documents' metadata. Raises DocumentError (nothing changed) when a
            file is empty, corrupt, unsupported, too large or already in the corpus.
        """
        from index.build import extend_index

        def step(fraction: float, message: str) -> None:
            if progress_callback is not None:
                progress_callback(fraction, message)

        with self._lock:
            step(0.1, "解析并校验文件")
            addition = extend_index(self.config, [str(p) for p in paths], base=self.index)
            step(0.8, "载入新索引")
            if addition.extended is self.index:
                self._set_index(addition.index, added=[s.doc_id for s in addition.sources])
            else:
                self._set_index(addition.index)
            step(1.0, "完成")
        return addition.sources

    def remove_document(self, doc_id: str) -> Source:
        """Remove a user document (``index.collection.remove_document``) and answer without
        it at once. Returns its record; DocumentError (nothing changed) when it cannot go."""
        from index.collection import remove_document

        return self._change(remove_document, doc_id)

    def replace_document(self, doc_id: str, path: str | Path) -> Source:
        """Make the file at ``path`` the new version of ``doc_id`` and answer from it at
        once. Returns the new version's record."""
        from index.collection import replace_document

        return self._change(replace_document, doc_id, path)

    def restore_version(self, doc_id: str, version: int) -> Source:
        """Make an earlier version of ``doc_id`` current again. Returns its record."""
        from index.collection import restore_version

        return self._change(restore_version, doc_id, version)

    def _change(self, operation: Callable[..., Any], *args: Any) -> Source:
        with self._lock:
            change = operation(self.config, *args, base=self.index)
            self._set_index(change.index)
        return change.source

    def reload(self) -> None:
        from index.build import load_or_build

        with self._lock:
            self._set_index(load_or_build(self.config))

    def ask(self, question: str, history: list | None = None, doc_filter: str | None = None) -> Answer:
        """Answer one question.

        Args:
            question: the question, Simplified or Traditional Chinese.
            history: earlier turns, oldest first (``{"role", "content"}`` dicts or Gradio
                messages), used to resolve follow-ups that leave out their subject; only
                the newest few are read (see ``assistant.limits.recent_history``).
            doc_filter: a doc_id to search only that document.
        """
        t0 = time.perf_counter()
        text = (question or "").strip()
        if not text:
            ans = Answer(question=question or "", answer="请输入问题。", found=False, type="empty")
        elif len(text) > self.config.max_question_chars:
            ans = Answer(question=text[:100], answer=TOO_LONG.format(limit=self.config.max_question_chars),
                         found=False, type="invalid")
        else:
            state = self._state  # one snapshot: a document added meanwhile is for the next question
            turns = flatten_history(recent_history(history, self.config))
            ans = state.answer(text, turns, doc_filter, self.config)
        return replace(ans, latency_ms=(time.perf_counter() - t0) * 1000)


class _State:
    """Everything the assistant derives from one index, and the answering that reads it.

    Quick to make: what takes long (the question word segmenter, term weights over every
    clause and the headings' words) is derived on first use, once, or in ``warm_up``; a
    document's figures, duties and enumerations when a question first looks at it.

    Args:
        idx: the index (a SearchIndex).
        base: the state of an earlier index whose documents ``idx`` holds first, in the same
            order; what was derived for them is reused.
        added: the doc_ids of the documents ``idx`` holds after ``base``'s.
    """

    def __init__(self, idx, base: _State | None = None, added: Sequence[str] = ()) -> None:  # noqa: ANN001
        if base is not None and list(idx.documents) != [*base.index.documents, *added]:
            raise ValueError(f"the index's documents are not the earlier ones followed by {list(added)!r}")
        docs = [idx.documents[d] for d in (added if base is not None else idx.documents)]
        self.index = idx
        self.sources: list[Source] = list(idx.sources)
        self.by_id: dict[str, Clause] = idx.clause_by_id
        self._source_by_id = {s.doc_id: s for s in self.sources}
        # A document's clauses and records are its own: the earlier documents' lists are
        # shared with ``base``, and only new keys are added.
        self._children: dict[str, list[Clause]] = dict(base._children) if base is not None else {}
        self._clauses_by_doc: dict[str, list[Clause]] = dict(base._clauses_by_doc) if base is not None else {}
        self._records_by_doc: dict[str, tuple[list[Figure], list[Responsibility]]] = \
            dict(base._records_by_doc) if base is not None else {}
        # Per-document views (figures, duties, enumerations, text) are built on first use,
        # so start-up stays quick however many documents there are.
        self._views: dict[str, _DocView] = dict(base._views) if base is not None else {}
        for doc in docs:
            for c in doc.clauses:
                if c.parent:
                    self._children.setdefault(c.parent, []).append(c)
                self._clauses_by_doc.setdefault(c.doc_id, []).append(c)
            for f in doc.figures:
                self._records_by_doc.setdefault(f.doc_id, ([], []))[0].append(f)
            for d in doc.duties:
                self._records_by_doc.setdefault(d.doc_id, ([], []))[1].append(d)
        units = {normalized(u).lower() for doc in docs for d in doc.duties for u in d.units}
        sources = [doc.source for doc in docs]
        self.catalogue = base.catalogue.extended(sources, units) if base is not None else Catalogue(sources, units)
        if base is not None and base._lexicon.done:
            self._lexicon = _Once.made(question_lexicon(idx.lexicon, base._lexicon()))
        else:
            self._lexicon = _Once(lambda: question_lexicon(idx.lexicon))
        if base is not None and base._reading.done:
            self._reading = _Once.made(self._read(docs, *base._reading()))
        else:
            self._reading = _Once(lambda: self._read(list(idx.documents.values())))
        # The encoder is the index's: loaded now if the earlier index's was (at once when
        # ``idx`` shares it), else on first use.
        needs_encoder = idx.config.retriever != "bm25"
        if base is not None and base._encoder.done and needs_encoder:
            self._encoder = _Once.made(idx.encoder)
        else:
            self._encoder = _Once(lambda: idx.encoder if needs_encoder else None)
        self._warm = _Once(self._load)

    def warm_up(self) -> None:
        """Make now every part ``answer`` would make on first use; once: a later call (the
        web app's, before it starts a question's clock) returns at once, or waits for the
        first to finish."""
        self._warm()

    def _load(self) -> None:
        self._lexicon()
        self._reading()
        _TOOLS()
        if self._encoder() is not None:
            self.index.search("预热", k=1)  # a model's first encoding is slow

    @property
    def weights(self) -> TermWeights:
        """IDF of terms over every clause's normalised heading path and text."""
        return self._reading()[0]

    @property
    def heads(self) -> _Headings:
        """Headings with sub-clauses and the words that name them."""
        return self._reading()[1]

    def tokenize(self, text: str) -> list[str]:
        """A normalised question's words."""
        return self._lexicon().words(text)

    def _read(self, docs: list[ParsedDocument], weights: TermWeights | None = None,
              heads: _Headings | None = None) -> tuple[TermWeights, _Headings]:
        """Term weights and heading words with ``docs`` (and those of ``weights`` and
        ``heads``, which are not changed)."""
        from index.lexical import Lexicon

        plain = Lexicon.full()  # jieba's own dictionary: split headings into everyday words
        texts: list[str] = []
        entries: list[tuple[Clause, tuple[str, ...]]] = []
        for doc in docs:
            own = []
            for c in doc.clauses:
                path, text = normalize(c.path_text), normalize(c.text)
                texts.append(f"{path} {text}".lower())
                own.append((c, (path + text).lower()))
            entries += _heading_words(own, self._children, self.by_id, plain)
        if weights is None or heads is None:
            return TermWeights(texts, scale=_term_scale), _Headings(entries)
        return weights.extended(texts), heads.extended(entries)

    # -- per-document views ----------------------------------------------------------------
    def _view(self, doc_id: str) -> _DocView:
        view = self._views.get(doc_id)
        if view is None:
            figs, duties = self._records_by_doc.get(doc_id, ([], []))
            doc = self.index.documents[doc_id]
            view = _DocView(
                figs=[f for f in (self._fig_info(f) for f in figs) if f is not None],
                duties=[self._duty_info(d) for d in duties],
                enums=self._enumerations(doc),
                text=normalize(doc.clean).lower(),
            )
            self._views[doc_id] = view  # a benign race: two threads build equal views
        return view

    def _in_scope(self, scope) -> list[_DocView]:  # noqa: ANN001
        return [self._view(d) for d in (scope or self.index.documents)]

    def _fig_info(self, f: Figure) -> FigureView | None:
        if f.qualifier == "日期":
            pass  # a deadline (2021年6月底前) answers 什么时候 questions
        elif f.value is None or f.unit in LABEL_UNITS or f.measure in LABEL_MEASURES \
                or f.qualifier in LABEL_MEASURES \
                or "〔" in f.text or "[" in f.text:
            return None
        doc = self.index.documents.get(f.doc_id)
        clause = self.by_id.get(f.clause_id)
        if doc is None or clause is None:
            return None
        s, e = segment_bounds(doc, clause, *f.clean_span)
        seg_raw = doc.clean[s:e]
        seg = normalize(seg_raw + " " + (f.measure or "")).lower()
        sent = normalized(f.sentence).lower()
        path = normalized(clause.path_text).lower()
        ctx = path + " " + sent
        years = tuple(int(y) for y in re.findall(r"(?<![比较])((?:19|20)\d{2})年", normalize((f.time or "") + " " + seg_raw)))
        if not years and doc.source.year and not re.search(r"每年|年均|累计", sent):
            years = (doc.source.year,)  # a plan's figures without a year are for its own year
        key = re.sub(r"[\d.%]+|(?:19|20)\d{2}年", "", normalize(seg_raw))
        # the phrase before it and the sentence's opening phrase often carry its subject
        # (实施重大项目9个,计划总投资32.78亿元,年度计划投资11.95亿元)
        ss, _ = sentence_bounds(doc, clause, *f.clean_span)
        first = doc.clean[ss:segment_bounds(doc, clause, ss, ss)[1]]
        ps = segment_bounds(doc, clause, s - 1, s - 1)[0] if s - 1 > ss else s
        seg2 = normalize(first + " " + doc.clean[ps:e] + " " + (f.measure or "")).lower()
        return FigureView(f, doc, clause, seg, (s, e), ctx, sent, seg2, path,
                    normalized(f.unit), respective_of(f), years, key)

    def _duty_info(self, d: Responsibility) -> _Duty:
        doc = self.index.documents[d.doc_id]
        clause = self.by_id[d.clause_id]
        return _Duty(
            duty=d, doc=doc, clause=clause,
            head=normalize(d.task + " " + clause.path_text).lower(),
            body=normalized(clause.text).lower(),
            units=tuple(normalized(u).lower() for u in d.units),
        )


    # -- dispatch --------------------------------------------------------------------------
    def answer(self, text: str, history: list[dict[str, str]], doc_filter: str | None,
               config: Config) -> Answer:
        """Answer a question (stripped, not too long) in a conversation (plain messages);
        ``config`` bounds what the analysis reads (``max_tagged_chars``,
        ``max_tagged_rare_chars``, ``max_question_terms``, ``max_query_chars``)."""
        idx = self.index
        _TOOLS()
        q = self.catalogue.analyse(text)
        hist_user = [m["content"] for m in history if m["role"] == "user"][-2:]
        hist_bot = [m["content"] for m in history if m["role"] == "assistant"][-1:]
        hist_q = self.catalogue.analyse(" ".join(hist_user)) if hist_user else None
        use_hist = bool(hist_user) and (q.followup or not q.docs or len(q.norm) <= 12)
        scope = self._scope(q, hist_q if use_hist else None, doc_filter)
        if use_hist and hist_q is not None:
            if q.intent == "figure" and hist_q.intent in ("responsibility", "reverse") and not re.search(r"多少|几|比重|增速|目标", q.norm):
                q = replace(q, intent=hist_q.intent, units=q.units or hist_q.units)
            if not q.years and hist_q.years:
                q = replace(q, years=hist_q.years)
            if q.unit_hint is None and hist_q.unit_hint is not None:
                q = replace(q, unit_hint=hist_q.unit_hint)
        cues = self.catalogue.cues  # words that point at a document are not what is asked
        # words the documents never use and that name no thing (做到, 保持) only dilute
        # a long question's first words are matched: matching costs words × clauses
        most = config.max_question_terms
        terms = [t for t in content_terms(q.norm, self.tokenize, cues.to_blank(q.norm))[:most]
                 if self.weights.df(t) or _is_thing(t)] + list(q.numbers)[:most]
        hist_terms: list[str] = []
        if use_hist:
            hist_text = normalize(" ".join(hist_user + [_answer_subject(b) for b in hist_bot]))
            hist_terms = [t for t in content_terms(hist_text, self.tokenize, cues.to_blank(hist_text))
                          if t not in terms][:most]
        if use_hist and not terms and hist_terms:
            terms, hist_terms = hist_terms, []
            q = replace(q, borrowed=True)
        if use_hist and hist_user:
            q = replace(q, subject_text=q.norm + " " + normalize(" ".join(hist_user)).lower())
        unknown = _unknown_place(_tagged_part(q.norm, self, config), self)
        if unknown:
            return self._refuse(q, [unknown], [])
        if not q.years and re.search(r"今年|当年|本年度|年内", q.norm) and len(scope) == 1:
            year = self._source_by_id[scope[0]].year
            if year:
                q = replace(q, years=(year,))
        context = terms if q.borrowed else hist_terms  # what the conversation is about
        query = " ".join([q.norm] + ([" ".join(context)] if context else []))[:config.max_query_chars]
        self._encoder()  # loaded once, even while warm_up loads it too
        hits = idx.search(query, k=10, doc_filter=list(scope) if scope else None)
        retrieved = tuple(h.clause.id for h in hits)
        if not scope and len(idx.documents) > MANY_DOCUMENTS:
            # Many documents and none named: weigh the records of the documents the search
            # points at (clauses and facts), not every figure of every document.
            facts = idx.search_facts(query, k=20)
            scope = tuple(dict.fromkeys([h.clause.doc_id for h in hits] + [f.record.doc_id for f in facts]))
        rank = {}
        for i, h in enumerate(hits):
            rank.setdefault(h.clause.id, i)
        handler = {
            "docfact": self._docfact,
            "reverse": self._reverse,
            "responsibility": self._responsibility,
            "comparison": self._extreme,
            "aggregation": self._aggregate,
            "list": self._list,
        }.get(q.intent, self._figure)
        ans = handler(q, terms, hist_terms, scope, rank)
        if ans is None and q.intent in ("list", "comparison", "aggregation"):
            ans = self._figure(q, terms, hist_terms, scope, rank)
        if ans is None:
            ans = self._refuse(q, self._missing(q, terms, scope, rank), hits)
        ans = replace(ans, retrieved=retrieved, type=ans.type if ans.type != "unknown" else q.intent)
        return self._grounded(ans, q)

    def _scope(self, q: Question, hist_q: Question | None, doc_filter: str | None) -> tuple[str, ...]:
        if doc_filter and doc_filter not in ("all", "全部"):
            if doc_filter not in self._source_by_id:
                raise ValueError(f"doc_filter {doc_filter!r} must be one of {sorted(self._source_by_id)}")
            return (doc_filter,)
        if q.docs:
            return q.docs
        if hist_q is not None and hist_q.docs:
            return hist_q.docs
        return ()

    # -- figures ---------------------------------------------------------------------------
    def _score_figs(self, q: Question, terms, hist_terms, scope, rank,
                    subjects: list[Clause] | None = None, strict: bool = True) -> list[_Scored]:  # noqa: ANN001
        out = []
        measure_terms = [t for t in terms if self.weights.df(t) and _is_thing(t)] if strict and not q.borrowed else None
        if subjects is None:
            subjects = self._subjects(q, scope)
        inside = tuple(c.id + "/" for c in subjects)
        text = q.subject_text or q.norm
        named = [w for c in subjects for w in self.heads.words.get(c.id, ()) if w in text]
        for fi in (fi for v in self._in_scope(scope) for fi in v.figs):
            if (fi.fig.qualifier == "日期") != q.when:
                continue  # dates answer 什么时候; amounts answer everything else
            outside = bool(inside) and not (fi.clause.id + "/").startswith(inside) \
                and not any(w in fi.sent for w in named)
            if outside and q.subject_text and not any(w in q.norm for w in named):
                continue  # a follow-up stays with the subject the conversation is about
            cov_ctx = coverage(terms, fi.ctx, self.weights)
            cov_sent = coverage(terms, fi.sent, self.weights)
            cov_seg = coverage(terms, fi.seg, self.weights)
            score = 0.45 * cov_ctx + 0.15 * cov_sent + 0.3 * cov_seg
            for n in q.numbers:  # a figure the question quotes (过10亿元项目) pins the phrase
                score += 0.2 if n in fi.seg else 0.0
            if q.relative and "年度" in fi.seg:
                score += 0.15  # 今年/当年 asks for the year's own figure (年度计划投资)
            if outside:
                score -= 0.5  # the question names a heading; the answer should lie under it
            if q.delta or q.base_years:
                score += 0.15 if re.search(r"比(19|20)\d{2}年|比上年|同比", fi.seg) else -0.1
            for y in q.base_years:
                if f"比{y}年" in fi.seg:
                    score += 0.1
            if hist_terms:
                score += 0.3 * coverage(hist_terms, fi.ctx, self.weights)
            item = fi.item
            item_terms = [t for t in terms if item and item in t]
            if item:
                score += 0.2 if item_terms else -0.2
            if q.hint_word and q.unit_hint == "percent" and q.hint_word in fi.seg:
                score += 0.15  # the word that says what kind of figure is asked (增速, 比重…)
            fit = unit_fit(q.unit_hint, fi.unit)
            if fit < 0 and q.hard_unit:
                continue  # the question names its unit (亿元, %, 个…); this figure has another
            score += fit
            if fi.unit == "%" and q.unit_hint != "percent" and (
                    re.search(r"比重|占比|率", fi.seg) or not re.search(r"增长|提高|下降|降低|减少", q.norm)):
                continue  # a percentage does not answer a question about an amount
            if q.actual and re.search(r"达到|控制|力争|确保|新增|实施|计划|突破|不低于|不少于|以上|以内|左右", fi.seg2):
                continue  # a plan states targets, not what was actually achieved
            if "年度" in q.norm and not q.relative_only and "年度" not in fi.seg2 and "每年" not in fi.seg2:
                continue  # asked for a year's share of a total the phrase does not split
            if measure_terms is not None:
                mt = [t for t in measure_terms if t not in item_terms and term_hit(t, fi.path) < 0.5]
                if mt and coverage(mt, fi.seg2, self.weights) < 0.4:
                    continue  # what the question measures is not what this phrase measures
            r = min((rank[c] for c in _ancestors(fi.clause.id) if c in rank), default=None)
            if r is not None:
                score += 0.08 / (1 + r)
            derived = None
            if q.derive and q.years:
                derived = derive_earlier(fi, q.years)
                if derived is None:
                    continue
                score += 0.1
            elif q.years:
                if any(y in fi.years for y in q.years):
                    score += 0.1
                else:
                    derived = derive_earlier(fi, q.years)
                    if derived is None:
                        if fi.years:
                            continue  # the text gives this figure for another year
                        score -= 0.15
            out.append(_Scored(score, fi, derived=derived))
        out.sort(key=lambda s: -s.score)
        return out

    def _figure(self, q, terms, hist_terms, scope, rank) -> Answer | None:  # noqa: ANN001
        if not q.base_years and re.search(DIFFERENCE, q.norm):
            diff = self._difference(q, terms, scope, rank)
            if diff is not None:
                return diff
        if re.search(_PART_OF, q.norm):
            part = self._part_of(q, terms, scope, rank)
            if part is not None:
                return part
        if len(q.docs) >= 2:  # the question names several documents: answer from each
            answers, partial = [], False
            for d in q.docs:
                t_d = self._doc_terms(terms, d)
                sc = self._score_figs(q, t_d, hist_terms, (d,), rank)
                if sc and t_d and sc[0].score >= FIGURE_MIN and not _unmatched(t_d, sc[0].item, self):
                    answers.append(self._figure_answer(q, sc[0], sc))
                    partial |= len(t_d) < len(terms)
            if len(answers) > 1:
                return _merge(q, *answers)
            # one place answers only by ignoring words the other place alone uses: not an answer
            return answers[0] if answers and not partial else None
        scored = self._score_figs(q, terms, hist_terms, scope, rank)
        if not scored or not terms and not hist_terms:
            return None
        best = scored[0]
        if best.score < FIGURE_MIN or _unmatched(terms, best.item, self):
            return None
        # Both documents answer: give both when the question names neither (or both).
        if len(scope) != 1:
            other = next((s for s in scored if s.item.fig.doc_id != best.item.fig.doc_id), None)
            named_both = len(q.docs) >= 2
            if other is not None and not _unmatched(terms, other.item, self) and (
                    (named_both and other.score >= FIGURE_MIN)
                    or (other.score >= BOTH_MIN and other.score >= best.score - 0.05)):
                a1 = self._figure_answer(q, best, scored)
                a2 = self._figure_answer(q, other, scored)
                return _merge(q, a1, a2)
        return self._figure_answer(q, best, scored)

    def _figure_answer(self, q: Question, best: _Scored, scored: list[_Scored]) -> Answer:
        fi: FigureView = best.item
        place = self._place(fi.doc)
        subject = subject_of(fi.clause, self.by_id)
        if best.derived is not None:
            value, computation, _ = best.derived
            year = q.years[0]
            measure = measure_words(fi)
            unit = fi.fig.unit
            text = f"{place}{subject}：{year}年{measure}为{value}{unit}（由{computation}推算，文件未直接给出）。"
            cit = cite(fi.doc, fi.clause, *fi.fig.clean_span, highlight=numbers_in(computation))
            return Answer(question=q.text, answer=in_script(text, q.script), found=True,
                          citations=(cit,), figures=(f"{value}{unit}",), type="derived",
                          computation=computation)
        # Several figures in one phrase tie (a general question): state the whole sentence.
        same = [s for s in scored[:6] if s.item.clause.id == fi.clause.id and s.item.fig.sentence == fi.fig.sentence
                and s.score >= best.score - 0.02 and s.derived is None]
        if len(same) > 1 and q.unit_hint is None:
            s, e = sentence_bounds(fi.doc, fi.clause, *fi.fig.clean_span)
            body = fi.doc.clean[s:e].rstrip("。")
            figs = tuple(dict.fromkeys(x.item.fig.text for x in same))
        else:
            s, e = fi.seg_span
            body = fi.doc.clean[s:e]
            ss, _ = sentence_bounds(fi.doc, fi.clause, *fi.fig.clean_span)
            if re.match(r"(力争|确保|达到|实现|并|力爭|確保|達到|實現)", body) and s - 1 > ss:
                # the phrase says what is to be reached; what it is about comes just before
                ps = segment_bounds(fi.doc, fi.clause, s - 1, s - 1)[0]
                lead = re.sub(r"^[一二三四五六七八九十]+是", "", fi.doc.clean[ps:s - 1])
                body = f"{lead}，{body}"
            if fi.fig.time and fi.fig.time not in body and not re.search(r"(19|20)\d{2}年", body):
                body = f"{fi.fig.time}，{body}"
            figs = (fi.fig.text,)
        text = f"{place}{subject}：{body}。"
        cit = cite(fi.doc, fi.clause, *fi.fig.clean_span, highlight=figs)
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=(cit,),
                      figures=figs, type="figure")

    def _subjects(self, q: Question, scope) -> list[Clause]:  # noqa: ANN001
        """Headings the question names (e.g. two industries), outermost first, not nested."""
        text = q.subject_text or q.norm
        hits = [c for c in self.heads.named(text) if not scope or c.doc_id in scope]
        hits = [c for c in hits if not any(o.id != c.id and c.id.startswith(o.id + "/") for o in hits)]
        return hits

    def _per_subject(self, q, terms, scope, rank, every: bool = False) -> list[_Scored]:  # noqa: ANN001
        """One figure per subject the question names, measured the same way (with
        ``every``, all such figures under each subject: 新能源 and 新材料 lines both count)."""
        subjects = self._subjects(q, scope)
        if len(subjects) == 1:  # a group heading: its sub-headings are the subjects
            kids = [k for k in self._children.get(subjects[0].id, []) if k.id in self._children]
            subjects = kids if len(kids) >= 2 else subjects
        if len(subjects) < 2:
            return []
        subject_words = {w for d in {x.doc_id for x in subjects} for c, ws in self.heads.of_doc.get(d, ())
                         for w in ws if c in subjects or any(c.id.startswith(x.id + "/") for x in subjects)}
        subject_words |= {w for c in subjects for w in self.tokenize(normalize(strip_marker(c.heading)).lower())}
        measure = [t for t in terms if not any(t in w or w in t for w in subject_words) and not COUNTING.fullmatch(t)] or terms
        q2 = replace(q, delta=q.delta and not q.base_years and not re.search(r"比.{2,30}(高出|多出|多|高|少|低)", q.norm))
        scored = [x for x in self._score_figs(q2, measure, [], scope, rank, subjects=subjects) if x.derived is None]
        picks = []
        for subj in subjects:
            mine = [x for x in scored if x.item.clause.id.startswith(subj.id + "/") or x.item.clause.id == subj.id]
            if not mine or mine[0].score < FIGURE_MIN - 0.1:
                continue
            picks.append(mine[0])
            if every:
                top = mine[0]
                picks.extend(x for x in mine[1:] if x.score >= top.score - 0.05 and x.item.unit == top.item.unit
                             and similar(x.item.key, top.item.key) >= 0.45 and x.item.seg_span != top.item.seg_span)
        if len({p.item.unit for p in picks}) > 1:
            unit = picks[0].item.unit
            picks = [p for p in picks if p.item.unit == unit]
        return picks

    def _named_items(self, q, terms, scope, rank) -> list[tuple[str, _Scored]]:  # noqa: ANN001
        """Items the question coordinates (新能源和新材料, 锂电、新医药、数字经济), each with
        the figure that measures it."""
        items = coordinated_terms(q.norm, terms)
        if len(items) < 2:
            return []
        measure = [t for t in terms if t not in items and not COUNTING.fullmatch(t)]
        scored = [x for x in self._score_figs(replace(q, delta=False), measure or terms, [], scope, rank, strict=False)
                  if x.derived is None]
        out: list[tuple[str, _Scored]] = []
        for it in items:
            for x in scored:
                label = item_label(x.item)
                if it in x.item.seg2 or (label and (it in label or label in it)):
                    if all(x is not y for _, y in out):
                        out.append((it, x))
                    break
        if len(out) < 2 or len({x.item.unit for _, x in out}) > 1:
            return []
        return out

    def _respective_group(self, q, terms, scope, rank) -> list[_Scored]:  # noqa: ANN001
        """All figures of one ``分别`` list that the question's measure matches."""
        scored = [x for x in self._score_figs(q, [t for t in terms if not COUNTING.fullmatch(t)], [], scope, rank, strict=False)
                  if x.derived is None and x.score >= FIGURE_MIN - 0.1 and x.item.item]
        if not scored:
            return []
        top = scored[0]
        return [x for x in scored if x.item.unit == top.item.unit and similar(x.item.key, top.item.key) >= 0.3
                and x.score >= top.score - 0.45][:12]

    def _candidates(self, q, terms, hist_terms, scope, rank) -> list[_Scored]:  # noqa: ANN001
        """Figures measuring the same thing as the best match (for comparisons and sums)."""
        named = self._named_items(q, terms, scope, rank)
        if named:
            return [x for _, x in named]
        picks = self._per_subject(q, terms, scope, rank, every=q.intent == "aggregation")
        if len(picks) >= 2:
            return picks
        picks = self._respective_group(q, terms, scope, rank)
        if len(picks) >= 2:
            return picks
        scored = [s for s in self._score_figs(q, terms, hist_terms, scope, rank) if s.derived is None]
        own = [t for t in terms if not COUNTING.fullmatch(t)]  # 十强/五大 name a group, not a phrase
        if not scored or scored[0].score < FIGURE_MIN or _unmatched(own, scored[0].item, self):
            return []
        best = scored[0].item
        group = []
        for s in scored:
            fi = s.item
            if fi.fig.unit != best.fig.unit or s.score < scored[0].score - 0.1:
                continue
            if similar(fi.key, best.key) < 0.45 and fi.seg_span != best.seg_span:
                continue
            if any(g.item.fig.clean_span == fi.fig.clean_span and g.item.doc is fi.doc for g in group):
                continue
            group.append(s)
        return group[:20]

    def _extreme(self, q, terms, hist_terms, scope, rank) -> Answer | None:  # noqa: ANN001
        group = self._candidates(q, terms, hist_terms, scope, rank)
        if len(group) < 2:
            return None
        pick = max if q.extreme == "max" else min
        win = pick(group, key=lambda s: s.item.fig.value)
        fi: FigureView = win.item
        word = "最高" if q.extreme == "max" else "最低"
        subject = item_label(fi) or subject_of(fi.clause, self.by_id)
        s, e = fi.seg_span
        text = f"{self._place(fi.doc)}在比较的各项中，{subject}{word}，为{fi.fig.text}：{fi.doc.clean[s:e]}。"
        cit = cite(fi.doc, fi.clause, *fi.fig.clean_span, highlight=(fi.fig.text,))
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=(cit,),
                      figures=(fi.fig.text,), type="comparison",
                      extra={"compared": [g.item.fig.clause_id for g in group]})

    def _aggregate(self, q, terms, hist_terms, scope, rank) -> Answer | None:  # noqa: ANN001
        group = self._candidates(q, terms, hist_terms, scope, rank)
        if len(group) < 2:
            return None
        vals = [g.item.fig.value for g in group]
        decimals = max(decimal_places(g.item.fig.text) for g in group)
        total = round(sum(vals), decimals)
        total_s = f"{total:.{decimals}f}" if decimals else str(int(round(total)))
        computation = "+".join(number_text(g.item.fig) for g in group) + f"={total_s}"
        unit = group[0].item.fig.unit
        fi = group[0].item
        text = f"{self._place(fi.doc)}合计{total_s}{unit}（{computation}）。"
        cits = tuple(cite(g.item.doc, g.item.clause, *g.item.fig.clean_span, highlight=(g.item.fig.text,)) for g in group)
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits,
                      figures=(f"{total_s}{unit}",), type="aggregation", computation=computation)

    def _difference(self, q, terms, scope, rank) -> Answer | None:  # noqa: ANN001
        """``A比B高出多少``: two items measured the same way, subtracted, shown."""
        named = self._named_items(q, terms, scope, rank)
        if len(named) == 2:
            pairs = [(label, x) for label, x in named]
        elif len(self._subjects(q, scope)) == 2:
            picks = self._per_subject(q, terms, scope, rank)
            if len(picks) != 2:
                return None
            pairs = [(subject_of(x.item.clause, self.by_id), x) for x in picks]
        else:
            picks = [x for x in self._respective_group(q, terms, scope, rank)
                     if any(item_label(x.item) and (item_label(x.item) in t or t in item_label(x.item)) for t in terms)]
            if len(picks) != 2:
                return None
            pairs = [(item_label(x.item), x) for x in picks]
        # the item named first is the minuend
        def position(label: str, x: _Scored) -> int:
            keys = [label] + [w for c, ws in self.heads.of_doc.get(x.item.clause.doc_id, ())
                              if x.item.clause.id.startswith(c.id + "/") for w in ws]
            found = [q.norm.find(k) for k in keys if k and k in q.norm]
            return min(found) if found else 99
        (la, a), (lb, b) = sorted(pairs, key=lambda p: position(*p))
        fa, fb = a.item.fig, b.item.fig
        decimals = max(decimal_places(fa.text), decimal_places(fb.text))
        value = round(fa.value - fb.value, decimals)
        v = f"{value:.{decimals}f}" if decimals else str(int(value))
        computation = f"{number_text(fa)}−{number_text(fb)}={v}"
        text = f"{self._place(a.item.doc)}{la}比{lb}多{v}{fa.unit}（{computation}）。"
        cits = tuple(cite(p.item.doc, p.item.clause, *p.item.fig.clean_span, highlight=(p.item.fig.text,)) for p in (a, b))
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits,
                      figures=(f"{v}{fa.unit}",), type="derived", computation=computation)

    def _part_of(self, q, terms, scope, rank) -> Answer | None:  # noqa: ANN001
        """A part and its whole stated in one sentence (年度计划投资 of 计划总投资): the
        remainder (还剩多少) or the share (占…比例), computed and shown."""
        if q.unit_hint == "percent":  # a share the text states itself beats one computed
            direct = self._score_figs(q, terms, [], scope, rank)
            if direct and direct[0].score >= FIGURE_MIN and direct[0].item.unit == "%":
                return None
        q2 = replace(q, relative_only=True, unit_hint=None, hard_unit=False)  # the whole has no 年度, the share no unit
        scored = [x for x in self._score_figs(q2, terms, [], scope, rank, strict=False) if x.derived is None]
        if not scored or scored[0].score < FIGURE_MIN - 0.1:
            return None
        top = scored[0].item
        pair = [x for x in scored if x.item.fig.sentence == top.fig.sentence and x.item.unit == top.unit
                and x.item.seg_span != top.seg_span and x.score >= scored[0].score - 0.3]
        if not pair:
            return None
        a, b = sorted([top, pair[0].item], key=lambda f: -(f.fig.value or 0))  # whole, part
        if re.search(r"占|比例|比重|百分比|几成", q.norm):
            digits = 2
            value = round(b.fig.value / a.fig.value * 100, digits)
            v = f"{value:.{digits}f}"
            computation = f"{number_text(b.fig)}/{number_text(a.fig)}*100={v}"
            text = f"{self._place(top.doc)}{subject_of(top.clause, self.by_id)}：{measure_words(b)}占{measure_words(a)}的{v}%（{computation}）。"
            figure = f"{v}%"
        else:
            decimals = max(decimal_places(a.fig.text), decimal_places(b.fig.text))
            value = round(a.fig.value - b.fig.value, decimals)
            v = f"{value:.{decimals}f}" if decimals else str(int(value))
            computation = f"{number_text(a.fig)}−{number_text(b.fig)}={v}"
            text = f"{self._place(top.doc)}{subject_of(top.clause, self.by_id)}：{measure_words(a)}中{measure_words(b)}以外为{v}{a.fig.unit}（{computation}）。"
            figure = f"{v}{a.fig.unit}"
        cit = cite(top.doc, top.clause, *top.fig.clean_span, highlight=(a.fig.text, b.fig.text))
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=(cit,),
                      figures=(figure,), type="derived", computation=computation)

    # -- responsibilities ------------------------------------------------------------------
    def _score_duties(self, q, terms, hist_terms, scope, rank) -> list[_Scored]:  # noqa: ANN001
        out = []
        for d in (d for v in self._in_scope(scope) for d in v.duties):
            score = 0.5 * coverage(terms, d.head, self.weights) + 0.5 * coverage(terms, d.head + d.body, self.weights)
            if hist_terms:
                score += 0.35 * coverage(hist_terms, d.head + d.body, self.weights)
            r = rank.get(d.clause.id)
            if r is not None:
                score += 0.1 / (1 + r)
            out.append(_Scored(score, d))
        out.sort(key=lambda s: -s.score)
        return out

    def _doc_terms(self, terms: list[str], doc_id: str) -> list[str]:
        """The terms one document uses (a question about two places names each one's own)."""
        text = self._view(doc_id).text
        return [t for t in terms if term_hit(t, text) >= 0.5]

    def _responsibility(self, q, terms, hist_terms, scope, rank) -> Answer | None:  # noqa: ANN001
        if len(q.docs) >= 2:
            answers = []
            for d in q.docs:
                t_d = self._doc_terms(terms, d)
                sc = self._score_duties(q, t_d, hist_terms, (d,), rank)
                if sc and t_d and sc[0].score >= DUTY_MIN:
                    answers.append(self._duty_answer(q, sc[0].item))
            return _merge(q, *answers) if len(answers) > 1 else (answers[0] if answers else None)
        scored = self._score_duties(q, terms, hist_terms, scope, rank)
        if not scored or scored[0].score < DUTY_MIN:
            return None
        best = scored[0]
        if _unmatched_text(terms, best.item.head + best.item.body, self, limit=0.6):
            return None
        if len(scope) != 1:
            other = next((s for s in scored if s.item.duty.doc_id != best.item.duty.doc_id), None)
            named_both = len(q.docs) >= 2
            if other is not None and ((named_both and other.score >= DUTY_MIN)
                                      or (other.score >= BOTH_MIN and other.score >= best.score - 0.05)):
                return _merge(q, self._duty_answer(q, best.item), self._duty_answer(q, other.item))
        return self._duty_answer(q, best.item)

    def _duty_answer(self, q: Question, d: _Duty) -> Answer:
        duty = d.duty
        task = strip_marker(duty.task).rstrip("。")
        units = "、".join(duty.units)
        if q.lead_only and duty.lead:
            text = f"{self._place(d.doc)}“{task}”由{'、'.join(duty.lead)}牵头，责任单位：{units}。"
        else:
            text = f"{self._place(d.doc)}“{task}”的责任单位：{units}。"
            if duty.lead:
                text += f"其中{'、'.join(duty.lead)}牵头。"
            elif q.lead_only:
                text += "文件未写明牵头单位。"
        cit = cite(d.doc, d.clause, *duty.clean_span, highlight=duty.units, sentence=False)
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=(cit,),
                      units=duty.units, type="responsibility")

    def _reverse(self, q, terms, hist_terms, scope, rank) -> Answer | None:  # noqa: ANN001
        found = []
        for d in (d for v in self._in_scope(scope) for d in v.duties):
            if any(u in d.units for u in q.units):
                found.append(d)
        if not found:
            return None
        unit_name = found[0].duty.units[found[0].units.index(next(u for u in q.units if u in found[0].units))]
        by_doc: dict[str, list[_Duty]] = {}
        for d in found:
            by_doc.setdefault(d.duty.doc_id, []).append(d)
        parts = []
        for ds in by_doc.values():
            tasks = "；".join(strip_marker(d.duty.task).rstrip("。") for d in ds)
            parts.append(f"{self._place(ds[0].doc)}{_cn_count(len(ds))}项：{tasks}")
        text = f"{unit_name}负责的任务——" + "。".join(parts) + "。"
        cits = tuple(cite(d.doc, d.clause, *d.duty.clean_span, highlight=(d.duty.units[d.units.index(u)] for u in q.units if u in d.units), sentence=False)
                     for d in found)
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits,
                      units=(unit_name,), type="reverse",
                      extra={"tasks": [d.duty.task for d in found]})

    # -- document facts --------------------------------------------------------------------
    def _docfact(self, q, terms, hist_terms, scope, rank) -> Answer | None:  # noqa: ANN001
        docs = scope or tuple(s.doc_id for s in self.sources)
        if len(docs) > 1 and not q.docs:
            docs = docs[:2] if len(docs) == 2 else docs
        answers = []
        for doc_id in docs:
            doc = self.index.documents[doc_id]
            label, value = fact_value(doc, q.docfact)
            if not value:
                continue
            cit = cite_raw(doc, value, self.by_id)
            if cit is None:
                continue
            text = f"{doc.source.label}的{label}为{value}。"
            answers.append(Answer(question=q.text, answer=in_script(text, q.script), found=True,
                                  citations=(cit,), figures=(value,), type="docfact"))
        if not answers:
            return None
        if len(answers) == 1:
            return answers[0]
        return _merge(q, *answers[:2])

    # -- lists -----------------------------------------------------------------------------
    def _list(self, q, terms, hist_terms, scope, rank) -> Answer | None:  # noqa: ANN001
        """有哪些: the sub-headings of a heading the question names, or the enumeration
        (A、B、C等…) that best matches the question."""
        terms = [t for t in terms if not COUNTING.fullmatch(t)]
        subjects = self._subjects(q, scope)
        if len(subjects) == 1 and len(self._children.get(subjects[0].id, [])) >= 2:
            clause = subjects[0]
            kids = [k for k in self._children[clause.id] if k.id in self._children] or self._children[clause.id]
            doc = self.index.documents[clause.doc_id]
            items = "；".join(strip_marker(k.heading).rstrip("。") for k in kids[:12])
            text = f"{self._place(doc)}“{strip_marker(clause.heading).rstrip('。')}”包括：{items}。"
            cits = tuple(cite(doc, k, k.clean_span[0], min(k.clean_span[1], k.clean_span[0] + 1)) for k in kids[:12])
            return Answer(question=q.text, answer=in_script(text, q.script), found=True,
                          citations=cits, type="list")
        best, best_score = None, 0.0
        for en in (en for v in self._in_scope(scope) for en in v.enums):
            score = 0.7 * coverage(terms, en[4], self.weights) + 0.3 * coverage(terms, en[5], self.weights)
            if score > best_score:
                best, best_score = en, score
        if best is None or best_score < 0.5 or _unmatched_text(terms, best[4] + best[5], self):
            return None
        clause, doc, s, e = best[:4]
        subject = subject_of(clause, self.by_id)
        text = f"{self._place(doc)}{subject}：{doc.clean[s:e]}。"
        cit = cite(doc, clause, s, e)
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=(cit,), type="list")

    def _enumerations(self, doc: ParsedDocument) -> list[tuple]:
        """Every phrase that lists items (A、B、C…) with its clause, span and normalised text."""
        out = []
        for c in self._clauses_by_doc.get(doc.source.doc_id, ()):
            lo, hi = c.clean_span
            start = lo
            for i in range(lo, hi + 1):
                if i == hi or doc.clean[i] in "，,；;。！？\n":
                    seg = doc.clean[start:i]
                    if "、" in seg and len(seg) <= 120:
                        out.append((c, doc, start, i, normalize(seg).lower(), normalized(c.path_text).lower()))
                    start = i + 1
        return out

    # -- refusal and checks ----------------------------------------------------------------
    def _missing(self, q: Question, terms: list[str], scope, rank) -> list[str]:  # noqa: ANN001
        """The question's terms the closest figure's context lacks (what the text doesn't say)."""
        scored = self._score_figs(replace(q, years=()), terms, [], scope, rank)
        if not scored:
            return terms
        fi = scored[0].item
        miss = missing_terms(terms, fi.ctx + " " + fi.seg)
        if q.years and not any(y in fi.years for y in q.years):
            miss = [f"{y}年" for y in q.years] + miss
        return miss or terms

    def _refuse(self, q: Question, terms: list[str], hits) -> Answer:  # noqa: ANN001
        related = []
        for h in hits[:3]:
            doc = self.index.documents[h.clause.doc_id]
            c = h.clause
            related.append(cite(doc, c, c.clean_span[0], min(c.clean_span[1], c.clean_span[0] + 1)))
        what = "、".join(terms[:4])
        subject = f"关于“{what}”的" if what else "能回答这个问题的"
        text = f"文件中没有找到{subject}内容。" + ("以下条款可能相关，供参考。" if related else "")
        return Answer(question=q.text, answer=in_script(text, q.script), found=False,
                      related=tuple(related), type="unanswerable")

    def _grounded(self, ans: Answer, q: Question) -> Answer:
        if not ans.found:
            return ans
        allowed = tuple(str(y) for y in q.years)
        # a citation shows its document title and clause path too, so their numbers count
        quotes = [t for c in ans.citations for t in (c.quote, c.path, c.title)]
        if is_grounded(ans.answer, quotes, ans.computation, allowed):
            return ans
        # Fall back to quoting the clause itself: always grounded.
        c = ans.citations[0]
        text = f"{c.title} › {c.path}：“{c.quote}”"
        return replace(ans, answer=text, extra={**ans.extra, "grounding": "fallback"})

    def _place(self, doc: ParsedDocument) -> str:
        return doc.source.place or doc.source.label


FIGURE_MIN = 0.55
MANY_DOCUMENTS = 12
DUTY_MIN = 0.4
BOTH_MIN = 0.75


def _answer_subject(text: str) -> str:
    """The subject an earlier answer named (the part before its colon)."""
    head = re.split(r"[:：]", text, maxsplit=1)[0]
    return head if len(head) < 60 else ""


def _tagged_part(norm: str, st: _State, config: Config) -> str:
    """The start of a question the POS tagger reads: at most ``max_tagged_chars``, and no
    further than ``max_tagged_rare_chars`` characters no document uses (jieba's HMM takes
    5-9 ms for each character it does not know; a 2,000-character random question took
    3-7 s, one 48-character window still 0.4 s)."""
    part = norm[:config.max_tagged_chars]
    rare = 0
    for i, ch in enumerate(part):
        # only CJK ideographs reach the HMM; other characters are tagged by a regex
        if "\u4e00" <= ch <= "\u9fff" and not st.weights.uses(ch):
            rare += 1
            if rare > config.max_tagged_rare_chars:
                return part[:i]
    return part


def _unknown_place(norm: str, st: _State) -> str | None:
    """A place the question names (jieba tags it ``ns``) that no document mentions."""
    import jieba.posseg as pseg

    known = st.catalogue.cues
    norm = st.catalogue.without_units(norm)  # 文件里市行政审批局: the unit, not a place 里市
    for word, flag in pseg.lcut(norm):
        if flag != "ns" or len(word) < 2 or known.in_text(word) or known.inside(word):
            continue
        if not st.weights.df(word):
            return word
    return None


def _ancestors(clause_id: str) -> list[str]:
    parts = clause_id.split("/")
    return ["/".join(parts[:i]) for i in range(len(parts), 1, -1)]


_PART_OF = r"以外|之外|剩余|还剩|其余|除去|扣除|占(其|全部|总)?.{0,12}(比例|比重|百分比|几成)"


def _unmatched(terms: list[str], fi: FigureView, st: _State) -> bool:
    item = fi.item
    terms = [t for t in terms if not (item and item in t)]
    return _unmatched_text(terms, fi.ctx + " " + fi.seg, st)


def _unmatched_text(terms: list[str], text: str, st: _State, limit: float = 0.45) -> bool:
    """The question names something specific the answer's context never mentions."""
    miss = [t for t in missing_terms(terms, text) if st.weights.df(t) or _is_thing(t)]
    if not miss:
        return False
    total = sum(st.weights.idf(t) for t in terms) or 1.0
    lost = sum(st.weights.idf(t) for t in miss)
    return lost / total > limit


def _heading_words(clauses: list[tuple[Clause, str]], children: dict[str, list[Clause]],
                   by_id: dict[str, Clause], plain) -> list[tuple[Clause, tuple[str, ...]]]:  # noqa: ANN001
    """For each heading of one document with sub-clauses: the everyday words that single it
    out among the document's headings (装备 for 巩固升级高端装备产业; not 产业 or 发展).

    Args:
        clauses: the document's clauses, each with its normalised heading path and text.
        children: sub-clauses by clause id.
        by_id: clauses by id.
        plain: a Lexicon with jieba's own dictionary, to split headings into everyday words.
    """
    words: dict[str, list[str]] = {}
    for c, _ in clauses:
        if c.id not in children or c.level < 1:
            continue
        head = normalize(strip_marker(c.heading)).lower().rstrip("。")
        words[c.id] = [w for w in plain.words(head) if len(w) >= 2 and w not in STOP]
    df = Counter(w for ws in words.values() for w in set(ws))

    def mostly_inside(cid: str, w: str) -> bool:
        """Most clauses that use ``w`` sit under this heading: it names this subject."""
        using = [c.id for c, text in clauses if w in text]
        inside = [i for i in using if i == cid or i.startswith(cid + "/")]
        return len(inside) >= 0.5 * len(using)

    return [(by_id[cid], tuple(w for w in ws if df[w] <= 1 and mostly_inside(cid, w)))
            for cid, ws in words.items()]


def _term_scale(term: str) -> float:
    """A term's weight factor: names of things and numbers count fully, other words less."""
    return 1.0 if _is_thing(term) or re.search(r"\d", term) else 0.4


@lru_cache(maxsize=4096)
def _is_thing(word: str) -> bool:
    """Whether a word names a thing (noun, name, verbal noun) rather than an action or manner."""
    import jieba.posseg as pseg

    tags = [flag for _, flag in pseg.lcut(word)]
    return any(t[0] in "nj" or t in ("vn", "eng", "l", "i") for t in tags)


def _load_tools() -> None:
    _is_thing("文件")  # jieba's POS tagger
    detect_script("預熱")  # OpenCC's converters, both ways


# Loaded on first use by whichever thread comes first; the others wait for it.
_TOOLS = _Once(_load_tools)


def _cn_count(n: int) -> str:
    """A count in Chinese numerals: it is ours, not the document's, so no digit is stated."""
    import cn2an

    return cn2an.an2cn(n)


def _merge(q: Question, *answers: Answer) -> Answer:
    """One answer from several documents' answers, each keeping its citations."""
    return Answer(
        question=q.text,
        answer="".join(a.answer for a in answers),
        found=True,
        citations=tuple(c for a in answers for c in a.citations),
        figures=tuple(f for a in answers for f in a.figures),
        units=tuple(u for a in answers for u in a.units),
        type="both",
        computation=next((a.computation for a in answers if a.computation), None),
    )


