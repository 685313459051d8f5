"""The documents as a managed collection (``index.collection``): remove, replace, restore and
list user documents through the functions, the Assistant and the CLI, and what the answers
say before and after."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest
from app_fixtures import app_config, shared_bot

from corpus.sources import load_sources
from index import collection, journal, store
from index.build import build_index, extend_index
from index.config import ROOT
from index.errors import DocumentError, DocumentNotFoundError

ORCHARD = ("关于印发青山县2025年果园提升方案的通知\n一、总体目标\n"
           "到2025年，新建果园示范基地6个，完成投资3.2亿元。\n"
           "二、重点任务\n（一）推进果园建设。（责任单位：县农业局）\n")
ORCHARD_V2 = ORCHARD.replace("6个", "8个").replace("3.2亿元", "3.9亿元")
TEA = ("关于印发白石县2025年茶园提升方案的通知\n一、总体目标\n"
       "到2025年，新建生态茶园示范片区9个，完成投资4.7亿元。\n"
       "二、重点任务\n（一）推进茶园建设。（责任单位：县林业局）\n")
QUESTION = "青山县新建果园示范基地多少个？"


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """An index over the seed corpus in a folder of its own, and the documents to add."""
    root = tmp_path_factory.mktemp("collection-seed")
    (root / "user").mkdir()
    cfg = app_config().replace(index_dir=str(root / "index"), user_dir=str(root / "user"))
    build_index(cfg, progress=False, encoder=shared_bot().index.encoder)
    files = {}
    for name, text in (("orchard.txt", ORCHARD), ("orchard-2025-revised.txt", ORCHARD_V2),
                       ("tea.txt", TEA)):
        (root / name).write_text(text, encoding="utf-8")
        files[name] = root / name
    return cfg, files


def _copy(seed, dest):
    cfg, _ = seed
    shutil.copytree(cfg.path("index_dir"), dest / "index")
    shutil.copytree(cfg.path("user_dir"), dest / "user")
    return cfg.replace(index_dir=str(dest / "index"), user_dir=str(dest / "user"))


@pytest.fixture
def bot(seed, tmp_path):
    """An Assistant over a copy of the seed index with the orchard document added."""
    from assistant.core import Assistant

    cfg = _copy(seed, tmp_path)
    extend_index(cfg, [seed[1]["orchard.txt"]], encoder=shared_bot().index.encoder)
    return Assistant(cfg)


def _figures(bot, question=QUESTION):
    ans = bot.ask(question)
    return ans, [c.quote for c in ans.citations]


def test_replace_answers_only_the_new_figure_and_restore_brings_back_the_old(seed, bot):
    cfg, files = seed
    ans, _ = _figures(bot)
    assert ans.found and "6个" in ans.answer and "8个" not in ans.answer

    new = bot.replace_document("orchard", files["orchard-2025-revised.txt"])
    assert new.doc_id == "orchard" and new.version == 2 and new.added
    ans, quotes = _figures(bot)
    assert ans.found and "8个" in ans.answer and "6个" not in ans.answer, ans.answer
    assert len(ans.citations) == 1 and "6个" not in "".join(quotes)
    assert sorted(bot.index.documents) == ["dongying-2021", "orchard", "tengzhou-2024"]
    entry = collection.document_info(bot.config, "orchard", bot.index)
    assert entry.status == "active" and entry.source.version == 2
    assert [(v.source.version, v.source.file) for v in entry.earlier] == [(1, "orchard.txt")]
    user = bot.config.path("user_dir")
    assert (user / "orchard.txt").read_text(encoding="utf-8") == ORCHARD  # kept, not indexed

    restored = bot.restore_version("orchard", 1)
    assert restored.version == 1 and restored.file == "orchard.txt"
    ans, _ = _figures(bot)
    assert "6个" in ans.answer and "8个" not in ans.answer, ans.answer
    entry = collection.document_info(bot.config, "orchard", bot.index)
    assert entry.source.version == 1 and [v.source.version for v in entry.earlier] == [2]
    with pytest.raises(DocumentError, match="当前版本"):
        bot.restore_version("orchard", 1)
    with pytest.raises(DocumentError, match="没有第 7 版"):
        bot.restore_version("orchard", 7)


def test_remove_takes_the_document_out_of_answers_files_and_lists(seed, bot):
    cfg, files = seed
    bot.replace_document("orchard", files["orchard-2025-revised.txt"])
    user = bot.config.path("user_dir")
    assert {"orchard.txt", "orchard-2025-revised.txt"} <= {p.name for p in user.iterdir()}

    removed = bot.remove_document("orchard")
    assert removed.doc_id == "orchard"
    ans, quotes = _figures(bot)
    assert not ans.found and not ans.citations, ans.answer
    assert "6个" not in ans.answer and "8个" not in ans.answer
    assert "orchard" not in bot.index.documents
    assert not any(c.doc_id == "orchard" for c in bot.index.clauses)
    assert sorted(p.name for p in user.iterdir()) == ["sources.yaml", "versions.yaml"]
    assert load_sources(user / "sources.yaml") == [] and collection.load_versions(bot.config) == []
    assert [e.source.doc_id for e in collection.list_documents(bot.config)] == [
        "dongying-2021", "tengzhou-2024"]
    # the seed questions still answer
    assert bot.ask("东营市2021年“十强”产业优选项目计划总投资是多少？").found
    with pytest.raises(DocumentNotFoundError, match="没有这个文档"):
        bot.remove_document("orchard")


def test_seed_documents_cannot_be_removed_or_replaced(seed, bot):
    cfg, files = seed
    before = store.read_manifest(bot.config)["checksums"]
    with pytest.raises(DocumentError, match="内置文档.*不能删除"):
        bot.remove_document("dongying-2021")
    with pytest.raises(DocumentError, match="内置文档.*不能替换"):
        bot.replace_document("tengzhou-2024", files["tea.txt"])
    assert store.read_manifest(bot.config)["checksums"] == before
    assert "dongying-2021" in bot.index.documents


def test_the_same_content_is_recognised_and_not_added_again(seed, bot):
    cfg, files = seed
    user = bot.config.path("user_dir")
    with pytest.raises(DocumentError, match="已在语料中"):
        bot.add_documents([files["orchard.txt"]])
    with pytest.raises(DocumentError, match="当前版本.*无需替换"):
        bot.replace_document("orchard", files["orchard.txt"])
    bot.replace_document("orchard", files["orchard-2025-revised.txt"])
    with pytest.raises(DocumentError, match="早期版本.*restore orchard 1"):
        bot.add_documents([files["orchard.txt"]])  # the earlier version, under a new id
    with pytest.raises(DocumentError, match="早期版本"):
        bot.replace_document("orchard", files["orchard.txt"])
    with pytest.raises(DocumentError, match="已在语料中"):
        bot.replace_document("orchard", ROOT / "corpus" / load_sources(
            ROOT / "corpus" / "sources.yaml")[0].file)  # a seed's content
    assert len(list(user.iterdir())) == 4  # two versions, sources.yaml, versions.yaml


@pytest.mark.parametrize("change", ["remove", "replace", "restore"])
def test_the_index_after_a_change_is_the_one_a_full_build_makes(seed, bot, tmp_path, change):
    """Built from the kept documents and the new version, the index is byte for byte the
    one a full rebuild of the new corpus writes (every file but the manifest)."""
    cfg, files = seed
    encoder = bot.index.encoder
    extend_index(bot.config, [files["tea.txt"]], base=bot.index, encoder=encoder)
    bot.reload()
    if change == "remove":
        result = collection.remove_document(bot.config, "orchard", base=bot.index)
    elif change == "replace":
        result = collection.replace_document(bot.config, "orchard",
                                             files["orchard-2025-revised.txt"], base=bot.index)
    else:
        collection.replace_document(bot.config, "orchard", files["orchard-2025-revised.txt"],
                                    encoder=encoder)
        result = collection.restore_version(bot.config, "orchard", 1, encoder=encoder)
    after = dict(result.index.manifest["checksums"])
    assert result.index.manifest["change"]["kind"] == change
    assert "appended" not in result.index.manifest
    assert store.is_stale(bot.config) is None

    full = build_index(bot.config, progress=False, encoder=encoder)
    assert after == full["checksums"]
    ids = sorted(result.index.documents)
    assert ids == sorted(["dongying-2021", "tengzhou-2024", "tea"]
                         + ([] if change == "remove" else ["orchard"]))


def test_removal_embeds_nothing_and_its_time_is_measured(seed, bot, capsys):
    t = time.perf_counter()
    result = collection.remove_document(bot.config, "orchard", base=bot.index)
    seconds = time.perf_counter() - t
    manifest = result.index.manifest
    assert manifest["counts"]["embedded"] == 0 and manifest["counts"]["documents"] == 2
    with capsys.disabled():
        print(f"\nremoval from seed corpus + 1 user doc: {seconds:.2f} s "
              f"(phases {manifest['phases']})")


def test_listing_has_status_version_file_date_and_counts(seed, bot):
    entries = {e.source.doc_id: e for e in collection.list_documents(bot.config)}
    assert [e.status for e in entries.values()] == ["seed", "seed", "active"]
    orchard = entries["orchard"].to_dict()
    assert orchard["version"] == 1 and orchard["file"] == "orchard.txt"
    assert orchard["added"].startswith("20") and orchard["status_name"] == "在用"
    assert (orchard["clauses"], orchard["figures"], orchard["responsibilities"]) == (
        len(bot.index.documents["orchard"].clauses), len(bot.index.documents["orchard"].figures),
        1)
    assert orchard["figures"] >= 2 and orchard["earlier_versions"] == []
    dongying = entries["dongying-2021"].to_dict()
    assert dongying["status"] == "seed" and dongying["clauses"] > 10 and dongying["added"] is None


# --------------------------------------------------------------------------- CLI


def _cli(cfg, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYQA_")}
    env.update(POLICYQA_CORPUS_DIR=str(cfg.path("corpus_dir")),
               POLICYQA_INDEX_DIR=str(cfg.path("index_dir")),
               POLICYQA_USER_DIR=str(cfg.path("user_dir")), POLICYQA_ENCODER=cfg.encoder)
    return subprocess.run([sys.executable, "-m", "index", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_cli_add_list_replace_restore_remove(seed, tmp_path):
    cfg, files = seed
    cfg = _copy(seed, tmp_path)
    r = _cli(cfg, "add", "--quiet", files["orchard.txt"])
    assert r.returncode == 0 and "已加入 orchard" in r.stdout, r.stderr
    r = _cli(cfg, "add", "--quiet", files["orchard.txt"])
    assert r.returncode == 2 and "错误: 该文件已在语料中" in r.stderr
    r = _cli(cfg, "add", "--quiet", files["orchard-2025-revised.txt"])  # same title: a version?
    assert r.returncode == 2 and "可能是它的新版本" in r.stderr, r.stderr
    assert "index replace orchard" in r.stderr and "--as-new" in r.stderr
    r = _cli(cfg, "replace", "--quiet", "orchard", files["orchard-2025-revised.txt"])
    assert r.returncode == 0 and "现为第 2 版" in r.stdout, r.stderr
    r = _cli(cfg, "list")
    assert r.returncode == 0 and "共 3 篇文档（内置 2 篇，用户 1 篇）" in r.stdout
    assert "orchard  [在用]  第 2 版  文件 orchard-2025-revised.txt" in r.stdout
    assert "早期版本：第 1 版 orchard.txt" in r.stdout
    listed = json.loads(_cli(cfg, "list", "--json").stdout)
    assert [d["version"] for d in listed if d["doc_id"] == "orchard"] == [2]
    r = _cli(cfg, "restore", "--quiet", "orchard", "1")
    assert r.returncode == 0 and "已恢复 orchard 的第 1 版" in r.stdout, r.stderr
    for args, words in ((("remove", "dongying-2021"), "内置文档"),
                        (("remove", "no-such-doc"), "没有这个文档"),
                        (("replace", "orchard", tmp_path / "missing.txt"), "文件不存在"),
                        (("restore", "orchard", "9"), "没有第 9 版")):
        r = _cli(cfg, *args)
        assert r.returncode == 2 and "错误: " in r.stderr and words in r.stderr, (args, r.stderr)
        assert "Traceback" not in r.stderr
    r = _cli(cfg, "remove", "--quiet", "orchard")
    assert r.returncode == 0 and "已删除 orchard" in r.stdout, r.stderr
    assert sorted(p.name for p in cfg.path("user_dir").iterdir()) == [
        "sources.yaml", "versions.yaml"]
    assert not (cfg.path("user_dir") / journal.JOURNAL).exists()
    r = _cli(cfg, "build", "--quiet", "--add", files["tea.txt"])  # the old spelling still works
    assert r.returncode == 0 and "已加入 tea" in r.stdout, r.stderr
    twin = tmp_path / "tea-copy.txt"
    twin.write_text(TEA.replace("9个", "10个"), encoding="utf-8")
    r = _cli(cfg, "add", "--quiet", "--as-new", twin)  # the user says it is another document
    assert r.returncode == 0 and "已加入 tea-copy" in r.stdout, r.stderr
