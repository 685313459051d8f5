"""The whole a share is of is no subject of its sentence's other figures: in
“六大”产业增加值占GDP比重达到48%以上，同比增速达到8%以上 the 8% is the industries' growth, not
GDP's. On two plans written for these tests (岭西市, 岭北县, made up)."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on

LINGXI = {"doc_id": "lingxi-2031", "file": "lingxi_industry_plan_2031.txt", "title": "岭西市2031年“六大”产业发展工作要点",
          "label": "岭西市2031年“六大”产业发展工作要点", "place": "岭西市", "year": 2031, "script": "simplified",
          "inferred": [], "missing": ["issuer", "date", "doc_number"]}
LINGBEI = {"doc_id": "lingbei-2031", "file": "lingbei_county_plan_2031.txt", "title": "岭北县县域经济高质量发展三年行动方案",
           "label": "岭北县县域经济高质量发展三年行动方案", "place": "岭北县", "year": 2031, "script": "simplified",
           "inferred": [], "missing": ["issuer", "date", "doc_number"]}


@pytest.fixture(scope="module")
def plans(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("share-base"), [LINGXI, LINGBEI], request, name="share_base")


def test_the_growth_of_the_share_s_part_is_not_the_base_s(plans):
    ans = plans.ask("岭西的GDP增速目标是多少？")
    assert not ans.found and "8%" not in ans.answer and "48%" not in ans.answer
    ans = plans.ask("岭西六大产业增加值同比增速目标是多少？")
    assert ans.found and ans.figures == ("8%以上",)


def test_a_share_does_not_answer_a_growth_rate(plans):
    ans = plans.ask("岭北和岭西谁的GDP增速目标更高？")
    assert "48%" not in ans.answer and "8%以上" not in ans.answer.replace("6%以上", "")


@pytest.mark.parametrize("question", ["岭西和岭北的GDP年均增速目标哪个高？", "两份文件比一比，岭西和岭北的GDP增速目标哪个高？"])
def test_words_after_two_places_are_asked_of_both(plans, question):
    ans = plans.ask(question)
    assert not ans.found and "无法比较" in ans.answer and "岭北县为6%以上" in ans.answer, ans.answer
    assert "48%" not in ans.answer and "没有找到gdp" not in ans.answer.lower()
