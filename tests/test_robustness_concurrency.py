"""Robustness: 16 concurrent REST clients × 50 questions on the live server, and an upload
while others chat. Zero errors; every answer identical to the same question asked alone."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from app_fixtures import live_url
from test_robustness_questions import private_bot

import app

QUESTIONS = [
    "东营2021年高端装备产业增加值目标是多少？",
    "東營2021年新一代信息技術產業增加值目標是多少？",
    "規範企業納統由哪些單位負責？",
    "滕州到2026年新增省级以上创新平台多少家？",
    "东营2021年高端装备产业的优选项目计划总投资是多少？",
    "What is the 2021 target for high-end equipment in Dongying?",
    "<script>alert(1)</script>",
    "",
    "问" * 3000,
    "市发展改革委负责哪些任务？",
]
CLIENTS, PER_CLIENT = 16, 50


def _key(resp: httpx.Response) -> tuple:
    data = resp.json()
    if resp.status_code != 200:
        return (resp.status_code, data.get("error"))
    return (200, data["answer"], tuple(c["clause"] for c in data["citations"]), data["found"])


@pytest.mark.slow
def test_16_clients_x_50_questions_match_the_answers_asked_alone():
    url = live_url() + "api/ask"
    with httpx.Client() as s:
        alone = {q: _key(s.post(url, json={"question": q}, timeout=60)) for q in QUESTIONS}
    assert all(k[0] in (200, 400) for k in alone.values())

    def client(n: int) -> list[str]:
        problems = []
        with httpx.Client() as s:
            for i in range(PER_CLIENT):
                q = QUESTIONS[(n + i) % len(QUESTIONS)]
                try:
                    r = s.post(url, json={"question": q}, timeout=60)
                    if r.status_code >= 500 or _key(r) != alone[q]:
                        problems.append(f"{q[:20]}: {r.status_code} {r.text[:200]}")
                except Exception as exc:  # a dropped connection is an error too
                    problems.append(f"{q[:20]}: {type(exc).__name__}: {exc}")
        return problems

    t0 = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        problems = [p for ps in pool.map(client, range(CLIENTS)) for p in ps]
    elapsed = time.perf_counter() - t0
    assert problems == []
    assert elapsed < 120, f"{CLIENTS * PER_CLIENT} requests took {elapsed:.0f} s"


@pytest.mark.slow
def test_upload_while_others_chat(tmp_path):
    cfg, bot = private_bot(tmp_path)
    web = app.WebApp(cfg, bot=bot)
    questions = QUESTIONS[:5]
    alone = {q: (web.ask(q).answer, web.ask(q).found) for q in questions}
    doc = tmp_path / "orchard.txt"
    doc.write_text("关于印发青山县2025年果园提升方案的通知\n一、总体目标\n"
                   "到2025年，新建果园示范基地6个。\n二、重点任务\n（一）推进果园建设。"
                   "（责任单位：县农业局）\n", encoding="utf-8")
    stop = threading.Event()
    problems: list[str] = []
    asked = [0]

    def chatter(n: int) -> None:
        i = n
        while not stop.is_set():
            q = questions[i % len(questions)]
            i += 1
            try:
                texts = [m if isinstance(m, str) else m.content
                         for out in app.chat_fn(web)(q, [], None)
                         for m in ([out] if isinstance(out, str) else out)]
                ans = web.ask(q)
                asked[0] += 1
                if (ans.answer, ans.found) != alone[q] or not texts or "出错了" in texts[-1]:
                    problems.append(f"{q}: {ans.answer[:80]}")
            except Exception as exc:
                problems.append(f"{q}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=chatter, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    try:
        time.sleep(0.5)
        message, changed = web.add_files([str(doc)])
        time.sleep(0.5)
    finally:
        stop.set()
        for t in threads:
            t.join(60)
    assert changed, message
    assert problems == []
    assert asked[0] >= 8
    assert any("青山县" in s.label for s in web.sources())
