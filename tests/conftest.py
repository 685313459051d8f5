"""Shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


BACKENDS = ("local", "milvus")


def pytest_addoption(parser):
    parser.addoption(
        "--index-backend", choices=BACKENDS, default="local",
        help="the index backend the assistant fixtures use: local (FAISS + BM25 files) or "
             "milvus (a collection per fixture on milvus-lite's server on 127.0.0.1)")


def on_test_backend(request, config, name: str):
    """``config`` on the backend ``--index-backend`` names; for ``milvus``, the collection
    ``name`` (built from the fixture's corpus on first use) on the session's server."""
    if request.config.getoption("--index-backend") != "milvus":
        return config
    server = request.getfixturevalue("milvus_server")
    return config.replace(backend="milvus", milvus_uri=server.uri, milvus_collection=name)


@pytest.fixture(scope="session")
def answering(tmp_path_factory, request):
    """An assistant on the two documents written for the answerers' tests (云溪县, 松岭县)."""
    from answerer_corpus import write_corpus

    from assistant.core import Assistant
    from index.config import Config

    base = tmp_path_factory.mktemp("answerers")
    corpus = write_corpus(base / "corpus")
    config = Config(corpus_dir=str(corpus), user_dir=str(base / "user"), index_dir=str(base / "index"),
                    upload_dir=str(base / "uploads"))
    return Assistant(on_test_backend(request, config, "answerers"))


@pytest.fixture(scope="session")
def shaping(tmp_path_factory, request):
    """An assistant on the document written for the tests of the contract's shapes (青岚县)."""
    from shapes_corpus import write_corpus

    from assistant.core import Assistant
    from index.config import Config

    base = tmp_path_factory.mktemp("shapes")
    corpus = write_corpus(base / "corpus")
    config = Config(corpus_dir=str(corpus), user_dir=str(base / "user"), index_dir=str(base / "index"),
                    upload_dir=str(base / "uploads"))
    return Assistant(on_test_backend(request, config, "shapes"))


@pytest.fixture(scope="session")
def milvus_server(tmp_path_factory):
    """milvus-lite's Milvus server (Milvus' own C++ engine) on a free port of 127.0.0.1,
    stopped at session end."""
    pytest.importorskip("milvus_lite")
    from index.milvus_server import LiteServer

    server = LiteServer(tmp_path_factory.mktemp("milvus")).wait()
    yield server
    server.stop()
