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


def test_a_length_of_time_as_written(shaping):
    days = TIME.answer(context(shaping, "青岚县企业开办多少个工作日内办结？"))
    assert days is not None and days.answer.startswith("3个工作日内")
    years = TIME.answer(context(shaping, "青嵐縣沙盒監管的觀察期是幾年？"))
    assert years is not None and years.answer.startswith("1—2年")


def test_a_long_sentence_is_quoted_from_the_part_that_holds_the_time(shaping):
    ans = TIME.answer(context(shaping, "青岚县企业申领算力券后啥时候前要报送使用情况？"))
    assert ans is not None and ans.answer.startswith("次月十日内")
    assert "报送" not in ans.answer.split("：", 1)[1] or len(ans.answer) < 90
    assert "使用管理细则" not in ans.answer  # the pieces between are left out
    assert "在次月十日内报送" in ans.citations[0].quote  # the citation keeps the sentence


def test_the_excerpt_keeps_the_year_an_earlier_piece_sets():
    from assistant.answerers.time import excerpt

    text = ("推进企业数字化、智能化改造,实施重点行业技术改造、重点领域效能提升和设备更新,到2027年,"
            "工业、农业、建筑、交通、教育、文旅、医疗等领域设备投资规模较2024年增长20%以上。")
    assert excerpt(text, "较2024年", ("设备投资",)) == \
        "到2027年,工业、农业、建筑、交通、教育、文旅、医疗等领域设备投资规模较2024年增长20%以上"


def test_a_limit_asked_as_a_quantity_is_not_a_pick_among_several(shaping):
    from assistant.respond import respond

    limit = context(shaping, "青岚县每家企业每年最高能申领多少算力券？")
    assert limit.question.intent == "figure"
    assert "20万元" in respond(limit).answer
    assert context(shaping, "青岚县哪个产业的企业数量最多？").question.intent == "comparison"


def test_a_bare_follow_up_asks_what_the_last_question_asked(shaping):
    when = [{"role": "user", "content": "青岚县新建5G基站最晚啥时候完成？"},
            {"role": "assistant", "content": "2026年6月底前。"}]
    ans = shaping.ask("那县级算力中心呢？", history=when)
    assert ans.found and ans.answer.startswith("年底前")  # a time, not the count 1个
    rate = [{"role": "user", "content": "青岚县规上工业企业数字化改造覆盖率提高多少？"},
            {"role": "assistant", "content": "15个百分点。"}]
    ans = shaping.ask("那核心产业营业收入呢？", history=rate)
    assert ans.found and ans.figures and ans.figures[0].endswith(("%", "%以上", "%左右"))  # a rate
    assert "60亿元" not in ans.answer  # not the amount 营业收入 alone suggests


def test_a_question_for_the_day_is_answered_only_by_a_date(shaping):
    assert TIME.answer(context(shaping, "青岚县县级算力中心哪天建成？")) is None  # 年底前 is no day
    ans = TIME.answer(context(shaping, "青岚县新建5G基站的截止日期是哪天？"))
    assert ans is not None and ans.answer.startswith("2026年6月底前")
