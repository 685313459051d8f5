"""DifferenceAnswerer (A比B高出多少) on the documents written for these tests."""

from __future__ import annotations

from answerer_corpus import YUNXI, context

from assistant.answerers.difference import DifferenceAnswerer

DIFFERENCE = DifferenceAnswerer()


def test_two_subjects_measured_alike_are_subtracted_and_both_cited(answering):
    ans = DIFFERENCE.answer(context(answering, "云溪县茶叶产业产值比竹木产业产值高出多少？"))
    assert ans is not None and ans.found and ans.type == "derived"
    assert ans.computation == "36.5−28.2=8.3" and ans.figures == ("8.3亿元",)
    assert [c.clause for c in ans.citations] == [f"{YUNXI}/二/（一）/1", f"{YUNXI}/二/（二）/1"]


def test_coordinated_items_the_first_named_is_the_minuend(answering):
    ans = DIFFERENCE.answer(context(answering, "云溪县茶叶产业和竹木产业的产值目标相差多少？"))
    assert ans is not None and ans.computation == "36.5−28.2=8.3"


def test_gives_way_when_no_difference_is_asked(answering):
    assert DIFFERENCE.answer(context(answering, "云溪县2026年茶叶产业产值目标是多少？")) is None
    # 比上年多多少 is a change the text states, not a difference of two items
    assert DIFFERENCE.answer(context(answering, "云溪县茶叶产业产值要比上年多多少？")) is None


def test_both_inputs_are_stated_beside_the_difference(answering):
    ans = DIFFERENCE.answer(context(answering, "云溪县茶叶产业产值比竹木产业产值高出多少？"))
    assert "36.5亿元" in ans.answer and "28.2亿元" in ans.answer and "8.3亿元" in ans.answer


def test_items_set_against_each_other_in_one_phrase_differ_by_points(shaping):
    # two percentages of the 总体目标 paragraph, each named by the words before it (年均增长
    # 12%以上, 占GDP比重8%左右): their difference is in 个百分点
    ans = DIFFERENCE.answer(context(shaping, "青岚县数字经济核心产业营业收入年均增长比增加值占GDP比重高几个百分点？"))
    assert ans is not None and ans.computation == "12−8=4" and "4个百分点" in ans.answer


def test_a_gap_asked_without_bi(answering):
    # 差几个点 / 相差几 with no 比: the gap between the two items the question joins
    ans = DIFFERENCE.answer(context(answering, "云溪县茶叶产业和竹木产业的产值目标相差几亿元？"))
    assert ans is not None and ans.computation == "36.5−28.2=8.3"
