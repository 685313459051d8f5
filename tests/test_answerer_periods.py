"""Figures of several documents set side by side (哪个更高 / 合计) are of one period: 今年 is
each report's own year, and a plan's yearly average, last year's actual and this year's
target are never paired. On two provincial work reports written for these tests (玉衡省 and
天枢省, made up): each gives last year's actuals, “十五五” yearly averages and this year's
targets, and 天枢省 gives no target this year for 规模以上工业增加值."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.answerers.aggregation import AggregationAnswerer
from assistant.answerers.comparison import ComparisonAnswerer
from assistant.periods import Period, asked_period, figure_period, read_period

YUHENG, TIANSHU = "yuheng-2026", "tianshu-2026"
REPORTS = [
    {"doc_id": YUHENG, "file": "yuheng_work_report_2026.txt", "title": "玉衡省2026年政府工作报告",
     "label": "玉衡省2026年政府工作报告", "place": "玉衡省", "issuer": "玉衡省人民政府", "date": "2026-01-20",
     "year": 2026, "script": "simplified", "inferred": [], "missing": ["doc_number"]},
    {"doc_id": TIANSHU, "file": "tianshu_work_report_2026.txt", "title": "天枢省2026年政府工作报告",
     "label": "天枢省2026年政府工作报告", "place": "天枢省", "issuer": "天枢省人民政府", "date": "2026-01-28",
     "year": 2026, "script": "simplified", "inferred": [], "missing": ["doc_number"]},
]
COMPARISON, AGGREGATION = ComparisonAnswerer(), AggregationAnswerer()
# every GDP growth figure of the two reports: this year's targets, last year's, the plan's averages
THIS_YEAR, LAST_YEAR, PLAN = {"5.5%左右", "5%左右"}, {"5.9%", "6.2%"}, {"5%以上", "6%左右"}


@pytest.fixture(scope="module")
def reports(tmp_path_factory, request):  # noqa: ANN201 - an Assistant
    return assistant_on(tmp_path_factory.mktemp("reports"), REPORTS, request, "period_reports")


def _growth_figures(text: str) -> set[str]:
    return {f for f in THIS_YEAR | LAST_YEAR | PLAN if f in text}


def test_a_period_is_read_against_the_document_s_year():
    assert read_period("今年", 2026) == Period(2026, 2026, False, "今年")
    assert read_period("过去一年", 2026).one_year == 2025
    assert read_period("“十五五”时期", 2026, average=True) == Period(2026, 2030, True, "“十五五”时期")
    assert read_period("较“十三五”末", 2026) == Period()  # a base compared against, not the time
    assert read_period("“十三五”末", 2026).one_year == 2020
    assert read_period("2023-2025年", 2026) == Period(2023, 2025, False, "2023-2025年")
    assert read_period("比2020年", 2026) == Period()


def test_a_length_within_a_year_is_not_this_year():
    # 年内 is this year; 一年内 / 半年内 / 两年内 are lengths (question.WITHIN_THIS_YEAR)
    assert read_period("年内", 2026) == Period(2026, 2026, False, "年内")
    for length in ("一年内", "半年内", "两年内", "1年内"):
        assert not read_period(length, 2026).known, length
    assert not read_period("力争一年内完成", 2026).known


def test_each_figure_s_period_from_its_time_its_paragraph_or_its_heading(reports):
    views = {(v.doc.source.doc_id, v.fig.text): v for d in (YUHENG, TIANSHU) for v in reports._state.view(d).figs
             if "收入" not in v.fig.measure}
    # 全年…5.9%: the paragraph opens with 刚刚过去的2025年
    assert figure_period(views[(YUHENG, "5.9%")]).one_year == 2025
    assert figure_period(views[(TIANSHU, "6.2%")]).one_year == 2025  # 过去一年 of a 2026 report
    plan = figure_period(views[(YUHENG, "5%以上")])
    assert (plan.first, plan.last, plan.average) == (2026, 2030, True)
    assert figure_period(views[(TIANSHU, "5%左右")]).one_year == 2026  # 今年


def test_this_year_is_each_report_s_own_year(reports):
    ctx = context(reports, "玉衡省和天枢省今年地区生产总值增长目标哪个高？")
    assert asked_period(ctx.question, reports._state.document(YUHENG).source).one_year == 2026
    ans = COMPARISON.answer(ctx)
    assert ans is not None and ans.found and ans.type == "comparison"
    assert _growth_figures(ans.answer) == THIS_YEAR  # neither the plan's average nor last year's
    assert "玉衡省为5.5%左右" in ans.answer and "天枢省为5%左右" in ans.answer and "玉衡省更高" in ans.answer
    assert {c.doc_id for c in ans.citations} == {YUHENG, TIANSHU}
    assert "不能确定" not in ans.answer  # both 左右: the order is plain


def test_a_plan_s_averages_are_compared_with_each_other(reports):
    ans = COMPARISON.answer(context(reports, "玉衡省和天枢省“十五五”时期地区生产总值年均增长目标哪个高？"))
    assert ans is not None and ans.found
    assert _growth_figures(ans.answer) == PLAN and "天枢省更高" in ans.answer


def test_last_year_s_actuals_are_compared_with_each_other(reports):
    ans = COMPARISON.answer(context(reports, "玉衡省和天枢省去年地区生产总值增长多少，哪个快？"))
    assert ans is not None and ans.found
    assert _growth_figures(ans.answer) == LAST_YEAR and "天枢省更快" in ans.answer


def test_with_no_period_asked_the_figures_are_of_one_period(reports):
    ans = COMPARISON.answer(context(reports, "玉衡省和天枢省地区生产总值增长目标哪个高？"))
    assert ans is not None and ans.found
    assert _growth_figures(ans.answer) in (THIS_YEAR, LAST_YEAR, PLAN)


def test_a_document_without_the_figure_of_the_year_asked_is_named_as_missing(reports):
    # 天枢省 gives 规模以上工业增加值 for last year (8.1%), not as a target for this year
    ans = COMPARISON.answer(context(reports, "玉衡省和天枢省今年规模以上工业增加值增长目标哪个高？"))
    assert ans is not None and not ans.found
    assert "天枢省" in ans.answer and "没有找到" in ans.answer and "无法比较" in ans.answer
    assert "8.1%属于过去一年" in ans.answer  # said plainly whose period it is, not compared
    assert "玉衡省为6.5%左右" in ans.answer and "更高" not in ans.answer


def test_a_sum_adds_this_year_s_targets_only(reports):
    ans = AGGREGATION.answer(context(reports, "玉衡省和天枢省今年城镇新增就业目标合计多少？"))
    assert ans is not None and ans.found and ans.computation == "50+40=90"
    assert "90万人" in ans.answer and "41万人" not in ans.answer and "200万人" not in ans.answer


def test_a_sum_of_last_year_s_figures(reports):
    ans = AGGREGATION.answer(context(reports, "玉衡省和天枢省去年城镇新增就业一共多少人？"))
    assert ans is not None and ans.found and ans.computation == "52+41=93"


def test_qualifiers_that_leave_the_order_open_are_said(reports):
    # 5%以上 against 5%左右: the same number, one a floor
    ans = COMPARISON.answer(context(reports, "玉衡省和天枢省今年一般公共预算收入增长目标哪个高？"))
    assert ans is not None and ans.found
    assert "5%以上" in ans.answer and "5%左右" in ans.answer and "不能确定" in ans.answer


def test_a_difference_between_two_documents_of_one_period(reports):
    from assistant.answerers.difference import DifferenceAnswerer

    ans = DifferenceAnswerer().answer(context(reports, "天枢省和玉衡省今年城镇新增就业目标相差多少？"))
    assert ans is not None and ans.found and ans.computation == "50−40=10"
    assert "玉衡省比天枢省高10万人" in ans.answer and {c.doc_id for c in ans.citations} == {YUHENG, TIANSHU}


def test_words_no_named_document_uses_ask_nothing_of_either(reports):
    # 盘子 is neither report's word, 哪个大 only phrasing: both documents still answer
    ans = COMPARISON.answer(context(reports, "玉衡省和天枢省今年城镇新增就业的盘子哪个大？"))
    assert ans is not None and ans.found and "玉衡省更大" in ans.answer
    assert "50万人以上" in ans.answer and "40万人以上" in ans.answer


def test_several_parts_of_last_year_take_last_year_s_figures(reports):
    from assistant.answerers.parts import PartsAnswerer

    ans = PartsAnswerer().answer(context(reports, "天枢省去年地区生产总值增长多少，城镇新增就业多少？"))
    assert ans is not None and ans.found
    assert "6.2%" in ans.figures and "41万人" in ans.figures  # 过去一年's
    assert not {"6%左右", "5%左右", "200万人", "40万人以上"} & set(ans.figures)


def test_a_part_of_last_year_is_never_answered_with_the_plan_s_average(reports):
    from assistant.answerers.parts import PartsAnswerer

    # the plan's sentence says 全省 as the question does; last year's figure does not
    ans = PartsAnswerer().answer(context(reports, "玉衡省去年全省地区生产总值增长多少，城镇新增就业多少？"))
    assert ans is not None and ans.found and "52万人" in ans.figures
    assert not {"5%以上", "5.5%左右", "250万人以上", "50万人以上"} & set(ans.figures)
    assert "5.9%" in ans.figures or "文件未给出“玉衡省去年全省地区生产总值增长”" in ans.answer


def test_a_group_named_by_its_count_sums_that_many_members(reports):
    # 三次产业: three members, not 现代服务业 written beside them; each named by its measure
    ans = AGGREGATION.answer(context(reports, "玉衡省2025年三次产业增加值合计多少？"))
    assert ans is not None and ans.found and ans.computation == "1200+5600+7300=14100"
    assert "第一产业增加值1200亿元" in ans.answer and "3100" not in ans.answer


def test_a_figure_each_item_has_is_added_for_each(reports):
    # 个人缴费和财政补助各为400元, asked with 加
    ans = AGGREGATION.answer(context(reports, "玉衡省城乡居民基本医疗保险个人缴费加财政补助一共多少？"))
    assert ans is not None and ans.found and ans.computation == "400+400=800"
    assert "800元" in ans.answer and len(ans.citations) == 1


def test_a_rise_between_two_years_a_sentence_goes_between(reports):
    from assistant.answerers.ratio import DerivedAnswerer

    # 比2020年 names the year the sentence starts from (从2020年的58.2%提高到2025年的63.5%)
    ans = DerivedAnswerer().answer(context(reports, "玉衡省常住人口城镇化率2025年比2020年提高了多少？"))
    assert ans is not None and ans.found and ans.computation == "63.5−58.2=5.3"
    assert "5.3个百分点" in ans.answer


def test_the_same_across_two_documents_compares_value_and_qualifier(reports):
    from assistant.answerers.yesno import YesNoAnswerer

    yesno = YesNoAnswerer()
    ans = yesno.answer(context(reports, "玉衡省和天枢省今年一般公共预算收入增长目标一样吗？"))
    assert ans is not None and ans.found and ans.answer.startswith("否")  # 5%以上 and 5%左右
    assert "5%以上" in ans.answer and "5%左右" in ans.answer
    assert {c.doc_id for c in ans.citations} == {YUHENG, TIANSHU}
    ans = yesno.answer(context(reports, "玉衡省和天枢省今年城镇新增就业目标一样吗？"))
    assert ans is not None and ans.answer.startswith("否") and "50万人以上" in ans.answer
    ans = yesno.answer(context(reports, "玉衡省和天枢省今年居民消费价格涨幅目标一样吗？"))
    assert ans is not None and ans.answer.startswith("是") and ans.figures == ("2%左右", "2%左右")


def test_a_count_asked_lists_the_heading_with_that_many_parts(reports):
    from assistant.answerers.listing import ListAnswerer

    # 哪四个方面: the four sub-headings, not the three things one sentence enumerates
    ans = ListAnswerer().answer(context(reports, "天枢省今年重点工作有哪四个方面？"))
    assert ans is not None and ans.found
    assert all(h in ans.answer for h in ("扩大有效投资", "培育新兴产业", "深化改革开放", "增进民生福祉"))
    assert len(ans.citations) == 4


def test_a_follow_up_about_it_last_year_leaves_the_plan_s_section(reports):
    # 它 is the earlier question's subject; 去年 is the report's past year, in its review section
    turns = [{"role": "user", "content": "玉衡省2026年规模以上工业增加值预期增长多少？"},
             {"role": "assistant", "content": "规模以上工业增加值增长6.5%左右（玉衡省2026年政府工作报告）。"}]
    ans = reports.ask("那它去年实际增长了多少？", history=turns)
    assert ans.found and "7.2%" in ans.answer and "6.5%" not in ans.answer
    assert ans.citations[0].clause == f"{YUHENG}/一"


def test_a_plan_period_s_target_answers_its_end(reports):
    # “十五五”末 asks the level the plan sets for its period: reached by its end (2030)
    ans = reports.ask("“十五五”末玉衡省五年累计城镇新增就业要达到多少？")
    assert ans.found and "250万人以上" in ans.answer
