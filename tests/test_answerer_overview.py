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


def test_a_part_named_with_the_words_that_ask_for_its_parts(tmp_path_factory, request):
    # 分成 and 方面 ask how the part is divided; the part is 重点工作 (its two sub-headings)
    from answerer_corpus import assistant_on, context
    from test_answerer_list_runin import LINHE

    from assistant.answerers.overview import OverviewAnswerer

    bot = assistant_on(tmp_path_factory.mktemp("overview-kind"), [LINHE], request, "overview_kind")
    ans = OverviewAnswerer().answer(context(bot, "林河县的重点工作分成哪两个方面？"))
    assert ans is not None and "扩大有效需求，稳住经济增长；优化营商环境，激发市场活力" in ans.answer


def test_the_parts_are_counted_in_the_unit_asked(tmp_path_factory, request):
    from answerer_corpus import assistant_on, context
    from test_answerer_list_runin import LINHE

    from assistant.answerers.overview import OverviewAnswerer

    bot = assistant_on(tmp_path_factory.mktemp("overview-unit"), [LINHE], request, "overview_unit")
    ans = OverviewAnswerer().answer(context(bot, "林河县的重点工作一共几条？"))
    assert ans is not None and "“重点工作”分两条：" in ans.answer
