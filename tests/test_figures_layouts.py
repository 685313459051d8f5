"""More figure shapes met in real documents (issue 18), each on text written for the test."""

from __future__ import annotations

from test_figures import figures_of, one


def test_a_keyed_row_after_a_group_line_is_a_row_of_its_table():
    text = (
        "附件\n推广清单\n"
        "序号：一、农业方面（共2项）\n"
        "序号：1 | 举措：山地果园滴灌改造 | 牵头部门：农业局 | 试点范围：5个乡镇\n"
        "序号：2 | 举措：冷链仓储共享 | 牵头部门：商务局 | 试点范围：全县\n"
    )
    f = one(text, "5个")
    assert (f.measure, f.unit) == ("山地果园滴灌改造 试点范围", "个")


def test_cumulative_is_no_qualifier():
    """累计 says what is measured is a running total; it bounds no figure (以上, 不超过 do)."""
    figs = figures_of("去年累计接待游客8.5亿人次、旅游花费6200亿元，全市累计建成绿道320公里。")
    assert [(f.text, f.qualifier) for f in figs] == [
        ("8.5亿人次", None), ("6200亿元", None), ("320公里", None)]
    assert one("全市累计建成绿道320公里。", "320公里").measure == "全市累计建成绿道"


def test_the_year_whose_end_starts_a_period_is_no_time():
    f = one("合作社成员发生变更的，应当自本会计年度终了之日起60日内向登记机关办理备案。", "60日内")
    assert (f.time, f.qualifier) == (None, "内")
    assert one("年度计划投资完成后，企业应于年度结束之日起30日内报送。", "30日内").time is None


def test_a_change_drops_the_abbreviation_of_its_level():
    text = "全年实现地区生产总值（GDP）1200亿元，按可比价计算，同比增长5.1%。"
    assert one(text, "1200亿元").measure == "全年实现地区生产总值（GDP）"
    assert one(text, "5.1%").measure == "全年实现地区生产总值增长"


def test_a_period_longer_than_its_rate_takes_no_rate_time():
    text = "可享受每月1000元、最长60个月的安居补贴；每年休假不超过30天。"
    assert (one(text, "1000元").time, one(text, "最长60个月").time) == ("每月", None)
    assert one(text, "不超过30天").time == "每年"  # thirty days a year is a rate


def test_a_bound_in_brackets_measures_the_words_before():
    f = one("本方案所称OPC，是指由微型团队（一般不超过10人）创办的企业。", "不超过10人")
    assert (f.measure, f.qualifier) == ("微型团队", "不超过")


def test_a_sum_word_names_no_measure():
    f = one("委员会由各方代表组成，其中青年代表，合计不得少于三分之一。", "不得少于三分之一")
    assert (f.measure, f.qualifier) == ("青年代表", "不得少于")


def test_a_count_of_listed_parts_measures_what_they_make_up():
    text = "指标体系由质量、效率、满意度等3个方面的指标构成。北京、天津、上海、重庆4个直辖市。"
    assert one(text, "3个").measure == "指标体系方面的指标构成"
    assert one(text, "4个").measure == "直辖市"  # members named, no whole: the thing they are


def test_a_cap_written_after_the_figure_is_its_qualifier():
    f = one("二、在新臺幣一千二百億元限額內，以特別預算方式編列。", "一千二百億元")
    assert (f.qualifier, f.unit, f.value) == ("限額內", "億元", 1.2e11 / 1e8)
    assert one("在100万元额度内给予支持。", "100万元").qualifier == "额度内"
    assert one("给予100万元支持。", "100万元").qualifier is None


def test_per_head_is_neither_measure_nor_time():
    text = "护理费用限额为职工参保人员每人每月1000元、居民参保人员每人每月500元。"
    f = one(text, "500元")
    assert (f.measure, f.time) == ("居民参保人员", "每月")
