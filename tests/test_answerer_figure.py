"""FigureAnswerer on the documents written for these tests (云溪县, 松岭县)."""

from __future__ import annotations

from answerer_corpus import SONGLING, YUNXI, context

from assistant.answerers.figure import FigureAnswerer
from assistant.grounding import is_grounded

FIGURE = FigureAnswerer()


def grounded(ans) -> bool:  # noqa: ANN001
    quotes = [t for c in ans.citations for t in (c.quote, c.path, c.title)]
    return is_grounded(ans.answer, quotes, ans.computation, tuple(str(y) for y in range(1990, 2100)))


def test_a_figure_with_its_unit_year_and_clause(answering):
    ans = FIGURE.answer(context(answering, "云溪县2026年茶叶产业产值目标是多少？"))
    assert ans is not None and ans.found and ans.type == "figure"
    assert ans.figures == ("36.5亿元",)
    assert "2026年" in ans.answer and "36.5亿元" in ans.answer
    assert [c.clause for c in ans.citations] == [f"{YUNXI}/二/（一）/1"]
    assert grounded(ans)


def test_the_asker_script_and_the_documents_quote(answering):
    ans = FIGURE.answer(context(answering, "雲溪縣2026年茶葉產業產值目標是多少？"))
    assert ans is not None and "36.5億元" in ans.answer
    assert "36.5亿元" in ans.citations[0].quote  # the quote stays in the document's script


def test_a_qualifier_stays_with_the_figure(answering):
    ans = FIGURE.answer(context(answering, "松岭县接待乡村游客要突破多少？"))
    assert ans is not None and "突破300万人次" in ans.answer
    assert ans.citations[0].doc_id == SONGLING


def test_each_document_named_answers_with_its_own_citation(answering):
    ans = FIGURE.answer(context(answering, "云溪和松岭的茶叶产业产值目标各是多少？"))
    assert ans is not None and ans.type == "both"
    assert ans.figures == ("36.5亿元", "22.8亿元")
    assert [c.doc_id for c in ans.citations] == [YUNXI, SONGLING]


def test_a_value_for_an_earlier_year_is_derived_and_shown(answering):
    ans = FIGURE.answer(context(answering, "根据目标推算，云溪县茶叶产业2025年产值是多少？"))
    assert ans is not None and ans.type == "derived"
    assert ans.computation == "36.5−4.5=32.0" and ans.figures == ("32.0亿元",)
    assert "推算" in ans.answer and grounded(ans)


def test_gives_way_when_the_document_does_not_measure_it(answering):
    assert FIGURE.answer(context(answering, "云溪县茶叶出口额是多少？")) is None
    assert FIGURE.answer(context(answering, "云溪县2027年茶叶产业产值目标是多少？")) is None


def test_an_addition_asked_is_not_answered_by_a_level_written(shaping):
    from answerer_corpus import context as ask

    from assistant.respond import respond

    added = respond(ask(shaping, "青岚县要新增多少个5G基站？"))
    assert added.found and "300个" in added.answer  # 新建5G基站300个 is an addition
    level = respond(ask(shaping, "青岚县算力规模要新增多少？"))
    assert not level.found  # 不低于500P is a level, not an addition


def test_a_figure_under_a_heading_naming_a_year_is_of_that_year(shaping):
    from answerer_corpus import context as ask

    from assistant.respond import respond

    ans = respond(ask(shaping, "青岚县2025年数字经济企业有多少家？"))
    assert ans.found and "180家" in ans.answer  # under 5.夯实2025年工作基础, not the plan's 2026


def test_how_many_people_asks_for_people_not_for_the_word_individual(shaping):
    from answerer_corpus import context as ask

    people = ask(shaping, "青岚县领导小组一般不超过几个人？")
    assert people.question.unit_hint == "人" and "个人" not in people.terms
    things = ask(shaping, "青岚县要建几个人工智能社区？")
    assert things.question.unit_hint == "个"


def test_a_count_made_by_a_verb_counts_what_its_sentence_names_after_it(tmp_path_factory, request):
    # 建成15个以上、总面积不低于5万平方米，…的标杆创业社区: the 15 counts the 社区
    from answerer_corpus import assistant_on
    from test_answerer_time_effect import LANXI

    bot = assistant_on(tmp_path_factory.mktemp("count-later"), [LANXI], request, name="count_later")
    ans = FIGURE.answer(context(bot, "岚溪要建多少个标杆创业社区？"))
    assert ans is not None and ans.found and "15个以上" in ans.figures
    assert FIGURE.answer(context(bot, "岚溪要建多少个孵化基地？")) is None  # counted nowhere
