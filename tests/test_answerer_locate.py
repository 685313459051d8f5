"""LocateAnswerer: where a document says something (X是哪项任务里的 / 哪一条规定了X /
X写在第几条). On a 管理办法 written for these tests (青山市, made up), whose task list
names companies no dictionary knows."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.answerers.locate import LocateAnswerer
from assistant.shapes import shape_of

QINGSHAN = {"doc_id": "qingshan-2026", "file": "qingshan_market_2026.txt", "title": "青山市农贸市场管理办法",
            "label": "青山市农贸市场管理办法", "place": "青山市", "year": 2026, "script": "simplified",
            "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"]}
LOCATE = LocateAnswerer()


@pytest.fixture(scope="module")
def qingshan(tmp_path_factory, request):
    return assistant_on(tmp_path_factory.mktemp("locate"), [QINGSHAN], request, name="locate")


@pytest.mark.parametrize("question", [
    "蓝岫科技是哪项任务里的？",
    "青山市哪项重点任务提到了蓝岫科技？",
    "那蓝岫科技在哪条措施里？",
])
def test_a_name_the_dictionary_does_not_know_is_found_as_written(qingshan, question):
    ctx = context(qingshan, question)
    assert ctx.question.intent == "locate"
    ans = LOCATE.answer(ctx)
    assert ans is not None and ans.found and ans.type == "locate"
    assert "推进智慧改造" in ans.answer and "第八条" in ans.answer
    assert [c.clause for c in ans.citations] == ["qingshan-2026/第三章/第八条/（一）"]
    assert "蓝岫科技" in ans.citations[0].quote


def test_every_clause_that_names_it_is_given_in_document_order(qingshan):
    ans = LOCATE.answer(context(qingshan, "禾川数智在哪项任务中出现？"))
    assert ans is not None
    assert [c.clause.rsplit("/", 1)[1] for c in ans.citations] == ["（一）", "（三）"]
    assert ans.answer.index("推进智慧改造") < ans.answer.index("强化快速检测")


@pytest.mark.parametrize(("question", "article"), [
    ("摊位退租的规定在第几条？", "第六条"),
    ("哪一条规定了农药残留快速检测？", "第七条"),
    ("青山市农贸市场管理办法里摊位登记制度写在哪一条？", "第五条"),
])
def test_an_article_is_named_by_its_number(qingshan, question, article):
    ans = qingshan.ask(question)
    assert ans.found and ans.type == "locate"
    assert article in ans.answer and ans.citations[0].clause.endswith(article)


def test_many_places_are_counted_and_the_first_three_shown(qingshan):
    ans = LOCATE.answer(context(qingshan, "市场开办者在哪一条里提到？"))
    assert ans is not None and len(ans.citations) == 3
    assert "列出前三处" in ans.answer  # and the answer passes the grounding check: no bare count
    assert qingshan.ask("市场开办者在哪一条里提到？").answer == ans.answer


def test_a_thing_the_document_never_names_is_refused(qingshan):
    ans = qingshan.ask("紫杉物流是哪项任务里的？")
    assert not ans.found


@pytest.mark.parametrize(("norm", "shape"), [
    ("对标的是哪个城市？", "fact"),
    ("提升行动分成哪几个方面？", "overview"),
    ("哪项任务由市场监督管理局负责？", None),
    ("智慧改造的市场要完成多少个？", None),
])
def test_other_wordings_with_which_are_not_locating(norm, shape):
    assert shape_of(norm) == shape
