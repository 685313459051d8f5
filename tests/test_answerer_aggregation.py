"""AggregationAnswerer (合计 / 一共) on the documents written for these tests."""

from __future__ import annotations

from answerer_corpus import YUNXI, context

from assistant.answerers.aggregation import AggregationAnswerer

AGGREGATION = AggregationAnswerer()


def test_the_figures_of_each_subject_summed_and_each_cited(answering):
    ans = AGGREGATION.answer(context(answering, "云溪县各重点产业的计划总投资合计是多少？"))
    assert ans is not None and ans.found and ans.type == "aggregation"
    # 中药材 has no 项目安排: it is not in the sum, and nothing is invented for it
    assert ans.computation == "30+18=48" and ans.figures == ("48亿元",)
    assert "30亿元" in ans.answer and "18亿元" in ans.answer and "茶叶" in ans.answer and "竹木" in ans.answer
    assert [c.clause for c in ans.citations] == [f"{YUNXI}/二/（一）/3", f"{YUNXI}/二/（二）/3"]


def test_gives_way_without_two_figures_to_add(answering):
    assert AGGREGATION.answer(context(answering, "云溪县茶叶出口额一共多少？")) is None


def test_one_figure_from_each_document_named(answering):
    ans = AGGREGATION.answer(context(answering, "云溪县和松岭县2026年茶叶产业产值目标加起来多少？"))
    assert ans is not None and ans.computation == "36.5+22.8=59.3"
    assert "云溪县36.5亿元" in ans.answer and "松岭县22.8亿元" in ans.answer and "59.3亿元" in ans.answer
    assert {c.doc_id for c in ans.citations} == {"yunxi-2026", "songling-2026"}


def test_a_change_over_time_summed_over_the_subjects(answering):
    # 比上年多出 asks each subject's change (比2025年增加…), not its level; 加在一起 is a sum
    ans = AGGREGATION.answer(context(answering, "云溪县各重点产业加在一起，产值比上年多出多少？"))
    assert ans is not None and ans.computation == "4.5+3.1+2.2=9.8" and "9.8亿元" in ans.answer
