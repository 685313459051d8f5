"""Warming up from stored reading summaries (``assistant.reading``) instead of documents:
on Milvus (milvus-lite 2.5.1's server on 127.0.0.1, no mock) and on the local backend.
A warm-up from stored summaries reads no document and derives exactly what a warm-up from
the documents derives; adding, replacing and removing documents keep the summaries right."""

from __future__ import annotations

import pytest

from assistant import reading
from assistant.state import State
from index import milvus_store as ms
from index.build import build_index, extend_index
from index.config import Config
from index.hybrid import SearchIndex
from index.milvus_backend import MilvusBackend
from index.milvus_build import build_milvus
from index.store import READINGS, load_index

pytest.importorskip("milvus_lite")

SEEDS = ["dongying-2021", "tengzhou-2024"]
ORCHARD = ("关于印发青山县2025年果园提升方案的通知\n一、总体目标\n"
           "到2025年，新建果园示范基地6个，完成投资3.2亿元。\n"
           "二、重点任务\n（一）推进果园建设。（责任单位：县农业局）\n"
           "（二）发展果品加工。建设冷链仓储中心2处。（责任单位：县商务局）\n")


@pytest.fixture(scope="module")
def base(milvus_server, tmp_path_factory):
    """A local index of the seeds (its vectors spare the Milvus builds re-embedding) and a
    document to add."""
    root = tmp_path_factory.mktemp("milvus-readings")
    cfg = Config(index_dir=str(root / "index"), user_dir=str(root / "user"), threads=2,
                 milvus_uri=milvus_server.uri)
    build_index(cfg, progress=False)
    (root / "orchard.txt").write_text(ORCHARD, encoding="utf-8")
    return cfg, load_index(cfg).encoder, root / "orchard.txt"


def _counting(monkeypatch, cls) -> list[str]:
    read: list[str] = []
    original = cls.document

    def counted(self, doc_id):
        read.append(doc_id)
        return original(self, doc_id)

    monkeypatch.setattr(cls, "document", counted)  # counts the real reads
    return read


def _derived(state: State) -> tuple:
    """Everything warming up derives: term weights' texts, heading entries, and the term
    weights of each document alone."""
    w, heads, _ = state._reading()
    scoped = {d: state.weights_for([d]).texts for d in state.doc_ids}
    return w.texts, heads.entries, scoped


def test_milvus_warm_up_reads_no_document_once_summaries_are_stored(base, tmp_path, monkeypatch):
    cfg, encoder, orchard = base
    cfg = cfg.replace(backend="milvus", milvus_collection="readings_warm", user_dir=str(tmp_path / "user"))
    build_milvus(cfg, encoder=encoder)
    read = _counting(monkeypatch, MilvusBackend)
    first = State(MilvusBackend.open(cfg, encoder=encoder))
    made = _derived(first)
    assert sorted(read) == SEEDS  # no summaries yet: made from the documents, then stored
    backend = MilvusBackend.open(cfg, encoder=encoder)
    assert sorted(ms.read_readings(backend.client, cfg)) == SEEDS
    read.clear()
    again = State(backend)
    assert _derived(again) == made and read == []

    # An addition outside this process (the CLI): the next warm-up reads that one document.
    extend_index(cfg, [orchard], encoder=encoder)
    added = State(MilvusBackend.open(cfg, encoder=encoder))
    with_orchard = _derived(added)
    assert read == ["orchard"]
    fresh = State(MilvusBackend.open(cfg, encoder=encoder))
    monkeypatch.setattr(reading, "stored_readings", lambda idx, ids: {})  # made from documents
    assert _derived(fresh) == with_orchard
    monkeypatch.undo()

    # Through the assistant: after a replacement the next warm-up (the web app's, before a
    # question) reads the new version alone and stores its summary; a removal deletes the
    # removed document's summary with its rows.
    from assistant.core import Assistant

    bot = Assistant(cfg)
    bot.warm_up()
    # An addition through the assistant makes and stores the new document's summary at
    # once, and looks up its stored summary alone, not every document's.
    asked: list = []
    original = MilvusBackend.stored_readings
    monkeypatch.setattr(MilvusBackend, "stored_readings",
                        lambda self, ids=None: asked.append(ids) or original(self, ids))
    pear = tmp_path / "pear.txt"
    pear.write_text(ORCHARD.replace("果园", "梨园").replace("青山县", "白水县"), encoding="utf-8")
    (new,) = bot.add_documents([pear])
    assert asked == [[new.doc_id]]
    assert new.doc_id in ms.read_readings(bot.index.client, cfg)
    monkeypatch.undo()
    bot.remove_document(new.doc_id)
    revised = tmp_path / "orchard-revised.txt"
    revised.write_text(ORCHARD.replace("6个", "8个").replace("冷链仓储", "产地冷藏"), encoding="utf-8")
    bot.replace_document("orchard", revised)
    read = _counting(monkeypatch, MilvusBackend)
    bot.warm_up()
    assert read == ["orchard"]
    monkeypatch.undo()
    stored = ms.read_readings(bot.index.client, cfg)
    assert "产地冷藏" in "".join(reading.Reading.from_dict(stored["orchard"][1]).texts)
    read = _counting(monkeypatch, MilvusBackend)
    after = _derived(State(MilvusBackend.open(cfg, encoder=encoder)))
    assert read == [] and any("产地冷藏" in t for t in after[0])
    bot.remove_document("orchard")
    assert sorted(ms.read_readings(bot.index.client, cfg)) == SEEDS


def test_summaries_of_other_code_or_another_version_are_made_again(base, tmp_path, monkeypatch):
    cfg, encoder, _ = base
    cfg = cfg.replace(backend="milvus", milvus_collection="readings_stale", user_dir=str(tmp_path / "user"))
    build_milvus(cfg, encoder=encoder)
    made = _derived(State(MilvusBackend.open(cfg, encoder=encoder)))
    read = _counting(monkeypatch, MilvusBackend)
    monkeypatch.setattr(reading, "code_stamp", lambda: "other code")
    assert _derived(State(MilvusBackend.open(cfg, encoder=encoder))) == made
    assert sorted(read) == SEEDS
    read.clear()
    backend = MilvusBackend.open(cfg, encoder=encoder)
    backend.store_readings({"dongying-2021": ({"code": "other code", "source": "another version"},
                                              {"doc_id": "dongying-2021"})})
    assert _derived(State(backend)) == made and read == ["dongying-2021"]


def test_local_warm_up_reads_no_document_once_summaries_are_stored(tmp_path, monkeypatch):
    from index.build import load_or_build

    cfg = Config(index_dir=str(tmp_path / "index"), user_dir=str(tmp_path / "user"), threads=2)
    idx = load_or_build(cfg, progress=False)
    made = _derived(State(idx))
    assert (cfg.path("index_dir") / READINGS).exists()
    read = _counting(monkeypatch, SearchIndex)
    state = State(load_index(cfg, encoder=idx.encoder))
    read.clear()  # an index in memory counts its documents' units as it starts
    assert _derived(state) == made and read == []
    # An index in memory that is not the one saved in index_dir neither reads nor writes
    # the summaries there.
    other = load_index(cfg, encoder=idx.encoder)
    other.manifest = {**other.manifest, "checksums": {"elsewhere": "0"}}
    (cfg.path("index_dir") / READINGS).unlink()
    state = State(other)
    read.clear()
    assert _derived(state) == made and sorted(read) == SEEDS
    assert not (cfg.path("index_dir") / READINGS).exists()
