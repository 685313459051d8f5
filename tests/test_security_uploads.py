"""Security: an upload is a transaction (``index.journal``).

An upload killed (SIGKILL) at any of 20 named steps, or at a moment no step names, leaves
its documents either fully in (files in user_dir, listed in sources.yaml, in the index and
found by a search) or fully out (nothing of them anywhere) once a fresh process opens the
index; no journal or build folder is left, and the same files can be uploaded again (or are
refused as duplicates when they are in). The web app rolls back a failed upload in-process,
keeps one copy of each upload, and a file without a record does not block an upload.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from app_fixtures import app_config, shared_bot
from kill_harness import ORCHARD, TEA, cli_env, copy_case, run_killed

import app
from corpus.sources import load_sources
from index import journal
from index.config import ROOT

PHRASES = ["果园示范基地", "生态茶园示范片区"]  # one phrase only each document holds

# Every named step of an upload, in order; an upload that extends the index passes them all.
APPEND_STEPS = ["locked", "validated", "base-loaded", "journal-tmp", "journal-written",
                "copied-1", "copied-2", "sources-written", "parsed", "building",
                "index-half-written", "index-sealed", "old-moved-aside", "swapped",
                "previous-removed", "journal-removed"]
# An upload to a stale index builds it whole: the steps of that path.
FULL_STEPS = ["sources-written", "index-half-written", "old-moved-aside", "swapped"]
COMMITTED = {"swapped", "previous-removed", "journal-removed"}  # after the commit point
CASES = ([("append", s) for s in APPEND_STEPS] + [("full", s) for s in FULL_STEPS]
         + [("append", t) for t in (0.0, 0.1, 0.3, 0.6)] + [("full", 0.3)])

# A fresh process, as the app starts: open the index (which settles a killed upload), say
# what is there, then upload the same files again.
CHECK = r"""
import hashlib, json, sys
from corpus.sources import load_sources
from index.build import extend_index, load_or_build
from index.config import Config
from index.errors import DocumentError

cfg = Config.load()
files, phrases = json.loads(sys.argv[1]), json.loads(sys.argv[2])
user, parent = cfg.path("user_dir"), cfg.path("index_dir").parent

def state(idx):
    return {"index": sorted(idx.documents),
            "hits": [idx.search(p, k=1)[0].clause.doc_id for p in phrases],
            "files": sorted(p.name for p in user.iterdir()) if user.exists() else [],
            "listed": [s.doc_id for s in load_sources(user / "sources.yaml")],
            "yaml": hashlib.sha256((user / "sources.yaml").read_bytes()).hexdigest()
                    if (user / "sources.yaml").exists() else None,
            "contents": sorted(hashlib.sha256(p.read_bytes()).hexdigest()
                               for p in user.iterdir() if p.name != "sources.yaml"),
            "dots": sorted(p.name for p in parent.iterdir()
                           if p.name.startswith(".") and not p.name.endswith(".lock"))}

idx = load_or_build(cfg)
out = {"after": state(idx)}
try:
    added = extend_index(cfg, files, base=idx)
    out["again"] = [s.doc_id for s in added.sources]
    out["final"] = state(added.index)
except DocumentError as exc:
    out["refused"] = str(exc)
print(json.dumps(out, ensure_ascii=False))
"""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _user_contents(user_dir: Path) -> dict[str, str]:
    """sha256 -> file name of every file in the user folder except sources.yaml."""
    if not user_dir.exists():
        return {}
    return {_sha(p.read_bytes()): p.name for p in user_dir.iterdir()
            if p.is_file() and p.name != "sources.yaml"}


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """Its own index over the seed corpus (never the shared one, which other tests add
    documents to), an empty user folder, and the two documents to upload."""
    from index.build import build_index

    root = tmp_path_factory.mktemp("uploads-seed")
    (root / "user").mkdir()
    cfg = app_config().replace(index_dir=str(root / "index"), user_dir=str(root / "user"))
    build_index(cfg, progress=False, encoder=shared_bot().index.encoder)
    docs = []
    for name, text in (("orchard.txt", ORCHARD), ("tea.txt", TEA)):
        (root / name).write_text(text, encoding="utf-8")
        docs.append(root / name)
    return cfg, docs


def _case(seed, dest: Path, stale: bool = False):
    return copy_case(seed[0], dest, stale)


def _upload_killed(cfg, docs: list[Path], point: str | float) -> bool:
    """Upload ``docs`` in a subprocess killed at ``point`` (see kill_harness.run_killed)."""
    return run_killed([sys.executable, "-m", "index", "build", "--quiet", "--add",
                       *map(str, docs)], cfg, point)


def _check(cfg, docs: list[Path]) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHECK, json.dumps(list(map(str, docs))),
                           json.dumps(PHRASES, ensure_ascii=False)],
                          cwd=ROOT, env=cli_env(cfg), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize(("path", "point"), CASES, ids=[f"{p}-{s}" for p, s in CASES])
def test_upload_killed_is_all_in_or_all_out(seed, tmp_path, path, point):
    _, docs = seed
    cfg = _case(seed, tmp_path, stale=path == "full")
    user = cfg.path("user_dir")
    yaml_before = _sha((user / "sources.yaml").read_bytes()) \
        if (user / "sources.yaml").exists() else None
    files_before = sorted(_user_contents(user))
    index_before = sorted(json.loads(
        (cfg.path("index_dir") / "manifest.json").read_text(encoding="utf-8"))["documents"])
    killed = _upload_killed(cfg, docs, point)

    r = _check(cfg, docs)
    after = r["after"]
    assert after["dots"] == [], after  # no journal, build folder or previous index left
    assert not [f for f in after["files"] if f.startswith(".")], after
    new_ids = sorted(set(after["index"]) - set(index_before))
    print(f"{path} {point}: {'in' if new_ids else 'out'} (killed: {killed})")
    if new_ids:  # fully in: files, records, index, answers; the same upload is a duplicate
        assert isinstance(point, float) or point in COMMITTED, (point, after)
        assert len(new_ids) == 2 and set(new_ids) <= set(after["listed"])
        for doc, doc_id in zip(docs, after["hits"], strict=True):
            assert doc_id in new_ids
            assert _sha(doc.read_bytes()) in after["contents"]
        assert len(after["contents"]) == len(files_before) + 2
        assert "已在语料中" in r["refused"]
    else:  # fully out: exactly as before, and the same upload now goes in
        assert killed, "the upload finished before the kill: nothing was tested"
        assert isinstance(point, float) or point not in COMMITTED, (point, after)
        assert sorted(after["index"]) == index_before
        assert after["contents"] == files_before and after["yaml"] == yaml_before
        assert "refused" not in r, r
        assert len(r["again"]) == 2
        final = r["final"]
        assert final["hits"] == r["again"] and set(r["again"]) <= set(final["listed"])
        assert final["dots"] == [] and not [f for f in final["files"] if f.startswith(".")]


# --------------------------------------------------------------------------- in-process


@pytest.fixture
def web(seed, tmp_path):
    from assistant.core import Assistant

    cfg = _case(seed, tmp_path)
    return app.WebApp(cfg, bot=Assistant(cfg))


def _snapshot(cfg) -> dict[str, str]:
    out = {}
    for folder in (cfg.path("index_dir"), cfg.path("user_dir")):
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                out[str(p)] = _sha(p.read_bytes())
    return out


def test_failed_upload_changes_nothing_and_can_be_repeated(seed, web, monkeypatch):
    """An error at any step of an upload (a full disk, say) rolls it back in-process: the
    report says so in Chinese, the folders are byte for byte as before, and the same
    upload succeeds afterwards."""
    _, docs = seed
    cfg = web.config
    before, n_docs = _snapshot(cfg), len(web.sources())
    real = journal.crash_point
    for step in ("journal-written", "copied-2", "sources-written", "index-half-written",
                 "index-sealed", "old-moved-aside"):
        def fail(name: str, step: str = step) -> None:
            if name == step:
                raise OSError(28, "No space left on device")
            real(name)

        monkeypatch.setattr(journal, "crash_point", fail)
        message, changed = web.add_files([str(d) for d in docs])
        assert not changed, (step, message)
        assert "出错" in message and "Traceback" not in message, message
        assert _snapshot(cfg) == before, step
        assert len(web.sources()) == n_docs
    monkeypatch.setattr(journal, "crash_point", real)
    message, changed = web.add_files([str(d) for d in docs])
    assert changed and "已添加 2 份文档" in message, message
    assert any("茶园" in row[2] for row in web.tasks_for_unit("县林业局"))
    message, changed = web.add_files([str(docs[0])])
    assert not changed and "与已有文档重复" in message


def test_one_bad_file_in_a_batch_leaves_the_good_one_in(seed, web, tmp_path):
    _, docs = seed
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    message, changed = web.add_files([str(docs[0]), str(bad)])
    assert changed and "已添加 1 份文档" in message and "broken.docx" in message
    assert not (web.config.path("user_dir") / journal.JOURNAL).exists()
    assert sorted(_user_contents(web.config.path("user_dir"))) == sorted(
        {_sha(docs[0].read_bytes())} | set(_user_contents(seed[0].path("user_dir"))))


def test_a_stray_file_without_a_record_does_not_block_an_upload(seed, web):
    """A file in user_dir that sources.yaml does not list (an older version's crash) is not
    in the collection: the same document uploads, and only the listed copy is indexed."""
    _, docs = seed
    user = web.config.path("user_dir")
    stray = user / docs[0].name
    shutil.copyfile(docs[0], stray)
    message, changed = web.add_files([str(docs[0])])
    assert changed and "已添加 1 份文档" in message, message
    listed = load_sources(user / "sources.yaml")[-1]
    assert listed.file != stray.name and (user / listed.file).read_bytes() == stray.read_bytes()
    assert listed.doc_id in web.bot.index.documents


def test_an_upload_is_stored_once(seed, web):
    _, docs = seed
    message, changed = web.add_files([str(docs[1])])
    assert changed, message
    digest = _sha(docs[1].read_bytes())
    root = web.config.path("index_dir").parent
    copies = [p for p in root.rglob("*") if p.is_file() and p.suffix == ".txt"
              and _sha(p.read_bytes()) == digest]
    assert copies == [web.config.path("user_dir") / load_sources(
        web.config.path("user_dir") / "sources.yaml")[-1].file]
    staging = web.upload_folder  # Gradio stages browser uploads there; add_files stores nothing
    assert not any(_sha(p.read_bytes()) == digest for p in staging.rglob("*") if p.is_file())


def test_a_leftover_journal_is_settled_before_the_duplicate_check(seed, web):
    """An upload a killed CLI left half done (its file copied and listed, the index not yet
    swapped) is rolled back when the web app next checks for duplicates: the same file is
    accepted, not refused as already there."""
    _, docs = seed
    cfg = web.config
    user = cfg.path("user_dir")
    with journal.build_lock(cfg):
        journal.begin(cfg, ["orchard.txt"])
        shutil.copyfile(docs[0], user / "orchard.txt")
        (user / "sources.yaml").write_text(
            "documents:\n- {doc_id: orchard, file: orchard.txt, label: 果园, script: simplified}\n",
            encoding="utf-8")
    message, changed = web.add_files([str(docs[0])])
    assert changed and "已添加 1 份文档" in message, message
    assert not (user / journal.JOURNAL).exists()


def test_build_folders_of_dead_processes_are_removed(seed, tmp_path):
    cfg = _case(seed, tmp_path)
    index_dir = cfg.path("index_dir")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        for pid in (dead.pid, alive.pid):
            journal.building_dir(index_dir, pid).mkdir()
            (journal.building_dir(index_dir, pid) / "clauses.faiss").write_bytes(b"x" * 1000)
        journal.recover(cfg)
        assert not journal.building_dir(index_dir, dead.pid).exists()
        assert journal.building_dir(index_dir, alive.pid).exists()  # maybe still writing
    finally:
        alive.kill()
        alive.wait()
    journal.recover(cfg)
    assert not journal.building_dir(index_dir, alive.pid).exists()
