"""The running app through gradio_client: a follow-up with history, a document filter for
a document added after start, the unit lookup, named parameters and outputs."""

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
    """The answer of a /chat result, markdown emphasis removed."""
    assert isinstance(result, dict), result
    return re.sub(r"\*\*|</?strong>", "", str(result.get("answer") or result.get("error")))


def test_endpoints_have_named_parameters_and_outputs(client):
    api = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert [p["parameter_name"] for p in api["/chat"]["parameters"]] == \
        ["message", "history", "doc_filter"]
    assert [p["parameter_name"] for p in api["/tasks_for_unit"]["parameters"]] == ["unit_name"]
    for name, endpoint in api.items():
        for part in endpoint["parameters"] + endpoint["returns"]:
            label = str(part.get("label") or part.get("parameter_name"))
            assert not re.fullmatch(r"value_\d+|parameter_\d+|u", label), (name, part)


def test_chat_follow_up_with_history(client):
    question = "东营2021年高端装备产业增加值目标是多少？"
    first = client.predict(message=question, api_name="/chat")
    assert "27.05亿元" in _text(first)
    assert first["found"] and first["citations"]
    history = [{"role": "user", "content": question},
               {"role": "assistant", "content": first["answer"]}]
    second = client.predict(message="那它的优选项目计划总投资呢？", history=history,
                            api_name="/chat")
    assert "55.54亿元" in _text(second)


def test_chat_empty_question(client):
    assert client.predict(message="   ", api_name="/chat") == {"error": app.EMPTY_QUESTION}


def test_chat_unknown_filter_is_refused_in_chinese(client):
    result = client.predict(message="增加值目标是多少？", doc_filter="没有这份文档",
                            api_name="/chat")
    assert "未知文档" in result["error"]


def test_chat_traditional_question(client):
    answer = _text(client.predict(message="規範企業納統由哪些單位負責？", api_name="/chat"))
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
    answer = _text(client.predict(message="白沙县2025年新增冷库库容多少？", api_name="/chat"))
    assert "4.6万吨" in answer
    table = client.predict("县交通运输局", api_name="/tasks_for_unit")
    assert "冷链集配中心" in str(table)
    # The filter takes a document added after the app started, by id or by name.
    import httpx

    listed = httpx.get(live_url() + "api/documents", timeout=30).json()["documents"]
    doc_id = next(d["doc_id"] for d in listed if "冷链物流" in str(d.get("title")))
    for chosen in (doc_id, "白沙县2025年冷链物流工作方案"):
        result = client.predict(message="新建县级冷链集配中心多少处？", doc_filter=chosen,
                                api_name="/chat")
        assert "7处" in _text(result)
        assert {c["doc_id"] for c in result["citations"]} == {doc_id}
    # A follow-up with that history and that filter: the subject comes from the history.
    history = [{"role": "user", "content": "新建县级冷链集配中心多少处？"},
               {"role": "assistant", "content": result["answer"]}]
    follow = client.predict(message="那新增冷库库容呢？", history=history, doc_filter=doc_id,
                            api_name="/chat")
    assert "4.6万吨" in _text(follow)
    assert {c["doc_id"] for c in follow["citations"]} == {doc_id}


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
    status, metrics, chart, by_type, by_doc, failures, result_file, csv_file = client.predict(
        sample=3, api_name="/evaluate")
    assert status.startswith("完成")
    assert any(row[0] == "题数" and row[1] == "3" for row in metrics["data"])
    assert chart is not None and result_file and csv_file
    assert by_type["headers"] == ["题型", "题数", "准确率"] and by_doc["data"]
    with open(result_file, encoding="utf-8") as f:
        assert '"metrics"' in f.read()
    with open(csv_file, encoding="utf-8-sig") as f:
        assert f.readline().startswith("编号,题型,文档,问题")
    assert client.predict(api_name="/cancel_evaluation") == "现在没有进行中的评测。"
