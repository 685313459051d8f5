"""Comparisons, sums and several parts across two provincial work reports written for these
tests (开阳省 and 瑶光省, made up), laid out as real ones are: one states last year's GDP only
in its five-year review (全省生产总值从2020年的…增长到2025年的…), the other as 全省地区生产
总值 of 过去一年; each lists this year's targets after 主要预期目标是 (the first target's
phrase carries the list's opening words)."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.answerers.aggregation import AggregationAnswerer
from assistant.answerers.comparison import ComparisonAnswerer
from assistant.answerers.parts import PartsAnswerer

KAIYANG, YAOGUANG = "kaiyang-2026", "yaoguang-2026"


def _report(doc_id: str, file: str, place: str, date: str) -> dict:
    title = f"{place}2026年政府工作报告"
    return {"doc_id": doc_id, "file": file, "title": title, "label": title, "place": place,
            "issuer": f"{place}人民政府", "date": date, "year": 2026, "script": "simplified",
            "inferred": [], "missing": ["doc_number"]}


REPORTS = [_report(KAIYANG, "kaiyang_work_report_2026.txt", "开阳省", "2026-01-22"),
           _report(YAOGUANG, "yaoguang_work_report_2026.txt", "瑶光省", "2026-01-26")]


@pytest.fixture(scope="module")
def reports(tmp_path_factory, request):  # noqa: ANN201 - an Assistant
    return assistant_on(tmp_path_factory.mktemp("across"), REPORTS, request, "across_reports")


def test_a_province_s_gdp_written_without_地区_is_the_one_asked(reports):
    # 开阳省 writes 全省生产总值 (no 地区) in its review of five years; the year asked picks 2025's
    ans = AggregationAnswerer().answer(context(reports, "开阳省和瑶光省2025年地区生产总值加起来多少？"))
    assert ans is not None and ans.found and ans.computation == "2.85+3.1=5.95"
    assert "2.10万亿元" not in ans.answer and {c.doc_id for c in ans.citations} == {KAIYANG, YAOGUANG}
    ans = ComparisonAnswerer().answer(context(reports, "开阳省和瑶光省2025年地区生产总值谁大，大多少？"))
    assert ans is not None and ans.found and "瑶光省更大" in ans.answer and "0.25万亿元" in ans.answer


def test_last_year_is_read_in_each_report_for_several_parts(reports):
    ans = PartsAnswerer().answer(context(reports, "开阳省和瑶光省去年地区生产总值分别是多少？"))
    assert ans is not None and ans.found and ans.type == "parts"
    assert set(ans.figures) == {"2.85万亿元", "3.1万亿元"}
    assert {c.doc_id for c in ans.citations} == {KAIYANG, YAOGUANG}


def test_each_report_s_target_of_the_measure_asked_not_the_list_s_first(reports):
    # 主要预期目标是：地区生产总值增长…，一般公共预算收入增长…: the second is asked
    ans = PartsAnswerer().answer(context(reports, "开阳省和瑶光省今年一般公共预算收入分别预期增长多少？"))
    assert ans is not None and ans.found
    assert ans.figures == ("3%左右", "2%左右")
    assert "开阳省" in ans.answer and "瑶光省" in ans.answer and "今年" in ans.answer


def test_a_report_without_last_year_s_figure_is_named_missing_the_other_still_answered(reports):
    # 瑶光省 gives 城镇新增就业 only as this year's target (50万人以上)
    ans = PartsAnswerer().answer(context(reports, "开阳省和瑶光省去年城镇新增就业分别多少？"))
    assert ans is not None and ans.found and ans.figures == ("46万人",)
    assert "瑶光省的文件没有给出去年的城镇新增就业" in ans.answer and "50万人以上" not in ans.answer


def test_two_items_written_as_one_word_take_their_respective_figures(reports):
    # 存贷款余额分别达4.2万亿元、3.5万亿元: 存款 is the first, 贷款 the second
    ans = ComparisonAnswerer().answer(context(reports, "开阳省银行机构本外币存款和贷款余额哪个多？"))
    assert ans is not None and ans.found
    assert "存款为达4.2万亿元" in ans.answer and "贷款为3.5万亿元" in ans.answer and "存款更多" in ans.answer
    from assistant.answerers.difference import DifferenceAnswerer

    ans = DifferenceAnswerer().answer(context(reports, "开阳省银行机构本外币存款余额比贷款余额多多少？"))
    assert ans is not None and ans.computation == "4.2−3.5=0.7" and "存款比贷款多0.7万亿元" in ans.answer


def test_one_measure_in_the_two_years_a_question_names(reports):
    # 过去一年 31微克/立方米, this year's target 30微克/立方米左右: the lower named, the gap shown
    ans = ComparisonAnswerer().answer(context(reports, "开阳省今年细颗粒物浓度目标比去年实际高还是低？低多少？"))
    assert ans is not None and ans.found
    assert "今年为30微克/立方米左右" in ans.answer and "去年为31微克/立方米" in ans.answer
    assert "今年比去年低1微克/立方米" in ans.answer and ans.computation == "31−30=1"
    ans = ComparisonAnswerer().answer(context(reports, "开阳省2026年细颗粒物浓度控制目标比2025年实际高还是低？"))
    assert ans is not None and "2026年更低" in ans.answer and {c.doc_id for c in ans.citations} == {KAIYANG}


def test_a_measure_given_for_one_of_the_two_years_only_is_not_set_against_itself(reports):
    from assistant.answerers.comparison import over_time

    # 粮食产量 is given once (the five-year review's 600亿斤以上): no pair of years to compare
    assert over_time(context(reports, "开阳省今年粮食产量比去年高还是低？")) == []
    pair = over_time(context(reports, "开阳省今年城镇新增就业目标比去年实际多还是少？"))
    assert [(label, x.item.fig.text) for label, x in pair] == [("今年", "45万人以上"), ("去年", "46万人")]


def test_a_sum_of_the_parts_of_a_stated_total_says_the_total(reports):
    # 全年粮食总产量1520万吨…。其中，夏粮…早稻…秋粮…: the parts make up the total stated
    ans = AggregationAnswerer().answer(context(reports, "开阳省去年夏粮、早稻和秋粮产量合计多少？"))
    assert ans is not None and ans.computation == "410+180+930=1520"
    assert "文件给出的总数为1520万吨，与合计一致" in ans.answer and len(ans.citations) >= 1
    # two of the three do not make it up: the total is not said to be theirs
    ans = AggregationAnswerer().answer(context(reports, "开阳省2025年夏粮和秋粮产量加起来多少？"))
    assert ans is not None and ans.computation == "410+930=1340" and "总数" not in ans.answer


def test_a_figure_is_of_the_time_its_paragraph_opens_with_not_a_plan_it_mentions(reports):
    from assistant.periods import figure_period

    # 过去一年，…“十四五”圆满收官。细颗粒物年均浓度31微克/立方米: last year's, not the plan's
    fig = next(v for v in reports._state.view(KAIYANG).figs if v.fig.text == "31微克/立方米")
    assert figure_period(fig).one_year == 2025
    from assistant.answerers.difference import DifferenceAnswerer

    ans = DifferenceAnswerer().answer(context(reports, "开阳省今年细颗粒物浓度目标比去年实际低多少？"))
    assert ans is not None and ans.computation == "31−30=1" and "去年为31微克/立方米" in ans.answer


def test_units_of_different_magnitude_are_converted_and_the_conversion_shown():
    from assistant.magnitudes import common_unit, magnitude

    assert magnitude("万亿元") == (10 ** 12, "元") and magnitude("人") == (1, "人")
    assert common_unit(["万亿元", "亿元"]) == "亿元" and common_unit(["万人", "人"]) == "人"
    assert common_unit(["亿元", "%"]) is None and common_unit(["亿元", "万吨"]) is None and common_unit([]) is None


def test_a_comparison_and_a_sum_across_units_of_one_kind(reports):
    # 开阳省 3260亿元 (2025年), 瑶光省 0.41万亿元 (过去一年): compared and added in 亿元
    ans = ComparisonAnswerer().answer(context(reports, "开阳省和瑶光省2025年一般公共预算收入哪个多？多多少？"))
    assert ans is not None and ans.found and "瑶光省更多" in ans.answer
    assert ans.computation == "0.41×10000=4100，4100−3260=840" and "840亿元" in ans.answer
    ans = AggregationAnswerer().answer(context(reports, "开阳省和瑶光省2025年一般公共预算收入加起来多少？"))
    assert ans is not None and ans.computation == "0.41×10000=4100，3260+4100=7360" and "7360亿元" in ans.answer


def test_a_subtraction_asked_with_减_names_both_and_the_smaller_as_less(reports):
    from assistant.answerers.difference import DifferenceAnswerer

    ans = DifferenceAnswerer().answer(context(reports, "瑶光省第三产业增加值减第二产业增加值是多少？"))
    assert ans is not None and ans.computation == "17000−11400=5600"
    assert "第三产业增加值比第二产业增加值多5600亿元" in ans.answer
    ans = DifferenceAnswerer().answer(context(reports, "瑶光省第二产业增加值减去第三产业增加值得多少？"))
    assert ans is not None and ans.computation == "17000−11400=5600" and "少5600亿元" in ans.answer
    # 减少 is no subtraction asked
    assert DifferenceAnswerer().answer(context(reports, "瑶光省今年城镇新增就业减少了吗？")) is None


def test_a_rise_over_the_years_a_paragraph_names_from_a_sentence_going_from_to(reports):
    from assistant.answerers.ratio import DerivedAnswerer

    # 这五年… (the paragraph): 一般公共预算收入从2020年的2480亿元增长到2025年的3260亿元
    ans = DerivedAnswerer().answer(context(reports, "开阳省这五年一般公共预算收入增加了多少亿元？"))
    assert ans is not None and ans.found and ans.computation == "3260−2480=780" and "780亿元" in ans.answer


def test_a_breakdown_asked_as_a_list_with_各_is_one_part_per_item(reports):
    # …多少家？其中A、B、C各多少家: four parts, each its own figure
    ans = PartsAnswerer().answer(context(
        reports, "瑶光省认定专精特新企业多少家？其中制造业、信息服务业、其他行业各多少家？"))
    assert ans is not None and ans.found
    assert set(ans.figures) == {"860家", "620家", "150家", "90家"}


def test_a_measure_asked_of_a_report_that_never_names_it_is_named_missing(reports):
    # 瑶光省's report has no 存款余额: asked of it in so many words, it is missing, nothing compared
    ans = ComparisonAnswerer().answer(context(reports, "开阳省的存款余额和瑶光省的存款余额哪个多？"))
    assert ans is not None and not ans.found, ans
    assert "瑶光省的文件中没有找到" in ans.answer and "无法比较" in ans.answer, ans.answer
