"""BM25 for a search scoped to some documents, with the scope's own statistics.

Milvus keeps BM25 statistics (idf, average length) over a whole collection, and a
``doc_id`` filter does not change them: a scoped question's clause ranks would then move as
unrelated documents arrive. The local backend counts idf and the average length over the
scope's rows alone (``BM25Index.scores_within``); so does this, over the scope's rows read
from Milvus once (their stored tokens, no document read) and kept for the next question.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from index import milvus_store as ms
from index.lexical import BM25Index

SCOPES_KEPT = 32  # scopes whose rows and BM25 are kept (as the local backend's SUBSETS_KEPT)


@dataclass(frozen=True)
class ScopeRows:
    """One collection's rows of some documents, in index order, with their BM25."""

    ids: tuple[str, ...]
    keys: tuple[tuple[int, int, int], ...]  # (kind, seq, pos): the local backend's order
    doc_ids: tuple[str, ...]
    records: tuple[str, ...]
    bm25: BM25Index


class ScopedBM25:
    """Rankings of a scope's rows by BM25 over those rows alone; ``clear`` after a change."""

    def __init__(self, client: Any, collections: dict[str, str]) -> None:
        self.client = client
        self.collections = collections
        self._kept: OrderedDict[tuple[str, tuple[str, ...]], ScopeRows] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()

    def rows(self, part: str, doc_ids: Sequence[str]) -> ScopeRows:
        key = (part, tuple(sorted(set(doc_ids))))
        with self._lock:
            got = self._kept.get(key)
            if got is not None:
                self._kept.move_to_end(key)
                return got
        got = self._read(part, key[1])
        with self._lock:  # two threads may both read it: equal rows
            self._kept[key] = got
            while len(self._kept) > SCOPES_KEPT:
                self._kept.popitem(last=False)
        return got

    def _read(self, part: str, doc_ids: tuple[str, ...]) -> ScopeRows:
        found = list(ms.query_all(self.client, self.collections[part], ms.in_list("doc_id", doc_ids),
                                  ["id", "doc_id", "seq", "kind", "pos", "record", "tokens"]))
        found.sort(key=lambda r: (r["kind"], r["seq"], r["pos"]))
        return ScopeRows(ids=tuple(r["id"] for r in found),
                         keys=tuple((r["kind"], r["seq"], r["pos"]) for r in found),
                         doc_ids=tuple(r["doc_id"] for r in found),
                         records=tuple(r["record"] for r in found),
                         bm25=BM25Index.build(r["tokens"].split() for r in found))

    def ranking(self, part: str, tokens_text: str, doc_ids: Sequence[str], n: int
                ) -> list[tuple[str, float, tuple[int, int, int], str, str]]:
        """(id, score, order key, doc_id, record JSON) of the ``n`` best rows, best first,
        ties in index order; rows no token matches are left out."""
        rows = self.rows(part, doc_ids)
        scores = rows.bm25.scores(tokens_text.split())
        hit = np.flatnonzero(scores > 0)
        # rows are in index order, so a stable sort by score keeps ties in it
        best = hit[np.argsort(-scores[hit], kind="stable")][:n]
        return [(rows.ids[i], float(scores[i]), rows.keys[i], rows.doc_ids[i], rows.records[i])
                for i in best]
