"""ResponsibilityAnswerer (由哪些单位负责 / 谁牵头) on the documents written for these tests."""

from __future__ import annotations

from answerer_corpus import SONGLING, YUNXI, context

from assistant.answerers.responsibility import ResponsibilityAnswerer

RESPONSIBILITY = ResponsibilityAnswerer()


def test_the_exact_unit_list_with_its_lead(answering):
    ans = RESPONSIBILITY.answer(context(answering, "云溪县保障产业用地由哪些单位负责？"))
    assert ans is not None and ans.found and ans.type == "responsibility"
    assert ans.units == ("县自然资源局", "县农业农村局", "县财政局")
    assert "其中县自然资源局牵头" in ans.answer
    assert [c.clause for c in ans.citations] == [f"{YUNXI}/三/1"]


def test_asked_for_the_lead(answering):
    ans = RESPONSIBILITY.answer(context(answering, "云溪县保障产业用地由谁牵头？"))
    assert ans is not None and ans.answer.startswith("云溪县“保障产业用地”由县自然资源局牵头")


def test_a_lead_the_document_does_not_mark_is_said_to_be_missing(answering):
    ans = RESPONSIBILITY.answer(context(answering, "云溪县加大资金投入由谁牵头？"))
    assert ans is not None and ans.units == ("县财政局", "县农业农村局")
    assert "文件未写明牵头单位" in ans.answer


def test_the_task_of_the_document_named(answering):
    ans = RESPONSIBILITY.answer(context(answering, "松岭县乡村旅游线路由哪些单位负责？"))
    assert ans is not None and ans.units == ("县文化和旅游局", "县交通运输局")
    assert ans.citations[0].doc_id == SONGLING


def test_gives_way_when_no_list_covers_the_task(answering):
    assert RESPONSIBILITY.answer(context(answering, "云溪县新建标准化茶园由哪些单位负责？")) is None
