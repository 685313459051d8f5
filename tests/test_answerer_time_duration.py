"""A length of time or a period asked (几个 / 多少个工作日, 最长多久, 多久核定一次, 每隔多久)
on a document written for these tests (明水县, made up): one route for 几个 and 多少个, the
length whose own stretch of the sentence names the subject, the bound and the unit asked,
a period for a how-often question and never a year for a length."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.answerers.time import TimeAnswerer
from assistant.answerers.time_check import period_key, stated_period
from assistant.durations import bound_fits, how_often, length_asked, stretches, unit_fits
from assistant.respond import respond
from assistant.shapes import shape_of

MINGSHUI = {"doc_id": "mingshui-2026", "file": "mingshui_service_rules_2026.txt", "title": "明水县便民服务办理时限规定",
            "label": "明水县便民服务办理时限规定", "place": "明水县", "year": 2026, "script": "simplified",
            "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"]}
TIME = TimeAnswerer()


@pytest.fixture(scope="module")
def rules(tmp_path_factory, request):
    return assistant_on(tmp_path_factory.mktemp("time-duration"), [MINGSHUI], request, name="time_duration")


def _time(bot, question: str):
    ans = TIME.answer(context(bot, question))
    assert ans is not None and ans.found, question
    return ans


def test_ji_ge_and_duo_shao_ge_working_days_take_one_route():
    for q in ("低保审批结果要在几个工作日内公开？", "低保审批结果要在多少个工作日内公开？", "几个小时内上报？",
              "公示期多长？", "停办的持续时间有多长？"):
        assert shape_of(q, "figure") == "time", q
    assert shape_of("要建几个服务站？", "figure") != "time"


def test_the_length_whose_stretch_names_the_subject(rules):
    # one sentence states 10个工作日 (公布办理结果) and 3个工作日 (低保、特困 results)
    for q in ("明水县低保审批结果要在几个工作日内公开？", "明水县特困供养审批结果多少个工作日内公开？"):
        assert _time(rules, q).answer.startswith("3个工作日内"), q
    ans = _time(rules, "明水县审批部门收到初审意见后几个工作日内作出决定？")
    assert ans.answer.startswith("10个工作日内")


def test_a_bounded_length_asked_as_at_most(rules):
    ans = _time(rules, "明水县慢性病签约居民的长期处方最多能开多长时间的量？")
    assert "12周" in ans.answer.split("。")[0]
    assert "最长不得超过2年" in _time(rules, "明水县临时停办的事项最长能停多久？").answer.split("。")[0]


def test_a_bound_or_unit_not_asked_is_no_answer(rules):
    # the document gives the longest 停办期限, not the shortest; 12周 is no count of days
    assert TIME.answer(context(rules, "明水县临时停办的事项最短要停多久？")) is None
    assert not respond(context(rules, "明水县临时停办的事项最短要停多久？")).found
    assert TIME.answer(context(rules, "明水县长期处方用药量最多能开几天？")) is None


def test_a_period_asked_as_how_often(rules):
    assert _time(rules, "明水县便民服务补贴的起付标准多久核定一次？").answer.startswith("每一结算年度")
    assert _time(rules, "明水县网格员每隔多久走访独居老人？").answer.startswith("每月")
    assert _time(rules, "明水县村医多长时间开展一次入户健康随访？").answer.startswith("每半年")


def test_a_year_is_no_answer_to_how_long_or_how_often(rules):
    # 第三条 gives lengths (10个工作日内) and 第八条 a date, not how often results are published
    assert TIME.answer(context(rules, "明水县审批部门多久公布一次办理结果？")) is None
    ans = _time(rules, "明水县便民服务规定有效期多长？")
    assert ans.answer.startswith("有效期3年")


def test_a_figure_the_question_quotes_picks_the_target(rules):
    assert _time(rules, "明水县便民服务站点60个以上是哪年的目标？").answer.startswith("到2029年底")
    assert _time(rules, "明水县便民服务站点30个以上要到什么时候？").answer.startswith("到2027年底")
    # no target of 100个: the years of 30个 and 60个 are not its
    assert TIME.answer(context(rules, "明水县便民服务站点100个以上是哪年的目标？")) is None


def test_a_deadline_answers_how_long_only_without_a_unit_or_bound(rules):
    assert _time(rules, "明水县便民服务站点达到60个以上要多长时间？").answer.startswith("到2029年底")
    assert TIME.answer(context(rules, "明水县便民服务站点达到60个以上要几个月？")) is None


def test_the_length_of_a_named_period_is_stated_as_one(rules):
    assert _time(rules, "明水县公示期多长？").answer.startswith("15日")
    # 保障期限届满1个月前 is when to apply again, not how long the 保障期限 is
    assert TIME.answer(context(rules, "明水县临时生活补贴保障期限多长？")) is None
    assert _time(rules, "明水县临时生活补贴保障期限届满前多久要提交续期申请？").answer.startswith("1个月")


def test_a_bound_asked_is_no_how_often(rules):
    # 每月 is how often the 补贴 is paid, not the least time it is paid for
    assert _time(rules, "明水县临时生活补贴最长能发多久？").answer.startswith("6个月")
    assert TIME.answer(context(rules, "明水县临时生活补贴最少要发多长时间？")) is None
    assert not respond(context(rules, "明水县临时生活补贴最少要发多长时间？")).found


def test_the_wording_of_the_length_asked_is_no_word_to_find(rules):
    # 多少天内 leaves 天内 among the words; the document writes 5个工作日内
    assert _time(rules, "明水县初审意见多少天内要提出？").answer.startswith("5个工作日内")


def test_a_period_stated_in_a_yes_no_question_is_checked(rules):
    no = respond(context(rules, "明水县网格员是每周走访一次独居老人吗？"))
    assert no.found and no.answer.startswith("否，每月")
    yes = respond(context(rules, "明水县网格员是不是每个月走访独居老人？"))
    assert yes.found and yes.answer.startswith("是，每月")
    assert respond(context(rules, "明水县村医是两年随访一次吗？")).answer.startswith("否，每半年")
    assert stated_period("每人每年最高补贴500万元吗？") is None  # the amount is asked, not how often
    assert period_key("每一结算年度") == period_key("每年") and period_key("两年一次") == period_key("每2年")


def test_the_shape_words():
    assert how_often("多长时间算一次") and how_often("每隔多久") and not how_often("多长时间内办结")
    assert length_asked("公示期多长") and length_asked("几个工作日内") and not length_asked("到什么时候")
    assert not bound_fits("最短多久", "期限最长不得超过3年", 10, "3年")
    assert not bound_fits("待不满多少天", "居住累计满183天", 5, "183天")
    assert bound_fits("最多能开多长时间", "用药量最长可放宽至12周", 10, "12周")
    assert not unit_fits("几天", "12周") and unit_fits("几个工作日", "3个工作日内") and unit_fits("多久", "2年")
    norm = "自收到之日起10个工作日内作出决定,向社会公布结果,接受社会监督,低保结果要在3个工作日内公开"
    own, stretch = stretches(norm, [norm.find("10个"), norm.find("3个")])[1]
    assert "低保" in own and "10个" not in stretch


def test_a_day_of_every_year_answers_a_when_question(rules):
    # 每年3月15日前 is a date with no year of its own; 2027年起 in the question names when the
    # rule begins, not the time asked
    ans = _time(rules, "明水县政务服务中心每年最晚什么时候公开汇总数据？")
    assert ans.answer.startswith("每年3月15日前")
    ans = _time(rules, "2027年起各乡镇每年几月底前报送上年度办理情况？")
    assert ans.answer.startswith("每年2月底前")
