"""Outline layouts beyond 一、（一）1.: articles, chapters, decimal outlines with a 目录,
附件 parts, bullets, report sub-headings, bulletin sections, footnote marks; then the
real documents of ../shared/realdocs (skipped when that folder is absent)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.clean import clean_text
from index.ingest import parse_file
from index.outline import parse_outline
from index.outline_survey import survey
from index.records import Clause, ParsedDocument

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"  # next to the checkouts


def outline(text: str) -> dict[str, Clause]:
    clean, offsets = clean_text(text)
    return {c.id.split("/", 1)[1]: c for c in parse_outline(clean, offsets, "t")}


PARA = "这是一段足够长的正文，用来说明本节的具体内容和工作要求，各有关单位要认真贯彻落实。"


def test_articles_without_chapters_with_items_and_short_titles():
    ids = outline(
        "某某市某某办法\n"
        "第一条 办公空间支持\n对经认定的单位给予补贴。\n"
        "第二条 申请应当符合下列条件：\n（一）在本市注册；\n（二）依照本办法第一条规定取得资格。\n"
        "第三条　本办法自2026年1月1日起施行。\n"
    )
    assert list(ids) == ["序", "第一条", "第二条", "第二条/（一）", "第二条/（二）", "第三条"]
    assert ids["第一条"].heading == "办公空间支持"
    assert ids["第一条"].path == ("第一条 办公空间支持",)
    assert ids["第二条"].heading == "申请应当符合下列条件"
    assert ids["第二条/（二）"].parent == "t/第二条"
    assert ids["第三条"].heading == "本办法自2026年1月1日起施行"


def test_chapters_sections_and_articles_numbered_through_the_document():
    ids = outline(
        "第一章 总则\n第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全市。\n"
        "第二章 规划与建设\n第一节 规划\n第三条 市主管部门编制规划。\n"
        "第二节 建设\n第四条 建设单位应当依照本办法第三条执行。\n第五条本条另有规定的除外。\n"
        "第三章　附　　则\n第六条 本办法自发布之日起施行。\n"
    )
    assert list(ids) == [
        "第一章", "第一章/第一条", "第一章/第二条", "第二章", "第二章/第一节", "第二章/第一节/第三条",
        "第二章/第二节", "第二章/第二节/第四条", "第二章/第二节/第五条", "第三章", "第三章/第六条",
    ]
    assert ids["第二章"].heading == "规划与建设" and ids["第二章"].level == 1
    assert ids["第二章/第一节/第三条"].path == ("第二章 规划与建设", "第一节 规划", "第三条 市主管部门编制规划")
    assert ids["第二章/第二节/第五条"].heading == "本条另有规定的除外"
    assert ids["第三章"].heading == "附则" and ids["第三章"].path == ("第三章 附则",)


def test_traditional_articles_with_arabic_numbers_and_wrapped_first_sentence():
    ids = outline(
        "法規名稱：某某特別條例\n\n第 1 條\n為安全、有效推動重建工作，特\n制定本條例。\n\n"
        "第 2 條\n重建經費如下：\n一、各機關優先調整。\n二、以特別預算編列。\n\n第 3 條\n本條例自公布日施行。\n"
    )
    assert list(ids) == ["序", "第1條", "第2條", "第2條/一", "第2條/二", "第3條"]
    assert ids["第1條"].heading == "為安全、有效推動重建工作，特制定本條例"
    assert ids["第1條"].marker == "第 1 條"
    assert ids["第1條"].path == ("第 1 條 為安全、有效推動重建工作，特制定本條例",)


def test_article_references_and_skipped_numbers_are_not_articles():
    ids = outline("第一条 总则。\n第三条 跳号的不是条。\n依照\n第一条规定办理。\n第二条 第二条正文。\n")
    assert list(ids) == ["第一条", "第二条"]


def test_decimal_outline_after_a_table_of_contents():
    toc = "目　　录\n1　总则\n1.1　编制目的\n1.2　工作原则\n2　组织机构\n2.1　指挥部\n"
    body = (
        "1　总则\n1.1　编制目的\n" + PARA + "\n1.2　工作原则\n（1）统一领导。\n（2）分级负责。\n"
        "1.2.1　国家级：两个以上省出现应急状态。\n2　组织机构\n2.1　指挥部\n" + PARA + "\n"
        "3 应急响应\n3.1 启动程序\n" + PARA + "\n"
    )
    ids = outline("国家某某应急预案\n" + toc + body)
    assert list(ids) == [
        "序", "1", "1/1.1", "1/1.2", "1/1.2/（1）", "1/1.2/（2）", "1/1.2/1.2.1", "2", "2/2.1", "3", "3/3.1",
    ]
    assert ids["序"].text.endswith("2.1　指挥部")  # the 目录 stays in the preamble, once
    assert ids["1/1.2/1.2.1"].heading == "国家级"
    assert ids["2/2.1"].path == ("2 组织机构", "2.1 指挥部")


def test_decimal_numbers_start_at_one():
    ids = outline("1 总则\n1.0 概述\n" + PARA + "\n1.1 目的\n" + PARA + "\n1.2 范围\n" + PARA)
    assert list(ids) == ["1", "1/1.1", "1/1.2"]


def test_numbers_in_a_table_are_not_a_decimal_outline():
    ids = outline("序号\n病种\n限额\n1\n高血压\n200元\n2\n糖尿病\n300元\n1 高血压病 200元/月\n")
    assert list(ids) == ["序"]


def test_numbered_items_directly_under_top_level_run_on():
    ids = outline("一、重点任务\n1.强化供给。" + PARA + "\n2.降低成本。" + PARA +
                  "\n二、保障措施\n3.加强领导。" + PARA + "\n4.强化考核。" + PARA)
    assert list(ids) == ["一", "一/1", "一/2", "二", "二/3", "二/4"]


def test_attachments_start_parts_whose_outline_restarts():
    ids = outline(
        "关于印发某某方案的通知\n各区：\n现印发给你们，请认真贯彻执行。\n"
        "附件：1.某某指标体系\n2.某某任务分工表\n某某局\n2023年5月1日\n"
        "附件1\n某某指标体系\n一、总体指标\n" + PARA + "\n二、分项指标\n" + PARA + "\n"
        "附件2：某某任务分工表\n序号\n任务\n1\n加强领导\n"
    )
    # the notice's own list (附件：1.… 2.…) names the attachments; the parts start at 附件1 / 附件2：
    assert list(ids)[-4:] == ["附件1", "附件1/一", "附件1/二", "附件2"]
    assert [i for i in ids if i.startswith("附件")] == list(ids)[-4:]
    assert ids["附件1"].heading == "某某指标体系" and ids["附件1"].level == 1
    assert ids["附件1"].path == ("附件1 某某指标体系",)
    assert ids["附件2"].heading == "某某任务分工表"
    assert ids["序"].text.endswith("附件：")


def test_articles_restart_in_an_attachment():
    ids = outline("第一条 本办法适用于全市。\n第二条 本办法自公布之日起施行。\n附件\n某某细则\n"
                  "第一条 细则适用于本市。\n第二条 细则自公布之日起施行。\n")
    assert list(ids) == ["第一条", "第二条", "附件", "附件/第一条", "附件/第二条"]


def test_bullets_and_a_lone_dash_subtitle():
    ids = outline("某某报告\n——在某某会议上\n一、工作回顾\n五年来成绩显著：\n"
                  "——这是综合实力跃升的五年。\n——这是产业发展焕新的五年。\n二、工作安排\n" + PARA)
    assert list(ids) == ["序", "一", "一/——1", "一/——2", "二"]
    assert ids["一/——2"].heading == "这是产业发展焕新的五年"
    assert ids["一/——1"].marker == "——"
    # followed by more prose, the bullets stay in it: the last would otherwise swallow it all
    ids = outline("一、工作回顾\n五年来成绩显著：\n——这是综合实力跃升的五年。\n——这是产业发展焕新的五年。\n"
                  + PARA + "\n" + PARA + "\n二、工作安排\n" + PARA)
    assert list(ids) == ["一", "二"]


def test_unnumbered_report_subheadings_but_not_menus():
    ids = outline(
        "首页\n下载\n打印\n收藏\n某某省政府工作报告\n各位代表：\n" + PARA + "\n"
        "过去五年工作回顾\n" + PARA + "\n" + PARA + "\n"
        "2026年重点工作\n" + PARA + "\n（一）扩大有效投资\n" + PARA + "\n（二）建设产业体系\n" + PARA + "\n"
        "相关报道：\n网站地图\n"
    )
    assert list(ids) == ["序", "过去五年工作回顾", "2026年重点工作", "2026年重点工作/（一）", "2026年重点工作/（二）"]
    assert ids["2026年重点工作"].heading == "2026年重点工作" and ids["2026年重点工作"].marker == ""
    # The menu words are never headings (the cleaner drops them as page furniture).
    assert not any(w in c.heading for c in ids.values() for w in ("下载", "打印", "收藏"))


def test_subheading_inside_a_numbered_list_does_not_break_it():
    ids = outline("一、主要任务\n" + PARA + "\n（一）第一项\n" + PARA + "\n金融支持\n" + PARA +
                  "\n（二）第二项\n" + PARA)
    assert "一/（二）" in ids and ids["一/（二）"].parent == "t/一"


def test_bulletin_numbered_sections():
    ids = outline("某省统计公报\n" + PARA + "\n01综合\n全年生产总值32074.7亿元，增长4.7%。\n"
                  "表1  年末常住人口\n02农业\n全年粮食产量2151.9万吨。\n10月份以来价格回落。\n")
    assert list(ids) == ["序", "01", "02"]
    assert ids["02"].heading == "农业" and ids["02"].path == ("02农业",)


def test_footnote_marks_do_not_start_clauses():
    ids = outline("一、综合\n全年地区生产总值[1]32074.7亿元，城镇化率①达到60%。\n①为初步核算数。\n"
                  "注：[1]地区生产总值按现价计算。\n")
    assert list(ids) == ["一", "一/①"]
    assert ids["一/①"].text == "①为初步核算数。\n注：[1]地区生产总值按现价计算。"


PIECES = st.sampled_from([
    "\n", " ", "\u3000", "。", "：", "，", "第一章", "第二章 ", "第一节", "第一条", "第二条", "第 1 條", "第3条",
    "第一部分", "附件", "附件1", "附件2：", "目录", "目　录", "1 ", "1.1 ", "1.2.1 ", "0 ", "1.0 ", "2 ",
    "01", "02", "一、", "二、", "（一）", "（二）", "1.", "2.", "（1）", "①", "一是", "——", "[1]", "总则",
    "重点工作", "2026年3月1日", PARA,
])
OUTLINE_LIKE = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=50).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OUTLINE_LIKE)
def test_any_text_gives_a_well_formed_tree(text):
    clean, offsets = clean_text(text)
    clauses = parse_outline(clean, offsets, "t")
    by_id = {c.id: c for c in clauses}
    assert len(by_id) == len(clauses)
    starts = [c.clean_span[0] for c in clauses]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for c in clauses:
        assert clean[c.clean_span[0] : c.clean_span[1]] == c.text and c.text.strip()
        if c.parent is not None:
            assert by_id[c.parent].level == c.level - 1
        else:
            assert c.level <= 1
        # no id from a 0 marker (0 / 1.0); a bulletin's 01 section is its own id (t/01)
        assert not re.search(r"/0(?![1-9])", c.id) and ".0" not in c.id.rsplit("/", 1)[-1]


def test_parts_and_dotted_decimal_top_level():
    ids = outline("第一部分 总体要求\n" + PARA + "\n第二部分 主要任务\n第一章 产业发展\n" + PARA + "\n")
    assert list(ids) == ["第一部分", "第二部分", "第二部分/第一章"]
    ids = outline("1. 总则\n1.1 目的\n" + PARA + "\n1.2 范围\n" + PARA + "\n2. 职责\n2.1 分工\n" + PARA)
    assert list(ids) == ["1", "1/1.1", "1/1.2", "2", "2/2.1"]
    assert ids["1"].heading == "总则" and ids["1"].path == ("1. 总则",)
    # with 一、 sections, 1. is an item marker even when a 1.1 line turns up
    ids = outline("一、任务\n1.强化供给\n1.1 细项\n" + PARA + "\n1.2 细项\n" + PARA + "\n2.降低成本\n" + PARA)
    assert [i for i in ids if i.count("/") == 1] == ["一/1", "一/2"]


def test_a_lone_numbered_menu_word_is_not_a_heading():
    ids = outline("一、首页\n网站地图\n某某方案\n（一）总体要求\n" + PARA + "\n（二）主要任务\n" + PARA)
    assert list(ids) == ["序", "（一）", "（二）"]
    # the same short line is a heading when its list goes on
    ids = outline("一、目标\n" + PARA + "\n二、任务\n" + PARA)
    assert list(ids) == ["一", "二"]


def test_table_of_contents_with_page_numbers_and_chapters():
    ids = outline("某某条例\n目  录\n第一章 总则……1\n第二章 管理……3\n第一章 总则\n第一条 为了规范管理，制定本条例。\n"
                  "第二章 管理\n第二条 主管部门负责管理。\n")
    assert list(ids) == ["序", "第一章", "第一章/第一条", "第二章", "第二章/第二条"]
    assert "第二章 管理……3" in ids["序"].text


def test_articles_in_a_one_line_document():
    ids = outline("某某办法 第一章 总则 第一条 为了规范管理，制定本办法。 第二条 本办法适用于全市， "
                  "依照 第一条 的规定执行。 第二章 附则 第三条 本办法自发布之日起施行。")
    assert list(ids) == ["序", "第一章", "第一章/第一条", "第一章/第二条", "第二章", "第二章/第三条"]
    assert ids["第一章"].heading == "总则" and ids["第二章/第三条"].heading == "本办法自发布之日起施行"


def test_numbering_runs_on_across_sections_and_cell_headings():
    ids = outline("一、医疗质量\n（一）\n功能定位\n1.门诊人次数\n定量\n2.下转患者人次数\n定量\n"
                  "二、运营效率\n（二）\n资源效率\n3.执业医师日均负担\n定量\n")
    assert list(ids) == ["一", "一/（一）", "一/（一）/1", "一/（一）/2", "二", "二/（二）", "二/（二）/3"]
    assert ids["二/（二）"].heading == "资源效率"


def test_unnumbered_subheadings_inside_sections_but_not_dates():
    ids = outline("一、2025年工作回顾\n" + PARA + "\n经济运行稳中有进\n" + PARA + "\n科技创新成果丰硕\n" + PARA +
                  "\n二、2026年工作安排\n" + PARA + "\n2026年3月1日\n" + PARA)
    assert list(ids) == ["一", "一/经济运行稳中有进", "一/科技创新成果丰硕", "二"]
    assert ids["一/科技创新成果丰硕"].path == ("一、2025年工作回顾", "科技创新成果丰硕")


def test_planning_outline_parts_chapters_sections():
    ids = outline("第一篇 发展基础\n第一章 发展环境\n第一节 发展成就\n一、经济实力\n" + PARA + "\n二、创新能力\n" + PARA +
                  "\n第二节 面临形势\n" + PARA + "\n第二篇 主要任务\n第二章 产业体系\n" + PARA)
    assert list(ids) == ["第一篇", "第一篇/第一章", "第一篇/第一章/第一节", "第一篇/第一章/第一节/一",
                         "第一篇/第一章/第一节/二", "第一篇/第一章/第二节", "第二篇", "第二篇/第二章"]


def test_a_hard_wrapped_heading_line_runs_on():
    ids = outline("一、各機關應於總預算範圍內，優先調整支應災民救助、\n緊急搶救等各項支出。\n二、總體要求\n" + PARA)
    assert ids["一"].heading == "各機關應於總預算範圍內，優先調整支應災民救助、緊急搶救等各項支出"
    assert ids["二"].heading == "總體要求"


def test_an_unnumbered_closing_fu_ze_is_the_last_top_level_heading():
    ids = outline("某某区支持措施\n第一条 空间支持\n" + PARA + "\n第二条 人才支持\n" + PARA + "\n"
                  "附　则\n（一）适用范围\n本措施适用于本区。\n（二）实施时间\n本措施自发布之日起施行。\n")
    assert [k for k in ids if "/" not in k] == ["序", "第一条", "第二条", "附则"]
    assert ids["附则"].path == ("附则",) and ids["附则/（二）"].parent == "t/附则"
    # under 一、 sections too
    ids = outline("一、总体要求\n" + PARA + "\n二、重点任务\n" + PARA + "\n附则\n1.本方案由市科技局负责解释。\n")
    assert [k for k in ids if "/" not in k] == ["一", "二", "附则"]


def test_a_fu_ze_that_is_no_closing_heading():
    # a chapter heading set on two lines is one heading; a 附则 before the last article, or
    # one with nothing under it, is no heading
    ids = outline("第一章 总则\n第一条 " + PARA + "\n第二章\n附则\n第二条 本办法自公布之日起施行。\n")
    assert [k for k in ids if "/" not in k] == ["第一章", "第二章"]
    ids = outline("第一条 " + PARA + "\n附则\n第二条 " + PARA + "\n")
    assert "附则" not in ids
    ids = outline("第一条 " + PARA + "\n第二条 " + PARA + "\n附则\n")
    assert "附则" not in ids


# ---- the real documents -------------------------------------------------------------

# The last article of each, as the README's outline-style column gives it.
ARTICLE_DOCS = {"gov_gsfss2018.html": 36, "nhsa_feijian2023.txt": 32, "gz_changhu2024.html": 32,
                "gz_gzf2024.html": 54, "gz_linshi2021.html": 18, "gz_scztdj2021.html": 55,
                "tw_morakot2009.txt": 30, "opc_luohu2026.html": 10}


@cache
def realdoc(name: str) -> ParsedDocument:
    path = REALDOCS / name
    if not path.is_file():
        pytest.skip(f"{path} not present")
    return parse_file(path, doc_id=re.sub(r"[^a-z0-9]+", "-", path.stem.lower()))


def articles_of(doc: ParsedDocument) -> list[int]:
    from index.markers import numeral

    return [numeral(re.sub(r"[第条條\s]", "", c.marker)) for c in doc.clauses if re.fullmatch(r"第.+[条條]", c.marker)]


@pytest.mark.parametrize(("name", "last"), ARTICLE_DOCS.items())
def test_realdocs_articles_are_clauses(name, last):
    doc = realdoc(name)
    assert articles_of(doc) == list(range(1, last + 1))
    assert survey(doc)["preamble"] < 0.10
    for c in doc.clauses:
        if re.fullmatch(r"第.+[条條]", c.marker):
            assert c.heading and len(c.text) > len(c.marker)


@pytest.mark.parametrize(("name", "chapters"), [("nhsa_feijian2023.txt", 5), ("gz_changhu2024.html", 6),
                                                 ("gz_gzf2024.html", 8), ("gz_scztdj2021.html", 6)])
def test_realdocs_chapters_are_the_top_level(name, chapters):
    top = [c for c in realdoc(name).clauses if c.level == 1]
    assert [c.marker.replace(" ", "") for c in top] == [f"第{n}章" for n in "一二三四五六七八"[:chapters]]
    assert top[0].heading == "总则"


def test_realdocs_decimal_outline_skips_its_table_of_contents():
    doc = realdoc("gov_liangshi2005.html")
    top = [c.path[0] for c in doc.clauses if c.level == 1]
    assert top[0] == "1 总则" and top[-1] == "7 附则" and len(top) == 7
    ids = [c.id.split("/", 1)[1] for c in doc.clauses]
    assert len(ids) == len(set(ids)) and "1/1.2/1.2.1" in ids and "4/4.2/4.2.3" in ids


def test_realdocs_attachments_and_bulletin_sections():
    mente = [c.id.split("/", 1)[1] for c in realdoc("gz_mente2019.html").clauses if c.level == 1]
    assert mente[-2:] == ["附件1", "附件2"]
    jx = [c.path[0] for c in realdoc("tjgb_jiangxi2022.html").clauses if c.level == 1]
    assert jx[:3] == ["01综合", "02农业", "03工业和建筑业"] and len(jx) == 12


def test_realdocs_article_titles_and_items():
    by_id = {c.id.split("/", 1)[1]: c for c in realdoc("opc_luohu2026.html").clauses}
    assert by_id["第一条"].path == ("第一条 办公空间支持",)
    assert by_id["第二条"].heading == "算力、语料和模型调用支持"
    tw = {c.id.split("/", 1)[1]: c for c in realdoc("tw_morakot2009.txt").clauses}
    assert [k for k in tw if k.startswith("第6條/")] == ["第6條/一", "第6條/二", "第6條/三"]


def test_realdocs_report_without_numbered_sections():
    doc = realdoc("rpt_gansu2026.txt")
    top = [c.heading for c in doc.clauses if c.level == 1]
    assert top == ["“十四五”时期工作回顾", "“十五五”时期的主要目标任务", "2026年重点工作"]
    assert survey(doc)["preamble"] < 0.05
