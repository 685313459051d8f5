"""ReverseAnswerer (〈单位〉负责哪些任务) on the documents written for these tests."""

from __future__ import annotations

from answerer_corpus import SONGLING, YUNXI, context

from assistant.answerers.reverse import ReverseAnswerer

REVERSE = ReverseAnswerer()


def test_every_task_of_the_unit_in_the_document_named(answering):
    ans = REVERSE.answer(context(answering, "云溪县财政局负责哪些任务？"))
    assert ans is not None and ans.found and ans.type == "reverse"
    assert ans.units == ("县财政局",)
    assert ans.extra["tasks"] == ["保障产业用地", "加大资金投入"]
    assert [c.clause for c in ans.citations] == [f"{YUNXI}/三/1", f"{YUNXI}/三/2"]
    assert all("县财政局" in c.highlight for c in ans.citations)


def test_across_every_document_when_none_is_named(answering):
    ans = REVERSE.answer(context(answering, "县农业农村局负责哪些任务？"))
    assert ans is not None
    assert ans.extra["tasks"] == ["保障产业用地", "加大资金投入", "强化人才支撑", "建设茶叶加工中心"]
    assert [c.doc_id for c in ans.citations] == [YUNXI] * 3 + [SONGLING]
    assert "云溪县三项" in ans.answer and "松岭县一项" in ans.answer  # counts in words: no digit to ground


def test_gives_way_when_the_unit_has_no_task_in_scope(answering):
    assert REVERSE.answer(context(answering, "松岭县县财政局负责哪些任务？")) is None


def test_a_task_written_as_a_sentence_is_named_by_its_heading():
    from types import SimpleNamespace as NS

    from assistant.answerers.reverse import task_name

    long_task = NS(duty=NS(task="鼓励创新茶旅融合信贷产品，支持试点村开展批量授信，加大对早期项目的投资力度。"),
                   clause=NS(heading="（五）创新金融服务产品"))
    assert task_name(long_task) == "创新金融服务产品"
    short_task = NS(duty=NS(task="2.建设茶叶加工中心"), clause=NS(heading="（二）培育茶叶产业"))
    assert task_name(short_task) == "建设茶叶加工中心"
    no_title = NS(duty=NS(task=long_task.duty.task), clause=NS(heading="鼓励创新茶旅融合信贷产品，支持试点村开展批量授信"))
    assert task_name(no_title) == long_task.duty.task.rstrip("。")


def test_a_unit_s_head_is_not_what_the_unit_does():
    from assistant.answerers.reverse import _DOES

    assert _DOES.match("负责安排、审核实施本预案所需经费") and _DOES.match("应当会同有关部门")
    assert not _DOES.match("负责人应当对本机构的安全管理负总责") and not _DOES.match("主管同志签字")


def test_lead_questions_say_lead_in_so_many_words(answering):
    led = REVERSE.answer(context(answering, "云溪县县自然资源局牵头的任务有哪些？"))
    assert led is not None and led.answer.startswith("县自然资源局牵头的任务")
    assert led.extra["tasks"] == ["保障产业用地"]
    which = REVERSE.answer(context(answering, "云溪县农业农村局参与了哪些任务？哪项是它牵头？"))
    assert which is not None and "其中文件未标明县农业农村局牵头的任务" in which.answer
    none = REVERSE.answer(context(answering, "云溪县财政局牵头的任务有哪些？"))
    assert none is not None and none.answer.startswith("文件未标明县财政局牵头的任务；县财政局负责的任务")
    mixed = REVERSE.answer(context(answering, "县自然资源局参与了哪些任务？哪项是它牵头？"))
    assert mixed is not None and mixed.answer.endswith("其中县自然资源局牵头：保障产业用地。")
