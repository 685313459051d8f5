"""Figures given in turn for the items the phrases before them state (第一产业增加值20亿元，
第二产业…，第三产业…，分别比上年增长3.1%、7.2%、6.5%), which grew fastest (rates, not levels),
and a measure per unit of what is asked (单位地区生产总值…死亡率, 0.5人/百亿元) that is no
answer about it. On 岭南县's bulletin, written for these tests."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on

DOC = {"doc_id": "lingnan-2031", "file": "lingnan_bulletin_2031.txt", "title": "岭南县2031年国民经济和社会发展统计公报",
       "label": "岭南县2031年统计公报", "place": "岭南县", "year": 2031, "script": "simplified", "kind": "公报",
       "inferred": [], "missing": ["issuer", "date", "doc_number"]}


@pytest.fixture(scope="module")
def lingnan(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("in-turn"), [DOC], request, name="in_turn")


def test_which_grew_fastest_compares_the_rates_each_named(lingnan):
    ans = lingnan.ask("岭南县2031年三次产业里哪个产业增加值增长最快？")
    assert ans.found and "第二产业" in ans.answer.split("；")[-1], ans.answer
    assert "第一产业增加值为3.1%" in ans.answer and "60亿元" not in ans.answer


def test_a_figure_in_turn_is_named_by_its_item(lingnan):
    ans = lingnan.ask("岭南县2031年第三产业增加值增长多少？")
    assert ans.found and ans.figures == ("6.5%",) and "第三产业增加值6.5%" in ans.answer


def test_what_single_unit_opens_is_taken_per_unit():
    from assistant.answerers.figure_context import _per_unit_at

    assert _per_unit_at("全年单位地区生产总值生产安全事故死亡率", "地区生产总值") == [4]
    assert _per_unit_at("不少于本单位执法人员总数的5%", "执法人员") == []


def test_a_measure_per_unit_of_what_is_asked_is_no_answer(lingnan):
    ans = lingnan.ask("岭南县2029年地区生产总值是多少？")
    assert not ans.found and "0.5人" not in ans.answer.split("以下条款")[0] and "百亿元" not in ans.answer.split("以下条款")[0]
    # 本单位 is an organisation, not a per-unit measure
    ans = lingnan.ask("岭南县法制审核人员至少要占执法人员的百分之几？")
    assert ans.found and "5%" in ans.answer
