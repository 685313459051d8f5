"""A notice, written for these tests, that counts each group of measures and lists them after
a colon, one per ；(数据治理方面4项：A；B；C；D。); a count written as a word (三级…体系); a share stated as the level of what is
asked (远景开发强度控制在25%); a table row's 序号：二、… is a marker, not a list."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on

DOC = {"doc_id": "shuiyun-2032", "file": "shuiyun_reform_notice_2032.txt", "title": "水云省人民政府办公厅关于推广第二批数字治理改革举措的通知",
       "label": "水云省数字治理改革举措推广通知", "place": "水云省", "year": 2032, "script": "simplified",
       "kind": "通知", "inferred": [], "missing": []}


REPORT = {"doc_id": "qingshan-2033", "file": "qingshan_work_report_2033.txt", "title": "2033年青山市政府工作报告",
          "label": "2033年青山市政府工作报告", "place": "青山市", "year": 2033, "script": "simplified",
          "kind": "报告", "inferred": [], "missing": []}


BULLETIN = {"doc_id": "qingshan-b2032", "file": "qingshan_bulletin_2032.txt", "title": "白沙市2032年国民经济和社会发展统计公报",
            "label": "白沙市2032年统计公报", "place": "白沙市", "year": 2032, "script": "simplified",
            "kind": "公报", "inferred": [], "missing": []}


@pytest.fixture(scope="module")
def shuiyun(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("counted"), [DOC, REPORT, BULLETIN], request, name="counted")


@pytest.mark.parametrize("question", ["数据治理方面推广了哪几项举措？", "水云推广的数据治理方面是哪4项？"])
def test_the_counted_items_after_the_colon(shuiyun, question):
    ans = shuiyun.ask(question)
    assert ans.found
    for item in ("公共数据分级分类授权运营", "数据目录管理", "闭环处置机制", "跨部门数据共享责任清单制度"):
        assert item in ans.answer, ans.answer
    assert "（共4项）" not in ans.answer and "证照联办" not in ans.answer


def test_another_group_is_its_own_list(shuiyun):
    ans = shuiyun.ask("营商环境方面有哪几项改革举措？")
    assert ans.found and "证照联办" in ans.answer and "容缺受理机制" in ans.answer
    assert "授权运营" not in ans.answer


@pytest.mark.parametrize("question", ["水云的考核指标看哪两个方面？", "水云考核指标看哪2个方面？"])
def test_a_count_asked_that_the_headings_do_not_have(shuiyun, question):
    # the heading 考核指标 has three parts; the sentence naming two answers 哪两个
    ans = shuiyun.ask(question)
    assert ans.found and "制度创新" in ans.answer and "服务创新" in ans.answer
    assert "共享效率" not in ans.answer


def test_the_items_a_count_closes(shuiyun):
    # 北岭、南川、东港等3个片区和有关部门: three items before the count that closes them
    ans = shuiyun.ask("先行先试的3个片区是哪些？")
    assert ans.found and all(x in ans.answer for x in ("北岭", "南川", "东港")), ans.answer
    assert "东湖" not in ans.answer


def test_a_count_written_as_a_word(shuiyun):
    ans = shuiyun.ask("水云的改革举措落地要以几级数据共享体系为支撑？")
    assert ans.found and "三级数据共享体系" in ans.answer and ans.citations
    # a count no sentence writes is not made up
    ans = shuiyun.ask("水云的改革举措落地要以几级信用监管体系为支撑？")
    assert not ans.found


def test_how_many_people_asked_with_the_plain_counter(shuiyun):
    # 几个 counts people written with 名: 个 is the counter of anything counted
    from assistant.figures import unit_fit

    assert unit_fit("个", "个") > unit_fit("个", "名") >= 0 > unit_fit("个", "亿元")
    ans = shuiyun.ask("水云数据人才“1100”工程里首席数据官要培养几个？")
    assert ans.found and "10名" in ans.answer


def test_a_share_stated_as_the_level_of_what_is_asked(shuiyun):
    ans = shuiyun.ask("水云远景开发强度要控制在多少以内？")
    assert ans.found and "25%" in ans.answer and "65%" not in ans.answer
    # a growth rate is still no answer to an amount
    ans = shuiyun.ask("水云的地区生产总值是多少？")
    assert "6%" not in ans.answer


def test_a_table_rows_number_is_no_list_item():
    from assistant.views import enumerations
    from index.ingest import infer_source, parse_text

    text = "序号：二、营商环境方面（共3项）\n（一）企业开办、证照联办和容缺受理。\n"
    doc = parse_text(text, infer_source(text, file="rows.txt", doc_id="rows"))
    texts = [e.text for e in enumerations(doc)]
    assert not any("序号" in t for t in texts) and any("企业开办" in t for t in texts)


def test_the_parts_a_lead_in_counts(shuiyun):
    # 重点做好以下3个方面工作：（一）…（三）: the year asked picks the plan, not the review's 2
    ans = shuiyun.ask("青山今年重点抓哪几个方面的工作？")
    assert ans.found and all(x in ans.answer for x in ("扩大有效需求", "培育新兴产业", "深化改革开放"))
    assert "稳住经济大盘" not in ans.answer


def test_the_same_measure_in_two_sibling_clauses_is_given_twice(shuiyun):
    # 评估费用 asked, and two kinds of assessment each with its fee: both, each with its own words
    ans = shuiyun.ask("水云的评估费用每人每次多少钱？")
    assert ans.found and "200元" in ans.answer and "100元" in ans.answer
    ans = shuiyun.ask("水云延续护理评估费用每人每次多少钱？")  # named: that one only
    assert ans.found and "100元" in ans.answer and "200元" not in ans.answer


@pytest.mark.parametrize(("question", "verdict"), [
    ("水云境外入区的样品要检测的，是等检测完才放行吗？", "否"),  # 在抽样后即放行: no waiting
    ("水云境外入区的样品要检测的，是抽样后就放行吗？", "是"),
    ("水云区内企业进口设备只用于研发，要不要办登记或备案？", "否"),  # 可不办理: need not
])
def test_a_rule_that_spares_a_step(shuiyun, question, verdict):
    ans = shuiyun.ask(question)
    assert ans.answer.startswith(verdict) and ans.citations and "监管便利" in ans.citations[0].path


def test_which_clause_is_about_something(shuiyun):
    ans = shuiyun.ask("水云通知里哪条讲的是进口设备用于研发？")
    assert ans.found and "监管便利" in ans.answer


@pytest.mark.parametrize(("question", "verdict"), [
    ("水云的企业开办收费吗？", "否"),  # 全流程0费用
    ("水云企业开办要交钱吗？", "否"),
    ("水云企业开办是免费的吗？", "是"),
    ("水云的场地租赁服务收费吗？", "是"),  # 收取服务费: charged
])
def test_whether_something_is_charged(shuiyun, question, verdict):
    ans = shuiyun.ask(question)
    assert ans.answer.startswith(verdict), ans.answer


def test_a_grant_is_read_with_its_condition(shuiyun):
    # 对全年登记数据产品达10个以上的，给予最高3万元…: the condition says what the grant is for
    ans = shuiyun.ask("水云企业一年登记了12个数据产品，能拿多少奖励？")
    assert ans.found and "3万元" in ans.answer and "35万元" not in ans.answer
    ans = shuiyun.ask("水云企业开展数据产品交易最高奖励多少？")
    assert ans.found and "35万元" in ans.answer


@pytest.mark.parametrize(("question", "figure", "not_figure"), [
    ("白沙2032年油料产量是增产还是减产？", "5.0%", "13.7万吨"),  # the change asked, not the level
    ("白沙2032年粮食产量是增产还是减产？", "1.8%", "215.9万吨"),
    ("白沙2032年棉花产量增产多少？", "26.4%", "2.2万吨"),
])
def test_a_change_in_output_asked(shuiyun, question, figure, not_figure):
    ans = shuiyun.ask(question)
    assert ans.found and figure in ans.answer and not_figure not in ans.answer, ans.answer


def test_a_rate_asked_after_a_level_is_that_levels(shuiyun):
    # 利润总额多少？增长多少？: the profit's growth, not the revenue's of the same sentence
    ans = shuiyun.ask("白沙2032年规上工业企业利润总额多少？增长多少？")
    assert ans.found and "345.6亿元" in ans.answer and "11.6%" in ans.answer and "9.0%" not in ans.answer


@pytest.mark.parametrize(("question", "verdict"), [
    ("水云对企业一年期贷款的贴息能超过实付利息的一半吗？", "否"),  # 最高50%: half, not more
    ("水云对企业一年期贷款的贴息能超过实付利息的40%吗？", "是"),
])
def test_a_share_of_a_whole_compared(shuiyun, question, verdict):
    ans = shuiyun.ask(question)
    assert ans.answer.startswith(verdict) and "最高50%" in ans.answer, ans.answer


def test_a_share_and_then_its_cap_asked(shuiyun):
    ans = shuiyun.ask("水云研发资助按研发投入的多少比例给，最高多少？")
    assert ans.found and "40%" in ans.answer and "20万元" in ans.answer, ans.answer


@pytest.mark.parametrize("question", ["水云数据人才工程要培养多少名数据专员？", "水云培养的数据专员有多少个？"])
def test_the_count_of_the_thing_asked_in_a_list_of_counts(shuiyun, question):
    # 培养10名首席数据官、100名数据专员: each count is of the thing written after it
    ans = shuiyun.ask(question)
    assert ans.found and ans.figures == ("100名",), ans.answer
