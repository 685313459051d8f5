"""Persistence: round trips, staleness, corruption, crash safety, adding user documents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index import store
from index.build import (
    add_documents,
    build_index,
    embed_text,
    extend_index,
    load_or_build,
    safe_file_name,
)
from index.config import ROOT, Config
from index.encoders import make_encoder
from index.errors import DocumentError, IndexCorruptError, IndexNotBuiltError
from index.ingest import parse_file
from index.store import is_stale, load_index

USER_DOC = """青河市人民政府关于印发《青河市2025年数字乡村建设行动方案》的通知
青政发〔2025〕3号
青河市2025年数字乡村建设行动方案
一、总体目标
到2025年底，全市行政村光纤网络通达率达到100%，建成数字乡村示范村15个。
二、重点任务
（一）完善乡村信息基础设施
1.推进智慧果园建设。依托青河蜜桃产业基础，建设智慧果园示范基地12个。（责任单位：市农业农村局、市大数据中心）
2.建设益农信息社。新建益农信息社30个，实现行政村全覆盖。（责任单位：市供销社）
（二）发展农村电子商务
1.培育电商主体。培育农村电商示范企业8家，农产品网络零售额增长20%以上。（责任单位：市商务局）
"""


class Counting:
    """The real encoder, counting the texts it is asked to embed."""

    def __init__(self, inner):
        self.inner = inner
        self.id = inner.id
        self.texts: list[str] = []

    @property
    def dim(self):
        return self.inner.dim

    def encode(self, texts):
        self.texts.extend(texts)
        return self.inner.encode(texts)


class Failing(Counting):
    def encode(self, texts):
        raise RuntimeError("encoder exploded")


@pytest.fixture(scope="session")
def minilm():
    return make_encoder("minilm", threads=2)


def _corpus_copy(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for p in (ROOT / "corpus").iterdir():
        if p.is_file() and p.suffix in {".txt", ".yaml"}:
            shutil.copyfile(p, dest / p.name)
    return dest


@pytest.fixture(scope="session")
def base(tmp_path_factory, minilm):
    """A corpus copy and its index built once with minilm; tests work on copies of both."""
    tmp = tmp_path_factory.mktemp("store-base")
    config = Config(corpus_dir=str(_corpus_copy(tmp / "corpus")), user_dir=str(tmp / "user"),
                    index_dir=str(tmp / "var" / "index"), encoder="minilm", threads=2)
    build_index(config, progress=False, encoder=minilm)
    return config


@pytest.fixture
def cfg(base, tmp_path):
    """A private copy of the base corpus and index."""
    shutil.copytree(base.path("corpus_dir"), tmp_path / "corpus")
    shutil.copytree(base.path("index_dir"), tmp_path / "var" / "index")
    return base.replace(corpus_dir=str(tmp_path / "corpus"), user_dir=str(tmp_path / "user"),
                        index_dir=str(tmp_path / "var" / "index"))


QUESTIONS = ("东营新一代信息技术产业增加值目标", "推进创新平台建设的责任单位", "滕州市2024年GDP目标")


def _results(idx):
    return [[(h.clause.id, round(h.score, 5)) for h in idx.search(q, k=5)] for q in QUESTIONS]


def test_manifest_describes_the_store(cfg):
    m = store.read_manifest(cfg)
    assert m["format_version"] == store.FORMAT_VERSION
    assert m["encoder"] == {"id": "sentence-transformers:all-MiniLM-L6-v2", "dim": 384}
    assert set(m["corpus"]["files"]) == {"dongying-2021", "tengzhou-2024"}
    assert m["corpus"]["sources"] and m["corpus"]["user_sources"] is None
    for lib in ("faiss-cpu", "jieba", "sentence-transformers", "numpy"):
        assert m["libraries"][lib]
    assert m["counts"]["clauses"] > 100 and m["index_type"] == "flat"
    assert set(m["phases"]) == {"load_encoder", "parse", "lexicon", "tokenize", "bm25", "embed",
                                "faiss", "write"}
    assert m["build_seconds"] == pytest.approx(sum(m["phases"].values()), abs=0.01)
    assert "appended" not in m
    files = {p.relative_to(cfg.path("index_dir")).as_posix()
             for p in cfg.path("index_dir").rglob("*") if p.is_file()}
    assert set(m["checksums"]) == files - {"manifest.json"}
    assert not any(f.endswith((".pkl", ".pickle")) for f in files)
    assert is_stale(cfg) is None


def test_round_trip_and_rebuild_give_the_same_results(cfg, tmp_path, minilm):
    first = load_index(cfg, encoder=minilm)
    moved = cfg.replace(index_dir=str(tmp_path / "elsewhere"))
    shutil.copytree(cfg.path("index_dir"), moved.path("index_dir"))
    assert _results(load_index(moved, encoder=minilm)) == _results(first)
    fresh = cfg.replace(index_dir=str(tmp_path / "fresh"))
    fresh.path("index_dir").mkdir()
    for name in ("clauses.faiss", "vectors.json"):  # the vectors only: parse and index anew
        shutil.copyfile(cfg.path("index_dir") / name, fresh.path("index_dir") / name)
    counting = Counting(minilm)
    build_index(fresh, progress=False, encoder=counting)
    assert counting.texts == []
    assert _results(load_index(fresh, encoder=minilm)) == _results(first)


def test_missing_index(tmp_path):
    cfg = Config(index_dir=str(tmp_path / "none"), user_dir=str(tmp_path / "u"), encoder="minilm")
    with pytest.raises(IndexNotBuiltError, match="python -m index build"):
        load_index(cfg)
    assert is_stale(cfg) == "索引不存在"


def test_changed_corpus_file_is_stale_and_rebuilds_only_what_changed(cfg, minilm, capsys):
    path = cfg.path("corpus_dir") / "003_313e9604e77a2f3b.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n四、附则\n本方案自印发之日起施行。\n",
                    encoding="utf-8")
    assert is_stale(cfg) == "语料已变更"
    counting = Counting(minilm)
    idx = load_or_build(cfg, encoder=counting)
    assert "正在重建索引：语料已变更" in capsys.readouterr().err
    assert is_stale(cfg) is None
    assert 1 <= len(counting.texts) <= 3  # the new clause, not the whole corpus
    assert any("本方案自印发之日起施行" in c.text for c in idx.clauses)


def test_encoder_and_format_changes_are_stale(cfg):
    assert is_stale(cfg.replace(encoder="usem3")) == "编码器已更改"
    with pytest.raises(IndexNotBuiltError):
        load_index(cfg.replace(encoder="usem3"))
    mpath = cfg.path("index_dir") / "manifest.json"
    m = json.loads(mpath.read_text(encoding="utf-8"))
    m["format_version"] = 0
    mpath.write_text(json.dumps(m), encoding="utf-8")
    assert is_stale(cfg) == "索引格式版本不同"
    with pytest.raises(IndexNotBuiltError):
        load_index(cfg)


@pytest.mark.parametrize("victim", ["clauses.faiss", "documents.jsonl.gz", "bm25/vocab.json",
                                    "lexicon.json", "facts/tokens.npy", "vectors.json"])
def test_corrupt_store_is_refused_then_rebuilt(cfg, minilm, victim, capsys):
    expected = _results(load_index(cfg, encoder=minilm))
    path = cfg.path("index_dir") / victim
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(IndexCorruptError, match="python -m index build"):
        load_index(cfg, encoder=minilm)
    idx = load_or_build(cfg, encoder=minilm)
    assert "正在重建索引" in capsys.readouterr().err
    assert _results(idx) == expected


def test_crash_between_renames_keeps_the_previous_index(cfg, minilm):
    index_dir = cfg.path("index_dir")
    index_dir.rename(store.backup_dir(index_dir))  # the moment between the two renames
    assert is_stale(cfg) is None
    assert load_index(cfg, encoder=minilm).clauses


def test_failed_build_leaves_the_index_alone(cfg, minilm):
    before = (cfg.path("index_dir") / "manifest.json").read_bytes()
    (cfg.path("corpus_dir") / "003_313e9604e77a2f3b.txt").write_text("一、新条款\n新的内容。",
                                                                      encoding="utf-8")
    with pytest.raises(RuntimeError, match="exploded"):
        build_index(cfg, progress=False, encoder=Failing(minilm))
    assert (cfg.path("index_dir") / "manifest.json").read_bytes() == before
    assert not list(cfg.path("index_dir").parent.glob(".index.building-*"))


def test_add_document_embeds_only_its_clauses(cfg, minilm, tmp_path):
    src = tmp_path / "upload" / "../upload/青河 数字乡村 方案.txt"
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_text(USER_DOC, encoding="utf-8")
    old = {embed_text(c) for c in load_index(cfg, encoder=minilm).clauses}
    counting = Counting(minilm)
    sources = add_documents(cfg, [src], progress=False, encoder=counting)
    assert len(sources) == 1
    new = sources[0]
    saved = cfg.path("user_dir") / new.file
    assert saved.read_text(encoding="utf-8") == USER_DOC
    assert "/" not in new.file and " " not in new.file and not new.file.startswith(".")
    new_texts = {embed_text(c) for c in parse_file(saved, new).clauses}
    # Exactly its clauses, less texts the corpus already has (a bare "二、重点任务").
    assert sorted(counting.texts) == sorted(new_texts - old)
    assert len(counting.texts) >= 6
    assert is_stale(cfg) is None
    idx = load_index(cfg, encoder=minilm)
    assert new.doc_id in idx.documents
    hits = idx.search("智慧果园示范基地建设多少个", k=3, doc_filter=new.doc_id)
    assert hits and all(h.clause.doc_id == new.doc_id for h in hits)
    assert any(f.kind == "duty" and "市农业农村局" in f.record.units
               for f in idx.search_facts("智慧果园的责任单位", doc_filter=new.doc_id))
    # The same content again is refused, and nothing changes.
    manifest = (cfg.path("index_dir") / "manifest.json").read_bytes()
    again = tmp_path / "copy.txt"
    again.write_text(USER_DOC, encoding="utf-8")
    with pytest.raises(DocumentError, match="该文件已在语料中：" + new.label):
        add_documents(cfg, [again], progress=False, encoder=counting)
    assert (cfg.path("index_dir") / "manifest.json").read_bytes() == manifest


def _same_content(a, b):
    """Two indexes hold the same documents, tokens, lexicon and BM25 statistics."""
    assert list(a.documents) == list(b.documents)
    assert a.lexicon.to_dict() == b.lexicon.to_dict()
    for x, y in ((a.bm25, b.bm25), (a.facts, b.facts)):
        assert x.n_docs == y.n_docs
        assert all(x.row(i) == y.row(i) for i in range(x.n_docs))
    assert a.vectors.ntotal == b.vectors.ntotal


def test_adding_a_document_extends_the_index_like_a_full_build(cfg, minilm, tmp_path):
    fixture = ROOT / "tests" / "fixtures" / "hexi_industry_2025.txt"
    base_index = load_index(cfg, encoder=minilm)
    counting = Counting(minilm)
    added = extend_index(cfg, [fixture], encoder=counting, base=base_index)
    assert added.incremental
    m = store.read_manifest(cfg)
    assert m["checksums"] == added.index.manifest["checksums"]
    (step,) = m["appended"]
    assert step["documents"] == [added.sources[0].doc_id]
    assert {"parse", "lexicon", "tokenize", "bm25", "embed", "faiss", "write"} <= set(step["phases"])
    # Its terms (河西市, its industries) change how a few older clauses are segmented.
    assert m["counts"]["retokenized"] > 0
    assert 0 < len(counting.texts) <= len(added.index.documents[step["documents"][0]].clauses)
    # The documents already loaded are shared, not copied.
    assert added.extended is base_index
    assert all(added.index.documents[k] is v for k, v in base_index.documents.items())
    assert is_stale(cfg) is None
    store.verify(cfg.path("index_dir"), m)

    # A full build of the same corpus holds the same tokens and answers the same way.
    full = cfg.replace(index_dir=str(tmp_path / "full"))
    build_index(full, progress=False, encoder=minilm)
    from_disk = load_index(cfg, encoder=minilm)
    rebuilt = load_index(full, encoder=minilm)
    _same_content(from_disk, rebuilt)
    _same_content(added.index, rebuilt)
    questions = [*QUESTIONS, "河西市智能制造产业链增加值目标", "保障项目用地的责任单位"]
    for idx in (added.index, from_disk):
        assert [[h.clause.id for h in idx.search(q, k=5)] for q in questions] == \
            [[h.clause.id for h in rebuilt.search(q, k=5)] for q in questions]
        assert [[f.record for f in idx.search_facts(q, k=5)] for q in questions] == \
            [[f.record for f in rebuilt.search_facts(q, k=5)] for q in questions]


def test_adding_to_a_stale_index_builds_it_whole(cfg, minilm, tmp_path):
    path = cfg.path("corpus_dir") / "003_313e9604e77a2f3b.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n四、附则\n本方案自印发之日起施行。\n",
                    encoding="utf-8")
    doc = tmp_path / "qinghe.txt"
    doc.write_text(USER_DOC, encoding="utf-8")
    added = extend_index(cfg, [doc], encoder=minilm)
    assert not added.incremental
    assert "appended" not in store.read_manifest(cfg)
    assert any("本方案自印发之日起施行" in c.text for c in added.index.clauses)
    assert added.sources[0].doc_id in added.index.documents
    assert is_stale(cfg) is None


def test_adding_across_the_hnsw_threshold_switches_the_faiss_index(cfg, minilm, tmp_path):
    n = store.read_manifest(cfg)["counts"]["clauses"]
    small = cfg.replace(hnsw_threshold=n)  # flat now, HNSW after one more clause
    assert is_stale(small) is None
    doc = tmp_path / "qinghe.txt"
    doc.write_text(USER_DOC, encoding="utf-8")
    added = extend_index(small, [doc], encoder=minilm)
    assert added.incremental and added.index.manifest["index_type"] == "hnsw"
    assert is_stale(small) is None
    hits = added.index.search("智慧果园示范基地", k=3)
    assert hits and hits[0].clause.doc_id == added.sources[0].doc_id


def test_seed_copy_is_a_duplicate(cfg, minilm):
    with pytest.raises(DocumentError, match="该文件已在语料中：滕州市县域经济"):
        add_documents(cfg, [ROOT / "corpus" / "003_313e9604e77a2f3b.txt"], progress=False,
                      encoder=minilm)


def test_bad_uploads_change_nothing(cfg, minilm, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(DocumentError, match="文件为空"):
        add_documents(cfg, [empty], progress=False, encoder=minilm)
    big = tmp_path / "big.txt"
    big.write_text(USER_DOC * 50, encoding="utf-8")
    with pytest.raises(DocumentError, match="文件过大"):
        add_documents(cfg.replace(max_upload_mb=0.01), [big], progress=False, encoder=minilm)
    with pytest.raises(DocumentError, match="文件不存在"):
        add_documents(cfg, [tmp_path / "nope.txt"], progress=False, encoder=minilm)
    ok = tmp_path / "ok.txt"
    ok.write_text(USER_DOC, encoding="utf-8")
    before = (cfg.path("index_dir") / "manifest.json").read_bytes()
    with pytest.raises(RuntimeError, match="exploded"):
        add_documents(cfg, [ok], progress=False, encoder=Failing(minilm))
    assert (cfg.path("index_dir") / "manifest.json").read_bytes() == before
    user_dir = cfg.path("user_dir")
    assert not user_dir.exists() or not any(user_dir.iterdir())
    assert is_stale(cfg) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [("../../etc/passwd", "passwd"), (".bashrc", "bashrc"), ("a b?c.TXT", "a_b_c.txt"),
     ("..\\..\\win.docx", "win.docx"), ("方案（2025）.pdf", "方案_2025.pdf"), ("...", "document")],
)
def test_safe_file_name(name, expected):
    assert safe_file_name(name, set()) == expected


def test_safe_file_name_is_unique():
    assert safe_file_name("a.txt", {"a.txt", "a-2.txt"}) == "a-3.txt"


def test_builds_wait_for_each_other(cfg, minilm):
    import threading
    import time

    from index.build import build_lock

    done = threading.Event()

    def rebuild():
        build_index(cfg, progress=False, encoder=minilm)
        done.set()

    with build_lock(cfg):
        t = threading.Thread(target=rebuild)
        t.start()
        time.sleep(1.0)
        assert not done.is_set()  # blocked on the lock held here
    t.join(timeout=60)
    assert done.is_set() and is_stale(cfg) is None


def test_sources_are_read_again_whenever_the_file_changes(tmp_path):
    from corpus.sources import Source, load_sources, save_sources

    path = tmp_path / "sources.yaml"
    a = Source(doc_id="doc-a", file="a.txt", label="甲", script="simplified")
    b = Source(doc_id="doc-b", file="b.txt", label="乙", script="simplified")
    save_sources([a], path)
    assert load_sources(path) == [a]
    save_sources([a, b], path)
    assert load_sources(path) == [a, b]
    # Same size, same moment: a hand edit that swaps one letter is still seen.
    path.write_text(path.read_text(encoding="utf-8").replace("doc-b", "doc-c"), encoding="utf-8")
    assert [s.doc_id for s in load_sources(path)] == ["doc-a", "doc-c"]
    loaded = load_sources(path)
    loaded.append(a)  # callers get their own list
    assert len(load_sources(path)) == 2


def test_vector_cache_reads_faiss_rows_and_format_1_files(tmp_path):
    import faiss
    import numpy as np

    from index import dense

    keys = ["k1", "k2", "k1"]
    vectors = np.eye(3, 4, dtype=np.float32)
    faiss_dir, legacy_dir = tmp_path / "v2", tmp_path / "v1"
    faiss_dir.mkdir()
    legacy_dir.mkdir()
    faiss.write_index(dense.build_faiss(vectors, hnsw_threshold=100), str(faiss_dir / "clauses.faiss"))
    dense.save_keys(faiss_dir, keys)
    cache = dense.VectorCache.load(faiss_dir)
    assert np.array_equal(cache.get("k2"), vectors[1]) and len(cache) == 2
    # Format 1 kept the vectors beside FAISS: an upgrade reuses them instead of embedding.
    dense.save_keys(legacy_dir, ["a", "b"])
    np.save(legacy_dir / "vectors.npy", vectors[:2])
    assert np.array_equal(dense.VectorCache.load(legacy_dir).get("b"), vectors[1])
    # Keys and rows that disagree, or nothing saved: an empty cache (everything is embedded).
    dense.save_keys(faiss_dir, keys[:2])
    assert len(dense.VectorCache.load(faiss_dir)) == 0
    assert len(dense.VectorCache.load(tmp_path / "none")) == 0


def test_a_chinese_file_name_gives_a_readable_distinct_doc_id():
    from index.build import _unique_doc_id

    a = _unique_doc_id("2025", set(), "3f9a1c00")
    assert a == "doc-2025-3f9a1c"
    assert _unique_doc_id("", set(), "abcdef12") == "doc-abcdef"
    assert _unique_doc_id("2025", {a}, "3f9a1c00") == "doc-2025-3f9a1c-2"
    assert _unique_doc_id("Jinan-Plan_2025", set(), "x") == "jinan-plan-2025"
