"""Index format 3 keeps what format 2 kept, in less room: offsets as runs, float16 vectors,
BM25 postings derived from the saved token ids."""

from __future__ import annotations

import json

import faiss
import numpy as np
import pytest

from index import dense
from index.clean import clean_text
from index.config import ROOT
from index.lexical import BM25Index
from index.records import OffsetMap

SEED = next(p for p in sorted((ROOT / "corpus").glob("*.txt")))


def test_offset_runs_give_every_offset_back():
    raw = SEED.read_text(encoding="utf-8")
    _, offsets = clean_text(raw)
    runs = OffsetMap.of(offsets)
    # Cleaning drops stretches (pinyin, furniture): ~1,700 runs for ~11,700 characters.
    assert len(runs.starts) < len(offsets) / 4
    assert list(runs) == offsets and len(runs) == len(offsets)
    assert [runs[i] for i in range(0, len(offsets), 97)] == offsets[::97]
    assert runs[-1] == offsets[-1] and runs[3:9] == tuple(offsets[3:9])
    back = OffsetMap.from_dict(json.loads(json.dumps(runs.to_dict())))
    assert back == runs and OffsetMap.from_dict(list(offsets)) == runs  # the old list form
    with pytest.raises(IndexError):
        runs[len(offsets)]


def test_float16_vectors_rank_as_float32_does():
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(300, 64)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    query = vectors[5] + 0.3 * vectors[9]
    query /= np.linalg.norm(query)
    exact = vectors @ query
    for threshold in (1000, 100):  # flat, then HNSW
        index = dense.build_faiss(vectors, hnsw_threshold=threshold)
        codes = faiss.downcast_index(index.storage) if hasattr(index, "storage") else index
        assert index.ntotal == 300 and codes.code_size == 64 * 2  # two bytes a value
        scores, ids = dense.search(index, query, 10)
        assert list(ids) == list(np.argsort(-exact)[:10])
        np.testing.assert_allclose(scores, exact[ids], atol=1e-3)


def test_saved_token_ids_give_the_same_postings(tmp_path):
    docs = [["产业", "增加值", "产业"], [], ["市财政局", "产业"], ["亿元"] * 4]
    built = BM25Index.build(docs)
    built.save(tmp_path / "bm25")
    assert sorted(p.name for p in (tmp_path / "bm25").iterdir()) == [
        "offsets.npy", "tokens.npy", "vocab.json"]
    loaded = BM25Index.load(tmp_path / "bm25")
    assert loaded.tokens.dtype == np.uint16
    for a, b in ((built.indptr, loaded.indptr), (built.docs, loaded.docs),
                 (built.data, loaded.data)):
        assert np.array_equal(a, b)
    assert [loaded.row(i) for i in range(4)] == docs
