"""The index in Milvus: the same search as ``SearchIndex``, from a file to a cluster.

``MilvusBackend`` implements ``index.backend.IndexBackend``. BM25 runs in Milvus over our
own jieba tokens (Milvus' BM25 function keeps the statistics on the server, so adding or
deleting a document rewrites no other), the dense search over our vectors; the two
rankings are fused in Python by ``index.hybrid.fuse`` (Milvus' WeightedRanker is not our
min-max fusion), so results equal the local backend's. A hit's clause or record comes
with it (its JSON in the row); whole parsed documents are read on demand by doc_id (a
small LRU cache), never all at start-up. Collections: ``index.milvus_store``;
building: ``index.milvus_build``.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

from corpus.sources import Source
from index import milvus_store as ms
from index.backend import DocSummary
from index.config import RETRIEVERS, Config
from index.errors import IndexMismatchError
from index.hybrid import MIN_CANDIDATES, FactHit, Hit, fuse
from index.lexical import Lexicon, corpus_terms
from index.milvus_rows import FACT_KINDS, INSERT_BATCH, now, token_text, write_documents
from index.milvus_scoped import ScopedBM25
from index.queries import QueryEncoding
from index.records import Clause, Figure, ParsedDocument, Responsibility
from index.texts import embed_text, fact_texts, term_sources

DOC_CACHE = 128
TIE_MARGIN = 32
# Milvus' BM25 multiplies by (k1 + 1), Lucene's (and BM25Index's) does not: divided out,
# scores equal the local backend's.
BM25_SCALE = 1.0 + ms.BM25_PARAMS["bm25_k1"]


class MilvusBackend(QueryEncoding):
    """The index in Milvus collections (see ``index.milvus_store``).

    Open one with ``MilvusBackend.open(config)``, build one with
    ``index.milvus_build.build_milvus``.
    """

    doc_cache = DOC_CACHE  # documents served on demand: how many a reader keeps derived

    def __init__(self, *, config: Config, client: Any, manifest: dict[str, Any],
                 lexicon: Lexicon, docs: dict[str, tuple[int, Source, DocSummary]],
                 encoder: Any = None) -> None:
        self.config = config
        self.client = client
        self.manifest = manifest
        self.lexicon = lexicon
        self._docs = dict(sorted(docs.items(), key=lambda kv: kv[1][0]))
        self._names = ms.names(config)
        self._encoder = encoder
        self._cache: OrderedDict[str, tuple[ParsedDocument, dict[str, Clause]]] = OrderedDict()
        self._lock = threading.RLock()
        self._scoped = ScopedBM25(client, self._names)  # scoped searches' own BM25 statistics
        self._cache_queries()

    # ---------- opening ----------
    @classmethod
    def open(cls, config: Config, encoder: Any = None, client: Any = None) -> MilvusBackend:
        """The index stored in Milvus, its manifest checked.

        Raises:
            IndexNotBuiltError: there is none at ``milvus_uri`` under ``milvus_collection``.
            IndexMismatchError: the collections are foreign, or of another format or encoder.
        """
        from index.encoders import make_encoder

        encoder = encoder if encoder is not None else make_encoder(config)
        client = client if client is not None else ms.connect(config)
        manifest = ms.read_manifest(client, config, encoder.id)
        try:
            lexicon = Lexicon.from_dict(ms.get_blob(client, config, ms.LEXICON) or {})
        except (ValueError, KeyError) as exc:
            raise IndexMismatchError(
                f"Milvus 中的词典无法读取（{exc}）。{ms.rebuild_hint(config)}") from exc
        docs = {}
        for row in ms.query_all(client, ms.names(config)["store"],
                                'name like "doc:%" and part == 0', ["name", "info"]):
            info = json.loads(row["info"])
            docs[row["name"][4:]] = (int(info["seq"]), Source.from_dict(info["source"]),
                                     DocSummary.from_dict(info["summary"]))
        return cls(config=config, client=client, manifest=manifest, lexicon=lexicon,
                   docs=docs, encoder=encoder)

    # ---------- look-ups by id ----------
    @property
    def sources(self) -> list[Source]:
        return [d[1] for d in self._docs.values()]

    def doc_ids(self) -> list[str]:
        return list(self._docs)

    def summaries(self) -> dict[str, DocSummary]:
        """Counts and unit names of every document, read with the list at opening."""
        return {d: v[2] for d, v in self._docs.items()}

    def stored_readings(self, doc_ids: Sequence[str] | None = None
                        ) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
        """The reading summaries stored beside the collections (``index.backend``)."""
        return ms.read_readings(self.client, self.config, doc_ids)

    def store_readings(self, items: dict[str, tuple[dict[str, Any], dict[str, Any]]]) -> None:
        ms.write_readings(self.client, self.config, items)

    def _cached(self, doc_id: str) -> tuple[ParsedDocument, dict[str, Clause]]:
        with self._lock:
            hit = self._cache.get(doc_id)
            if hit is not None:
                self._cache.move_to_end(doc_id)
                return hit
        if doc_id not in self._docs:
            raise KeyError(f"document {doc_id!r} is not in the index")
        data = ms.get_blob(self.client, self.config, ms.doc_blob(doc_id))
        if data is None:
            raise KeyError(f"document {doc_id!r} is not in the index")
        doc = ParsedDocument.from_dict(data)
        entry = (doc, {c.id: c for c in doc.clauses})
        with self._lock:
            self._cache[doc_id] = entry
            while len(self._cache) > DOC_CACHE:
                self._cache.popitem(last=False)
        return entry

    def document(self, doc_id: str) -> ParsedDocument:
        """One parsed document, read from Milvus on first use; ``KeyError`` when unknown."""
        return self._cached(doc_id)[0]

    def clause(self, clause_id: str) -> Clause | None:
        """One clause: from a document already read, else from its row."""
        doc_id = clause_id.split("/", 1)[0]
        if doc_id not in self._docs:
            return None
        with self._lock:
            hit = self._cache.get(doc_id)
        if hit is not None:
            return hit[1].get(clause_id)
        rows = self.client.query(self._names["clauses"], filter=f"id == {ms.quote(clause_id)}",
                                 output_fields=["record"], consistency_level=ms.CONSISTENCY)
        if not rows:
            return None
        if rows[0]["record"]:
            return Clause.from_dict(json.loads(rows[0]["record"]))
        return self._cached(doc_id)[1].get(clause_id)

    # ---------- search ----------
    def _filter(self, doc_ids: str | Sequence[str] | None) -> str | None:
        if doc_ids is None:
            return ""
        ids = [doc_ids] if isinstance(doc_ids, str) else list(doc_ids)
        unknown = [d for d in ids if d not in self._docs]
        if unknown:
            raise ValueError(f"doc_ids {unknown!r}: unknown; must be among {list(self._docs)}")
        return ms.in_list("doc_id", ids) if ids else None

    def _ranking(self, part: str, data: Any, field: str, metric: str, n: int, expr: str
                 ) -> list[tuple[str, float, tuple[int, int, int], str, str]]:
        """(id, score, order key, doc_id, record JSON) best first; ties in index order, as
        the local backend breaks them (facts: every figure before every duty)."""
        # More than n, so that rows tied at the cut are chosen by index order, not by Milvus.
        res = self.client.search(
            self._names[part], data=[data], anns_field=field, limit=min(16384, n + TIE_MARGIN),
            filter=expr,
            output_fields=["doc_id", "seq", "kind", "pos", "record"],
            search_params={"metric_type": metric, "params": {}}, consistency_level=ms.CONSISTENCY)
        out = []
        for h in res[0]:
            e = h["entity"]
            score = float(h["distance"])
            if metric == "BM25":
                if score <= 0:
                    continue
                score /= BM25_SCALE
            out.append((h["id"], score, (e["kind"], e["seq"], e["pos"]), e["doc_id"],
                        e["record"]))
        out.sort(key=lambda r: (-r[1], r[2]))
        return out[:n]

    def _bm25(self, part: str, text: str, n: int, expr: str, doc_ids: str | Sequence[str] | None
              ) -> list[tuple[str, float, tuple[int, int, int], str, str]]:
        """BM25 ranking of ``part``; scoped to ``doc_ids``, with their rows' own statistics
        (as the local backend), so other documents do not move it."""
        if doc_ids is None:
            return self._ranking(part, text, "sparse", "BM25", n, expr)
        return self._scoped.ranking(part, text, [doc_ids] if isinstance(doc_ids, str) else doc_ids, n)

    def search(self, query: str, k: int = 5, doc_ids: Sequence[str] | None = None,
               retriever: str | None = None) -> list[Hit]:
        """The ``k`` clauses that best answer ``query`` (see ``SearchIndex.search``)."""
        retriever = retriever or self.config.retriever
        if retriever not in RETRIEVERS:
            raise ValueError(f"retriever {retriever!r} must be one of {RETRIEVERS}")
        expr = self._filter(doc_ids)
        if k < 1 or not query.strip() or not self._docs or expr is None:
            return []
        n = max(MIN_CANDIDATES, 4 * k)
        bm: list = []
        dn: list = []
        if retriever in ("hybrid", "bm25"):
            tokens = self.tokenize(query)
            if tokens:
                bm = self._bm25("clauses", token_text(tokens), n, expr, doc_ids)
        if retriever in ("hybrid", "dense"):
            vec = self.encode_query(query).astype(np.float32).tolist()
            dn = self._ranking("clauses", vec, "vec", "IP", n, expr)
        # Rows numbered in index order, so fuse() breaks ties as the local backend does.
        keys = {r[0]: r[2] for r in bm + dn}
        row_of = {cid: i for i, cid in enumerate(sorted(keys, key=keys.__getitem__))}
        ids_of = {i: cid for cid, i in row_of.items()}
        b_ids = np.asarray([row_of[r[0]] for r in bm], np.int64)
        d_ids = np.asarray([row_of[r[0]] for r in dn], np.int64)
        b_sc = np.asarray([r[1] for r in bm], np.float32)
        d_sc = np.asarray([r[1] for r in dn], np.float32)
        if retriever == "bm25":
            fused = {int(r): float(s) for r, s in zip(b_ids, b_sc, strict=True)}
        elif retriever == "dense":
            fused = {int(r): float(s) for r, s in zip(d_ids, d_sc, strict=True)}
        else:
            fused = fuse(b_ids, b_sc, d_ids, d_sc, self.config.fusion)
        b_rank = {int(r): i + 1 for i, r in enumerate(b_ids)}
        d_rank = {int(r): i + 1 for i, r in enumerate(d_ids)}
        best = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        record = {r[0]: r[4] for r in bm + dn}
        hits = []
        for r, s in best:
            cid = ids_of[r]
            clause = Clause.from_dict(json.loads(record[cid])) if record[cid] else self.clause(cid)
            if clause is not None:
                hits.append(Hit(clause, s, b_rank.get(r), d_rank.get(r)))
        return hits

    def search_facts(self, query: str, k: int = 10, doc_ids: Sequence[str] | None = None
                     ) -> list[FactHit]:
        """Figures and 责任单位 records matching ``query`` (BM25, as ``SearchIndex``)."""
        expr = self._filter(doc_ids)
        tokens = self.tokenize(query)
        if k < 1 or not tokens or expr is None or not self._docs:
            return []
        out = []
        for _, score, (kind, _, pos), doc_id, data in self._bm25("facts", token_text(tokens), k, expr, doc_ids):
            if data:
                record = (Figure if kind == 0 else Responsibility).from_dict(json.loads(data))
            else:
                doc = self.document(doc_id)
                record = doc.figures[pos] if kind == 0 else doc.duties[pos]
            out.append(FactHit(FACT_KINDS[kind], record, score))
        return out

    # ---------- adding, replacing, deleting documents ----------
    def save_state(self, lexicon: Lexicon) -> None:
        """Store ``lexicon`` and the manifest; questions are tokenised with it from now on."""
        saved = lexicon.to_dict()
        ms.put_blob(self.client, self.config, ms.LEXICON, saved)
        self._save_manifest()
        self.lexicon = Lexicon.from_dict(saved)
        self._scoped.clear()  # older rows may have been tokenised anew
        self.encode_query.cache_clear()

    def _save_manifest(self) -> None:
        self.manifest = {**self.manifest, "updated_at": now(), "documents": len(self._docs),
                         "next_seq": self.manifest.get("next_seq", 0)}
        ms.put_blob(self.client, self.config, ms.MANIFEST, self.manifest)

    def commit(self, upload: str | None) -> None:
        """Write the manifest without the ``pending`` mark and, when given, naming the
        journalled change ``upload`` (``index.journal``) as the one the index holds."""
        self.manifest = {k: v for k, v in self.manifest.items() if k != "pending"}
        if upload is not None:
            self.manifest["upload"] = upload
        self._save_manifest()

    def reread_manifest(self) -> dict[str, Any]:
        """The manifest as stored now (another process may have changed it)."""
        return ms.get_blob(self.client, self.config, ms.MANIFEST) or {}

    def mark_pending(self, upload: str, doc_ids: Sequence[str]) -> None:
        """Say in the manifest, before any row of a change is written, which documents the
        change ``upload`` touches: rows are not written atomically, so a change killed
        half-way is found and those documents put right (``index.milvus_collection``)."""
        pending = sorted(set(self.manifest.get("pending", {}).get("doc_ids", [])) | set(doc_ids))
        self.manifest = {**self.manifest, "pending": {"upload": upload, "doc_ids": pending}}
        ms.put_blob(self.client, self.config, ms.MANIFEST, self.manifest)

    def add_documents(self, docs: Sequence[ParsedDocument], *, progress: bool = False,
                      places: dict[str, int] | None = None) -> None:
        """Add parsed documents; only their rows are written (and the few older rows whose
        tokens change because the lexicon learnt a word from them, as ``index.build``'s
        ``_append`` does), so the time does not grow with the corpus. They come last in
        the index order, except those ``places`` gives a seq (``place``: where a deleted
        earlier version stood).

        Raises:
            ValueError: a doc_id is already in the index (use ``replace_document``).
        """
        docs = list(docs)
        taken = [d.source.doc_id for d in docs if d.source.doc_id in self._docs]
        dupes = {d.source.doc_id for d in docs if [x.source.doc_id for x in docs].count(
            d.source.doc_id) > 1}
        if taken or dupes:
            raise ValueError(f"doc_ids already in the index: {sorted(set(taken) | dupes)}")
        if not docs:
            return
        with self._lock:
            lexicon, learnt = self.lexicon.extended(corpus_terms(term_sources(docs)))
            self._retokenize(lexicon, learnt)
            self.write(docs, lexicon, progress, places=places)
            self.save_state(lexicon)

    def write(self, docs: Sequence[ParsedDocument], lexicon: Lexicon, progress: bool = False,
              known: Any = None, places: dict[str, int] | None = None) -> None:
        """Low level, for building: write ``docs``' rows tokenised with ``lexicon``
        (vectors from ``known`` where it has them, seqs from ``places``:
        ``write_documents``); the caller keeps the lexicon and the manifest right
        (``add_documents`` does)."""
        seqs = write_documents(self, docs, lexicon, progress, known, places)
        self._scoped.clear()  # a scope's rows and statistics change
        for d in docs:
            self._docs[d.source.doc_id] = (seqs[d.source.doc_id], d.source, DocSummary.of(d))
        if places:
            self._docs = dict(sorted(self._docs.items(), key=lambda kv: kv[1][0]))

    def place(self, doc_id: str) -> int | None:
        """The seq (place in the index order) of ``doc_id``; None when it is not in."""
        entry = self._docs.get(doc_id)
        return None if entry is None else entry[0]

    def delete_documents(self, doc_ids: Sequence[str]) -> None:
        """Delete documents: their rows and their stored copy; no other row is touched
        (Milvus keeps BM25 statistics itself). Words the lexicon learnt stay.

        Raises:
            KeyError: a doc_id is not in the index.
        """
        ids = list(dict.fromkeys(doc_ids))
        unknown = [d for d in ids if d not in self._docs]
        if unknown:
            raise KeyError(f"documents {unknown!r} are not in the index")
        if not ids:
            return
        with self._lock:
            self.forget_rows(ids)
            self._save_manifest()

    def forget_rows(self, doc_ids: Sequence[str]) -> None:
        """Delete every row and the stored copy of ``doc_ids``, listed or not (what a
        killed insert may have left); the manifest is the caller's to write."""
        with self._lock:
            for part in ("clauses", "facts"):
                self.client.delete(self._names[part], filter=ms.in_list("doc_id", doc_ids))
            ms.delete_blobs(self.client, self.config, [ms.doc_blob(d) for d in doc_ids]
                            + [ms.reading_blob(d) for d in doc_ids])
            for d in doc_ids:
                self._docs.pop(d, None)
                self._cache.pop(d, None)
            self._scoped.clear()

    def replace_document(self, doc: ParsedDocument) -> None:
        """``doc`` becomes the indexed version of its doc_id (deleted, then added in the
        same place of the index order, as the local backend keeps it)."""
        doc_id = doc.source.doc_id
        seq = self.place(doc_id)
        if seq is not None:
            self.delete_documents([doc_id])
        self.add_documents([doc], places={doc_id: seq} if seq is not None else None)

    def _retokenize(self, lexicon: Lexicon, learnt: list[str]) -> None:
        """Upsert the older rows whose text holds a word ``lexicon`` just learnt, tokenised
        with it. Candidates hold all of the word's character bigrams; the text decides."""
        terms = [t for t in learnt if len(t) >= 2]
        if not terms or not self._docs:
            return
        for part in ("clauses", "facts"):
            fields = ["id", "doc_id", "seq", "kind", "pos", "record"] + (
                ["vec"] if part == "clauses" else [])
            found: dict[str, dict] = {}
            for i in range(0, len(terms), 32):
                clauses = []
                for t in terms[i:i + 32]:
                    grams = [f'tokens like "%#{t[j:j + 2]}%"' for j in range(len(t) - 1)]
                    clauses.append("(" + " and ".join(grams) + ")")
                for row in ms.query_all(self.client, self._names[part], " or ".join(clauses),
                                        fields):
                    found[row["id"]] = row
            redo = []
            for row in found.values():
                text = self._row_text(part, row)
                if any(t in text for t in terms):
                    redo.append({**{f: row[f] for f in fields},
                                 "tokens": token_text(lexicon.tokenize(text))})
            for j in range(0, len(redo), INSERT_BATCH):
                self.client.upsert(self._names[part], redo[j:j + INSERT_BATCH])

    def _row_text(self, part: str, row: dict) -> str:
        doc, by_id = self._cached(row["doc_id"])
        if part == "clauses":
            return embed_text(doc.clauses[row["pos"]])
        if row["kind"] == 0:
            return fact_texts([doc.figures[row["pos"]]], [], by_id)[0]
        return fact_texts([], [doc.duties[row["pos"]]], by_id)[0]
