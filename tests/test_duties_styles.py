"""Responsibility lists in every style: small documents written for these tests, then the
development corpus (../shared/realdocs) with per-document counts found by reading it."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from index.duty_tables import table_lists
from index.ingest import infer_source, parse_file, parse_text
from index.records import ParsedDocument


def parse(text: str) -> ParsedDocument:
    return parse_text(text, infer_source(text, file="styles.txt", doc_id="styles"))


def lists(text: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(r.units, r.lead) for r in parse(text).duties]


HEAD = "某市关于推进示范工作的实施方案\n一、重点任务\n"


# -- bracketed lists ---------------------------------------------------------------------

def test_square_brackets_with_nested_round_ones():
    doc = parse(HEAD + "（一）建设社区。支持建设示范社区，给予补助。〔责任单位：市科技局，市商务局、各县（市、区）政府〕\n"
                "（二）优化服务。提供一站式服务。【责任单位：市政务服务中心】\n")
    assert [r.units for r in doc.duties] == [("市科技局", "市商务局", "各县（市、区）政府"), ("市政务服务中心",)]
    assert [r.task for r in doc.duties] == ["建设社区", "优化服务"]
    assert doc.duties[0].groups == (("市科技局",), ("市商务局", "各县（市、区）政府"))


def test_lead_and_partner_labels():
    got = lists(HEAD + "（一）建设平台。搭建公共平台。（牵头单位：市数据局；配合单位：市财政局、市国资委）\n"
                "（二）培育人才。引进青年人才。（牵头单位：市委组织部、市人社局，责任单位：市教育局，各区政府）\n"
                "（三）开放场景。发布场景清单。（负责部门：市发展改革委、市工信局）\n")
    assert got == [
        (("市数据局", "市财政局", "市国资委"), ("市数据局",)),
        (("市委组织部", "市人社局", "市教育局", "各区政府"), ("市委组织部", "市人社局")),
        (("市发展改革委", "市工信局"), ()),
    ]


def test_lead_only_list_leads_all_its_units():
    assert lists(HEAD + "（一）建设社区。支持建设。（牵头单位：市经信局、市科技局）\n") == [
        (("市经信局", "市科技局"), ("市经信局", "市科技局"))]


def test_unlabelled_lead_and_partner_words():
    got = lists(HEAD + "1.强化算力。完善算力券制度。（省发展改革委牵头负责，省财政厅、省科技厅，各市人民政府配合）\n"
                "2.优化信贷。推出信贷产品。（省金融监管局、省证监局牵头负责，省委金融办配合）\n"
                "3.引进人才。拓宽引才渠道。（省人社厅牵头，省教育厅参与）\n"
                "4.开放场景。举办推介活动。（省商务厅，各市人民政府按职责分工负责）\n"
                "5.优化监管。推行柔性监管。（省市场监管局负责，省司法厅、省税务局配合）\n")
    assert got == [
        (("省发展改革委", "省财政厅", "省科技厅", "各市人民政府"), ("省发展改革委",)),
        (("省金融监管局", "省证监局", "省委金融办"), ("省金融监管局", "省证监局")),
        (("省人社厅", "省教育厅"), ("省人社厅",)),
        (("省商务厅", "各市人民政府"), ()),
        (("省市场监管局", "省司法厅", "省税务局"), ("省市场监管局",)),
    ]


def test_fu_ze_lists_split_etc_and_he():
    got = lists(HEAD + "（一）发展赛事。培育职业联赛。（体育总局、民政部负责）\n"
                "（二）打通链条。建设流通网点。（商务部、农业农村部等和各有关省级人民政府负责）\n"
                "（三）推广经验。复制推广试点做法。（商务部、海关总署等有关部门负责）\n")
    assert got == [
        (("体育总局", "民政部"), ()),
        (("商务部", "农业农村部", "各有关省级人民政府"), ()),
        (("商务部", "海关总署", "有关部门"), ()),
    ]


def test_places_sharing_the_suffix_of_the_last_are_one_unit_as_written():
    # 青山、白水市政府: the governments of both cities; 市科协 is an organ, not a bare place
    assert lists(HEAD + "（一）拓展场景。布局跨境应用。（青山、白水市政府，市商务局负责）\n"
                 "（二）建设平台。搭建平台。（责任单位：市科协、市财政局，青山、白水、红河市政府）\n") == [
        (("青山、白水市政府", "市商务局"), ()),
        (("市科协", "市财政局", "青山、白水、红河市政府"), ())]


def test_traditional_script():
    assert lists("一、重點任務\n（一）建設平臺。搭建平臺。（責任單位：市科技局、市財政局）\n"
                 "（二）培育人才。引進人才。（市人社局牽頭負責，市教育局配合）\n") == [
        (("市科技局", "市財政局"), ()), (("市人社局", "市教育局"), ("市人社局",))]


# -- bare lines --------------------------------------------------------------------------

def test_bare_line_after_each_task():
    doc = parse(HEAD + "1.打造创业带。依托高校建设创业带。\n责任单位：市科技局、市工信局，各开发区管委会，各区县（市）政府\n"
                "2.建设微社区。布局创业微社区。\n责任单位：各开发区管委会，各区县（市）政府\n")
    assert [r.task for r in doc.duties] == ["打造创业带", "建设微社区"]
    assert doc.duties[0].groups == (("市科技局", "市工信局"), ("各开发区管委会",), ("各区县（市）政府",))
    assert doc.duties[1].units == ("各开发区管委会", "各区县（市）政府")


def test_lead_and_partner_lines_make_one_list():
    doc = parse(HEAD + "1.建设平台。搭建公共服务平台。\n牵头单位：市数据局\n配合单位：市财政局、市国资委\n"
                "2.培育人才。引进青年人才。\n责任单位：市人社局\n")
    assert [(r.units, r.lead) for r in doc.duties] == [
        (("市数据局", "市财政局", "市国资委"), ("市数据局",)), (("市人社局",), ())]


def test_deadline_in_the_brackets_is_not_a_unit():
    assert lists(HEAD + "（一）建设平台。搭建平台。（牵头单位：市数据局；责任单位：各区政府；完成时限：2025年底前）\n") == [
        (("市数据局", "各区政府"), ("市数据局",))]


def test_bare_lines_in_one_measure_name_the_paragraph_above():
    doc = parse(HEAD + "（一）建设社区\n建设一批示范社区。\n责任单位：市科技局\n提供低成本工位。\n责任单位：各区政府\n")
    assert [r.task for r in doc.duties] == ["建设一批示范社区", "提供低成本工位"]


def test_bare_label_without_colon_or_with_prose_is_not_a_list():
    # A table header cell on its own line, and a sentence that starts with the word.
    assert lists(HEAD + "1.明确分工。\n牵头单位\n配合单位\n责任单位：要切实履行职责，按期完成任务。\n") == []


# -- lead rules stated once --------------------------------------------------------------

@pytest.mark.parametrize("rule", ["列第一位者为牵头单位，下同", "列第一位的为牵头单位，下同", "排在第一位的部门为牵头部门，下同", "列首位的为牵头单位"])
def test_first_unit_rule_applies_to_its_list_and_later_ones(rule):
    doc = parse(HEAD + f"（一）拓展市场。推广试点。（税务总局、财政部、海关总署负责，{rule}）\n"
                "（二）便利内销。简化手续。（海关总署、商务部负责）\n")
    assert [r.units for r in doc.duties] == [("税务总局", "财政部", "海关总署"), ("海关总署", "商务部")]
    assert [r.lead for r in doc.duties] == [("税务总局",), ("海关总署",)]


def test_first_group_rule_and_nested_brackets_in_rule_text():
    doc = parse(HEAD + "（一）建设社区。支持建设。（责任单位：市经信局、市发改委，各区〔县、市〕政府、开发园区管委会；"
                "第一个逗号前为牵头单位，多个牵头部门的按照职责分工负责，下同。以下均需各区〔县、市〕政府落实，不再列出）\n"
                "（二）完善机制。建立算力保障机制。（责任单位：市数据局，市财政局）\n")
    first, second = doc.duties
    assert first.units == ("市经信局", "市发改委", "各区〔县、市〕政府", "开发园区管委会")
    assert first.lead == ("市经信局", "市发改委")
    assert second.lead == ("市数据局",)
    assert not any("牵头" in u or "下同" in u for r in doc.duties for u in r.units)


def test_rule_stated_in_prose_before_the_lists():
    doc = parse(HEAD + "各项任务的责任单位中，列第一位者为牵头单位。\n（一）建设平台。搭建平台。（责任单位：市科技局、市财政局）\n")
    assert doc.duties[0].lead == ("市科技局",)


def test_no_rule_no_lead():
    assert lists(HEAD + "（一）建设平台。搭建平台。（责任单位：市科技局、市财政局）\n")[0][1] == ()


# -- tasks ---------------------------------------------------------------------------------

def test_several_lists_in_one_measure_each_closes_its_sentences():
    doc = parse("某市支持算力发展的若干措施\n一、强化算力支撑。设立算力服务券，给予补助。（责任单位：市数据局、市经信局）"
                "各区集聚算力服务商，提供免费算力。（责任单位：各区人民政府〈含开发区管委会，下同〉）\n"
                "二、夯实数据底座。归集公共数据。（责任单位：市数据局）\n")
    assert [r.task for r in doc.duties] == ["设立算力服务券，给予补助", "各区集聚算力服务商，提供免费算力", "夯实数据底座"]
    assert doc.duties[1].units == ("各区人民政府〈含开发区管委会，下同〉",)


def test_a_long_task_is_named_by_its_lead_in():
    doc = parse("某市若干措施\n一、强化支持。\n金融支持：发挥天使投资基金作用，探索设立人工智能合作子基金，推广基于项目价值和流量的"
                "新型融资方式，联合银行、保险公司等金融机构开发专属产品，为创业者提供全周期金融服务。（责任单位：市财政局）\n"
                "市场对接：定期举办专场路演。（责任单位：市商务局）\n")
    assert [r.task for r in doc.duties] == ["金融支持", "市场对接：定期举办专场路演"]


# -- not lists -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "（一）加强监管。具体事项由市政府负责，各部门配合落实。\n",
    "（一）加强监管。相关工作（由市财政局负责）按规定执行。\n",
    "（一）加强监管。对违规单位（含其负责人）依法处理，有关部门应当配合。\n",
    "（一）统筹推进。本办法所称监管部门（以下简称主管部门）负责组织实施。\n",
    "（一）强化考核。考核结果作为干部任用的重要依据（按有关规定执行）。\n",
])
def test_prose_is_not_a_list(text):
    assert lists(HEAD + text) == []


# -- tables --------------------------------------------------------------------------------

TABLE = """附件
任务分工表
序号 | 工作事项 | 主要内容 | 牵头单位 | 配合单位 | 委内牵头处室
1 | 扩大医生来源。 | 推动人才向基层倾斜，力争每万人不低于4人。 | 各区政府 | 市卫生健康委、市人社局 | 基层处
加大公开招聘力度。 | 各区政府 | 市卫生健康委 | 人事处
一、服务能力
2 | 完善培训体系。 | 开展全科能力提升培训。 | 各区政府、市卫生健康委 | / | 科教处
3 | 强化宣传。 | 开展宣传活动。 | / | /
"""


def test_table_rows_with_lead_and_partner_columns():
    rows = table_lists(TABLE)
    assert [(t, u.units, u.lead) for _, _, t, u in rows] == [
        ("扩大医生来源", ("各区政府", "市卫生健康委", "市人社局"), ("各区政府",)),
        ("扩大医生来源", ("各区政府", "市卫生健康委"), ("各区政府",)),  # its 序号/事项 span two rows
        ("完善培训体系", ("各区政府", "市卫生健康委"), ("各区政府", "市卫生健康委")),
    ]
    assert all("处" not in u for _, _, _, r in rows for u in r.units)  # 处室 columns are not units


def test_guidance_column_table_in_a_document():
    doc = parse(HEAD + "（一）推广改革举措。\n序号 | 改革举措 | 主要内容 | 指导部门 | 推广范围\n"
                "1 | 专利保险机制 | 开发专利保险产品。 | 国家知识产权局、中国银保监会 | 全国\n"
                "2 | 技术经理人制度 | 技术经理人全程参与成果转化。 | 科技部 | 8个改革试验区域\n")
    assert [(r.task, r.units) for r in doc.duties] == [
        ("专利保险机制", ("国家知识产权局", "中国银保监会")), ("技术经理人制度", ("科技部",))]
    assert doc.clean[slice(*doc.duties[1].clean_span)].startswith("2 | 技术经理人制度")


def test_table_rows_whose_cells_carry_their_column_names():
    """The reader writes each data cell as ``表头：值`` (index/tables.py): the task is the
    value, never the column name."""
    rows = table_lists("序号 | 工作事项 | 牵头单位 | 配合单位\n"
                       "序号：1 | 工作事项：建设平台 | 牵头单位：市数据局 | 配合单位：市财政局、各区政府\n")
    assert [(t, u.units, u.lead) for _, _, t, u in rows] == [
        ("建设平台", ("市数据局", "市财政局", "各区政府"), ("市数据局",))]


def test_table_header_with_bracketed_words():
    rows = table_lists("序号 | 重点任务 | 责任单位（部门） | 完成时限\n1 | 建设平台 | 市数据局（牵头）、市财政局 | 2025年底\n")
    assert [(t, u.units, u.lead) for _, _, t, u in rows] == [("建设平台", ("市数据局", "市财政局"), ("市数据局",))]


def test_table_without_unit_column_has_no_lists():
    assert table_lists("序号 | 指标 | 2025年 | 牵头\n1 | 地区生产总值 | 5% | 市统计局\n") == []


# -- the development corpus ------------------------------------------------------------------

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"
if not REALDOCS.is_dir():
    REALDOCS = Path("/work/shared/realdocs")
# Counted by reading each file (grep of its list pattern, checked by eye): （…负责） in the
# gov_* 意见, （责任单位/牵头单位… per measure, 〔责任单位 in nanchong, bare 责任单位 lines in
# zhengzhou. Every other document has none.
COUNTS = {
    "gov_tiyu2018.html": 21, "gov_xfp2018.html": 17, "gov_zbq2019.html": 21,
    "opc_chengdu2026.html": 13, "opc_guangdong2026.html": 18, "opc_hubei2026.html": 12,
    "opc_luohu2026.html": 15, "opc_nanchong2026.html": 15, "opc_ningbo2026.html": 21,
    "opc_suqian2026.html": 10, "opc_taicang2026.html": 12, "opc_wuhan2026.html": 24,
    "opc_zhengzhou2026.html": 16,
}
# Tables: gz_jtys2023's 任务分工表 has 41 <tr>: a title row, the header and 39 task rows,
# each with a 牵头单位; gov_chuangxin2018's 推广清单 has 17 measures (15–20 were cut).
TABLE_COUNTS = {"gz_jtys2023.html": 39, "gov_chuangxin2018.html": 17}
NONE = ["gov_gsfss2018.html", "gov_liangshi2005.html", "gov_sanji2019.html", "gov_xiongan2018.html",
        "gov_zhifa2018.html", "gz_changhu2024.html", "gz_gzf2024.html", "gz_linshi2021.html",
        "gz_mente2019.html", "gz_scztdj2021.html", "nhsa_changtai2023.txt", "nhsa_feijian2023.txt",
        "opc_jiaozhou2026.html", "rpt_beijing2026.txt", "rpt_gansu2026.txt", "rpt_guangdong2026.txt",
        "rpt_hebei2026.txt", "rpt_ningxia2026.txt", "rpt_sichuan2026.txt", "tjgb_jiangxi2022.html",
        "tjgb_wanzai2015.html", "tjgb_yichun2022.html", "tw_morakot2009.txt"]
realdocs = pytest.mark.skipif(not REALDOCS.is_dir(), reason="no ../shared/realdocs")


@cache
def real(name: str) -> ParsedDocument:
    return parse_file(REALDOCS / name)


@realdocs
@pytest.mark.parametrize(("name", "count"), [*COUNTS.items(), *((n, 0) for n in NONE)])
def test_realdocs_list_counts(name, count):
    assert len(real(name).duties) == count


@realdocs
@pytest.mark.parametrize(("name", "count"), TABLE_COUNTS.items())
def test_realdocs_table_counts_end_to_end(name, count):
    assert len(real(name).duties) == count


def _table_rows(path: Path) -> str:
    """The document's innermost tables as the ' | ' rows the reader is to give."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return "\n".join(" | ".join(re.sub(r"\s+", " ", c.get_text(" ", strip=True)) for c in tr.find_all(["td", "th"]))
                     for t in soup.find_all("table") if not t.find("table") for tr in t.find_all("tr"))


@realdocs
@pytest.mark.parametrize(("name", "count"), TABLE_COUNTS.items())
def test_realdocs_table_rows(name, count):
    rows = table_lists(_table_rows(REALDOCS / name))
    assert len(rows) == count
    assert all(task and units.units for _, _, task, units in rows)


@realdocs
def test_realdocs_lists_as_written():
    zbq = real("gov_zbq2019.html").duties
    assert (zbq[0].units, zbq[0].lead, zbq[1].lead) == (("税务总局", "财政部", "海关总署"), ("税务总局",), ("海关总署",))
    ningbo = real("opc_ningbo2026.html").duties[0]
    assert ningbo.units == ("市经信局", "市发改委", "各区〔县、市〕政府", "开发园区管委会")
    assert ningbo.lead == ("市经信局",)
    assert real("opc_nanchong2026.html").duties[0].lead == ("市科技局", "市数据局")
    assert all(r.lead == r.units for r in real("opc_chengdu2026.html").duties)
    assert {r.lead for r in real("opc_guangdong2026.html").duties} >= {("省住房城乡建设厅", "各地级以上市人民政府")}
    taicang = [r for r in real("opc_taicang2026.html").duties if r.units[-1] == "资产集团"]
    assert [(r.units, r.lead) for r in taicang] == [(("市科技局", "市数据局", "资产集团"), ("市科技局", "市数据局"))]
    assert real("opc_zhengzhou2026.html").duties[0].units[-1] == "各区县（市）政府"
    xfp = real("gov_xfp2018.html").duties[0]
    assert "全国总工会" in xfp.units and xfp.units[-1] == "各省级人民政府"
    wuhan = [r for r in real("opc_wuhan2026.html").duties if r.clause_id.endswith("/一")]
    assert len(wuhan) == 2 and wuhan[0].task != wuhan[1].task
