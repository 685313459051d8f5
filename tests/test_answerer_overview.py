"""OverviewAnswerer (主要讲什么 / 有哪几部分 / 分哪几块) on the document written for these
tests: title, issuer, 文号, date and the top-level outline; a named part's sub-headings."""

from __future__ import annotations

from answerer_corpus import context
from shapes_corpus import QINGLAN

from assistant.answerers.overview import OverviewAnswerer

OVERVIEW = OverviewAnswerer()


def test_the_documents_title_issuer_date_and_outline(shaping):
    ans = OVERVIEW.answer(context(shaping, "青岚县这个方案主要讲什么？"))
    assert ans is not None and ans.found and ans.type == "overview"
    for part in ("青岚县2026年数字经济发展行动方案", "青岚县人民政府", "青政发〔2026〕5号", "2026年3月2日",
                 "总体目标", "重点任务", "保障措施"):
        assert part in ans.answer
    assert [c.clause for c in ans.citations][-3:] == [f"{QINGLAN}/一", f"{QINGLAN}/二", f"{QINGLAN}/三"]


def test_a_part_the_question_names(shaping):
    ans = OVERVIEW.answer(context(shaping, "青嵐縣重點任務分哪幾塊？"))
    assert ans is not None and "建設數字基礎設施；培育數字產業；推動產業數字化" in ans.answer
    assert [c.clause for c in ans.citations] == [f"{QINGLAN}/二/（一）", f"{QINGLAN}/二/（二）", f"{QINGLAN}/二/（三）"]
