"""Changing the document collection on the Milvus backend (milvus-lite 2.5.1's server on
127.0.0.1, no mock): add, replace, restore and remove write only the changed document's
rows, through the Assistant and the CLI; a change killed half-way is put right; the
Assistant starts and answers without reading every document."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from corpus.sources import load_sources
from index import collection, journal
from index import milvus_store as ms
from index.build import build_index, extend_index
from index.config import ROOT, Config
from index.milvus_backend import MilvusBackend
from index.milvus_build import build_milvus
from index.milvus_collection import settle_pending
from index.store import load_index

pytest.importorskip("milvus_lite")

ORCHARD = ("关于印发青山县2025年果园提升方案的通知\n一、总体目标\n"
           "到2025年，新建果园示范基地6个，完成投资3.2亿元。\n"
           "二、重点任务\n（一）推进果园建设。（责任单位：县农业局）\n")
ORCHARD_V2 = ORCHARD.replace("6个", "8个").replace("3.2亿元", "3.9亿元")
QUESTION = "青山县新建果园示范基地多少个？"
SEEDS = ["dongying-2021", "tengzhou-2024"]


@pytest.fixture(scope="module")
def base(milvus_server, tmp_path_factory):
    """A local index of the seeds (its vector cache spares the Milvus builds re-embedding)
    and the files to add."""
    root = tmp_path_factory.mktemp("milvus-collection")
    cfg = Config(index_dir=str(root / "index"), user_dir=str(root / "user"), threads=2,
                 milvus_uri=milvus_server.uri)
    build_index(cfg, progress=False)
    files = {}
    for name, text in (("orchard.txt", ORCHARD), ("orchard-2025-revised.txt", ORCHARD_V2)):
        (root / name).write_text(text, encoding="utf-8")
        files[name] = root / name
    return cfg, load_index(cfg).encoder, files


def _milvus(base, tmp_path, name: str) -> tuple[Config, MilvusBackend]:
    """A collection of the seeds of its own, and a user folder of its own."""
    cfg, encoder, _ = base
    cfg = cfg.replace(backend="milvus", milvus_collection=name, user_dir=str(tmp_path / "user"))
    return cfg, build_milvus(cfg, encoder=encoder)


def _rows(backend: MilvusBackend, doc_id: str) -> dict:
    out = {}
    for part in ("clauses", "facts"):
        for r in ms.query_all(backend.client, ms.names(backend.config)[part],
                              f"doc_id == {ms.quote(doc_id)}", ["id", "tokens", "record"]):
            out[r["id"]] = (r["tokens"], r["record"])
    return out


def test_add_replace_restore_remove_through_the_assistant(base, tmp_path):
    from assistant.core import Assistant

    _, encoder, files = base
    cfg, built = _milvus(base, tmp_path, "changes")
    extend_index(cfg, [files["orchard.txt"]], encoder=encoder)
    bot = Assistant(cfg)
    assert isinstance(bot.index, MilvusBackend) and bot.index.doc_ids() == SEEDS + ["orchard"]
    ans = bot.ask(QUESTION)
    assert ans.found and "6个" in ans.answer, ans.answer
    seeds_before = {d: _rows(bot.index, d) for d in SEEDS}

    new = bot.replace_document("orchard", files["orchard-2025-revised.txt"])
    assert new.version == 2
    ans = bot.ask(QUESTION)
    assert ans.found and "8个" in ans.answer and "6个" not in ans.answer, ans.answer
    entry = collection.document_info(cfg, "orchard", bot.index)
    assert entry.status == "active" and [v.source.version for v in entry.earlier] == [1]
    assert (entry.clauses, entry.responsibilities) == (
        len(bot.index.document("orchard").clauses), 1)

    bot.restore_version("orchard", 1)
    assert "6个" in bot.ask(QUESTION).answer

    bot.remove_document("orchard")
    ans = bot.ask(QUESTION)
    assert not ans.found and "6个" not in ans.answer and "8个" not in ans.answer, ans.answer
    assert _rows(bot.index, "orchard") == {}
    # The seeds' rows were never rewritten: a change writes the changed document's rows.
    assert {d: _rows(bot.index, d) for d in SEEDS} == seeds_before
    reopened = MilvusBackend.open(cfg, encoder=encoder)
    assert reopened.doc_ids() == SEEDS and "pending" not in reopened.manifest
    assert reopened.manifest["upload"]  # the last change's id: the commit point
    user = cfg.path("user_dir")
    assert sorted(p.name for p in user.iterdir()) == ["sources.yaml", "versions.yaml"]
    assert [e.status for e in collection.list_documents(cfg)] == ["seed", "seed"]
    assert bot.ask("东营市2021年“十强”产业优选项目计划总投资是多少？").found


def test_the_assistant_starts_without_reading_the_documents(base, tmp_path, monkeypatch):
    from assistant.core import Assistant

    cfg, _ = _milvus(base, tmp_path, "ondemand")
    read: list[str] = []
    original = MilvusBackend.document

    def counted(self, doc_id):
        read.append(doc_id)
        return original(self, doc_id)

    monkeypatch.setattr(MilvusBackend, "document", counted)  # counts the real reads
    bot = Assistant(cfg)
    assert read == [] and not bot.index._cache
    assert [s.doc_id for s in bot.documents()] == SEEDS
    import app

    web = app.WebApp(cfg, bot=bot)  # the web app's health and document table: counts only
    health, rows = web.health(), web.doc_rows()
    assert health["documents"] == 2 and health["clauses"] == sum(r[-1] for r in rows) > 20
    assert read == []
    assert bot.ask("滕州每年组织实施多少项重大关键技术攻关项目？").found
    # A question reads the documents it looks at, kept in a bounded cache.
    assert read and len(bot.index._cache) <= bot.index.doc_cache


def _cli(cfg: Config, *args, crash: str | None = None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYQA_")}
    env.update(POLICYQA_INDEX_DIR=str(cfg.path("index_dir")),
               POLICYQA_USER_DIR=str(cfg.path("user_dir")), POLICYQA_BACKEND="milvus",
               POLICYQA_MILVUS_URI=cfg.milvus_uri,
               POLICYQA_MILVUS_COLLECTION=cfg.milvus_collection, POLICYQA_THREADS="2")
    if crash:
        env[journal.CRASH_ENV] = crash
    return subprocess.run([sys.executable, "-m", "index", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_cli_and_a_change_killed_between_delete_and_insert(base, tmp_path):
    _, encoder, files = base
    cfg, _ = _milvus(base, tmp_path, "killed")
    r = _cli(cfg, "add", "--quiet", files["orchard.txt"])
    assert r.returncode == 0 and "已加入 orchard" in r.stdout and "Milvus" in r.stdout, r.stderr
    r = _cli(cfg, "list")
    assert r.returncode == 0 and "orchard  [在用]  第 1 版" in r.stdout, r.stderr
    # Killed after the old version's rows went and before the new one's were written.
    r = _cli(cfg, "replace", "--quiet", "orchard", files["orchard-2025-revised.txt"],
             crash="milvus-deleted")
    assert r.returncode == -9, r.stderr
    half = MilvusBackend.open(cfg, encoder=encoder)
    assert half.manifest["pending"]["doc_ids"] == ["orchard"] and "orchard" not in half.doc_ids()
    assert settle_pending(cfg, half) == ["orchard"]  # the journal rolled back, the rows re-added
    assert [s.version for s in load_sources(cfg.path("user_dir") / "sources.yaml")] == [1]
    assert not (cfg.path("user_dir") / journal.JOURNAL).exists()
    assert "orchard" in half.doc_ids() and "pending" not in half.manifest
    hits = half.search(QUESTION, k=1)
    assert hits and hits[0].clause.doc_id == "orchard" and "6个" in hits[0].clause.text
    # Killed after the commit, before the journal was deleted: the change stands.
    r = _cli(cfg, "remove", "--quiet", "orchard", crash="files-removed")
    assert r.returncode == -9, r.stderr
    r = _cli(cfg, "list")
    assert r.returncode == 0 and "orchard" not in r.stdout and "共 2 篇文档" in r.stdout, r.stderr
    assert not (cfg.path("user_dir") / journal.JOURNAL).exists()


def test_the_assistant_fixtures_use_the_backend_asked_for(answering, request):
    """``pytest --index-backend milvus`` runs the assistant's tests on Milvus (CI's second
    pass); this says which one they ran on."""
    from index.hybrid import SearchIndex

    want = request.config.getoption("--index-backend")
    assert isinstance(answering.index, MilvusBackend if want == "milvus" else SearchIndex)
    assert answering.ask("云溪县的目标是什么？").answer
