"""A city's OPC scheme as a web page, written for these tests: sub-headings set as <h3>
with a comma in them keep their own lines; a competition named after 中国 is no place the
question asks about; 管什么事 asks what a unit is responsible for; a use the rule excepts in
brackets (（自建自用除外）) is answered 否; the parts of one sentence are each read from the
phrase that names them, not from whom they are for."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on

DOC = {"doc_id": "qinghe-2031", "file": "qinghe_opc_scheme_2031.html", "title": "青禾市OPC创业社区推广方案",
       "label": "青禾市OPC创业社区推广方案", "place": "青禾市", "year": 2031, "script": "simplified",
       "kind": "方案", "inferred": [], "missing": []}


@pytest.fixture(scope="module")
def qinghe(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("webscheme"), [DOC], request, name="webscheme")


def test_a_web_page_sub_heading_is_its_own_heading(qinghe):
    ans = qinghe.ask("青禾方案里“15分钟创业便利圈”写在哪一部分？")
    assert ans.citations
    path = ans.citations[0].path
    assert "构建全域联动创业载体体系" in path and "坚持因地制宜" not in path


def test_a_competition_named_after_the_country_is_no_place_asked(qinghe):
    ans = qinghe.ask("青禾对在创客中国大赛里获奖的OPC项目，奖励最多给多少？")
    assert ans.found and "80万元" in ans.answer


@pytest.mark.parametrize("question", ["市委人才办在青禾OPC方案里管什么事？", "青禾方案里市审计局要干啥？"])
def test_what_a_unit_does_asked_in_everyday_words(qinghe, question):
    ans = qinghe.ask(question)
    assert ans.found
    expected = "完善人才保障体系" if "人才办" in question else "推行包容审慎监管"
    assert expected in ans.answer and "降低算力运营成本" not in ans.answer


def test_a_use_the_rule_excepts_in_brackets_is_answered_no(qinghe):
    ans = qinghe.ask("自建自用的算力在青禾能拿算力券吗？")
    assert ans.answer.startswith("否") and "自建自用除外" in ans.answer
    ans = qinghe.ask("青禾租用算力能拿算力券吗？")
    assert ans.answer.startswith("是")
    ans = qinghe.ask("青禾的算力券是不是自建自用除外？")  # asking the exception itself
    assert ans.answer.startswith("是")


def test_each_part_read_from_the_phrase_that_names_it(qinghe):
    ans = qinghe.ask("青禾给离校3年内毕业生的一次性创业补贴和个人创业担保贷款分别最高多少？")
    assert ans.found and "2万元" in ans.answer and "40万元" in ans.answer
    assert "1年以上" not in ans.answer and "3年内高校毕业生；" not in ans.answer
