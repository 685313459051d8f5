"""A condition a question states with a number, against the one the cited passage sets
(assistant/conditions.py): another case's figure is refused, a covered one answered. On the
青禾市 管理办法 written for the tests, and on passages alone."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on
from test_answerer_stated_duty import QINGHE

from assistant.conditions import unmet


@pytest.mark.parametrize(("question", "passage", "refused"), [
    ("淹水三十公分的住户每户救助多少钱", "淹水达五十公分以上，每户最高发给二万元", True),
    ("淹水六十公分的住户每户救助多少钱", "淹水达五十公分以上，每户最高发给二万元", False),
    ("30岁的职工个人费率多少", "满35周岁至未满45周岁参保人员为0.02%", True),
    ("40岁的职工个人费率多少", "满35周岁至未满45周岁参保人员为0.02%", False),
    ("65岁的老人补贴多少", "年满60周岁的老人每月补贴100元", False),
    ("2026年目标多少", "到2030年达到100亿元", False),  # a year is no condition
    ("满一年的补贴多少", "首次创办满一年，给予1.2万元补贴", False),
])
def test_the_condition_stated_against_the_passages(question, passage, refused):
    assert (unmet(question, passage) is not None) == refused


@pytest.fixture(scope="module")
def qinghe(tmp_path_factory, request):
    return assistant_on(tmp_path_factory.mktemp("conditions"), [QINGHE], request, name="conditions")


def test_another_cases_figure_is_refused_and_shown(qinghe):
    ans = qinghe.ask("青禾市75岁的老人每月高龄津贴多少？")  # the document sets 年满80周岁
    assert not ans.found and not ans.figures and "75岁" in ans.answer
    assert ans.related and "80周岁" in ans.related[0].quote


def test_a_case_the_condition_covers_is_answered(qinghe):
    ans = qinghe.ask("青禾市85岁的老人每月高龄津贴多少？")
    assert ans.found and "200元" in ans.answer
