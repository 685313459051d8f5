"""Conversations as staff keep them: exported as Markdown, listed under the names they give."""

from __future__ import annotations

from webapp.transcript import conversation_key, conversation_titles, to_markdown


def test_markdown_has_each_question_its_answer_and_sources():
    rows = [("user", "甲的目标是多少？", False), ("assistant", "甲：10亿元。", False),
            ("assistant", "[1] 甲方案\n条款：一、目标", True), ("user", "那乙呢？", False),
            ("assistant", "乙：5亿元。", False)]
    text = to_markdown(rows)
    assert text.startswith("# 政策文件问答 对话记录")
    assert "## 问 1：甲的目标是多少？" in text and "**答：**甲：10亿元。" in text
    assert "> **来源**\n>\n> [1] 甲方案\n> 条款：一、目标" in text
    assert "## 问 2：那乙呢？" in text and text.endswith("\n")
    assert "还没有问题" in to_markdown([])


def test_titles_use_the_given_name_else_the_first_question():
    a = [{"role": "user", "content": [{"type": "text", "text": "东营的目标？"}]},
         {"role": "assistant", "content": "27.05亿元"}]
    b = [{"role": "user", "content": "一个非常长的问题" * 10}]
    assert conversation_key(a) == "东营的目标？" and conversation_key([]) == ""
    rows = conversation_titles([a, [], b], {"东营的目标？": "东营核对"})
    assert rows[0] == ["东营核对"]
    assert len(rows) == 2 and rows[1][0].endswith("…") and len(rows[1][0]) == 41
