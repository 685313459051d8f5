"""A name the question spells out that the document shortens (城乡居民大病补充保险（以下简称
大病补充险）): the question's words for it are read as the short form its clauses use, on a
county's rules written for these tests (河阳县, made up)."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

DOC = {"doc_id": "heyang-2030", "file": "heyang_illness_insurance_2030.txt",
       "title": "河阳县城乡居民大病补充保险实施办法（试行）", "label": "河阳县城乡居民大病补充保险实施办法（试行）",
       "place": "河阳县", "year": 2030, "script": "simplified", "kind": "办法",
       "inferred": [], "missing": ["issuer", "date", "doc_number"]}


@pytest.fixture(scope="module")
def heyang(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("defined"), [DOC], request, name="defined_forms")


def test_the_spelled_out_name_is_read_as_the_short_form(heyang):
    ctx = context(heyang, "按河阳县城乡居民大病补充保险实施办法，满18周岁不满60周岁的人，城乡居民大病补充保险个人每年缴多少？")
    assert "大病补充险" in ctx.terms and "补充" not in ctx.terms


def test_a_figure_asked_by_the_full_name_twice(heyang):
    ans = heyang.ask("按河阳县城乡居民大病补充保险实施办法，满18周岁不满60周岁的人，城乡居民大病补充保险个人每年缴多少？")
    assert ans.found and ans.figures == ("80元",), ans.answer
    ans = heyang.ask("河阳城乡居民大病补充保险年度最高支付多少钱？")
    assert ans.found and "20万元" in ans.answer


def test_a_short_form_the_question_already_uses_is_left_alone(heyang):
    from assistant.shortforms import defined_forms

    ctx = context(heyang, "河阳大病补充险一年最多报多少？")
    terms = list(ctx.terms)
    assert defined_forms(heyang._state, terms, ctx.question.norm, ctx.scope) == terms
    assert "20万元" in heyang.ask("河阳大病补充险一年最多报多少？").answer
