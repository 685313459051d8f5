"""Security: a removal or replacement is a transaction (``index.collection``, ``index.journal``),
and the REST routes that change the collection need a login and obey the upload limits.

A removal or replacement killed (SIGKILL) at any named step, or at a moment no step names,
leaves the document fully in or fully out (old version or new, never both) once a fresh
process opens the index: files, ``sources.yaml``, ``versions.yaml``, the index and the
Assistant's answers agree, and no journal or build folder is left. Out, the same change then
succeeds; in, repeating it is refused.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from app_fixtures import app_config, shared_bot
from kill_harness import ORCHARD, TEA, cli_env, copy_case, run_killed

import app
from index.config import ROOT

VERSION = {"orchard": ORCHARD.replace("6个", "8个"), "tea": TEA.replace("9个", "12个")}
QUESTIONS = {"orchard": "青山县新建果园示范基地多少个？", "tea": "白石县新建生态茶园示范片区多少个？"}

REMOVE_STEPS = ["locked", "validated", "base-loaded", "journal-tmp", "journal-written",
                "sources-written", "versions-written", "building", "index-half-written",
                "index-sealed", "old-moved-aside", "swapped", "previous-removed",
                "files-removed", "journal-removed"]
REPLACE_STEPS = ["locked", "validated", "base-loaded", "journal-tmp", "journal-written",
                 "copied-1", "sources-written", "versions-written", "parsed", "building",
                 "index-half-written", "index-sealed", "old-moved-aside", "swapped",
                 "previous-removed", "journal-removed"]
FULL_STEPS = ["sources-written", "index-half-written", "old-moved-aside", "swapped"]
COMMITTED = {"swapped", "previous-removed", "files-removed", "journal-removed"}
CASES = ([("remove", "append", s) for s in REMOVE_STEPS]
         + [("replace", "append", s) for s in REPLACE_STEPS]
         + [(op, "full", s) for op in ("remove", "replace") for s in FULL_STEPS]
         + [(op, "append", t) for op in ("remove", "replace") for t in (0.0, 0.2, 0.5, 1.0)])

# A fresh process, as the app starts: open the index (which settles a killed change), say
# what is there and what the Assistant answers, then make the same change again.
CHECK = r"""
import hashlib, json, sys
from assistant.core import Assistant
from corpus.sources import load_sources
from index.collection import load_versions
from index.config import Config
from index.errors import DocumentError

cfg = Config.load()
op, new_file, questions = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
user, parent = cfg.path("user_dir"), cfg.path("index_dir").parent

def state(bot):
    answers = {}
    for doc, q in questions.items():
        a = bot.ask(q)
        answers[doc] = {"found": a.found, "answer": a.answer,
                        "cited": sorted({c.doc_id for c in a.citations})}
    return {"index": sorted(bot.index.documents),
            "versions_in_index": {d: p.source.version for d, p in bot.index.documents.items()},
            "listed": {s.doc_id: [s.version, s.file] for s in load_sources(user / "sources.yaml")},
            "earlier": sorted([v.source.doc_id, v.source.version, v.source.file]
                              for v in load_versions(cfg)),
            "files": {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                      for p in user.iterdir()},
            "dots": sorted(p.name for p in parent.iterdir()
                           if p.name.startswith(".") and not p.name.endswith(".lock")),
            "answers": answers}

bot = Assistant(cfg)
out = {"after": state(bot)}
try:
    if op == "remove":
        bot.remove_document("orchard")
    else:
        bot.replace_document("tea", new_file)
    out["again"] = state(bot)
except DocumentError as exc:
    out["refused"] = str(exc)
print(json.dumps(out, ensure_ascii=False))
"""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """Its own index over the seeds with two user documents: orchard (replaced once: version
    2 current, version 1 kept) and tea (version 1); and the files of the next versions."""
    from index import collection
    from index.build import build_index, extend_index

    root = tmp_path_factory.mktemp("collection-kill-seed")
    (root / "user").mkdir()
    cfg = app_config().replace(index_dir=str(root / "index"), user_dir=str(root / "user"))
    encoder = shared_bot().index.encoder
    build_index(cfg, progress=False, encoder=encoder)
    files = {}
    for name, text in (("orchard.txt", ORCHARD), ("tea.txt", TEA),
                       ("orchard-v2.txt", VERSION["orchard"]), ("tea-v2.txt", VERSION["tea"])):
        (root / name).write_text(text, encoding="utf-8")
        files[name] = root / name
    extend_index(cfg, [files["orchard.txt"], files["tea.txt"]], encoder=encoder)
    collection.replace_document(cfg, "orchard", files["orchard-v2.txt"], encoder=encoder)
    return cfg, files


def _case(seed, dest: Path, stale: bool = False):
    return copy_case(seed[0], dest, stale)


def _command(op: str, new_file: Path) -> list[str]:
    args = ["remove", "orchard"] if op == "remove" else ["replace", "tea", str(new_file)]
    return [sys.executable, "-m", "index", args[0], "--quiet", *args[1:]]


def _killed(cfg, op: str, new_file: Path, point: str | float) -> bool:
    """Run the change in a subprocess killed at ``point`` (see kill_harness.run_killed)."""
    return run_killed(_command(op, new_file), cfg, point)


def _check(cfg, op: str, new_file: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHECK, op, str(new_file),
                           json.dumps(QUESTIONS, ensure_ascii=False)],
                          cwd=ROOT, env=cli_env(cfg), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _clean(state: dict) -> None:
    assert state["dots"] == [], state  # no journal, build folder or previous index left
    assert not [f for f in state["files"] if f.startswith(".") or f.endswith(".tmp")], state


def _orchard_in(state: dict, files_before: dict) -> None:
    """Before the removal: version 2 answers, version 1 kept, both files as they were."""
    assert state["listed"]["orchard"] == [2, "orchard-v2.txt"]
    assert ["orchard", 1, "orchard.txt"] in state["earlier"]
    assert state["versions_in_index"]["orchard"] == 2
    mine = ("orchard.txt", "orchard-v2.txt")
    assert [state["files"].get(f) for f in mine] == [files_before[f] for f in mine]
    answer = state["answers"]["orchard"]
    assert answer["found"] and "8个" in answer["answer"] and "6个" not in answer["answer"]
    assert answer["cited"] == ["orchard"]


def _orchard_out(state: dict, files_before: dict) -> None:
    """After the removal: no file, record, earlier version, index entry or answer."""
    assert "orchard" not in state["index"] and "orchard" not in state["listed"]
    assert not [e for e in state["earlier"] if e[0] == "orchard"]
    assert set(state["files"]) == set(files_before) - {"orchard.txt", "orchard-v2.txt"}
    answer = state["answers"]["orchard"]
    assert not answer["found"] and answer["cited"] == [], answer
    assert "8个" not in answer["answer"] and "6个" not in answer["answer"]


def _tea(state: dict, version: int) -> None:
    """Exactly one version of tea answers, listed and indexed as that version."""
    file = "tea.txt" if version == 1 else "tea-v2.txt"
    assert state["listed"]["tea"] == [version, file] and state["versions_in_index"]["tea"] == version
    answer = state["answers"]["tea"]
    new, old = ("12个", "9个") if version == 2 else ("9个", "12个")
    assert answer["found"] and new in answer["answer"] and old not in answer["answer"], answer
    assert answer["cited"] == ["tea"]
    earlier = [e for e in state["earlier"] if e[0] == "tea"]
    assert earlier == ([["tea", 1, "tea.txt"]] if version == 2 else [])


@pytest.mark.slow
@pytest.mark.parametrize(("op", "path", "point"), CASES,
                         ids=[f"{o}-{p}-{s}" for o, p, s in CASES])
def test_a_killed_change_leaves_the_old_collection_or_the_new(seed, tmp_path, op, path, point):
    _, files = seed
    cfg = _case(seed, tmp_path, stale=path == "full")
    user = cfg.path("user_dir")
    files_before = {p.name: _sha(p.read_bytes()) for p in user.iterdir()}
    killed = _killed(cfg, op, files["tea-v2.txt"], point)

    r = _check(cfg, op, files["tea-v2.txt"])
    after = r["after"]
    _clean(after)
    if op == "remove":
        done = "orchard" not in after["index"]
        _tea(after, 1)
    else:
        done = after["versions_in_index"]["tea"] == 2
        _orchard_in(after, files_before)
    print(f"{op} {path} {point}: {'new' if done else 'old'} (killed: {killed})")
    if done:
        assert isinstance(point, float) or point in COMMITTED, (point, after)
        if op == "remove":
            _orchard_out(after, files_before)
            assert "没有这个文档" in r["refused"]
        else:
            _tea(after, 2)
            assert after["files"]["tea-v2.txt"] == _sha(files["tea-v2.txt"].read_bytes())
            assert after["files"]["tea.txt"] == files_before["tea.txt"]  # kept as version 1
            assert "当前版本" in r["refused"]
    else:  # the previous collection, byte for byte; the same change then goes through
        assert killed, "the change finished before the kill: nothing was tested"
        assert isinstance(point, float) or point not in COMMITTED, (point, after)
        assert after["files"] == files_before
        if op == "remove":
            _orchard_in(after, files_before)
            _orchard_out(r["again"], files_before)
        else:
            _tea(after, 1)
            _tea(r["again"], 2)
        _clean(r["again"])


# --------------------------------------------------------------------------- REST


@pytest.fixture
def client_for(seed, tmp_path):
    """A TestClient of the API over a copy of the seed index with only the seeds (the user
    documents removed), with the settings given."""
    from fastapi.testclient import TestClient

    from assistant.core import Assistant

    made = []

    def make(**settings):
        cfg = _case(seed, tmp_path)
        (cfg.path("user_dir") / "sources.yaml").write_text("documents: []\n", encoding="utf-8")
        (cfg.path("user_dir") / "versions.yaml").unlink()
        for name in ("orchard.txt", "orchard-v2.txt", "tea.txt"):
            (cfg.path("user_dir") / name).unlink()
        cfg = cfg.replace(**settings)
        web = app.WebApp(cfg, bot=Assistant(cfg))
        client = TestClient(app.build_api(web))
        made.append(client)
        return client, web

    yield make
    for c in made:
        c.close()


def _upload(name: str, text: str | bytes) -> dict:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return {"file": (name, data, "text/plain")}


def _ask(client, doc: str, **kw) -> dict:
    return client.post("/api/ask", json={"question": QUESTIONS[doc]}, **kw).json()


def test_rest_add_replace_restore_delete_and_the_answers(client_for):
    client, web = client_for()
    listed = client.get("/api/documents").json()
    assert listed["count"] == 2
    assert {(d["status"], d["version"], d["added"]) for d in listed["documents"]} == {
        ("seed", 1, None)}

    r = client.post("/api/documents", files=_upload("orchard.txt", ORCHARD))
    assert r.status_code == 201, r.text
    (added,) = r.json()["added"]
    assert added["doc_id"] == "orchard" and added["status"] == "active" and added["version"] == 1
    assert added["clauses"] > 0 and added["figures"] > 0 and added["added"]
    assert "6个" in _ask(client, "orchard")["answer"]
    r = client.post("/api/documents", files=_upload("copy.txt", ORCHARD))
    assert r.status_code == 409 and "重复" in r.json()["error"]
    r = client.post("/api/documents", files=_upload("orchard-v2.txt", VERSION["orchard"]))
    assert r.status_code == 409 and "可能是它的新版本" in r.json()["error"], r.text
    assert "PUT /api/documents/orchard" in r.json()["error"]

    r = client.put("/api/documents/orchard", files=_upload("orchard-v2.txt", VERSION["orchard"]))
    assert r.status_code == 200, r.text
    doc = r.json()["document"]
    assert doc["version"] == 2 and [v["version"] for v in doc["earlier_versions"]] == [1]
    answer = _ask(client, "orchard")
    assert "8个" in answer["answer"] and "6个" not in answer["answer"]
    assert len(answer["citations"]) == 1
    assert client.get("/api/documents/orchard").json()["version"] == 2

    r = client.post("/api/documents/orchard/versions/1/restore")
    assert r.status_code == 200 and r.json()["document"]["version"] == 1, r.text
    answer = _ask(client, "orchard")
    assert "6个" in answer["answer"] and "8个" not in answer["answer"]

    r = client.delete("/api/documents/orchard")
    assert r.status_code == 200 and r.json()["removed"] == "orchard", r.text
    assert not _ask(client, "orchard")["found"]
    assert client.get("/api/documents/orchard").status_code == 404
    assert "没有这个文档" in client.delete("/api/documents/orchard").json()["error"]
    assert sorted(p.name for p in web.config.path("user_dir").iterdir()) == [
        "sources.yaml", "versions.yaml"]
    assert client.get("/api/documents").json()["count"] == 2


def test_rest_refuses_seeds_bad_files_and_oversized_uploads(client_for):
    client, web = client_for(max_upload_mb=0.01)
    before = client.get("/api/documents").json()
    for r in (client.delete("/api/documents/dongying-2021"),
              client.put("/api/documents/tengzhou-2024", files=_upload("t.txt", TEA))):
        assert r.status_code == 403 and "内置文档" in r.json()["error"], r.text
    cases = [
        (client.post("/api/documents", files=_upload("big.txt", "一" * 20_000)), 413, "文件太大"),
        (client.post("/api/documents", files=_upload("run.exe", TEA)), 400, "不支持的文件类型"),
        (client.post("/api/documents", files=_upload("empty.txt", "  \n")), 400, "空"),
        (client.post("/api/documents", data={"x": "1"},
                     files={"other": ("a.txt", b"x", "text/plain")}), 400, "缺少文件"),
        (client.post("/api/documents", json={"file": "x"}), 400, "multipart"),
        (client.put("/api/documents/no-such", files=_upload("t.txt", TEA)), 404, "没有这个文档"),
        (client.post("/api/documents/no-such/versions/1/restore"), 404, "没有这个文档"),
    ]
    for r, status, words in cases:
        assert r.status_code == status and words in r.json()["error"], (status, r.text)
        assert "Traceback" not in r.text
    # A body without a declared length is counted as it arrives.
    big = b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n" \
        + "一".encode() * 40_000 + b"\r\n--b--\r\n"
    r = client.post("/api/documents", content=iter([big]),
                    headers={"content-type": "multipart/form-data; boundary=b"})
    assert r.status_code == 413 and "文件太大" in r.json()["error"]
    assert client.get("/api/documents").json() == before
    assert sorted(p.name for p in web.config.path("user_dir").iterdir()) == ["sources.yaml"]


def test_rest_changes_need_a_login(client_for):
    client, web = client_for(auth="admin:s3cret", login_max_failures=100)
    good = ("admin", "s3cret")
    requests = [("get", "/api/documents", {}), ("get", "/api/documents/dongying-2021", {}),
                ("post", "/api/documents", {"files": _upload("orchard.txt", ORCHARD)}),
                ("put", "/api/documents/dongying-2021", {"files": _upload("o.txt", ORCHARD)}),
                ("delete", "/api/documents/dongying-2021", {}),
                ("post", "/api/documents/x/versions/1/restore", {})]
    for method, url, kw in requests:
        for auth in (None, ("admin", "wrong")):
            r = getattr(client, method)(url, auth=auth, **kw)
            assert r.status_code == 401 and "登录" in r.json()["error"], (method, url, r.text)
    assert sorted(p.name for p in web.config.path("user_dir").iterdir()) == ["sources.yaml"]
    assert client.get("/api/documents/dongying-2021", auth=good).json()["status"] == "seed"
    r = client.post("/api/documents", files=_upload("orchard.txt", ORCHARD), auth=good)
    assert r.status_code == 201, r.text
    r = client.delete("/api/documents/orchard", auth=good)
    assert r.status_code == 200, r.text
    assert not _ask(client, "orchard", auth=good)["found"]
