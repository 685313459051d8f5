"""CountAnswerer (一共多少条 / 一共列了几条措施): a count of numbered items read from the
numbering, on documents written for these tests; a total of anything else is not counted."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.answerers.counting import CountAnswerer

COUNT = CountAnswerer()
RULES = {"doc_id": "songxi-rules", "file": "songxi_rules_2026.txt", "title": "松溪县促进数据产业发展若干规定",
         "label": "松溪县促进数据产业发展若干规定", "place": "松溪县", "year": 2026, "script": "simplified",
         "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"]}
PLAN = {"doc_id": "songxi-plan", "file": "songxi_plan_2026.txt", "title": "松溪县数据产业发展行动方案",
        "label": "松溪县数据产业发展行动方案", "place": "松溪县", "year": 2026, "script": "simplified",
        "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"]}


@pytest.fixture(scope="module")
def songxi(tmp_path_factory, request):  # noqa: ANN201 - an Assistant
    return assistant_on(tmp_path_factory.mktemp("counting"), [RULES, PLAN], request, "songxi_counting")


def test_the_articles_of_a_document_are_counted_from_their_numbers(songxi):
    ans = COUNT.answer(context(songxi, "松溪县促进数据产业发展若干规定一共多少条？"))
    assert ans is not None and ans.found
    assert "共五条" in ans.answer and "按编号数出" in ans.answer
    assert [c.clause for c in ans.citations] == ["songxi-rules/第一章/第一条", "songxi-rules/第三章/第五条"]


def test_the_numbered_items_under_the_heading_named(songxi):
    ans = COUNT.answer(context(songxi, "松溪县数据产业发展行动方案的重点任务一共列了几条措施？"))
    assert ans is not None and "共五条" in ans.answer
    assert [c.clause for c in ans.citations] == ["songxi-plan/二/（一）/1", "songxi-plan/二/（二）/5"]


def test_a_total_of_something_the_numbering_does_not_count_is_left_to_others(songxi):
    # 数据产业园 are not the numbered items: 2个 is a figure of the text, not a count of items
    assert COUNT.answer(context(songxi, "松溪县数据产业发展行动方案的重点任务一共有多少个数据产业园？")) is None
    assert COUNT.answer(context(songxi, "松溪县数据产业发展行动方案要建多少个数据产业园？")) is None


def test_the_articles_of_a_chapter_named_and_none_of_a_chapter_it_lacks(songxi):
    ans = COUNT.answer(context(songxi, "松溪县促进数据产业发展若干规定第二章一共几条？"))
    assert ans is not None and "共两条" in ans.answer and "第三条至第四条" in ans.answer
    assert COUNT.answer(context(songxi, "松溪县促进数据产业发展若干规定第五章一共几条？")) is None
