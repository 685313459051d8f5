"""Figures written in Chinese numerals read into the same records as Arabic ones, on a
document written for the tests (simplified and traditional), and words that only look like
numerals (一是, 第一条, 一批, 统一, 十四五, 三级医院, 一二三产, 千家万户) are no figures."""

from __future__ import annotations

import pytest
from test_figures import figures_of, one

from index.figures import NON_QUANTITY
from index.numerals import cn_value, years_in_digits

# A notice written for these tests: every figure in words, with the look-alikes around them.
DOC = """青川县扶持家庭农场若干措施
一、总体目标
到二〇二七年，全县培育示范家庭农场一百二十家，带动农户一万二千户。一是加强领导，二是强化保障。
二、扶持政策
（一）对新认定的示范农场，每家奖励五万元至十万元，贷款贴息最高以年利率百分之三为限。
（二）信用担保成数为八成，担保费率为千分之五；农场主代表不得少于三分之一。
（三）申请材料齐全的，一日内办结；补助资金于半年内拨付，试用期最长不超过两年。
（四）推出一批示范项目，提供一站式服务，统一标准，转诊至三级医院，推动一二三产融合，服务千家万户。
三、附则
本措施自二〇二六年一月一日起施行，“十四五”期间的政策同时废止。全年接待游客三千万人次，资助一千五百元。
"""


def test_amounts_in_words_have_value_and_unit():
    got = {f.text: f for f in figures_of(DOC)}
    assert (got["一百二十家"].value, got["一百二十家"].unit) == (120.0, "家")
    assert (got["一万二千户"].value, got["一万二千户"].unit) == (12000.0, "户")
    assert (got["三千万人次"].value, got["三千万人次"].unit) == (3000.0, "万人次")
    assert (got["一千五百元"].value, got["一千五百元"].unit) == (1500.0, "元")


def test_a_range_in_words_is_valued_by_its_first_end_in_its_unit():
    f = one(DOC, "五万元至十万元")
    assert (f.value, f.unit) == (5.0, "万元")
    assert one("奖励五十万元至一百万元。", "五十万元至一百万元").value == 50.0


def test_shares_in_words():
    assert (one(DOC, "百分之三").value, one(DOC, "百分之三").qualifier) == (3.0, "最高")
    assert (one(DOC, "八成").value, one(DOC, "八成").unit) == (8.0, "成")
    assert one(DOC, "千分之五").value == 5.0
    assert one(DOC, "不得少于三分之一").value == pytest.approx(1 / 3)


def test_periods_in_words_one_and_half():
    assert (one(DOC, "一日内").value, one(DOC, "一日内").qualifier) == (1.0, "内")
    half = one(DOC, "半年内")
    assert (half.value, half.unit) == (0.5, "年")
    assert one(DOC, "不超过两年").value == 2.0  # as 最长不超过2年 reads


def test_years_and_dates_in_words_are_labels_and_times():
    year = one(DOC, "二〇二七年")
    assert (year.value, year.qualifier) == (2027.0, "年份")
    assert one(DOC, "一百二十家").time == "到二〇二七年"
    date = one(DOC, "二〇二六年一月一日")
    assert date.qualifier == "日期"
    assert years_in_digits("到二〇二七年底前") == "到2027年底前"


def test_look_alikes_are_no_figures():
    texts = {f.text for f in figures_of(DOC) if f.qualifier not in NON_QUANTITY}
    for word in ("一是", "二是", "一批", "一站式", "统一", "十四五", "三级", "一二三产", "千家", "万户"):
        assert not any(word in t for t in texts), word
    assert [f.text for f in figures_of("一年来，我们一个一个抓落实，破除城乡二元结构。")] == []
    assert [f.text for f in figures_of("对毕业一年内的人才给予补贴，一年内完成。")] == ["一年内"]
    assert [f.text for f in figures_of("上半年完成，编制半年度报告，数十个项目，几十万人受益。")] == []


def test_about_counts_and_doubling_in_words():
    assert (one("救助三百余人。", "三百余").qualifier) == "余"
    assert (one("救助两万余人。", "两万余").value, one("救助两万余人。", "两万余").unit) == (2.0, "万")  # as 2万余 reads
    assert one("收入增长一倍。", "一倍").value == 1.0
    assert [f.text for f in figures_of("全年引进50余万人次。") if "万人次" in f.text and "50" not in f.text] == []


def test_traditional_script():
    text = "二、在新臺幣一千二百億元限額內編列。委員三十三人至三十七人。淹水達五十公分以上，每戶最高發給新臺幣二萬元。"
    assert (one(text, "一千二百億元").value, one(text, "一千二百億元").unit) == (1200.0, "億元")
    assert one(text, "三十三人至三十七人").value == 33.0
    assert (one(text, "二萬元").value, one(text, "二萬元").unit) == (2.0, "萬元")


def test_cn_value():
    assert cn_value("两") == 2.0
    assert cn_value("一千二百") == 1200.0
    assert cn_value("半") == 0.5
    assert cn_value("十") == 10.0


def test_times_of_a_base_in_words():
    text = "补贴标准提高到原来的两倍，是全国平均水平的一点五倍。贯彻党的二十大精神，抓好重点项目。"
    got = {f.text: f.value for f in figures_of(text)}
    assert got == {"两倍": 2.0, "一点五倍": 1.5}  # 的二十大 and 重点 are no figures
