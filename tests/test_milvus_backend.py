"""The Milvus backend on Milvus' real engine (milvus-lite 2.5.1 serving on 127.0.0.1), against
the local backend built from the same seeds: same search, same facts, same look-ups."""

from __future__ import annotations

import json
import os

import pytest

from index import milvus_store as ms
from index.backend import IndexBackend, open_backend
from index.build import build_index, parse_corpus
from index.config import Config
from index.errors import IndexMismatchError, IndexNotBuiltError
from index.hybrid import SearchIndex
from index.milvus_backend import MilvusBackend
from index.milvus_build import build_milvus
from index.store import load_index
from tests.conftest import ROOT

pytest.importorskip("milvus_lite")

QUESTIONS = [json.loads(line) for line in (ROOT / "eval" / "qa.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]
SEEDS = ("dongying-2021", "tengzhou-2024")


@pytest.fixture(scope="session")
def milvus_config(milvus_server, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("milvus-seeds")
    return Config(index_dir=str(tmp / "index"), user_dir=str(tmp / "user"), threads=2,
                  backend="milvus", milvus_uri=milvus_server.uri, milvus_collection="seeds")


@pytest.fixture(scope="session")
def local(milvus_config):
    """The local backend (FAISS + BM25) of the seeds."""
    build_index(milvus_config, progress=False)
    return load_index(milvus_config)


@pytest.fixture(scope="session")
def seed_docs(milvus_config):
    return parse_corpus(milvus_config)


@pytest.fixture(scope="session")
def milvus(local, seed_docs, milvus_config):
    """The seeds in Milvus, built by the build code, then opened as a reader would."""
    build_milvus(milvus_config, seed_docs, encoder=local.encoder)
    return MilvusBackend.open(milvus_config, encoder=local.encoder)


def _ids(hits) -> list[str]:
    return [h.clause.id for h in hits]


def _overlap(a: list, b: list) -> float:
    return len(set(a) & set(b)) / max(len(a), len(b), 1)


def _facts(hits) -> list:
    return [(h.kind, h.record) for h in hits]


def test_built_from_the_seeds(milvus, local):
    assert isinstance(milvus, IndexBackend)
    assert milvus.doc_ids() == list(SEEDS) == local.doc_ids()
    assert milvus.sources == local.sources
    m = milvus.manifest
    assert m["kind"] == "policyqa-milvus-index" and m["format_version"] == ms.FORMAT_VERSION
    assert m["encoder"]["id"] == local.encoder.id and m["documents"] == 2
    client, prefix = milvus.client, milvus.config.milvus_collection
    assert client.query(f"{prefix}_clauses", filter="", output_fields=["count(*)"])[0][
        "count(*)"] == len(local.clauses)
    assert client.query(f"{prefix}_facts", filter="", output_fields=["count(*)"])[0][
        "count(*)"] == len(local.figures) + len(local.duties)
    assert milvus.lexicon.to_dict() == local.lexicon.to_dict()


@pytest.mark.slow
@pytest.mark.parametrize("filtered", [False, True], ids=["all-documents", "doc-filter"])
def test_search_matches_the_local_backend(milvus, local, filtered):
    overlaps, same = [], 0
    for item in QUESTIONS:
        if filtered and item.get("doc") not in SEEDS:
            continue
        kw = {"doc_ids": [item["doc"]]} if filtered else {}
        a = _ids(local.search(item["question"], k=5, **kw))
        b = _ids(milvus.search(item["question"], k=5, **kw))
        overlaps.append(_overlap(a, b))
        same += a == b
        if filtered:
            assert all(cid.startswith(item["doc"] + "/") for cid in b)
    assert len(overlaps) > (300 if filtered else 350)
    mean = sum(overlaps) / len(overlaps)
    assert mean >= 0.98, f"top-5 overlap {mean:.3f}, identical lists {same}/{len(overlaps)}"


@pytest.mark.parametrize("retriever", ["hybrid", "bm25", "dense"])
def test_scores_and_ranks_match(milvus, local, retriever):
    for q in ("東營2021年新一代信息技術產業增加值目標是多少？", "推进创新平台建设的责任单位",
              "高端装备产业的发展目标"):
        a = local.search(q, k=5, retriever=retriever)
        b = milvus.search(q, k=5, retriever=retriever)
        assert _ids(a) == _ids(b)
        assert [(h.bm25_rank, h.dense_rank) for h in a] == [(h.bm25_rank, h.dense_rank) for h in b]
        assert [h.score for h in b] == pytest.approx([h.score for h in a], rel=1e-3, abs=1e-4)


@pytest.mark.slow
def test_search_facts_matches_the_local_backend(milvus, local):
    same = total = 0
    overlaps = []
    for item in QUESTIONS:
        for kw in ({}, {"doc_ids": [item["doc"]]} if item.get("doc") in SEEDS else None):
            if kw is None:
                continue
            a = local.search_facts(item["question"], k=10, **kw)
            b = milvus.search_facts(item["question"], k=10, **kw)
            total += 1
            same += _facts(a) == _facts(b)
            overlaps.append(_overlap([repr(x) for x in _facts(a)], [repr(x) for x in _facts(b)]))
            assert [h.score for h in b] == pytest.approx([h.score for h in a], rel=1e-3, abs=1e-4)
    assert same / total >= 0.98, f"identical fact lists {same}/{total}"
    assert sum(overlaps) / total >= 0.98


def test_look_ups_by_id(milvus, local):
    for doc_id in SEEDS:
        assert milvus.document(doc_id).to_dict() == local.document(doc_id).to_dict()
    clause = local.clauses[7]
    assert milvus.clause(clause.id) == clause
    assert milvus.clause("dongying-2021/no-such-clause") is None
    assert milvus.clause("nope/一") is None
    with pytest.raises(KeyError, match="nope"):
        milvus.document("nope")
    with pytest.raises(ValueError, match="unknown"):
        milvus.search("增加值", doc_ids=["nope"])
    with pytest.raises(ValueError, match="unknown"):
        milvus.search_facts("增加值", doc_ids=["nope"])
    assert milvus.search("增加值", doc_ids=[]) == [] == milvus.search_facts("增加值", doc_ids=[])
    assert milvus.search("   ") == [] and milvus.search("增加值", k=0) == []


def test_documents_are_read_on_demand(milvus_config, local):
    fresh = MilvusBackend.open(milvus_config, encoder=local.encoder)
    assert not fresh._cache  # opening reads the list of documents, not the documents
    q = "滕州每年组织实施多少项重大关键技术攻关项目？"
    assert fresh.search(q, k=3) and fresh.search_facts(q, k=3)
    assert fresh.clause("tengzhou-2024/二/（一）/3") == local.clause("tengzhou-2024/二/（一）/3")
    assert not fresh._cache  # hits and clauses come with their rows
    fresh.document("tengzhou-2024")
    assert list(fresh._cache) == ["tengzhou-2024"]


def test_open_backend_chooses_by_config(milvus_config, milvus, local):
    assert isinstance(open_backend(milvus_config, encoder=local.encoder), MilvusBackend)
    assert isinstance(open_backend(milvus_config.replace(backend="local"), encoder=local.encoder),
                      SearchIndex)


def _collection(config: Config, name: str, docs, encoder) -> MilvusBackend:
    return build_milvus(config.replace(milvus_collection=name), docs, encoder=encoder)


@pytest.mark.slow
def test_add_then_delete_one_document(milvus_config, seed_docs, local):
    dongying, tengzhou = seed_docs
    backend = _collection(milvus_config, "grow", [dongying], local.encoder)
    clauses = f"{milvus_config.replace(milvus_collection='grow').milvus_collection}_clauses"

    def rows(doc_id):
        return {r["id"]: (r["tokens"], r["vec"]) for r in backend.client.query(
            clauses, filter=f'doc_id == "{doc_id}"', output_fields=["tokens", "vec"], limit=10000)}

    scoped = {"doc_ids": ["dongying-2021"], "retriever": "bm25"}
    backend.add_documents([tengzhou])
    assert backend.doc_ids() == list(SEEDS)
    # A search scoped to a document scores by its own rows' statistics, as the local
    # backend does (Milvus' own BM25 statistics span the collection, filter or not).
    for q in (it["question"] for it in QUESTIONS[::7]):
        a, b = local.search(q, **scoped), backend.search(q, **scoped)
        assert _ids(b) == _ids(a), q
        assert [h.score for h in b] == pytest.approx([h.score for h in a], rel=1e-5), q
    # Tokens as a full build makes them: the same results as the local index of both seeds.
    assert backend.lexicon.to_dict() == local.lexicon.to_dict()
    for item in QUESTIONS[::3]:
        q = item["question"]
        assert _ids(backend.search(q)) == _ids(local.search(q))
        assert _facts(backend.search_facts(q)) == _facts(local.search_facts(q))
    before = rows("dongying-2021")

    backend.delete_documents(["tengzhou-2024"])
    assert backend.doc_ids() == ["dongying-2021"]
    assert rows("tengzhou-2024") == {}
    assert rows("dongying-2021") == before  # no other document's rows rewritten
    with pytest.raises(KeyError):
        backend.document("tengzhou-2024")
    assert backend.clause("tengzhou-2024/二/（一）/1") is None
    reopened = MilvusBackend.open(backend.config, encoder=local.encoder)
    assert reopened.doc_ids() == ["dongying-2021"]
    fresh = _collection(milvus_config, "dongying", [dongying], local.encoder)
    overlaps = []
    for item in QUESTIONS:
        a = _ids(reopened.search(item["question"]))
        assert all(cid.startswith("dongying-2021/") for cid in a)
        overlaps.append(_overlap(a, _ids(fresh.search(item["question"]))))
    # Words learnt from the deleted document stay in the lexicon (a fresh build would not
    # know them): measured 0.974 on the seeds.
    assert sum(overlaps) / len(overlaps) >= 0.95


def test_add_refuses_a_doc_id_already_in(milvus, seed_docs):
    with pytest.raises(ValueError, match="already"):
        milvus.add_documents(seed_docs[:1])
    with pytest.raises(KeyError, match="nope"):
        milvus.delete_documents(["nope"])


@pytest.mark.slow
def test_replace_document(milvus_config, seed_docs, local):
    from index.milvus_collection import apply

    backend = _collection(milvus_config, "replace", seed_docs, local.encoder)
    backend.replace_document(seed_docs[0])
    # The new version keeps the old one's place in the index order, as on the local backend.
    assert backend.doc_ids() == list(SEEDS)
    q = "東營2021年新一代信息技術產業增加值目標是多少？"
    assert _ids(backend.search(q))[0] == _ids(local.search(q))[0] == "dongying-2021/二/（一）/1"
    # The same through a journalled change (what the web app's replace and restore do).
    apply(backend, "test-replace", delete=["dongying-2021"], add=[seed_docs[0]])
    reopened = MilvusBackend.open(milvus_config.replace(milvus_collection="replace"),
                                  encoder=local.encoder)
    assert reopened.doc_ids() == backend.doc_ids() == list(SEEDS)
    for item in QUESTIONS[::40]:
        assert _ids(reopened.search(item["question"])) == _ids(local.search(item["question"]))


def test_missing_stale_and_foreign_collections_are_refused(milvus_config, seed_docs, local):
    from index import milvus_store as ms

    with pytest.raises(IndexNotBuiltError, match="index.milvus_build"):
        MilvusBackend.open(milvus_config.replace(milvus_collection="nothing_here"),
                           encoder=local.encoder)
    # Someone else's collection under our names: refused, and never dropped by a build.
    foreign = milvus_config.replace(milvus_collection="alien")
    client = ms.connect(foreign)
    for name in ms.names(foreign).values():
        client.create_collection(name, dimension=4)
    with pytest.raises(IndexMismatchError, match="不是本程序"):
        MilvusBackend.open(foreign, encoder=local.encoder)
    with pytest.raises(IndexMismatchError, match="不是本程序"):
        build_milvus(foreign, seed_docs[:1], encoder=local.encoder, replace=True)
    assert client.has_collection("alien_clauses")
    # Ours, but another format version or another encoder: refused until rebuilt.
    stale = milvus_config.replace(milvus_collection="stale")
    backend = build_milvus(stale, seed_docs[:1], encoder=local.encoder)
    ms.put_blob(backend.client, stale, ms.MANIFEST, {**backend.manifest, "format_version": 0})
    with pytest.raises(IndexMismatchError, match="格式版本"):
        MilvusBackend.open(stale, encoder=local.encoder)
    with pytest.raises(ValueError, match="--replace"):
        build_milvus(stale, seed_docs[:1], encoder=local.encoder)
    build_milvus(stale, seed_docs[:1], encoder=local.encoder, replace=True)
    assert MilvusBackend.open(stale, encoder=local.encoder).doc_ids() == ["dongying-2021"]

    class OtherEncoder:
        id, dim = "another-encoder:1", local.encoder.dim

    with pytest.raises(IndexMismatchError, match="编码器"):
        MilvusBackend.open(stale, encoder=OtherEncoder())


def test_a_collection_built_before_the_corpus_changed_is_refused(milvus_config, seed_docs,
                                                                 local, tmp_path):
    """The manifest keeps the corpus folder's hash: a collection built before a corpus file
    or sources.yaml changed is refused by name, and opens again once rebuilt."""
    import shutil

    from corpus.sources import load_sources
    from index.milvus_build import open_or_build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for s in load_sources(ROOT / "corpus" / "sources.yaml"):
        shutil.copyfile(ROOT / "corpus" / s.file, corpus / s.file)
    shutil.copyfile(ROOT / "corpus" / "sources.yaml", corpus / "sources.yaml")
    config = milvus_config.replace(corpus_dir=str(corpus), milvus_collection="drift")
    build_milvus(config, seed_docs[:1], encoder=local.encoder)
    assert open_or_build(config, encoder=local.encoder).doc_ids() == ["dongying-2021"]
    listed = corpus / load_sources(corpus / "sources.yaml")[1].file
    original = listed.read_bytes()
    listed.write_bytes(original + "\n（补充条款）\n".encode())
    with pytest.raises(IndexMismatchError, match=r"语料目录.*已经改变.*--replace"):
        open_or_build(config, encoder=local.encoder)
    listed.write_bytes(original)  # back as it was: the same hash, accepted again
    assert open_or_build(config, encoder=local.encoder).doc_ids() == ["dongying-2021"]
    with open(corpus / "sources.yaml", "a", encoding="utf-8") as f:
        f.write("\n# edited\n")
    with pytest.raises(IndexMismatchError, match="sources.yaml"):
        open_or_build(config, encoder=local.encoder)
    build_milvus(config, seed_docs[:1], encoder=local.encoder, replace=True)
    assert open_or_build(config, encoder=local.encoder).doc_ids() == ["dongying-2021"]


def test_a_larger_hnsw_ef_search_comes_nearer_the_exact_ranking():
    """Local HNSW (above hnsw_threshold) is approximate; Config.hnsw_ef_search trades
    latency for nearness to the exact scan (Milvus FLAT is exact)."""
    import numpy as np

    from index import dense

    rng = np.random.default_rng(0)
    v = rng.standard_normal((4000, 32)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    q = v[:60] + 0.3 * rng.standard_normal((60, 32)).astype(np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    hnsw = dense.build_faiss(v, hnsw_threshold=100)
    exact = dense.build_faiss(v, hnsw_threshold=len(v))

    def recall(ef: int) -> float:
        shares = [len(set(dense.search(hnsw, x, 10, ef_search=ef)[1])
                      & set(dense.search(exact, x, 10)[1])) / 10 for x in q]
        return sum(shares) / len(shares)

    assert recall(10) < 0.9 < 0.99 <= recall(512)
    assert Config.load(env={"POLICYQA_HNSW_EF_SEARCH": "512",
                            "POLICYQA_CONFIG": os.devnull}).hnsw_ef_search == 512
    with pytest.raises(ValueError, match="hnsw_ef_search"):
        Config(hnsw_ef_search=0)


def test_config_backend_fields():
    env = {"POLICYQA_BACKEND": "milvus", "POLICYQA_MILVUS_URI": "http://milvus.example:19530",
           "POLICYQA_MILVUS_TOKEN": "root:Milvus", "POLICYQA_MILVUS_DB": "policy",
           "POLICYQA_CONFIG": os.devnull}
    c = Config.load(env=env)
    assert (c.backend, c.milvus_target, c.milvus_token, c.milvus_db) == (
        "milvus", "http://milvus.example:19530", "root:Milvus", "policy")
    assert Config().backend == "local"
    assert Config(milvus_uri="var/m.db").milvus_target == str(ROOT / "var" / "m.db")
    with pytest.raises(ValueError, match=r"'vespa' must be one of \('local', 'milvus'\)"):
        Config(backend="vespa")
    with pytest.raises(ValueError, match="milvus_uri"):
        Config(backend="milvus", milvus_uri=" ")
    with pytest.raises(ValueError, match="milvus_collection"):
        Config(milvus_collection="bad-name")
    c = Config.load(env={"POLICYQA_MILVUS_SHARDS": "4", "POLICYQA_MILVUS_REPLICAS": "2",
                         "POLICYQA_MILVUS_DENSE_INDEX": "HNSW", "POLICYQA_CONFIG": os.devnull})
    assert (c.milvus_shards, c.milvus_replicas, c.milvus_dense_index) == (4, 2, "HNSW")
    with pytest.raises(ValueError, match=r"milvus_dense_index 'DISKANN' must be one of"):
        Config(milvus_dense_index="DISKANN")
    with pytest.raises(ValueError, match="milvus_shards"):
        Config(milvus_shards=0)


@pytest.mark.slow
def test_a_file_uri_runs_the_engine_in_process(tmp_path, local, seed_docs):
    """``milvus_uri`` as a file: pymilvus starts milvus-lite itself (no server to run)."""
    config = Config(index_dir=local.config.index_dir, user_dir=str(tmp_path / "user"),
                    backend="milvus", milvus_uri=str(tmp_path / "lite.db"))
    built = open_backend(config, encoder=local.encoder)  # none there yet: built
    assert built.doc_ids() == list(SEEDS)
    again = open_backend(config, encoder=local.encoder)
    q = "滕州每年组织实施多少项重大关键技术攻关项目？"
    assert _ids(again.search(q)) == _ids(local.search(q))


def test_hybrid_imports_neither_build_nor_store():
    """The search module is below the build and the store: no import circle through it."""
    import ast

    tree = ast.parse((ROOT / "index" / "hybrid.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not imported & {"index.build", "index.store", "index.latency", "index.backend"}


@pytest.mark.slow
def test_the_assistant_answers_the_benchmark_alike_on_both_backends(milvus_config, milvus, local):
    """The whole seed benchmark through the Assistant on Milvus and on the local backend:
    the same score (± 0.5 point) and the same answer to each question."""
    from assistant.core import Assistant
    from eval.runner import run_benchmark

    on_milvus = Assistant(milvus_config)
    assert isinstance(on_milvus.index, MilvusBackend)
    on_local = Assistant(milvus_config.replace(backend="local"))
    assert isinstance(on_local.index, SearchIndex)
    a = run_benchmark(on_milvus, QUESTIONS, progress=False)
    b = run_benchmark(on_local, QUESTIONS, progress=False)
    score_a, score_b = a["metrics"]["overall"]["accuracy"], b["metrics"]["overall"]["accuracy"]
    assert abs(score_a - score_b) <= 0.005, (score_a, score_b)
    same = sum(x["response"]["answer"] == y["response"]["answer"]
               for x, y in zip(a["items"], b["items"], strict=True))
    assert same / len(QUESTIONS) >= 0.99, same
    print(f"\nseed benchmark: Milvus {score_a:.1%}, local {score_b:.1%}; "
          f"{same}/{len(QUESTIONS)} answers identical")


def test_the_compose_file_runs_a_milvus_2_5_standalone():
    """deploy/milvus-standalone.yml (not run here): etcd, MinIO and a pinned Milvus 2.5.x,
    whose gRPC port is the milvus_uri the docs give."""
    import yaml

    compose = yaml.safe_load((ROOT / "deploy" / "milvus-standalone.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert set(services) == {"etcd", "minio", "standalone"}
    assert services["standalone"]["image"].startswith("milvusdb/milvus:v2.5.")
    assert services["standalone"]["environment"] == {"ETCD_ENDPOINTS": "etcd:2379",
                                                     "MINIO_ADDRESS": "minio:9000"}
    assert "127.0.0.1:19530:19530" in services["standalone"]["ports"]
    assert "http://127.0.0.1:19530" in (ROOT / "docs" / "scaling.md").read_text(encoding="utf-8")


def _imports(module: str) -> set[str]:
    """Every index module ``index/<module>.py`` imports, at the top or inside a function."""
    import ast

    tree = ast.parse((ROOT / "index" / f"{module}.py").read_text(encoding="utf-8"))
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.ImportFrom) and n.module:
            out.add(n.module)
            out |= {f"{n.module}.{a.name}" for a in n.names}
        elif isinstance(n, ast.Import):
            out |= {a.name for a in n.names}
    return out


def test_no_import_circles_between_build_and_collection_or_store_and_journal():
    assert "index.collection" not in _imports("build")  # build → versions, collection → build
    assert "index.store" not in _imports("journal")  # journal → layout, store → journal
    assert {"index.build", "index.store"} & _imports("collection")
    assert "index.journal" in _imports("store")
