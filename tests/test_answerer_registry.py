"""The registry and the answering around it, on the documents written for these tests:
an intent's answerers tried in order, a refusal naming what is missing, the grounding
check, and the QueryContext the answerers are given."""

from __future__ import annotations

from dataclasses import replace

import pytest
from answerer_corpus import SONGLING, YUNXI, context

from assistant.answerers.registry import ANSWERERS, FIGURE, answerers_for
from assistant.context import build_context
from assistant.grounding import grounded
from assistant.respond import respond


def test_each_intent_tries_its_own_answerer_then_the_figures():
    assert [a.name for a in FIGURE] == ["derived", "difference", "part_of", "figure"]
    assert [a.name for a in answerers_for("comparison")] == ["comparison", *[a.name for a in FIGURE]]
    assert [a.name for a in answerers_for("responsibility")] == ["responsibility", "stated_duty", "no_listed_units"]
    assert answerers_for("figure") is ANSWERERS["figure"]


def test_each_shape_of_the_contract_has_its_answerer_first():
    for shape in ("time", "yesno", "parts", "fact", "overview", "list"):
        assert answerers_for(shape)[0].name == shape
    assert [a.name for a in answerers_for("yesno")] == ["yesno"]  # never a figure without 是/否
    assert [a.name for a in answerers_for("time")][1:] == [a.name for a in FIGURE]


def test_the_shape_is_set_where_the_intent_is_chosen(answering):
    assert context(answering, "云溪县茶叶产业产值目标是到哪一年的？").question.intent == "time"
    assert context(answering, "云溪县茶叶产业产值能到40亿元吗？").question.intent == "yesno"
    assert context(answering, "云溪县茶叶产业和竹木产业产值分别是多少？").question.intent == "parts"
    assert context(answering, "云溪县这个方案主要讲什么？").question.intent == "overview"
    ans = respond(context(answering, "云溪县茶叶产业产值能到40亿元吗？"))
    assert ans.found and ans.answer.startswith("否") and "36.5亿元" in ans.answer


def test_the_context_holds_the_analysis_scope_terms_and_hits(answering):
    ctx = context(answering, "云溪县2026年茶叶产业产值目标是多少？")
    assert ctx.question.intent == "figure" and ctx.question.years == (2026,)
    assert ctx.scope == (YUNXI,)
    assert "茶叶产业产值" in ctx.terms and not ctx.hist_terms
    assert ctx.hits and len(ctx.hits) <= answering.config.top_k
    assert all(h.clause.doc_id == YUNXI for h in ctx.hits)
    assert ctx.rank[ctx.hits[0].clause.id] == 0 and ctx.retrieved[0] == ctx.hits[0].clause.id


def test_top_k_is_read(answering):
    for k in (1, 3):
        ctx = build_context(answering._state, "云溪县茶叶产业", [], YUNXI, answering.config.replace(top_k=k))
        assert len(ctx.hits) == k


def test_a_follow_up_borrows_the_conversation(answering):
    history = [{"role": "user", "content": "松岭县乡村旅游收入要达到多少？"},
               {"role": "assistant", "content": "松岭县发展目标：2026年，乡村旅游收入达到18亿元。"}]
    ctx = context(answering, "那茶叶产业呢？", history=history)
    assert ctx.conversation.used and ctx.conversation.question is not None
    assert ctx.scope == (SONGLING,)
    ans = respond(ctx)
    assert ans.found and "22.8亿元" in ans.answer


@pytest.mark.parametrize(("question", "verdict"), [("能到40亿元吗？", "否"), ("能超过30亿元吗？", "是")])
def test_a_follow_up_naming_only_a_threshold_asks_about_the_last_subject(answering, question, verdict):
    # the threshold is no subject: 40亿元 is nobody's figure, 36.5亿元 is the one asked about
    history = [{"role": "user", "content": "云溪县茶叶产业产值目标是多少？"},
               {"role": "assistant", "content": "云溪县做强茶叶产业：2026年茶叶产业产值达到36.5亿元。"}]
    ans = respond(context(answering, question, history=history))
    assert ans.found and ans.answer.startswith(verdict) and "36.5亿元" in ans.answer


def test_a_refusal_names_what_is_missing_and_offers_related_clauses(answering):
    ans = respond(context(answering, "云溪县茶叶出口额是多少？"))
    assert not ans.found and ans.type == "unanswerable"
    assert "出口额" in ans.answer and ans.related and ans.retrieved


def test_a_year_the_document_does_not_give_is_refused(answering):
    ans = respond(context(answering, "云溪县2027年茶叶产业产值目标是多少？"))
    assert not ans.found and "2027年" in ans.answer


def test_an_unknown_place_is_refused_before_searching(answering):
    ctx = context(answering, "西安市茶叶产业产值目标是多少？")
    assert ctx.unknown_place == "西安市" and not ctx.hits
    ans = respond(ctx)
    assert not ans.found and "西安市" in ans.answer


def test_a_comparison_that_finds_no_group_falls_back_to_the_figure(answering):
    ans = respond(context(answering, "云溪县哪个产业2026年产值目标最高？"))
    assert ans.found and ans.type == "figure"  # no group of subjects named: the figure answers


def test_an_answer_stating_an_unquoted_number_falls_back_to_the_quote(answering):
    ctx = context(answering, "云溪县2026年茶叶产业产值目标是多少？")
    ans = respond(ctx)
    assert ans.found and "grounding" not in ans.extra
    wrong = replace(ans, answer=ans.answer.replace("36.5", "36.6"))
    fallback = grounded(wrong, ctx.question)
    c = ans.citations[0]
    assert fallback.answer == f"{c.title} › {c.path}：“{c.quote}”" and fallback.extra["grounding"] == "fallback"


def test_within_a_year_is_no_this_year(answering):
    # 一年内 (within one year) is a length; 年内 alone (within this year) is the document's year
    assert context(answering, "云溪县毕业一年内的人才补贴多少？").question.years == ()
    assert context(answering, "云溪县年内新建标准化茶园多少亩？").question.years == (2026,)
