"""Sentences cut by a line break in text of any layout (a report saved from a page whose
bold words or subscripts stood on lines of their own) are joined; headings, titles, list
items and whole sentences keep their lines. The report below is written for the tests."""

from __future__ import annotations

from test_figures import figures_of, one

from index.clean import clean_text
from index.figures import CODE

REPORT = """2026年青川县政府工作报告
——2026年1月20日在青川县第十八届人民代表大会第五次会议上
各位代表：
一、2025年工作回顾
过去一年，全县空气质量持续改善，PM
2.5
年平均浓度降至25微克/立方米，比上年下降4%。
二、2026年工作安排
今年经济社会发展的
主要预期目标
是：地区生产总值增长5%左右；一般公共预算收入增长3%左右。
深入推进“双向
揭榜
挂帅”，由企业带技术
揭榜
；由院所带成果转化。
三、关于印发青川县重点项目清单的
通知
（一）加强组织领导
"""


def test_cut_sentences_are_joined():
    clean, offsets = clean_text(REPORT)
    lines = clean.split("\n")
    assert "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右；一般公共预算收入增长3%左右。" in lines
    assert "过去一年，全县空气质量持续改善，PM2.5年平均浓度降至25微克/立方米，比上年下降4%。" in lines
    assert "深入推进“双向揭榜挂帅”，由企业带技术揭榜；由院所带成果转化。" in lines
    assert all(REPORT[o] == c for o, c in zip(offsets, clean, strict=False))


def test_headings_titles_and_whole_sentences_keep_their_lines():
    lines = clean_text(REPORT)[0].split("\n")
    for line in ("2026年青川县政府工作报告", "各位代表：", "一、2025年工作回顾", "二、2026年工作安排",
                 "（一）加强组织领导", "通知"):
        assert line in lines, (line, lines)


def test_a_joined_target_is_one_figure_sentence():
    f = one(REPORT, "5%左右")
    assert f.measure == "地区生产总值增长"
    assert "主要预期目标是" in f.sentence
    assert "PM2.5年平均浓度" in one(REPORT, "25微克/立方米").measure
    # PM2.5 is a name, not 2.5 years
    assert [x.qualifier for x in figures_of(REPORT) if x.text == "2.5年"] == [CODE]


def test_ordinary_lines_stay():
    raw = "某县实施方案\n一、目标\n到2026年，新增20家\n二、任务\n加强领导的\n（一）组织保障\n"
    assert clean_text(raw)[0] == raw.rstrip("\n")


def test_this_year_of_a_paragraph_that_names_its_year():
    text = "2026年是开局之年，意义重大。今年经济社会发展的\n主要预期目标\n是：地区生产总值增长5%左右。\n"
    assert one(text, "5%左右").time == "2026年"
    assert one("今年是开局之年。今年地区生产总值增长5%左右。", "5%左右").time == "今年"


# A statute hard-wrapped at a fixed width, numerals cut across lines (三十\n三人, 少\n於, 億\n元).
WRAPPED = ("某某重建特別條例\n第 1 條\n為推動颱風災後重建工作，特制定本條例。重建委員會置委員三十\n"
           "三人至三十七人，由召集人就有關機關首長派兼之，其中災民代表合計不得少\n"
           "於五分之一。金融機構承受擔保品者，由政府就其承受金額最高八成之範圍\n"
           "內予以補助，補助期限最長不得逾六個月，並以一次為限。本條例施行期間\n"
           "為三年，必要時得延長，延長期間最多以二年為限，經費以新臺幣一千二百億\n元為限。\n")


def test_numerals_cut_by_a_hard_wrap_are_whole_figures():
    got = {f.text: (f.value, f.unit, f.qualifier) for f in figures_of(WRAPPED)}
    assert got["三十三人至三十七人"] == (33.0, "人", None)
    assert got["不得少於五分之一"][2] == "不得少於"
    assert got["最高八成"] == (8.0, "成", "最高")
    assert got["最長不得逾六個月"] == (6.0, "個月", "最長不得逾")
    assert got["一千二百億元"] == (1200.0, "億元", None)
    assert "第 1 條" in clean_text(WRAPPED)[0].split("\n")
