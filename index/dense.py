"""Dense retrieval: FAISS inner product over L2-normalised vectors, and a vector cache.

An exact scan up to ``hnsw_threshold`` vectors (120,000: exact and about 1–3.5 ms on one
thread at 36,000–100,000 vectors); above it an HNSW graph (M=32), approximate (see
docs/encoders.md and docs/scaling.md for the measurements). Both keep the vectors as float16
(FAISS's fp16 scalar quantizer): half the size on disk and in memory, and the scores
differ from float32 by less than 1e-3, which changes no answer of the benchmarks
(docs/scaling.md).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import faiss
import numpy as np

HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128


def text_key(encoder_id: str, text: str) -> str:
    """Cache key of one embedded text: sha1 of the encoder id and the text."""
    return hashlib.sha1(f"{encoder_id}\n{text}".encode()).hexdigest()


KEYS_FILE = "vectors.json"


def save_keys(directory: Path, keys: list[str]) -> None:
    """The content key of every FAISS row, in row order: FAISS holds the vectors themselves."""
    (directory / KEYS_FILE).write_text(json.dumps({"keys": keys}), encoding="utf-8")


def load_keys(directory: Path) -> list[str]:
    """The row keys saved by ``save_keys``; ValueError when they are missing or unreadable."""
    try:
        keys = json.loads((directory / KEYS_FILE).read_text(encoding="utf-8"))["keys"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"no vector keys in {directory}: {exc}") from exc
    if not isinstance(keys, list):
        raise ValueError(f"vector keys in {directory} are not a list")
    return keys


class VectorCache:
    """Vectors by content hash, so a rebuild embeds only texts it has not seen."""

    def __init__(self, keys: list[str] | None = None, vectors: np.ndarray | None = None) -> None:
        self._rows: dict[str, np.ndarray] = {}
        if keys is not None and vectors is not None:
            self._rows = {k: vectors[i] for i, k in enumerate(keys)}

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, key: str) -> np.ndarray | None:
        return self._rows.get(key)

    @classmethod
    def load(cls, directory: Path, index_file: str = "clauses.faiss") -> VectorCache:
        """The vectors of the index in ``directory`` by key; empty when there is none or it
        is unreadable (then everything is embedded again)."""
        try:
            keys = load_keys(directory)
            legacy = directory / "vectors.npy"  # format 1 kept the vectors beside FAISS
            if legacy.exists():
                matrix = np.load(legacy, allow_pickle=False)
                return cls(keys, matrix) if len(matrix) == len(keys) else cls()
            index = faiss.read_index(str(directory / index_file))
            if index.ntotal != len(keys):
                return cls()
            return cls(keys, index.reconstruct_n(0, index.ntotal) if keys else None)
        except (OSError, ValueError, RuntimeError):
            return cls()


def build_faiss(vectors: np.ndarray, *, hnsw_threshold: int) -> faiss.Index:
    """An exact inner-product index, or HNSW above ``hnsw_threshold`` vectors; float16."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, dim = vectors.shape
    fp16 = faiss.ScalarQuantizer.QT_fp16
    if n > hnsw_threshold:
        index = faiss.IndexHNSWSQ(dim, fp16, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    else:
        index = faiss.IndexScalarQuantizer(dim, fp16, faiss.METRIC_INNER_PRODUCT)
    index.train(vectors[:1] if n else np.zeros((1, dim), np.float32))  # fp16 learns nothing
    if n:
        index.add(vectors)
    return index


def set_threads(n: int) -> None:
    faiss.omp_set_num_threads(max(1, int(n)))


def search(index: faiss.Index, query: np.ndarray, k: int,
           allowed: np.ndarray | None = None, ef_search: int = HNSW_EF_SEARCH
           ) -> tuple[np.ndarray, np.ndarray]:
    """Top ``k`` rows for one query vector.

    Args:
        index: from ``build_faiss`` or ``faiss.read_index``.
        query: (dim,) or (1, dim) float32, normalised.
        k: how many.
        allowed: row ids to restrict the search to (a document filter); None for all.
        ef_search: an HNSW index's efSearch (raised to ``k`` when smaller).

    Returns:
        (scores, ids), both 1-D, best first, without the -1 padding.
    """
    q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
    k = min(k, index.ntotal if allowed is None else len(allowed))
    if k <= 0:
        return np.zeros(0, np.float32), np.zeros(0, np.int64)
    params = None
    if allowed is not None:
        sel = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
        if isinstance(index, faiss.IndexHNSW):
            params = faiss.SearchParametersHNSW(sel=sel, efSearch=max(ef_search, k))
        else:
            params = faiss.SearchParameters(sel=sel)
    elif isinstance(index, faiss.IndexHNSW):
        params = faiss.SearchParametersHNSW(efSearch=max(ef_search, k))
    # One query on one thread: for a single query FAISS has nothing to share out, and
    # OpenMP waking a second thread cost more than the whole exact scan (8 against 1.2 ms
    # at 36,016 vectors, docs/scaling.md). The setting is this thread's own (libgomp).
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        scores, ids = index.search(q, k, params=params)
    finally:
        faiss.omp_set_num_threads(threads)
    keep = ids[0] >= 0
    return scores[0][keep], ids[0][keep]
