"""Dense retrieval: FAISS inner product over L2-normalised vectors, and a vector cache.

Small corpora get an exact ``IndexFlatIP``; above ``hnsw_threshold`` vectors an
``IndexHNSWFlat`` (M=32) pays off (see docs/encoders.md for the measurement).
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


class VectorCache:
    """Vectors by content hash, so a rebuild embeds only texts it has not seen.

    Saved as ``<name>.npy`` (float32 rows) and ``<name>.json`` (the keys, in row order).
    """

    def __init__(self, keys: list[str] | None = None, vectors: np.ndarray | None = None) -> None:
        self._rows: dict[str, np.ndarray] = {}
        if keys is not None and vectors is not None:
            self._rows = {k: vectors[i] for i, k in enumerate(keys)}

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, key: str) -> bool:
        return key in self._rows

    def get(self, key: str) -> np.ndarray | None:
        return self._rows.get(key)

    def put(self, key: str, vector: np.ndarray) -> None:
        self._rows[key] = np.asarray(vector, dtype=np.float32)

    def subset(self, keys: list[str]) -> VectorCache:
        """A cache with only ``keys`` (what the new index uses)."""
        out = VectorCache()
        out._rows = {k: self._rows[k] for k in dict.fromkeys(keys) if k in self._rows}
        return out

    def save(self, directory: Path, name: str = "vectors") -> list[Path]:
        keys = list(self._rows)
        dim = len(next(iter(self._rows.values()))) if keys else 0
        matrix = np.stack([self._rows[k] for k in keys]) if keys else np.zeros((0, dim), np.float32)
        npy, js = directory / f"{name}.npy", directory / f"{name}.json"
        np.save(npy, matrix.astype(np.float32), allow_pickle=False)
        js.write_text(json.dumps({"keys": keys}), encoding="utf-8")
        return [npy, js]

    @classmethod
    def load(cls, directory: Path, name: str = "vectors") -> VectorCache:
        """The cache saved in ``directory``; empty when there is none or it is unreadable."""
        try:
            keys = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))["keys"]
            matrix = np.load(directory / f"{name}.npy", allow_pickle=False)
            if matrix.ndim != 2 or len(matrix) != len(keys):
                return cls()
            return cls(keys, matrix.astype(np.float32, copy=False))
        except (OSError, ValueError, KeyError, TypeError):
            return cls()


def build_faiss(vectors: np.ndarray, *, hnsw_threshold: int) -> faiss.Index:
    """An exact inner-product index, or HNSW above ``hnsw_threshold`` vectors."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, dim = vectors.shape
    if n > hnsw_threshold:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    else:
        index = faiss.IndexFlatIP(dim)
    if n:
        index.add(vectors)
    return index


def set_threads(n: int) -> None:
    faiss.omp_set_num_threads(max(1, int(n)))


def search(index: faiss.Index, query: np.ndarray, k: int,
           allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Top ``k`` rows for one query vector.

    Args:
        index: from ``build_faiss`` or ``faiss.read_index``.
        query: (dim,) or (1, dim) float32, normalised.
        k: how many.
        allowed: row ids to restrict the search to (a document filter); None for all.

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
            params = faiss.SearchParametersHNSW(sel=sel, efSearch=max(HNSW_EF_SEARCH, k))
        else:
            params = faiss.SearchParameters(sel=sel)
    elif isinstance(index, faiss.IndexHNSW):
        params = faiss.SearchParametersHNSW(efSearch=max(HNSW_EF_SEARCH, k))
    scores, ids = index.search(q, k, params=params)
    keep = ids[0] >= 0
    return scores[0][keep], ids[0][keep]
