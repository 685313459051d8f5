"""Figures: every number of both seeds, with measure, time, qualifier and clause."""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path

import pytest

from corpus.sources import load_sources
from index.clean import clean_text
from index.figures import NON_QUANTITY, extract_figures, numeric_coverage
from index.ingest import parse_file
from index.outline import ClauseLocator, parse_outline
from index.records import Figure, ParsedDocument

ROOT = Path(__file__).resolve().parent.parent


@cache
def seed(doc_id: str) -> ParsedDocument:
    source = next(s for s in load_sources() if s.doc_id == doc_id)
    return parse_file(ROOT / "corpus" / source.file, source)


def find(doc: ParsedDocument, text: str, clause: str | None = None) -> Figure:
    hits = [f for f in doc.figures if f.text == text and (clause is None or f.clause_id.endswith(clause))]
    assert hits, f"no figure {text!r} in {clause}"
    return hits[0]


def figures_of(text: str) -> list[Figure]:
    clean, offsets = clean_text(text)
    clauses = parse_outline(clean, offsets, "t")
    return extract_figures(clean, offsets, clauses, "t")


@pytest.mark.parametrize("doc_id", ["dongying-2021", "tengzhou-2024"])
def test_numeric_token_coverage(doc_id):
    """Acceptance: >= 98% of the digit runs are covered by a figure of the right clause."""
    doc = seed(doc_id)
    tokens = re.findall("[0-9０-９]+", doc.clean)
    coverage = numeric_coverage(doc.clean, doc.figures, doc.clauses)
    print(f"\n{doc_id}: {len(tokens)} numeric tokens, {len(doc.figures)} figures, coverage {coverage:.1%}")
    assert len(tokens) > 100
    assert coverage >= 0.98


def test_coverage_counts_the_clause():
    doc = seed("tengzhou-2024")
    wrong = [dataclasses.replace(f, clause_id="tengzhou-2024/一") for f in doc.figures]
    assert numeric_coverage(doc.clean, wrong, doc.clauses) < 0.5


@pytest.mark.parametrize("doc_id", ["dongying-2021", "tengzhou-2024"])
def test_figures_in_deepest_clause_and_spans(doc_id):
    doc = seed(doc_id)
    locator = ClauseLocator(doc.clauses)
    for f in doc.figures:
        assert doc.clean[f.clean_span[0] : f.clean_span[1]] == f.text
        assert locator.at(f.clean_span[0]).id == f.clause_id
        assert doc.raw_span(*f.clean_span) == f.span
        assert f.text in f.sentence or f.qualifier in NON_QUANTITY


def test_dongying_goal_figures():
    doc = seed("dongying-2021")
    f = find(doc, "21.31億元", "二/（一）/1")
    assert (f.value, f.unit, f.qualifier, f.time, f.measure) == (21.31, "億元", None, "2021年", "產業增加值")
    assert f.sentence == "2021年產業增加值達到21.31億元,比2020年增加2.94億元,同比增速16%以上。"
    assert doc.raw[f.span[0] : f.span[1]] == "21.31億元"
    g = find(doc, "16%以上", "二/（一）/1")
    assert (g.value, g.unit, g.qualifier, g.measure) == (16.0, "%", "以上", "同比增速")
    assert find(doc, "2.94億元").time == "2021年"  # not the comparison base 2020年
    p = find(doc, "32.78億元", "二/（一）/3")
    assert p.measure == "計劃總投資"
    assert find(doc, "11.95億元").measure == "年度計劃投資"
    assert "重大項目" in find(doc, "9個", "二/（一）/3").measure


def test_dongying_other_figures():
    doc = seed("dongying-2021")
    assert find(doc, "1121").clause_id == "dongying-2021/四/（三）/10"
    assert find(doc, "1-2個").value == 1.0
    assert find(doc, "350家以上").measure == "全市高新技術企業"
    assert find(doc, "20名左右").qualifier == "左右"
    five = find(doc, "5家", "三/（五）/2/六是")
    assert five.time == "年內" and five.qualifier == "力爭"
    assert find(doc, "200萬噸/年").unit == "萬噸/年"
    assert find(doc, "百億元").value == 100.0
    assert find(doc, "2021年6月").qualifier in NON_QUANTITY
    assert not [f for f in doc.figures if "強" in f.text or "十九" in f.text]
    # 九大改革攻堅 is a count; the 九大 of 黨的十九大 is not
    nine = [f for f in doc.figures if f.text == "九大"]
    assert len(nine) == 1 and doc.clean[nine[0].clean_span[0] - 1] == "“"


def test_tengzhou_figures():
    doc = seed("tengzhou-2024")
    f = find(doc, "新增省级以上创新平台20家".replace("新增省级以上创新平台", ""), "二/（一）/1")
    assert (f.measure, f.time, f.unit) == ("新增省级以上创新平台", "到2026年", "家")
    assert find(doc, "220家").measure == "国家高新技术企业"
    assert find(doc, "不少于12场").qualifier == "不少于"
    assert find(doc, "不少于12场").time == "每年"
    w = find(doc, "3.25亿立方米以内")
    assert (w.value, w.unit, w.qualifier) == (3.25, "亿立方米", "以内")
    assert find(doc, "9.06公顷").measure == "历史文化街区保护修缮工作"
    assert find(doc, "5.5%以上").measure == "年均增长"
    assert find(doc, "26.5%左右").qualifier == "左右"
    mines = [f for f in doc.figures if f.clause_id.endswith("/25") and f.unit == "%"]
    assert [f.text for f in mines] == ["不低于90%", "80%", "70%"]
    assert {f.qualifier for f in mines} == {"不低于"}
    assert len({f.measure for f in mines}) == 1
    assert [f.value for f in find_all(doc, "亿元", "/5")] == [125.0, 700.0, 375.0]


def find_all(doc: ParsedDocument, unit: str, clause: str) -> list[Figure]:
    return [f for f in doc.figures if f.unit == unit and f.clause_id.endswith(clause)]


def test_non_quantities_are_marked():
    doc = seed("tengzhou-2024")
    assert find(doc, "滕政发〔2024〕8号").qualifier == "文号"
    assert find(doc, "鲁办发〔2023〕13号").qualifier == "文号"
    assert find(doc, "2024年8月6日").qualifier == "日期"
    year = find(doc, "2026年")
    assert (year.unit, year.measure, year.qualifier) == ("年", "", "年份")
    assert find(doc, "2023-2025年").qualifier == "年份"
    assert find(doc, "1", "二/（一）/1").qualifier == "序号"


def test_snippets():
    figs = figures_of("1.目标。到2026年，新增专利不少于12件，完成9.06公顷改造。")
    assert [f.text for f in figs] == ["1", "2026年", "不少于12件", "9.06公顷"]
    assert figs[2].measure == "新增专利" and figs[2].time == "到2026年"
    assert figures_of("没有数字。") == []
    assert figures_of("") == []


def test_chinese_numerals():
    figs = figures_of("选拔二十名技师，围绕6大方向，打造五大产业，党的十九大精神，十强产业。")
    assert [(f.text, f.value) for f in figs] == [("二十名", 20.0), ("6大", 6.0), ("五大", 5.0)]


def one(text: str, figure: str) -> Figure:
    hits = [f for f in figures_of(text) if f.text == figure]
    assert hits, f"no {figure!r} in {[f.text for f in figures_of(text)]}"
    return hits[0]


def test_a_unit_after_an_approximate_number():
    # 680多件, 11万多户, 2400多亿元: the unit written after 多/余 is the figure's
    assert [(f.text, f.unit) for f in figures_of("办实事680多件，新增经营主体11万多户，完成投资2400多亿元。")] \
        == [("680多件", "件"), ("11万多户", "万户"), ("2400多亿元", "亿元")]
    assert one("培育100多元化企业。", "100多").unit == ""  # 多元化 is a word, not 多 + 元
    # two figures of other units a comma apart are no list: each has its own measure
    late = one("投入民生保障资金1300多亿元，40件民生实事全面完成。", "40件")
    assert "民生保障资金" not in late.measure


def test_each_part_has_its_own_time():
    text = "到2020年，全市地区生产总值达到500亿元；到2025年，达到800亿元。"
    assert one(text, "500亿元").time == "到2020年"
    late = one(text, "800亿元")
    assert (late.time, late.measure) == ("到2025年", "全市地区生产总值")


def test_a_time_inside_another_parts_phrase_is_that_parts_own():
    # 获得2031年度…奖励: the awards' year; the next semicolon part is the bulletin's 2032年
    text = "2032年，获得2031年度省级科技奖励10项；认定国家高新技术企业210家。"
    assert one(text, "10项").time == "2031年度"
    assert one(text, "210家").time == "2032年"
    # a time that opens its comma part scopes the parts after it
    assert one("2031年，全市生产总值500亿元；工业增加值200亿元。", "200亿元").time == "2031年"
    assert one("在2031年，全市生产总值500亿元；工业增加值200亿元。", "200亿元").time == "2031年"


def test_time_from_the_paragraph_and_the_lead_in():
    text = "今年经济社会发展主要预期目标是：地区生产总值增长5%左右，城镇调查失业率控制在5.5%左右。"
    assert one(text, "5%左右").time == "今年"
    assert one(text, "5.5%左右").time == "今年"
    review = "过去一年，我们顶压前行。全年实现地区生产总值5696亿元，增长5.3%。"
    assert one(review, "5696亿元").time == "过去一年"
    assert one("2019年3月底前，各省完成考核，覆盖率达到90%。", "90%").time == "2019年3月底前"
    # 全年 is the year its paragraph names before it, not the report's own year
    named = "刚刚过去的2031年，全省完成全年目标任务。民生改善。城镇新增就业12.4万人。"
    assert one(named, "12.4万人").time == "2031年"
    assert one("全年投资增长5%左右。", "5%左右").time == "全年"  # nothing names it: kept as written
    assert one("“十四五”期间，信贷规模突破3万亿元。", "突破3万亿元").time == "“十四五”期间"
    assert one("“十五五”良好开局，增长5%。", "5%").time is None  # not a time scope


def test_comparison_base_is_not_the_time():
    assert one("较2023年增长12%。", "12%").time is None
    f = one("全县旅游综合收入比2010年增长286.9%。", "286.9%")
    assert (f.time, f.measure) == (None, "全县旅游综合收入增长")
    g = one("全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元。", "4.93万亿元")
    assert (g.time, g.unit, g.value, g.measure) == ("2025年", "万亿元", 4.93, "全省生产总值")
    assert one("全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元。", "3.68万亿元").time == "2020年"


def test_frequency_words_scope_their_own_part():
    text = "本科毕业生每人每月500元，博士研究生每人15万元。"
    assert one(text, "500元").time == "每月"
    assert one(text, "15万元").time is None


def test_change_phrase_takes_the_subject_before_it():
    text = "全年地区生产总值[2]32074.7亿元，比上年增长4.7%。"
    gdp = one(text, "32074.7亿元")
    assert (gdp.measure, gdp.time) == ("全年地区生产总值", "全年")
    assert one(text, "4.7%").measure == "全年地区生产总值增长"
    assert one(text, "2").qualifier == "序号"  # the footnote mark


def test_pairs_share_measure_and_qualifier():
    figs = [f for f in figures_of("城镇和农村居民收入分别增长7%左右和8%左右。") if f.unit == "%"]
    assert [(f.text, f.qualifier) for f in figs] == [("7%左右", "左右"), ("8%左右", "左右")]
    assert [f.measure for f in figs] == ["城镇居民收入增长", "农村居民收入增长"]
    mixed = figures_of("原煤、原油、天然气产量分别达到7000万吨、1280万吨、10亿立方米。")
    assert [(f.value, f.unit) for f in mixed] == [(7000.0, "万吨"), (1280.0, "万吨"), (10.0, "亿立方米")]
    assert [f.measure for f in mixed] == ["原煤产量", "原油产量", "天然气产量"]
    bulletin = figures_of("战略性新兴产业、高新技术产业、装备制造业增加值分别比上年增长20.6%、16.9%、17.3%。")
    assert [f.measure for f in bulletin] == [
        "战略性新兴产业增加值增长", "高新技术产业增加值增长", "装备制造业增加值增长"]
    monthly = figures_of("城乡居民基础养老金、低保标准每月分别提高25元、50元。")
    assert [(f.measure, f.time) for f in monthly] == [("城乡居民基础养老金标准提高", "每月"), ("低保标准提高", "每月")]
    series = figures_of("对正常经营6、18、36个月以上的，依次给予最高5000元、1万元、2万元补贴。")
    assert [f.qualifier for f in series if f.unit.endswith("元")] == ["最高"] * 3


def test_a_series_of_modifiers_shares_one_measure():
    figs = figures_of("全市大、中、小型生产矿山绿色矿山建成率分别不低于90%、80%、70%。")
    assert len({f.measure for f in figs}) == 1 and "绿色矿山建成率" in figs[0].measure


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit", "qualifier"),
    [
        ("地区生产总值5.2万亿元。", "5.2万亿元", 5.2, "万亿元", None),
        ("普惠小微企业贷款余额超万亿元。", "超万亿元", 1.0, "万亿元", "超"),
        ("接待游客1.2亿人次。", "1.2亿人次", 1.2, "亿人次", None),
        ("高于全国0.4个百分点。", "0.4个百分点", 0.4, "个百分点", None),
        ("60—64岁的缴费比例为0.15%。", "60—64岁", 60.0, "岁", None),
        ("办理时限压缩至1个工作日内。", "1个工作日内", 1.0, "个工作日", "内"),
        ("1日内办结。", "1日内", 1.0, "日", "内"),
        ("每家不少于2000卡时。", "不少于2000卡时", 2000.0, "卡时", "不少于"),
        ("建设用地100平方米。", "100平方米", 100.0, "平方米", None),
        ("增长9.3％。", "9.3％", 9.3, "％", None),
        ("增长2.5倍。", "2.5倍", 2.5, "倍", None),
        ("补助标准20000元/年。", "20000元/年", 20000.0, "元/年", None),
        ("低保标准825元/人月。", "825元/人月", 825.0, "元/人月", None),
        ("给予最高100万补助。", "最高100万", 100.0, "万", "最高"),
        ("最高不超过50万元。", "最高不超过50万元", 50.0, "万元", "最高不超过"),
        ("单家最高可获得3000元。", "3000元", 3000.0, "元", "最高"),
        ("优良天数比率接近80%。", "接近80%", 80.0, "%", "接近"),
        ("营业收入超1000万。", "超1000万", 1000.0, "万", "超"),
        ("按不超过费用的60%给予补助。", "60%", 60.0, "%", "不超过"),
        ("地区生产总值增长4.5%—5%。", "4.5%—5%", 4.5, "%", None),
        ("平均气温19.0℃。", "19.0℃", 19.0, "℃", None),
        ("粮食产量730亿斤以上。", "730亿斤以上", 730.0, "亿斤", "以上"),
        ("中央政府應編列特別預算一千二百億元。", "一千二百億元", 1200.0, "億元", None),
        ("每年检查两次。", "两次", 2.0, "次", None),
        ("年营业收入超千万。", "超千万", 1000.0, "万", "超"),
    ],
)
def test_units_and_qualifiers(text, figure, value, unit, qualifier):
    f = one(text, figure)
    assert (f.value, f.unit, f.qualifier) == (value, unit, qualifier)


def test_no_figure_in_adverbs():
    assert figures_of("千万不要忘记，一个也不能少。") == []
    assert [f.text for f in figures_of("三次产业的比重为12.89：56.87：30.24。")] == ["12.89", "56.87", "30.24"]


def test_a_list_shares_the_unit_written_last():
    figs = figures_of("比上年提高3.9、2.0、2.9个百分点。")
    assert [(f.text, f.unit) for f in figs] == [("3.9", "个百分点"), ("2.0", "个百分点"), ("2.9个百分点", "个百分点")]


def test_periods_are_one_figure():
    figs = figures_of("统计期间为2019年1月1日至12月31日，规划期为2018—2022年。")
    assert [f.text for f in figs] == ["2019年1月1日至12月31日", "2018—2022年"]
    assert {f.qualifier for f in figs} <= NON_QUANTITY


def test_counted_thing_after_the_figure():
    assert one("到2028年，建成百个人工智能OPC生态社区。", "百个").measure == "建成人工智能OPC生态社区"


def test_table_cells():
    text = (
        "一、工业\n2015年主要工业产品产量如下。\n产品名称 | 计量单位 | 产量 | 较上年±%\n"
        "饮料酒 | 千升 | 15767 | 18.64\n烟花鞭炮 | 万箱 | 1575 | 3.2\n\n"
        "序号 | 门诊特定病种 | 统筹基金最高支付限额 | 审核确认有效期\n1 | 恶性肿瘤 | 20000元/年 | 2年\n"
    )
    drink = one(text, "15767")
    assert (drink.measure, drink.unit, drink.time) == ("饮料酒 产量", "千升", "2015年")
    assert (one(text, "18.64").measure, one(text, "18.64").unit) == ("饮料酒 较上年±%", "%")
    assert one(text, "1575").unit == "万箱"
    limit = one(text, "20000元/年")
    assert (limit.measure, limit.unit) == ("恶性肿瘤 统筹基金最高支付限额", "元/年")
    assert one(text, "2年").measure == "恶性肿瘤 审核确认有效期"
    assert one(text, "1").qualifier == "序号"


def test_time_from_a_lead_in_line_and_an_unmarked_heading():
    goals = "“十五五”时期，要努力实现以下目标任务：\n一是高质量发展水平明显提升。全省地区生产总值年均增长5%以上。\n"
    assert one(goals, "5%以上").time == "“十五五”时期"
    review = "“十四五”时期工作回顾\n——这是综合实力快速跃升的五年。全省地区生产总值达到13697.5亿元。\n"
    assert one(review, "13697.5亿元").time == "“十四五”时期"
    assert one("本文件有效期2年，自2026年7月31日起施行。", "2年").time == "自2026年7月31日起施行"
    assert one("地区生产总值增长5%，经济增速2022年以来连续16个季度高于全国。", "5%").time is None


def test_items_that_name_a_measure_are_not_completed():
    figs = figures_of("游客人次、旅游花费分别增长2.5倍、3倍。")
    assert [f.measure for f in figs] == ["游客人次增长", "旅游花费增长"]


def test_what_is_given_names_the_amount():
    assert one("对认定的社区，基于运营绩效给予最高100万元的运营补助。", "最高100万元").measure == "运营补助"
    loan = "为符合条件的创业者提供最高30万元、最长3年的创业担保贷款。"
    assert one(loan, "最高30万元").measure == "创业担保贷款"
    cap = "按不超过年度交易金额的20%给予“数据券”补贴，每家OPC每年最高50万元。"
    assert (one(cap, "最高50万元").measure, one(cap, "最高50万元").time) == ("“数据券”补贴", "每年")
    assert one("单个项目投入不低于5万元。", "不低于5万元").measure == "单个项目投入"  # nothing given before


def test_per_head_amounts_and_levels_after_changes():
    text = "符合条件的可申请高校毕业生住房补贴，本科毕业生每人每月500元。"
    assert (one(text, "500元").measure, one(text, "500元").time) == ("高校毕业生住房补贴（本科毕业生）", "每月")
    assert one("服务期应不少于5年。", "不少于5年").measure == "服务期"
    level = one("全省国企资产总额增长116.2%、达到23.2万亿元。", "23.2万亿元")
    assert level.measure == "全省国企资产总额"


def test_base_value_has_its_own_time():
    text = "全省地区生产总值达到13697.5亿元，较“十三五”末的9323.1亿元增加4374.4亿元。"
    assert one(text, "9323.1亿元").time == "“十三五”末"
    assert one(text, "13697.5亿元").time is None


def test_a_share_measures_the_rate_of_what_is_given():
    text = "按不超过年度交易金额的20%给予“数据券”补贴，每家OPC每年最高50万元。"
    assert (one(text, "20%").measure, one(text, "20%").qualifier) == ("“数据券”补贴比例", "不超过")
    assert one(text, "最高50万元").measure == "“数据券”补贴"
    assert one("为OPC提供算力券，单个OPC年度最高2万元。", "最高2万元").measure == "算力券"
    assert one("占比达到30%的企业给予奖励。", "30%").measure != "企业给予奖励比例"


def test_table_with_two_header_rows():
    text = (
        "附件1\n序号 | 门诊特定病种 | 门诊特定病种 | 统筹基金最高支付限额 | 统筹基金最高支付限额 | 审核确认有效期\n"
        "序号 | 分类 | 病种名称 | 职工医保 | 城乡居民医保 | 审核确认有效期\n"
        "1 | 一类 | 高血压病 | 200元/月 | 50元/月 | 长期\n"
        "30 | 二类 | 恶性肿瘤 | 20000元/年 | 12000元/年 | 2年\n"
    )
    limit = one(text, "20000元/年")
    assert limit.measure == "恶性肿瘤 统筹基金最高支付限额 职工医保"
    assert "恶性肿瘤 统筹基金最高支付限额" in limit.measure
    assert one(text, "50元/月").measure == "高血压病 统筹基金最高支付限额 城乡居民医保"
    assert one(text, "30").qualifier == "序号"


def test_later_lists_of_a_sentence_keep_its_items():
    text = (
        "战略性新兴产业、高新技术产业、装备制造业增加值分别增长20.6%、16.9%、17.3%，"
        "占规模以上工业比重分别为27.1%、40.5%、30.9%，比上年提高3.9、2.0、2.9个百分点。"
    )
    assert one(text, "40.5%").measure == "高新技术产业占规模以上工业比重"
    assert one(text, "2.9个百分点").measure == "装备制造业占规模以上工业比重提高"
    assert one(text, "2.0").unit == "个百分点"


def test_whole_year_from_the_heading():
    from index.timescope import time_of
    text = "预计全年接待游客3.2亿人次。"
    at = text.index("3.2")
    assert time_of(text, at, at + 6, 0, len(text), ("二、2031年工作回顾",)) == "2031年"
    assert time_of(text, at, at + 6, 0, len(text), ("二、工作安排",)) == "全年"
