"""What the assistant derives from one index, made once per index (in parts, on first use
or in ``warm_up``) and extended, not made again, when documents are added."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Generic, TypeVar

from assistant.figures import normalized
from assistant.match import TermWeights, question_lexicon, term_hit
from assistant.once import Once
from assistant.question import Catalogue
from assistant.reading import Reading, readings
from assistant.terms import TOOLS, term_scale
from assistant.titles import DocTitles
from assistant.views import DocView, Headings, children_of, doc_view
from corpus.sources import Source
from index.backend import IndexBackend, doc_summaries
from index.records import Clause, ParsedDocument

V = TypeVar("V")
# how many scopes' own term weights a state keeps (State.weights_for)
SCOPES_KEPT = 64


class Recent(OrderedDict[str, V], Generic[V]):
    """What was derived per document, the ``limit`` most recently stored (None: all)."""

    def __init__(self, limit: int | None, items: Mapping[str, V]) -> None:
        self.limit = limit  # before the items: storing them trims
        super().__init__(items)

    def __setitem__(self, key: str, value: V) -> None:
        super().__setitem__(key, value)
        self._trim()

    def _trim(self) -> None:
        while self.limit is not None and len(self) > self.limit:
            self.popitem(last=False)


class State:
    """Everything the assistant derives from one index.

    Quick to make: what takes long (the question word segmenter, term weights over every
    clause and the headings' words) is derived on first use, once, or in ``warm_up``; a
    document's figures, duties and enumerations when a question first looks at it. The
    index is read only through ``IndexBackend``'s look-ups.

    Args:
        idx: the index.
        base: the state of an earlier index whose documents ``idx`` holds first, in the same
            order; what was derived for them is reused.
        added: the doc_ids of the documents ``idx`` holds after ``base``'s.
    """

    def __init__(self, idx: IndexBackend, base: State | None = None, added: Sequence[str] = ()) -> None:
        self.index = idx
        self.doc_ids: list[str] = idx.doc_ids()
        if base is not None and self.doc_ids != [*base.doc_ids, *added]:
            raise ValueError(f"the index's documents are not the earlier ones followed by {list(added)!r}")
        new_ids = list(added) if base is not None else self.doc_ids
        self.sources: list[Source] = list(idx.sources)
        self.source_by_id = {s.doc_id: s for s in self.sources}
        # A document's views and sub-clause lists are its own: the earlier documents' are
        # shared with ``base``, and only new keys are added. Views are built on first use,
        # so start-up stays quick however many documents there are; a backend that serves
        # documents on demand bounds how many stay derived (``doc_cache``).
        limit = getattr(idx, "doc_cache", None)
        self._views: Recent[DocView] = Recent(limit, base._views if base is not None else {})
        self._children: Recent[dict[str, list[Clause]]] = Recent(
            limit, base._children if base is not None else {})
        # Unit names and sources come with the list of documents: no document is read here.
        units = {normalized(u).lower() for s in doc_summaries(idx, new_ids).values()
                 for u in s.units}
        sources = [self.source_by_id[d] for d in new_ids]
        self.catalogue = base.catalogue.extended(sources, units) if base is not None else Catalogue(sources, units)
        self.titles = base.titles.extended(sources) if base is not None else DocTitles(sources)
        if base is not None and base._lexicon.done:
            self._lexicon = Once.made(question_lexicon(idx.lexicon, base._lexicon()))
        else:
            self._lexicon = Once(lambda: question_lexicon(idx.lexicon))
        if base is not None and base._reading.done:
            self._reading = Once.made(self._read(new_ids, *base._reading()))
        else:  # stored summaries, else one document at a time: never all documents at once
            self._reading = Once(lambda: self._read(self.doc_ids))
        # The encoder is the index's: loaded now if the earlier index's was (at once when
        # ``idx`` shares it), else on first use.
        needs_encoder = idx.config.retriever != "bm25"
        if base is not None and base._encoder.done and needs_encoder:
            self._encoder = Once.made(self._load_encoder())
        else:
            self._encoder = Once(lambda: self._load_encoder() if needs_encoder else None)
        self._warm = Once(self._load)
        self._scoped: Recent[TermWeights] = Recent(SCOPES_KEPT, {})  # weights_for's
        self._taught: Recent[frozenset[str]] = Recent(limit, base._taught if base is not None else {})

    def _load_encoder(self) -> bool:
        self.index.encode_query("预热")  # a model's first encoding is slow
        return True

    def warm_up(self) -> None:
        """Make now every part ``answer`` would make on first use; once: a later call (the
        web app's, before it starts a question's clock) returns at once, or waits for the
        first to finish."""
        self._warm()

    def load_encoder(self) -> None:
        """Wait for the encoder model (loaded once, even while ``warm_up`` loads it too)."""
        self._encoder()

    def _load(self) -> None:
        self._lexicon()
        self._reading()
        TOOLS()
        if self._encoder() is not None:
            self.index.search("预热", k=1)

    @property
    def weights(self) -> TermWeights:
        """IDF of terms over every clause's normalised heading path and text."""
        return self._reading()[0]

    def weights_for(self, scope: Sequence[str]) -> TermWeights:
        """IDF of terms over the sentences of the documents in ``scope`` alone (every
        clause's of every document when it is empty or holds them all): a question scoped
        to them weighs its words alike whatever else the index holds. Made once per scope
        (the last ``SCOPES_KEPT`` kept)."""
        key = tuple(sorted(set(scope)))
        if not key or len(key) == len(self.doc_ids):
            return self.weights
        got = self._scoped.get(key)
        if got is None:
            read_of = self._reading()[2]
            got = self._scoped[key] = TermWeights([t for d in key for t in read_of[d].units()],
                                                  scale=term_scale)
        return got

    def taught(self, scope: Sequence[str]) -> frozenset[str]:
        """The words the documents in ``scope`` teach the lexicon (their headings', units',
        measures' and quoted terms, as ``index.build`` finds them), made once per document."""
        from index.lexical import corpus_terms
        from index.texts import term_sources

        out: set[str] = set()
        for d in scope:
            got = self._taught.get(d)
            if got is None:
                got = self._taught[d] = frozenset(corpus_terms(term_sources([self.document(d)])))
            out |= got
        return frozenset(out)

    def learnt_elsewhere(self, word: str, scope: Sequence[str]) -> bool:
        """Whether ``word`` is a word the lexicon learnt only from documents outside
        ``scope`` (not an everyday word, and none of theirs)."""
        return bool(scope) and self.index.lexicon.learnt(word) and word not in self.taught(scope)

    def scoped(self, scope: Sequence[str]) -> State:
        """This state with the term weights of the documents in ``scope`` alone."""
        return ScopedState(self, scope) if scope else self  # type: ignore[return-value]

    @property
    def heads(self) -> Headings:
        """Headings with sub-clauses and the words that name them."""
        return self._reading()[1]

    def tokenize(self, text: str) -> list[str]:
        """A normalised question's words."""
        return self._lexicon().words(text)

    def _read(self, doc_ids: Sequence[str], weights: TermWeights | None = None,
              heads: Headings | None = None, read_of: Mapping[str, Reading] | None = None,
              ) -> tuple[TermWeights, Headings, dict[str, Reading]]:
        """Term weights, heading words and each document's summary with ``doc_ids`` (and
        those of ``weights``, ``heads`` and ``read_of``, which are not changed): from the
        summaries stored with the index, made from the documents where there are none."""
        got = readings(self.index, doc_ids, self.source_by_id, self._children_in)
        texts = [t for r in got.values() for t in r.weighed()]
        entries = [e for r in got.values() for e in r.heads]
        read_now = {**(read_of or {}), **got}
        if weights is None or heads is None:
            return TermWeights(texts, scale=term_scale), Headings(entries), read_now
        return weights.extended(texts), heads.extended(entries), read_now

    # -- look-ups --------------------------------------------------------------------------
    def document(self, doc_id: str) -> ParsedDocument:
        return self.index.document(doc_id)

    def clause(self, clause_id: str) -> Clause | None:
        return self.index.clause(clause_id)

    def _children_in(self, doc: ParsedDocument) -> dict[str, list[Clause]]:
        kids = self._children.get(doc.source.doc_id)
        if kids is None:
            kids = self._children[doc.source.doc_id] = children_of(doc)  # a benign race
        return kids

    def children(self, clause: Clause) -> list[Clause]:
        """A clause's sub-clauses, in document order."""
        return self._children_in(self.document(clause.doc_id)).get(clause.id, [])

    def view(self, doc_id: str) -> DocView:
        """A document's figures, duties, enumerations and text, made on first use."""
        view = self._views.get(doc_id)
        if view is None:
            view = doc_view(self.document(doc_id), self.clause)
            self._views[doc_id] = view  # a benign race: two threads build equal views
        return view

    def in_scope(self, scope: Sequence[str]) -> list[DocView]:
        """The views of the documents in ``scope`` (every document when it is empty)."""
        return [self.view(d) for d in (scope or self.doc_ids)]

    def doc_terms(self, terms: Sequence[str], doc_id: str) -> list[str]:
        """The terms one document uses (a question about two places names each one's own)."""
        text = self.view(doc_id).text
        return [t for t in terms if term_hit(t, text) >= 0.5]

    def place(self, doc: ParsedDocument) -> str:
        """How an answer names a document: its place, else its label."""
        return doc.source.place or doc.source.label


class ScopedState:
    """A state seen from a question scoped to some documents (by place, title or filter):
    its term weights are those documents' alone (``State.weights_for``), everything else
    is the state's."""

    def __init__(self, state: State, scope: Sequence[str]) -> None:
        self._state = state
        self.scope = tuple(scope)

    @property
    def weights(self) -> TermWeights:
        return self._state.weights_for(self.scope)

    def scoped(self, scope: Sequence[str]) -> State:
        return self._state.scoped(scope)

    def __getattr__(self, name: str):  # noqa: ANN204 - whatever the state's attribute is
        return getattr(self._state, name)
