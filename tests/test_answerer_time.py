"""TimeAnswerer (哪年 / 到哪一年 / 最晚啥时候 / 跟哪年比 / 几年行动 / 管哪几年) on the document
written for these tests: the time as written, with the sentence it scopes, cited."""

from __future__ import annotations

from answerer_corpus import context
from shapes_corpus import QINGLAN

from assistant.answerers.time import TimeAnswerer
from assistant.respond import respond

TIME = TimeAnswerer()


def test_the_target_year_of_a_figure(shaping):
    ans = TIME.answer(context(shaping, "青岚县数字经济核心产业营业收入60亿元是到哪一年的目标？"))
    assert ans is not None and ans.found and ans.type == "time"
    assert ans.answer.startswith("到2027年") and "60亿元" in ans.answer
    assert ans.citations[0].clause == f"{QINGLAN}/一" and "到2027年" in ans.citations[0].quote


def test_a_deadline_as_written(shaping):
    ans = TIME.answer(context(shaping, "青岚县新建5G基站最晚啥时候完成？"))
    assert ans is not None and ans.answer.startswith("2026年6月底前")
    assert ans.citations[0].clause == f"{QINGLAN}/二/（一）/1"


def test_the_base_year_a_change_is_measured_from(shaping):
    ans = TIME.answer(context(shaping, "青岚县数字化改造覆盖率提高15个百分点是跟哪年比？"))
    assert ans is not None and ans.answer.startswith("较2025年")


def test_a_period_and_the_length_of_an_action_in_traditional_script(shaping):
    period = TIME.answer(context(shaping, "青岚县方案依据的省级行动计划管哪几年？"))
    assert period is not None and period.answer.startswith("2025-2027年")
    span = TIME.answer(context(shaping, "青嵐縣智改數轉是幾年行動？"))
    assert span is not None and span.answer.startswith("三年行動")


def test_gives_way_when_no_sentence_holds_what_is_asked(shaping):
    assert TIME.answer(context(shaping, "青岚县区块链产业园哪年建成？")) is None
    ans = respond(context(shaping, "青岚县区块链产业园哪年建成？"))
    assert not ans.found
