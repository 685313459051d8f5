"""👍/👎 feedback: kept in a JSONL file from the chat and the REST API, summarised for
evaluators by ``python -m eval feedback``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from eval.feedback import format_summary, summarise
from index.config import ROOT
from webapp.feedback import (
    FULL,
    NO_ANSWER,
    SAVED_DOWN,
    SAVED_UP,
    UNDONE,
    Feedback,
    FeedbackLog,
    answer_at,
    read_feedback,
)


def _log(tmp_path, max_mb=1.0, max_chars=50):
    return FeedbackLog(tmp_path / "fb" / "feedback.jsonl", max_chars=max_chars, max_mb=max_mb)


def test_each_judgement_is_one_line_with_its_context(tmp_path):
    log = _log(tmp_path)
    assert log.add(Feedback(True, "问一", "答一", citations=["[1] 某方案 一、…"])) == SAVED_UP
    assert log.add(Feedback(False, "问二", "答二", comment="数字不对", doc_filter="d1")) == SAVED_DOWN
    assert log.add(Feedback(None, "问一", "答一")) == UNDONE
    rows = read_feedback(log.path)
    assert [r["liked"] for r in rows] == [True, False, None]
    assert rows[1]["comment"] == "数字不对" and rows[1]["doc_filter"] == "d1"
    assert rows[0]["citations"] == ["[1] 某方案 一、…"] and rows[0]["time"]
    assert (log.path.stat().st_mode & 0o777) == 0o600


def test_long_texts_are_cut_and_lone_surrogates_replaced(tmp_path):
    log = _log(tmp_path, max_chars=10)
    log.add(Feedback(False, "问" * 100, "答\ud800" + "x" * 100, comment="评" * 30))
    row = read_feedback(log.path)[0]
    assert row["question"] == "问" * 10 and len(row["comment"]) == 10
    assert row["answer"].startswith("答\ufffd")


def test_a_full_file_takes_nothing_more(tmp_path):
    log = _log(tmp_path, max_mb=0.0005)  # 524 bytes
    messages = [log.add(Feedback(True, f"问题{i}", "回答" * 20)) for i in range(10)]
    assert messages[0] == SAVED_UP and messages[-1] == FULL
    assert log.path.stat().st_size <= 524
    assert all(r["question"].startswith("问题") for r in read_feedback(log.path))


def test_a_damaged_line_is_skipped(tmp_path):
    log = _log(tmp_path)
    log.add(Feedback(True, "问", "答"))
    with log.path.open("a", encoding="utf-8") as f:
        f.write('{"liked": fal\n')
    log.add(Feedback(False, "问2", "答2"))
    assert [r["question"] for r in read_feedback(log.path)] == ["问", "问2"]


def test_answer_at_finds_the_answer_of_a_clicked_panel():
    rows = [("user", "甲的目标是多少？", False), ("assistant", "甲：10亿元。", False),
            ("assistant", "[1] 甲方案 一、", True), ("user", "那乙呢？", False),
            ("assistant", "乙：5亿元。", False), ("assistant", "[1] 甲方案 二、", True)]
    assert answer_at(rows, 1) == ("甲的目标是多少？", "甲：10亿元。", ["[1] 甲方案 一、"])
    assert answer_at(rows, 5) == ("那乙呢？", "乙：5亿元。", ["[1] 甲方案 二、"])
    assert answer_at(rows, 0) is None  # a question is not an answer
    assert answer_at(rows, 9) is None


def test_summary_counts_the_latest_judgement_of_each_answer():
    rows = [{"question": "a", "answer": "x", "liked": True, "time": "1"},
            {"question": "a", "answer": "x", "liked": False, "comment": "错了", "time": "2"},
            {"question": "b", "answer": "y", "liked": True, "time": "3"},
            {"question": "c", "answer": "z", "liked": False, "time": "4"},
            {"question": "c", "answer": "z", "liked": None, "time": "5"}]
    s = summarise(rows)
    assert (s["records"], s["judged"], s["up"], s["down"]) == (5, 2, 1, 1)
    assert s["up_share"] == 0.5 and s["with_comment"] == 1
    assert [d["question"] for d in s["down_items"]] == ["a"]
    text = format_summary(s, ROOT / "x.jsonl")
    assert "👍 1，👎 1" in text and "意见：错了" in text


def test_eval_feedback_command(tmp_path):
    log = _log(tmp_path)
    log.add(Feedback(False, "滕州GDP目标？", "没有找到", comment="文档里有"))
    out = subprocess.run([sys.executable, "-m", "eval", "feedback", "--file", str(log.path)],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "👎 1" in out.stdout and "滕州GDP目标？" in out.stdout and "文档里有" in out.stdout
    as_json = subprocess.run([sys.executable, "-m", "eval", "feedback", "--json", "--file",
                              str(tmp_path / "none.jsonl")], cwd=ROOT, capture_output=True,
                             text=True, timeout=60)
    assert json.loads(as_json.stdout)["records"] == 0


def test_web_app_records_a_chat_judgement(tmp_path):
    from app_fixtures import app_config, shared_bot

    from app import WebApp

    web = WebApp(app_config(feedback_file=str(tmp_path / "chat.jsonl")), bot=shared_bot())
    messages = [{"role": "user", "content": [{"type": "text", "text": "东营的目标？"}]},
                {"role": "assistant", "content": "**27.05亿元**"},
                {"role": "assistant", "content": "[1] 东营…", "metadata": {"title": "来源"}}]
    assert web.record_feedback(messages, 2, False, "  年份不对 ", "全部") == SAVED_DOWN
    assert web.record_feedback(messages, 0, True) == NO_ANSWER
    row = read_feedback(tmp_path / "chat.jsonl")[0]
    assert row == {**row, "question": "东营的目标？", "answer": "27.05亿元", "liked": False,
                   "comment": "年份不对", "doc_filter": None, "citations": ["[1] 东营…"],
                   "source": "chat"}


@pytest.mark.parametrize("body, reason", [
    ({"question": "q", "answer": "a", "liked": "yes"}, "liked 必须是"),
    ({"question": "q", "answer": "a"}, "liked 必须是"),
    ({"question": "", "answer": "a", "liked": True}, "缺少字段 question 或 answer"),
    ({"question": "q", "answer": "a", "liked": True, "citations": [1]}, "字段类型不对"),
    ({"question": "q", "answer": "a", "liked": True, "comment": 5}, "字段类型不对"),
    ([1, 2], "必须是 JSON 对象"),
])
def test_rest_feedback_refuses_bad_bodies_in_chinese(body, reason):
    import httpx
    from app_fixtures import live_url

    r = httpx.post(live_url() + "api/feedback", json=body, timeout=30)
    assert r.status_code == 422 and reason in r.json()["error"], r.text


def test_rest_feedback_is_stored():
    import httpx
    from app_fixtures import app_config, live_url

    r = httpx.post(live_url() + "api/feedback", timeout=30, json={
        "question": "规范企业纳统由哪些单位负责？", "answer": "市统计局", "liked": True,
        "comment": "对"})
    assert r.status_code == 200 and r.json()["status"] == "saved", r.text
    rows = read_feedback(app_config().path("feedback_file"))
    assert rows[-1]["source"] == "api" and rows[-1]["comment"] == "对"
    big = httpx.post(live_url() + "api/feedback", timeout=30,
                     content=b'{"question": "' + b"x" * 300_000 + b'"}')
    assert big.status_code == 413
