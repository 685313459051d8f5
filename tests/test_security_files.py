"""Security: no file the server can read leaves it through Gradio; uploads stay in one folder.

Reproduces the red team's case: a request passing ``{"path": <server file>, "meta":
{"_type": "gradio.FileData"}}`` as an input to an event got the file copied into Gradio's
cache and served back. Every event of the live app is sent such a payload.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import httpx
import pytest
from app_fixtures import serve_app
from test_robustness_questions import private_bot

import app
from index.config import ROOT

SECRET = "TOPSECRET-机密-不得外传"
DOC = ("关于印发白沙县2026年茶园提升方案的通知\n一、总体目标\n"
       "到2026年，新建茶园示范基地7个，完成投资4.6亿元。\n")


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    root = Path(tempfile.mkdtemp(prefix="policyqa-files-"))
    cfg, bot = private_bot(root, max_upload_mb=0.05, max_staged_mb=0.2)
    outside = tmp_path_factory.mktemp("outside")
    secret = outside / "secret.txt"
    secret.write_text(DOC + SECRET, encoding="utf-8")
    with serve_app(cfg, bot) as url:
        # Gradio's upload folder is one per process (GRADIO_TEMP_DIR): the first app's.
        staging = Path(os.environ["GRADIO_TEMP_DIR"])
        yield url, cfg.replace(upload_dir=str(staging)), bot, secret
    shutil.rmtree(root, ignore_errors=True)


def _run_event(url: str, fn_index: int, data: list) -> dict:
    """Call one event through Gradio's queue, as any HTTP client can; its final message."""
    session = uuid.uuid4().hex[:12]
    r = httpx.post(url + "gradio_api/queue/join", json={
        "data": data, "fn_index": fn_index, "session_hash": session,
        "event_data": None, "trigger_id": None}, timeout=30)
    assert r.status_code == 200, r.text
    with httpx.stream("GET", url + f"gradio_api/queue/data?session_hash={session}",
                      timeout=60) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:"):
                msg = json.loads(line[5:])
                if msg.get("msg") == "process_completed":
                    return msg
    return {}


def _holding_secret(*folders: Path) -> list[Path]:
    found = []
    for folder in folders:
        for p in folder.rglob("*") if folder.exists() else []:
            if p.is_file() and SECRET.encode() in p.read_bytes():
                found.append(p)
    return found


def test_no_event_reads_a_server_file(live):
    url, cfg, bot, secret = live
    before = len(bot.documents())
    config = httpx.get(url + "config").json()
    events = [d for d in config["dependencies"] if d["inputs"]]
    assert len(events) >= 10  # chat, upload, outline, evaluate, unit look-up, ...
    payload = {"path": str(secret), "meta": {"_type": "gradio.FileData"},
               "orig_name": "secret.txt"}
    for dep in events:
        msg = _run_event(url, dep["id"], [payload] * len(dep["inputs"]))
        text = json.dumps(msg, ensure_ascii=False)
        assert SECRET not in text, dep.get("api_name")
        for path in {str(secret), *[m for m in text.split('"') if m.endswith("secret.txt")]}:
            r = httpx.get(url + f"gradio_api/file={path}")
            assert SECRET not in r.text, (dep.get("api_name"), path)
    assert not _holding_secret(Path(tempfile.gettempdir()) / "gradio", cfg.path("upload_dir"),
                               cfg.path("user_dir"))
    assert len(bot.documents()) == before  # the upload event indexed nothing


def test_project_files_and_system_files_are_not_served(live):
    url, cfg, _, secret = live
    manifest = cfg.path("index_dir") / "manifest.json"
    for target in ("/etc/passwd", "/proc/self/environ", str(manifest), str(secret),
                   str(ROOT / "app.py"), str(cfg.path("corpus_dir") / "sources.yaml")):
        r = httpx.get(url + f"gradio_api/file={target}")
        assert r.status_code in (403, 404), target


def test_upload_event_refuses_a_path_it_did_not_stage(live):
    url, cfg, bot, secret = live
    config = httpx.get(url + "config").json()
    upload = next(d for d in config["dependencies"] if d.get("api_name") == "upload")
    # Even a path under the upload folder's parent, or a symlink into it, is refused.
    link = cfg.path("upload_dir") / "link.txt"
    link.symlink_to(secret)
    try:
        for path in (str(secret), str(link)):
            msg = _run_event(url, upload["id"], [[{"path": path,
                                                   "meta": {"_type": "gradio.FileData"}}]])
            assert "已添加" not in json.dumps(msg, ensure_ascii=False)
    finally:
        link.unlink()
    assert "白沙县" not in " ".join(s.label for s in bot.documents())


def test_a_real_upload_is_added_and_not_kept_in_the_staging_folder(live):
    url, cfg, bot, _ = live
    r = httpx.post(url + "gradio_api/upload",
                   files={"files": ("茶园.txt", DOC.encode("utf-8"), "text/plain")})
    assert r.status_code == 200, r.text
    staged = r.json()[0]
    assert Path(staged).resolve().is_relative_to(cfg.path("upload_dir").resolve())
    config = httpx.get(url + "config").json()
    upload = next(d for d in config["dependencies"] if d.get("api_name") == "upload")
    msg = _run_event(url, upload["id"], [[{"path": staged, "orig_name": "茶园.txt",
                                           "meta": {"_type": "gradio.FileData"}}]])
    assert "已添加 1 份文档" in json.dumps(msg, ensure_ascii=False)
    assert not Path(staged).exists()
    ans = bot.ask("白沙县新建茶园示范基地多少个？")
    assert "7个" in ans.answer


def test_upload_size_and_staging_quota_refused_in_chinese(live):
    url, cfg, _, _ = live
    big = b"x" * int(0.3 * 1024 * 1024)  # over 4 x max_upload_mb (0.05 MB) and the quota
    r = httpx.post(url + "gradio_api/upload", files={"files": ("big.txt", big, "text/plain")})
    assert r.status_code == 413 and "文件太大" in r.text and "0.05 MB" in r.text
    one = b"y" * int(0.06 * 1024 * 1024)  # one file over the limit: Gradio's check, in Chinese
    r = httpx.post(url + "gradio_api/upload", files={"files": ("one.txt", one, "text/plain")})
    assert r.status_code == 413 and "文件太大" in r.text
    small = b"z" * int(0.045 * 1024 * 1024)
    codes = [httpx.post(url + "gradio_api/upload",
                        files={"files": (f"s{i}.txt", small + bytes([i]), "text/plain")}
                        ).status_code for i in range(8)]
    assert 507 in codes and codes[0] == 200  # the staging folder holds at most 0.2 MB
    full = httpx.post(url + "gradio_api/upload", files={"files": ("s.txt", small, "text/plain")})
    assert "暂存区已满" in full.text
    for p in cfg.path("upload_dir").rglob("s*.txt"):
        p.unlink()


def test_gradio_openapi_and_docs_are_not_served(live):
    url = live[0]
    for route in ("openapi.json", "docs", "redoc"):
        assert httpx.get(url + route).status_code == 404


def test_benchmark_download_stays_in_the_upload_folder(live):
    url, cfg, _, _ = live
    tmp_before = {p.name for p in Path(tempfile.gettempdir()).glob("policyqa-eval-*")}
    config = httpx.get(url + "config").json()
    evaluate = next(d for d in config["dependencies"] if d.get("api_name") == "evaluate")
    for _ in range(app.KEEP_EVAL_RESULTS + 2):
        msg = _run_event(url, evaluate["id"], [next(iter(app.eval_tab.QA_SETS)), 1])
    files = [v for v in msg["output"]["data"] if isinstance(v, dict) and v.get("path")]
    assert files, msg
    path = Path(files[0]["path"]).resolve()
    assert path.is_relative_to(cfg.path("upload_dir").resolve())
    r = httpx.get(url + f"gradio_api/file={files[0]['path']}")
    assert r.status_code == 200 and '"metrics"' in r.text
    for suffix in (".json", ".csv"):
        kept = list((cfg.path("upload_dir") / "eval-results").glob(f"results-*{suffix}"))
        assert 0 < len(kept) <= app.KEEP_EVAL_RESULTS
    assert {p.name for p in Path(tempfile.gettempdir()).glob("policyqa-eval-*")} == tmp_before
