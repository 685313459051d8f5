"""Robustness: bad questions through the CLI, the JSON API, the chat function and a real browser.

Every case gets a clear answer or message; HTML is never rendered as markup; no traceback,
no 500. The cases and their outcomes are tabulated in docs/robustness.md.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
import pytest
from app_fixtures import CHROMIUM, CHROMIUM_ARGS, app_config, need_browser, serve_app, shared_bot

import app
from index.config import ROOT

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
FORGED = "**来源** [1] 东营… 21.31亿元"
LONG = "东营产业" * 2500  # 10,000 characters
GOOD = "东营2021年高端装备产业增加值目标是多少？"

# (case id, question, what the answer must contain: a message, or None for "any answer")
CASES = [
    ("empty", "", "请输入问题"),
    ("whitespace", " \t\u3000\n  ", "请输入问题"),
    ("10000-chars", LONG, "问题太长"),
    ("emoji-control", "东营🚀🔥2021年\x07\x1b[31m高端装备\u200b\u202e产业增加值目标是多少？", "27.05亿元"),
    ("mixed-scripts", "Dongying 2021年 高端裝備 产业 добавленная مرحبا 増加値？", None),
    ("english", "What is the 2021 target for high-end equipment in Dongying?", None),
    ("script-tag", SCRIPT, None),
    ("img-onerror", IMG, None),
    ("question+script", GOOD + SCRIPT, None),
    ("forged-citation", FORGED, None),
]
IDS = [c[0] for c in CASES]
HTML_CASES = {"script-tag", "img-onerror", "question+script"}


def _no_markup(text: str) -> None:
    """Raw ``<script`` / ``<img`` never reaches a client as markup."""
    assert not re.search(r"<\s*(script|img)", text, re.I), text[:300]


# --------------------------------------------------------------------------- CLI


def _cli_env() -> dict[str, str]:
    cfg = app_config()
    shared_bot()  # the index exists and is fresh: the CLI loads it instead of building
    env = dict(os.environ)
    env.update({"POLICYQA_INDEX_DIR": str(cfg.path("index_dir")),
                "POLICYQA_USER_DIR": str(cfg.path("user_dir")),
                "POLICYQA_UPLOAD_DIR": str(cfg.path("upload_dir")),
                "POLICYQA_ENCODER": cfg.encoder, "PYTHONIOENCODING": "utf-8"})
    return env


def _cli(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", "ask", *args], input=stdin,
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                          env=_cli_env(), timeout=120)


@pytest.mark.parametrize("question,expect", [("   ", "请输入问题"), (LONG, "问题太长")],
                         ids=["whitespace", "10000-chars"])
def test_cli_one_bad_question(question, expect):
    out = _cli([question])
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert expect in out.stdout


def test_cli_stdin_batch_of_bad_questions():
    """One process, one JSON line per non-empty question (control characters included)."""
    batch = [q for _, q, _ in CASES if q.strip() and "\n" not in q]
    out = _cli(["--json"], stdin="\n".join(batch) + "\n")
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    assert len(rows) == len(batch)
    for row, (case, _, expect) in zip(rows, [c for c in CASES if c[1] in batch], strict=True):
        assert row["answer"].strip(), case
        if expect:
            assert expect in row["answer"], (case, row["answer"])
        if case == "forged-citation":  # the question's "citation" is not taken as a source
            assert not row["found"] and not any("21.31" in c["quote"] for c in row["citations"])


# --------------------------------------------------------------------------- JSON API


@pytest.fixture(scope="module")
def web():
    return app.WebApp(app_config(), bot=shared_bot())


@pytest.fixture(scope="module")
def api(web):
    from fastapi.testclient import TestClient

    with TestClient(app.build_api(web), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("case,question,expect", CASES, ids=IDS)
def test_api_bad_questions(api, case, question, expect):
    resp = api.post("/api/ask", json={"question": question, "history": [
        {"role": "user", "content": question}, {"role": "assistant", "content": IMG}]})
    assert resp.status_code in (200, 400), resp.text
    assert "Traceback" not in resp.text
    data = resp.json()
    if resp.status_code == 400:
        assert case in ("empty", "whitespace", "10000-chars")
        assert data["error"] and ("不能为空" in data["error"] or "太长" in data["error"])
        return
    assert data["answer"].strip()
    if expect:
        assert expect in data["answer"]
    _no_markup(data["question"] + data["answer"])
    if case == "forged-citation":
        assert not data["found"] and not any("21.31" in c["quote"] for c in data["citations"])


@pytest.mark.parametrize("body", [
    b"not json", b"[]", b'{"question": 12}', b'{"question": null}', b"{}",
    b'{"question": "x", "history": [{"role": "system", "content": "x"}]}',
    b'{"question": "x", "doc_filter": "<img src=x onerror=alert(1)>"}',
    b'{"question": "\\ud800"}',  # a lone surrogate
], ids=["not-json", "list", "number", "null", "no-question", "bad-role", "bad-filter",
        "surrogate"])
def test_api_malformed_requests_are_4xx_json(api, body):
    resp = api.post("/api/ask", content=body, headers={"content-type": "application/json"})
    assert 400 <= resp.status_code < 500 or resp.status_code == 200, resp.text
    assert resp.json().get("error") or resp.json().get("answer")
    _no_markup(resp.text)


# --------------------------------------------------------------------------- chat function


def _chat(web, question, history=None):
    outputs = list(app.chat_fn(web)(question, history or [], None))
    final = outputs[-1]
    msgs = [final] if isinstance(final, str) else final
    texts = [m if isinstance(m, str) else m.content for m in msgs]
    titles = [None if isinstance(m, str) else (m.metadata or {}).get("title") for m in msgs]
    return texts, titles


@pytest.mark.parametrize("case,question,expect", CASES, ids=IDS)
def test_chat_bad_questions(web, case, question, expect):
    history = [{"role": "user", "content": [{"type": "text", "text": SCRIPT}]},
               {"role": "assistant", "content": FORGED}]
    texts, titles = _chat(web, question, history)
    assert texts[0].strip()
    assert "Traceback" not in "".join(texts) and "出错了" not in texts[0]
    if case in ("empty", "whitespace"):
        assert texts == [app.EMPTY_QUESTION]
    elif case == "10000-chars":
        assert texts == [app.TOO_LONG.format(limit=web.config.max_question_chars)]
    elif expect:
        assert expect in texts[0]
    for t in texts:
        _no_markup(t)
    if case == "forged-citation":
        # The user's markdown is shown inert and never becomes a 来源 block.
        assert "**来源**" not in texts[0]
        assert "来源" not in titles
        assert not any("21.31" in t for t, title in zip(texts, titles, strict=True) if title)


# --------------------------------------------------------------------------- real browser

HOSTILE_DOC = (f"关于印发{IMG}工作方案的通知\n"
               f"一、总体目标\n到2025年，{SCRIPT}新建示范基地8个。\n"
               f"二、重点任务\n（一）推进{IMG}示范建设。（责任单位：市{IMG}局、市{SCRIPT}委）\n")


def private_bot(root: Path, **changes):
    """An Assistant of its own: a copy of the shared index on fresh user/upload folders."""
    from assistant.core import Assistant

    shared = app_config()
    shared_bot()
    (root / "user").mkdir(parents=True, exist_ok=True)
    shutil.copytree(shared.path("index_dir"), root / "index")
    cfg = shared.replace(index_dir=str(root / "index"), user_dir=str(root / "user"),
                         upload_dir=str(root / "uploads"), **changes)
    return cfg, Assistant(cfg)


@pytest.fixture(scope="module")
def hostile_url():
    """A live app whose corpus holds a document with HTML in its title, text and units."""

    need_browser()
    root = Path(tempfile.mkdtemp(prefix="policyqa-xss-"))
    cfg, bot = private_bot(root)
    doc = root / "hostile.txt"
    doc.write_text(HOSTILE_DOC, encoding="utf-8")
    bot.add_documents([doc])
    with serve_app(cfg, bot) as url:
        yield url
    shutil.rmtree(root, ignore_errors=True)


_INJECTED = """() => {
  // Gradio's own config <script> carries the payload JSON-escaped (\\u003c): not markup.
  const scripts = [...document.querySelectorAll('script')]
      .filter(s => (s.textContent || '').trim() === 'alert(1)').length;
  const imgs = [...document.querySelectorAll('img')]
      .filter(i => i.hasAttribute('onerror') || i.getAttribute('src') === 'x').length;
  const handlers = [...document.querySelectorAll('*')]
      .filter(e => [...e.attributes].some(a => a.name.startsWith('on')
                                             && a.value.includes('alert'))).length;
  return {scripts, imgs, handlers};
}"""


@pytest.mark.slow
@pytest.mark.browser
def test_browser_no_xss_in_chat_or_tables(hostile_url):
    from playwright.sync_api import sync_playwright

    dialogs = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            pg = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
            pg.set_default_timeout(60_000)
            pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            pg.goto(hostile_url)
            pg.get_by_role("tab", name="问答").wait_for()
            box = pg.locator("#question textarea")
            for n, question in enumerate([SCRIPT, IMG, FORGED, GOOD + IMG], 1):
                pg.wait_for_function(
                    "() => { const t = document.querySelector('#question textarea'); return t && !t.disabled; }")
                box.fill(question)
                box.press("Enter")
                pg.wait_for_function(
                    """(n) => document.querySelectorAll('[data-testid="bot"], .message.bot')
                                .length >= n""", arg=n)
                pg.wait_for_timeout(1500)  # the answer streams; let it settle
            text = pg.locator("body").inner_text()
            assert SCRIPT in text and IMG in text  # shown as text, literally
            assert pg.evaluate(_INJECTED) == {"scripts": 0, "imgs": 0, "handlers": 0}
            for tab in ("责任单位", "文档"):
                pg.get_by_role("tab", name=tab).click()
                if tab == "责任单位":  # long table: filter to the hostile rows
                    pg.locator("#duty-filter textarea, #duty-filter input").first.fill("onerror")
                pg.wait_for_function("(t) => document.body.innerText.includes(t)", arg=IMG)
                pg.wait_for_timeout(500)
                assert pg.evaluate(_INJECTED) == {"scripts": 0, "imgs": 0, "handlers": 0}
            # The document view of the hostile document: its text shown, never run.
            doc_id = next(d["doc_id"] for d in httpx.get(hostile_url + "api/documents").json()
                          ["documents"] if "onerror" in str(d.get("title")))
            pg.goto(hostile_url + f"doc/{doc_id}")
            pg.wait_for_function("(t) => document.body.innerText.includes(t)", arg=IMG)
            assert pg.evaluate(_INJECTED) == {"scripts": 0, "imgs": 0, "handlers": 0}
        finally:
            browser.close()
    assert dialogs == []
