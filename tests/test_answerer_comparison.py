"""ComparisonAnswerer (哪个更高 / 最高 / 第二高 / 高多少 / 最高和最低的差) on the documents
written for these tests: every value compared is stated and cited, the winner named."""

from __future__ import annotations

import pytest
from answerer_corpus import SONGLING, YUNXI, assistant_on, context

from assistant.answerers.comparison import ComparisonAnswerer

COMPARISON = ComparisonAnswerer()
TEA, BAMBOO, HERBS = (f"{YUNXI}/二/（{n}）/1" for n in "一二三")


def test_the_highest_of_the_subjects_measured_alike(answering):
    ans = COMPARISON.answer(context(answering, "云溪县哪个重点产业2026年产值目标最高？"))
    assert ans is not None and ans.found and ans.type == "comparison"
    assert ans.figures[0] == "36.5亿元" and "茶叶产业最高" in ans.answer
    assert all(f in ans.answer for f in ("36.5亿元", "28.2亿元", "15.4亿元"))  # every value compared
    assert {c.clause for c in ans.citations} == {TEA, BAMBOO, HERBS}
    assert set(ans.extra["compared"]) == {TEA, BAMBOO, HERBS}


def test_the_lowest(answering):
    ans = COMPARISON.answer(context(answering, "云溪县哪个重点产业2026年产值目标最低？"))
    assert ans is not None and ans.figures[0] == "15.4亿元" and "中药材产业最低" in ans.answer


def test_two_named_subjects_both_stated_and_the_winner_in_the_question_s_word(answering):
    ans = COMPARISON.answer(context(answering, "云溪县竹木和茶叶哪个产值目标大？"))
    assert ans is not None and ans.type == "comparison"
    assert "28.2亿元" in ans.answer and "36.5亿元" in ans.answer and "茶叶更大" in ans.answer
    assert {c.clause for c in ans.citations} == {TEA, BAMBOO}
    assert ans.computation is None  # no difference asked


def test_the_difference_when_asked_with_its_computation(answering):
    ans = COMPARISON.answer(context(answering, "云溪县茶叶和竹木哪个产值目标高？高多少？"))
    assert ans is not None and ans.computation == "36.5−28.2=8.3"
    assert "8.3亿元" in ans.answer and "8.3亿元" in ans.figures


def test_one_figure_from_each_document_named(answering):
    ans = COMPARISON.answer(context(answering, "云溪县和松岭县2026年茶叶产业产值目标哪个高？"))
    assert ans is not None and "云溪县为36.5亿元" in ans.answer and "松岭县为22.8亿元" in ans.answer
    assert "云溪县更高" in ans.answer
    assert {c.doc_id for c in ans.citations} == {YUNXI, SONGLING}


def test_second_highest(answering):
    ans = COMPARISON.answer(context(answering, "云溪县重点产业里2026年产值目标第二高的是哪个？"))
    assert ans is not None and ans.figures[0] == "28.2亿元" and "竹木产业第二高" in ans.answer


def test_highest_minus_lowest(answering):
    ans = COMPARISON.answer(context(answering, "云溪县重点产业产值目标最高和最低的差是多少？"))
    assert ans is not None and ans.type == "derived" and ans.computation == "36.5−15.4=21.1"
    assert "21.1亿元" in ans.answer and {c.clause for c in ans.citations} == {TEA, HERBS}


def test_gives_way_without_two_figures_to_compare(answering):
    assert COMPARISON.answer(context(answering, "云溪县茶叶出口额最高是多少？")) is None


def test_a_respective_list_s_values_end_with_its_phrase():
    from assistant.figures import respective_of
    from index.records import Figure

    sent = "六大优势产业、高技术制造业、绿色低碳优势产业增加值分别增长6.8%、12.3%、7.8%，工业投资增长7.3%。"

    def fig(text: str) -> Figure:
        start = sent.index(text)
        return Figure(doc_id="d", clause_id="d/一", text=text, value=float(text.rstrip("%")), unit="%",
                      qualifier=None, time=None, measure="增加值", sentence=sent, span=(start, start + len(text)),
                      clean_span=(start, start + len(text)))

    assert respective_of(fig("12.3%")) == "高技术制造业"
    assert respective_of(fig("7.8%")).startswith("绿色低碳")


@pytest.fixture(scope="module")
def hexi(tmp_path_factory, request):  # noqa: ANN201 - an Assistant
    from test_answerer_list import HEXI

    return assistant_on(tmp_path_factory.mktemp("hexi"), [HEXI], request, "hexi_comparison")


def test_the_members_of_a_group_named_by_its_count_not_the_group_s_own_figure(hexi):
    # 三大产业产值增长8%以上 is the group's; its members do not repeat 三大
    ans = COMPARISON.answer(context(hexi, "河西市三大产业里产值增长最低的是哪个？"))
    assert ans is not None and ans.figures[0] == "6%" and "新材料产业最低" in ans.answer
    assert "8%以上" not in ans.answer
