"""BM25Index: Lucene BM25 scores (as bm25s computes them), extension, saving."""

from __future__ import annotations

import math

import bm25s
import numpy as np
import pytest

from index.lexical import BM25Index

DOCS = [
    ["产业", "增加值", "达到", "亿元", "产业"],
    ["责任单位", "市财政局", "市商务局"],
    [],
    ["产业", "项目", "投资", "亿元", "亿元", "亿元"],
    ["人才", "引进", "产业"],
]
QUERIES = [["产业"], ["亿元", "投资"], ["市财政局", "不存在"], ["产业", "产业", "人才"], []]


def test_scores_are_lucene_bm25_as_bm25s_computes_them():
    ours = BM25Index.build(DOCS)
    ref = bm25s.BM25(method="lucene")
    ref.index([d or [""] for d in DOCS], show_progress=False)
    for q in QUERIES:
        ids = ref.get_tokens_ids(q)
        expected = np.asarray(ref.get_scores(ids)) if ids else np.zeros(len(DOCS))
        np.testing.assert_allclose(ours.scores(q), expected, atol=1e-5)


def test_score_by_hand():
    idx = BM25Index.build(DOCS)
    n, avgdl = 5, (5 + 3 + 1 + 6 + 3) / 5  # the empty document counts one token
    idf = math.log(1 + (n - 2 + 0.5) / (2 + 0.5))  # 亿元 is in two documents
    tf, dl = 3, 6
    expected = idf * tf / (tf + 1.5 * (1 - 0.75 + 0.75 * dl / avgdl))
    assert idx.scores(["亿元"])[3] == pytest.approx(expected, rel=1e-6)
    assert idx.scores(["亿元"])[1] == 0


def test_scores_within_rows_are_those_of_an_index_of_the_rows_alone():
    idx = BM25Index.build(DOCS)
    rows = np.asarray([0, 3], dtype=np.int64)
    alone = BM25Index.build([DOCS[0], DOCS[3]])
    for q in QUERIES:
        within = idx.scores_within(q, rows)
        np.testing.assert_allclose(within[rows], alone.scores(q), atol=1e-6)
        assert not within[[1, 2, 4]].any()
    # other documents added to the index leave a scope's scores as they were
    grown = BM25Index.build([*DOCS, ["产业", "亿元"], ["亿元", "投资", "投资"]])
    np.testing.assert_allclose(grown.scores_within(["亿元", "投资"], rows)[rows],
                               idx.scores_within(["亿元", "投资"], rows)[rows], atol=1e-6)
    assert not np.allclose(grown.scores(["亿元", "投资"])[rows], idx.scores(["亿元", "投资"])[rows])


def test_extended_equals_a_build_of_the_result():
    first = BM25Index.build(DOCS[:3])
    grown = first.extended([(1, [DOCS[3]]), (3, [DOCS[4]])], replace={0: ["全新", "内容"]})
    expected = BM25Index.build([["全新", "内容"], DOCS[3], DOCS[1], DOCS[2], DOCS[4]])
    assert [grown.row(i) for i in range(5)] == [expected.row(i) for i in range(5)]
    for q in QUERIES + [["全新"]]:
        np.testing.assert_allclose(grown.scores(q), expected.scores(q), atol=1e-6)
    assert first.n_docs == 3 and first.row(0) == DOCS[0]  # the original is unchanged
    assert sorted(grown.containing("产业").tolist()) == [1, 4]


def test_save_and_load(tmp_path):
    idx = BM25Index.build(DOCS)
    idx.save(tmp_path / "bm25")
    back = BM25Index.load(tmp_path / "bm25")
    for q in QUERIES:
        assert np.array_equal(back.scores(q), idx.scores(q))
    np.save(tmp_path / "bm25" / "offsets.npy", idx.offsets[:-1])
    with pytest.raises(ValueError, match="disagree"):
        BM25Index.load(tmp_path / "bm25")
