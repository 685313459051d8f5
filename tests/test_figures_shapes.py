"""Figure shapes of real government documents, each on text written for the test."""

from __future__ import annotations

import pytest
from test_figures import figures_of, one


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
        ("每户最高发给人民币三万元。", "三万元", "最高", "每户"),
        ("最高以月利率百分之一补贴。", "百分之一", "最高", "补贴"),
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


def test_cells_that_name_their_column():
    text = (
        "附件2\n编号 | 项目 | 补助上限 | 期限\n编号 | 类别 | 项目名称 | 城镇 | 农村 | 期限\n"
        "编号：1 | 项目/类别：甲类 | 项目/项目名称：助听器 | 补助上限/城镇：300元/月 | "
        "补助上限/农村：200元/月 | 期限：3年\n"
        "编号：2 | 项目/类别：乙类 | 项目/项目名称：轮椅 | 补助上限/城镇：800元/月 | 期限：5年\n"
    )
    rural = one(text, "200元/月")
    assert rural.measure == "助听器 补助上限 农村"
    assert one(text, "800元/月").measure == "轮椅 补助上限 城镇"  # a row with a column left out
    assert one(text, "5年").measure == "轮椅 期限"
    assert one(text, "1").qualifier == "序号"
    units = "产品 | 计量单位 | 产量\n产品：砖 | 计量单位：万块 | 产量：320\n"
    assert (one(units, "320").measure, one(units, "320").unit) == ("砖 产量", "万块")


def test_figures_in_a_cell_of_prose_are_read_from_their_sentence():
    text = ("序号 | 工作事项 | 主要内容\n序号：1 | 工作事项：培训。 | 主要内容：组织专题培训，"
            "围绕课堂教学和班级管理，培训乡村教师不少于200名，完善考核评价和结果运用。\n")
    assert one(text, "不少于200名").measure == "培训乡村教师"
    short = ("一级指标 | 二级指标 | 评价标准\n一级指标：服务 | 二级指标：3.家访覆盖率 | "
             "评价标准：逐年提高。每年增加2个百分点。\n")
    assert one(short, "2个百分点").measure == "家访覆盖率 评价标准"


@pytest.mark.parametrize(
    ("text", "figure", "measure"),
    [
        ("第六条 会员年费为300元。", "300元", "会员年费"),
        ("原则上将项目经费的70%用于人员支出。", "70%", "项目经费 用于人员支出"),
        ("经主管部门同意可将借阅期限延长至2个月。", "2个月", "借阅期限"),
        ("推动县级医院预留20%床位。", "20%", "县级医院预留"),
        ("按指定标准的60%支付。", "60%", "指定标准"),
        ("预计全年粮食产量600万吨。", "600万吨", "全年粮食产量"),
    ],
)
def test_words_before_the_measure_are_left_out(text, figure, measure):
    assert one(text, figure).measure == measure


def test_an_age_measures_who_has_it():
    assert one("年满60周岁的老年人，免费乘车。", "年满60周岁").measure == "老年人"


def test_every_n_days_is_the_period():
    assert one("门诊起付线每60日计算1次。", "60日").time == "每60日"


def test_a_bulletin_opening_year_scopes_figures_without_time():
    text = "某县2019年统计公报\n2019年，全县经济平稳运行。\n一、农业\n全县粮食产量12万吨。\n"
    assert one(text, "12万吨").time == "2019年"
    plan = "某县实施方案\n为推进工作，制定本方案。\n一、目标\n新建公园3个。\n"
    assert one(plan, "3个").time is None


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit", "qualifier"),
    [
        ("收到材料后十日内答复。", "十日内", 10.0, "日", "内"),
        ("响应分为市级和县级两级。", "两级", 2.0, "级", None),
        ("贷款保证成数为七成。", "七成", 7.0, "成", None),
        ("补助最高六成之范围内。", "最高六成", 6.0, "成", "最高"),
        ("代表合计不得少于三分之一。", "不得少于三分之一", 1 / 3, "", "不得少于"),
        ("按年利率百分之三补贴。", "百分之三", 3.0, "百分之", None),
        ("委员二十一人至二十五人。", "二十一人至二十五人", 21.0, "人", None),
        ("积水三十公分以上的住户。", "三十公分以上", 30.0, "公分", "以上"),
        ("储备不足2亿公斤以下的。", "2亿公斤以下", 2.0, "亿公斤", "以下"),
        ("陪护补助不超过80元/人/日。", "不超过80元/人/日", 80.0, "元/人/日", "不超过"),
    ],
)
def test_more_units_and_chinese_numerals(text, figure, value, unit, qualifier):
    f = one(text, figure)
    assert (f.value, f.unit, f.qualifier) == (pytest.approx(value), unit, qualifier)


def test_grades_and_dates_are_no_counts():
    assert [f.text for f in figures_of("转诊至三级医院。")] == []
    assert "二十五日" not in [f.text for f in figures_of("二〇二六年一月二十五日印发。")]


def test_a_deadline_measures_what_is_due():
    text = "窗口应当自受理之日起5个工作日内作出决定，并在决定作出之日起10日内，书面告知申请人。"
    assert one(text, "5个工作日内").measure == "作出决定"
    assert one(text, "10日内").measure == "书面告知申请人"
    assert one("材料应在3个月内的有效期中。", "3个月内").measure != "的有效期中"
    assert one("次月十日内报送报表。", "十日内").measure == "报送报表"


def test_a_five_year_review_under_a_heading_of_year_and_plan():
    text = (
        "一、2030年工作回顾和“十五五”时期主要成就\n过去一年，全市粮食产量达到80万吨。\n"
        "五年来，我们持续发力。全市森林覆盖率从30%提高到35%。\n"
        "二、“十六五”时期目标\n这五年，全市新建学校12所。\n"
    )
    assert one(text, "80万吨").time == "过去一年"
    assert one(text, "35%").time == "“十五五”时期"
    plan_only = "一、“十五五”时期发展回顾\n这五年，全市新建学校12所。\n"
    assert one(plan_only, "12所").time == "这五年"


def test_bounds_written_together_are_one_range():
    f = one("逾期不改的，处2000元以上2万元以下的罚款。", "2000元以上2万元以下")
    assert (f.value, f.unit, f.qualifier, f.measure) == (2000.0, "元", "以上…以下", "罚款")
    g = one("按货值金额5%以上10%以下处罚。", "5%以上10%以下")
    assert (g.unit, g.qualifier) == ("%", "以上…以下")
    apart = [f.text for f in figures_of("收入5万元以上，支出3万元以下。")]
    assert apart == ["5万元以上", "3万元以下"]


def test_the_part_before_names_what_a_bare_limit_measures():
    assert one("单位补贴标准，原则上不超过3000元。", "不超过3000元").measure == "单位补贴标准"
    assert one("核查时限，一般不超过15天(自受理之日起计算)。", "不超过15天").measure == "核查时限"
    assert one("到2026年，完成9公顷绿地建设。", "9公顷").measure == "绿地建设"


def test_a_count_in_brackets_measures_the_words_before():
    f = one("一、新增的服务事项（共12项）\n", "共12项")
    assert (f.measure, f.qualifier, f.time) == ("新增的服务事项", "共", None)
    g = one("立即报告市政府（最迟不超过2个小时），并启动预案。", "最迟不超过2个小时")
    assert g.measure == "立即报告市政府"


def test_only_the_last_sentence_of_a_paragraph_leads_in():
    text = "市政府于2019年印发通知。现就有关事项通知如下：\n一、新增服务事项（共12项）\n"
    assert one(text, "共12项").time is None


def test_an_expiry_date_is_a_figure():
    text = "本办法自2027年1月1日起施行，有效期至2029年12月31日。"
    f = one(text, "2029年12月31日")
    assert (f.qualifier, f.unit, f.measure, f.time) == (None, "", "有效期", "自2027年1月1日起施行")
    assert one(text, "2027年1月1日").qualifier == "日期"
    assert one("有效期截至2030年6月30日。", "2030年6月30日").measure == "有效期"


def test_one_day_to_finish_is_a_figure():
    assert one("推行“一日办结”服务。", "一日").unit == "日"
    assert [f.text for f in figures_of("一天一个样。")] == []


def test_a_yearly_total_caps_what_was_given():
    f = one("全县每年培训乡村医生不少于300人。", "不少于300人")
    assert (f.measure, f.time) == ("全县每年培训乡村医生", "每年")
    assert one("护理费每人每月600元。", "600元").time == "每月"
    total = "给予不超过租金50%的补贴，全县每年总额不超过200万元。"
    assert one(total, "不超过200万元").measure == "补贴"


def test_manner_and_giving_words_are_left_out():
    assert one("单套面积一般在50平方米以下。", "50平方米以下").measure == "单套面积"
    assert one("予以利息补贴百分之三。", "百分之三").measure == "利息补贴"


def test_a_clause_inside_a_line_takes_no_time_from_the_clause_before():
    text = ("一、总体要求 (一)发展目标 1.发展目标。2030年全市旅游收入达到50亿元。 "
            "2.重点项目。实施重大项目6个,计划总投资30亿元。 二、保障措施 加强组织领导。")
    assert one(text, "50亿元").time == "2030年"
    assert one(text, "30亿元").time is None
    inline = "今年主要目标：一是地区生产总值增长5%；二是新增就业1万人。"
    assert one(inline, "1万人").time == "今年"
    circled = "到2028年底：①建成园区5个；②营业收入超1000万。"
    assert one(circled, "超1000万").time == "到2028年底"


def test_a_tax_or_calendar_year_is_the_time_not_the_measure():
    f = one("在一个纳税年度内在本市停留不超过30天的个人。", "不超过30天")
    assert (f.measure, f.time) == ("在本市停留", "一个纳税年度内")
    g = one("每户1个自然年度内补助金额最高不得超过3万元。", "最高不得超过3万元")
    assert (g.measure, g.time) == ("补助金额", "1个自然年度内")
    assert one("最高百分之三予以贴息。", "最高百分之三").measure == "贴息"


def test_a_plan_named_in_a_heading_scopes_its_section():
    text = "一、总体要求\n做好工作。\n二、“十五五”发展的主要考虑\n全市提出主要指标20个。\n"
    assert one(text, "20个").time == "“十五五”"
    assert one("“十五五”良好开局，增长5%。", "5%").time is None


def test_a_period_counted_back_from_a_day():
    f = one("申请补助的事由应发生在申请日前6个月内。", "6个月内")
    assert (f.time, f.measure) == ("申请日前", "申请补助的事由")
    assert one("合同期满之日前30日内提出续约。", "30日内").time == "期满之日前"


def test_more_measure_shapes():
    due = "街道在受理之日起5个工作日内,根据走访核查情况,提出审核意见。"
    assert one(due, "5个工作日内").measure == "提出审核意见"
    base = "缴费基数为上年度全市职工月平均工资的60%。"
    assert one(base, "60%").measure == "缴费基数"
    assert one("培育一批营业收入超1000万元的企业。", "超1000万元").measure == "营业收入"


def test_each_year_of_scopes_even_before_de():
    text = "个体户计算其每一纳税年度的应纳税所得额时，应当减除费用5万元。"
    assert one(text, "5万元").time == "每一纳税年度"


def test_a_count_after_its_listed_members_measures_what_they_are():
    text = "重点支持甲县、乙县、丙县等3个示范县和有关部门。"
    assert one(text, "3个").measure == "示范县"
    assert one("建成百个人工智能社区。", "百个").measure == "建成人工智能社区"


def test_a_formula_cell_is_named_by_its_row_and_column():
    text = ("一级指标 | 三级指标 | 指标性质 | 指标说明\n一级指标：质量 | 三级指标：复诊率 | 指标性质：定量 | "
            "指标说明：计算方法：复诊人次数/门诊总人次数×100%。指标来源：统计年报和抽样核查的结果。\n")
    assert one(text, "100%").measure == "复诊率 指标说明"


def test_full_terms_and_ten_thousand_people():
    assert one("合同期限届满2个月的，应当续签。", "2个月").qualifier is None
    assert one("累计满90天的，视为居住。", "满90天").qualifier == "满"
    f = one("接待游客超千万人。", "超千万人")
    assert (f.value, f.unit, f.qualifier) == (1000.0, "万人", "超")


def test_cheng_is_a_share_only_on_its_own():
    assert [f.text for f in figures_of("打造零成本创业空间，降低企业成本。")] == []
    assert one("覆盖率超五成，九成以上企业受益。", "九成以上").qualifier == "以上"


def test_first_phase_is_the_time():
    f = one("首期开放2万平方米办公空间。", "2万平方米")
    assert (f.time, f.measure) == ("首期", "开放")
