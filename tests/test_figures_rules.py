"""Figure rules met in the real documents, each on text written for the test."""

from __future__ import annotations

from test_figures import one


def test_a_heading_of_two_periods_gives_the_one_the_text_has_moved_on_to():
    heading = "二、“十三五”时期成就和“十四五”时期目标\n"
    review = "这五年，全县粮食产量稳定在50万吨。\n"
    plan = "“十四五”时期是关键时期。\n纲要设置了主要指标，包括：全县生产总值年均增速6%。\n"
    assert one(heading + review + plan, "6%").time == "“十四五”时期"
    # the text names neither period after the heading: the heading's first, as before
    assert one(heading + "全县生产总值年均增速6%。\n", "6%").time == "“十三五”时期"


def test_a_cap_that_names_its_amount_keeps_its_words():
    text = "对符合条件的企业给予资金支持，同一企业每年申领补助金额不超过50万元。"
    assert one(text, "不超过50万元").measure == "同一企业每年申领补助金额"
    assert one("给予资金支持，单个主体年度支持额度最高20万元。", "最高20万元").measure == "单个主体年度支持额度"
    # a cap per head names no amount: it caps what was given before it
    assert one("给予租房补贴，每家企业每年最高20万元。", "最高20万元").measure == "租房补贴"


def test_a_yearly_total_after_a_share_of_a_cost_caps_the_grant():
    text = "给予每户企业不超过租金的50%补贴，全县每年总额不超过300万元。"
    assert one(text, "不超过300万元").measure == "补贴"


def test_a_one_off_reward_is_what_is_given():
    text = "对获评的项目，每个分别给予不超过80万元、20万元的一次性奖励。"
    assert [one(text, t).measure for t in ("不超过80万元", "20万元")] == ["一次性奖励", "一次性奖励"]


def test_a_share_put_to_a_use_measures_the_base_for_that_use():
    text = "将项目收益的70%用于村集体分红，30%用于公益事业。"
    assert one(text, "70%").measure == "项目收益 用于村集体分红"
    assert one(text, "30%").measure == "项目收益 用于公益事业"
    assert one("项目收益的70%归村集体。", "70%").measure == "项目收益"


def test_shares_followed_by_their_proportion_measure_it():
    text = "参保职工由统筹基金按住院70%、门诊50%的比例支付。"
    assert one(text, "70%").measure.endswith("住院比例")
    assert one(text, "50%").measure == "门诊比例"
    assert one("按住院费用的70%给予补助。", "70%").measure == "补助比例"
    assert one("门诊报销比例为50%的比例。", "50%").measure == "门诊报销比例"


def test_a_counted_thing_ends_where_a_distributed_predicate_begins():
    assert one("按城区、郊区、山区三个片区分别核定标准。", "三个").measure == "片区"
    assert one("全县建成5个服务站分别覆盖各乡镇。", "5个").measure.endswith("服务站")


def test_an_amount_of_a_standard_measures_what_the_standard_is_for():
    text = "某药品纳入门诊用药目录，按不高于每人每年5000元（含5000元）的标准纳入统筹基金支付范围。"
    f = one(text, "5000元")
    assert (f.measure, f.qualifier, f.time) == ("某药品纳入门诊用药目录 标准纳入统筹基金支付范围", "不高于", "每年")
    assert one("按每人每月300元的标准发放生活补贴。", "300元").measure.endswith("标准发放生活补贴")
    # a share of a standard is a rate, not the standard of what follows
    assert one("其中自有设备按不高于10%的标准给予补助。", "不高于10%").measure == "自有设备"


def test_a_deadline_in_brackets_is_said_of_the_words_before_them():
    text = "为企业提供开办服务（一表申请，1日内办结，全程免费）。"
    assert one(text, "1日内").measure == "为企业提供开办服务 办结"
    assert one("提供开办服务，1日内办结。", "1日内").measure == "办结"


def test_a_counted_thing_ends_where_what_it_gets_begins():
    text = "患有多种慢性病的参保人，最多选择其中2个病种享受门诊待遇。"
    f = one(text, "2个")
    assert (f.measure, f.qualifier) == ("病种", "最多")


def test_a_list_of_who_closed_by_jun_has_the_value_its_run_in_title_names():
    text = "1.个人缴费比例，在职职工、灵活就业人员、退休人员均为2%。"
    assert one(text, "2%").measure == "个人缴费比例"
    assert one("城区、郊区均为30天。", "30天").measure == "城区、郊区"
    # 人均 is per head, not 均 closing a list
    assert one("救助金，人均最高不超过2000元。", "最高不超过2000元").measure == "人均"


def test_a_respective_list_named_in_the_part_before_binds_each_figure_to_its_item():
    text = "对获得国家级一、二、三等奖的，分别给予最高不超过20万元、8万元、2万元一次性奖励。"
    measures = [one(text, t).measure for t in ("最高不超过20万元", "8万元", "2万元")]
    assert measures == ["获得国家级一等奖的 一次性奖励", "获得国家级二等奖的 一次性奖励", "获得国家级三等奖的 一次性奖励"]
    text = "对在国家级、省级创业大赛中获奖的项目，最高分别奖励40万元、15万元。"
    assert "省级" in one(text, "15万元").measure and "省级" not in one(text, "40万元").measure
    # thresholds of one measure (6、18、36个月以上) are no subjects: each keeps what is given
    text = "对正常经营6、18、36个月以上的，依次给予最高3000元、6000元、1万元补贴。"
    assert {one(text, t).measure for t in ("最高3000元", "6000元", "1万元")} == {"补贴"}


def test_a_second_respective_list_of_a_sentence_measures_the_items_named_first():
    text = "营业收入和利润总额分别完成820.5亿元和61.2亿元，分别增长8.4%和12.6%。"
    assert [one(text, t).measure for t in ("8.4%", "12.6%")] == ["营业收入增长", "利润总额增长"]
