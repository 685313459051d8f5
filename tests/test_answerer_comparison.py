"""ComparisonAnswerer (最高 / 最低) on the documents written for these tests."""

from __future__ import annotations

from answerer_corpus import YUNXI, context

from assistant.answerers.comparison import ComparisonAnswerer

COMPARISON = ComparisonAnswerer()


def test_the_highest_of_the_subjects_measured_alike(answering):
    ans = COMPARISON.answer(context(answering, "云溪县哪个重点产业2026年产值目标最高？"))
    assert ans is not None and ans.found and ans.type == "comparison"
    assert ans.figures == ("36.5亿元",) and "最高" in ans.answer
    assert [c.clause for c in ans.citations] == [f"{YUNXI}/二/（一）/1"]
    assert set(ans.extra["compared"]) == {f"{YUNXI}/二/（一）/1", f"{YUNXI}/二/（二）/1", f"{YUNXI}/二/（三）/1"}


def test_the_lowest(answering):
    ans = COMPARISON.answer(context(answering, "云溪县哪个重点产业2026年产值目标最低？"))
    assert ans is not None and ans.figures == ("15.4亿元",) and "中药材" in ans.answer and "最低" in ans.answer


def test_gives_way_without_two_figures_to_compare(answering):
    assert COMPARISON.answer(context(answering, "云溪县茶叶出口额最高是多少？")) is None
