"""FactAnswerer (对标哪个… / 以什么为统领 / 叫什么 / 依据哪个文件 / 谁发的) on the document
written for these tests: the phrase from the document, cited."""

from __future__ import annotations

from answerer_corpus import context
from shapes_corpus import QINGLAN

from assistant.answerers.fact import FactAnswerer

FACT = FactAnswerer()


def test_a_quoted_name_the_wording_points_at(shaping):
    ans = FACT.answer(context(shaping, "青岚县以什么发展布局为统领？"))
    assert ans is not None and ans.found and ans.type == "fact"
    assert ans.answer.startswith("一核两翼") and ans.citations[0].clause == f"{QINGLAN}/一"
    brand = FACT.answer(context(shaping, "青嵐縣文旅品牌叫啥？"))
    assert brand is not None and brand.answer.startswith("雲上青嵐")


def test_the_words_after_the_questions_anchor(shaping):
    ans = FACT.answer(context(shaping, "青岚县对标的是哪个县？"))
    assert ans is not None and "江阳县" in ans.answer.split("。")[0]


def test_a_cited_document_title_not_its_own(shaping):
    ans = FACT.answer(context(shaping, "青岚县这个方案是依据哪个文件制定的？"))
    assert ans is not None and ans.answer.startswith("青州省数字经济三年行动计划")
    assert ans.citations[0].clause == f"{QINGLAN}/序"


def test_who_issued_it_quotes_the_line(shaping):
    ans = FACT.answer(context(shaping, "青岚县这份文件谁发的啊"))
    assert ans is not None and "青岚县人民政府" in ans.answer
    assert "青岚县人民政府" in ans.citations[0].quote


def test_gives_way_when_the_document_does_not_say(shaping):
    assert FACT.answer(context(shaping, "青岚县的吉祥物叫什么？")) is None
