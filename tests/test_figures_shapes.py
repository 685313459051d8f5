"""Figure shapes of real government documents, each on text written for the test."""

from __future__ import annotations

import pytest

from index.clean import clean_text
from index.figures import extract_figures
from index.outline import parse_outline
from index.records import Figure


def figures_of(text: str) -> list[Figure]:
    clean, offsets = clean_text(text)
    return extract_figures(clean, offsets, parse_outline(clean, offsets, "t"), "t")


def one(text: str, figure: str) -> Figure:
    hits = [f for f in figures_of(text) if f.text == figure]
    assert hits, f"no {figure!r} in {[f.text for f in figures_of(text)]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "figure", "qualifier", "measure"),
    [
        ("申请人在本县连续居住累计满200天的，可以登记。", "满200天", "满", "申请人在本县连续居住"),
        ("年满16周岁的学员，可报名。", "年满16周岁", "年满", "学员"),
        ("公示期不得超过15天。", "不得超过15天", "不得超过", "公示期"),
        ("每次补贴最高不得超过8万元。", "最高不得超过8万元", "最高不得超过", "每次补贴"),
        ("审批时间最迟不超过3个工作日。", "最迟不超过3个工作日", "最迟不超过", "审批时间"),
        ("绿地率应不小于35%。", "不小于35%", "不小于", "绿地率"),
        ("租金涨幅不大于3%。", "不大于3%", "不大于", "租金涨幅"),
        ("人均住房面积低于12平方米的家庭。", "低于12平方米", "低于", "人均住房面积"),
        ("刑满释放未逾2年的，不得担任。", "未逾2年", "未逾", "刑满释放"),
        ("停业期限最长不得超过2年。", "最长不得超过2年", "最长不得超过", "停业期限"),
    ],
)
def test_qualifiers_written_before_the_figure(text, figure, qualifier, measure):
    f = one(text, figure)
    assert (f.qualifier, f.measure) == (qualifier, measure)


@pytest.mark.parametrize(
    ("text", "figure", "qualifier", "measure"),
    [
        ("检查组应当至少有3名工作人员。", "3名", "至少", "检查组工作人员"),
        ("药品用量最长放宽至8周。", "8周", "最长", "药品用量"),
        ("救助金额不超过本省4个月的低保标准。", "4个月", "不超过", "救助金额"),
        ("停车费不高于每人每天20元。", "20元", "不高于", "停车费"),
        ("绿化面积应不小于用地面积的30%。", "30%", "不小于", "绿化面积"),
        ("补贴期限最多以三年为限。", "三年", "最多", "补贴期限"),
    ],
)
def test_qualifiers_a_word_or_two_away(text, figure, qualifier, measure):
    f = one(text, figure)
    assert (f.qualifier, f.measure) == (qualifier, measure)


def test_thousands_separator_is_one_number():
    figs = figures_of("护理费每人每月2,500元，全年合计12,345.5元，序列1,2,3不是金额。")
    assert [(f.text, f.value) for f in figs][:2] == [("2,500元", 2500.0), ("12,345.5元", 12345.5)]
    assert one("护理费每人每月2,500元。", "2,500元").time == "每月"


def test_rate_periods_are_the_time():
    assert one("伙食补助每人每天80元。", "80元").time == "每天"
    assert one("交通补助每人每周100元。", "100元").time == "每周"
    assert one("在一个纳税年度内居住不超过60天的个人。", "不超过60天").time == "一个纳税年度内"
    assert one("居住满100天的年度连续满五年的个人。", "满五年").time is None  # 的年度 is no scope
