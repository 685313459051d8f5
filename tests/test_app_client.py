"""The running app through gradio_client: a two-turn chat, an upload, the unit lookup."""

from __future__ import annotations

import re

import pytest
from app_fixtures import live_url

import app


@pytest.fixture(scope="module")
def client():
    from gradio_client import Client

    return Client(live_url(), analytics_enabled=False, verbose=False)


def _text(result) -> str:
    """All message contents of a /chat result, markdown emphasis removed."""
    messages = result if isinstance(result, list) else [result]
    parts = [m if isinstance(m, str) else str(m.get("content", "")) for m in messages]
    return re.sub(r"\*\*|</?strong>", "", "\n".join(parts))


def test_chat_two_turns(client):
    client.reset_session()
    first = client.predict("东营2021年高端装备产业增加值目标是多少？", app.ALL_DOCS, api_name="/chat")
    assert "27.05亿元" in _text(first)
    assert any(m.get("metadata", {}).get("title") == "来源" for m in first)
    second = client.predict("那它的优选项目计划总投资呢？", app.ALL_DOCS, api_name="/chat")
    assert "55.54亿元" in _text(second)


def test_chat_empty_question(client):
    client.reset_session()
    assert client.predict("   ", app.ALL_DOCS, api_name="/chat") == app.EMPTY_QUESTION


def test_chat_traditional_question(client):
    client.reset_session()
    answer = _text(client.predict("規範企業納統由哪些單位負責？", app.ALL_DOCS, api_name="/chat"))
    assert "統計局" in answer or "统计局" in answer


def test_tasks_for_unit(client):
    table = client.predict("市统计局", api_name="/tasks_for_unit")
    rows = table["data"] if isinstance(table, dict) else table
    assert any("納統" in str(r) for r in rows)


def test_upload_then_ask(client, tmp_path):
    from gradio_client import handle_file

    doc = tmp_path / "白沙县2025年冷链物流工作方案.txt"
    doc.write_text(
        "白沙县2025年冷链物流工作方案\n一、重点任务\n"
        "1.建设冷链集配中心。2025年新建县级冷链集配中心7处，新增冷库库容4.6万吨。"
        "（责任单位：县商务局、县交通运输局）\n",
        encoding="utf-8",
    )
    status, *_ = client.predict([handle_file(str(doc))], api_name="/upload")
    assert "已添加 1 份文档" in status
    client.reset_session()
    answer = _text(client.predict("白沙县2025年新增冷库库容多少？", app.ALL_DOCS, api_name="/chat"))
    assert "4.6万吨" in answer
    table = client.predict("县交通运输局", api_name="/tasks_for_unit")
    assert "冷链集配中心" in str(table)


def test_concurrent_api_requests():
    import concurrent.futures

    import httpx

    url = live_url() + "api/ask"
    questions = ["东营2021年高端装备产业增加值目标是多少？", "滕州到2026年新增省级以上创新平台多少家？"] * 4
    with httpx.Client(timeout=60) as http, concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda q: http.post(url, json={"question": q}).json(), questions))
    assert all("27.05亿元" in a["answer"] for a in answers[0::2])
    assert all("20家" in a["answer"] for a in answers[1::2])


def test_benchmark_tab(client):
    status, metrics, chart, failures, result_file = client.predict(3, api_name="/evaluate")
    assert status.startswith("完成")
    assert any(row[0] == "题数" and row[1] == "3" for row in metrics["data"])
    assert chart is not None and result_file
    with open(result_file, encoding="utf-8") as f:
        assert '"metrics"' in f.read()
