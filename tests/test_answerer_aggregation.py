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
    assert [c.clause for c in ans.citations] == [f"{YUNXI}/二/（一）/3", f"{YUNXI}/二/（二）/3"]


def test_gives_way_without_two_figures_to_add(answering):
    assert AGGREGATION.answer(context(answering, "云溪县茶叶出口额一共多少？")) is None
