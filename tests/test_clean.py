"""Cleaning: pinyin annotations, table residue, trailer; offsets; normalisation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.clean import (
    clean_text,
    detect_script,
    extract_metadata_table,
    is_pinyin,
    normalize,
    to_traditional,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DONGYING = (CORPUS / "000_6593b6471ef5bc1e.txt").read_text(encoding="utf-8")
TENGZHOU = (CORPUS / "003_313e9604e77a2f3b.txt").read_text(encoding="utf-8")
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN = re.compile(rf"[(（][a-zü{TONED}]*[{TONED}][a-zü{TONED}]*[)）]")


def test_no_pinyin_left_in_dongying():
    assert len(PINYIN.findall(DONGYING)) > 1600
    clean, _ = clean_text(DONGYING)
    assert PINYIN.findall(clean) == []
    assert "產業" in clean and "習近平" in clean
    # after non-CJK characters too: 年P(guān)X, L(fēng)
    assert "年PX項目" in clean
    assert "L(fēng)" not in clean and "蝻L電" in clean


@pytest.mark.parametrize(
    ("needle", "count"),
    [("(一)", 3), ("(二)", 3), ("(六)", 1), ("(PTA)", 1), ("(PET)", 1), ("(東營)", 4), ("(深圳)", 1),
     ("(北部)", 1), ("(種植)", 1), ("(養殖)", 1), ("(其中五大新興產業增加值平均增速9%以上)", 1)],
)
def test_real_parentheses_kept(needle, count):
    clean, _ = clean_text(DONGYING)
    assert clean.count(needle) == count


def test_responsibility_parentheses_kept():
    clean, _ = clean_text(DONGYING)
    before = DONGYING.count("(責(zé)任單位:")
    assert before == 20
    assert clean.count("(責任單位:") == before


def test_table_residue_and_mojibake():
    clean, offsets = clean_text(DONGYING)
    assert not clean.startswith("|") and not clean.endswith("|")
    assert "|" not in clean
    assert clean.startswith("一、總體要求")
    # the mojibake span is left as it is
    assert "地?zé)峁┡偷責崮芏嘣茫蝗羌涌旌涌凇⒗蝻L電" in clean
    assert len(offsets) == len(clean) + 1 and offsets[-1] == len(DONGYING)


def test_metadata_table_and_trailer():
    pairs, end = extract_metadata_table(TENGZHOU)
    meta = dict(pairs)
    assert meta["发文字号"] == "滕政发〔2024〕8号"
    assert meta["成文日期"] == "2024-08-06"
    assert meta["发文机关"] == "滕州市人民政府"
    assert "关键词" not in meta  # empty value
    assert TENGZHOU[end:].startswith("滕州市人民政府\n")
    clean, _ = clean_text(TENGZHOU)
    assert clean.startswith("滕州市人民政府\n关于印发")
    assert "索引号" not in clean and "|" not in clean
    assert "文件文字版" not in clean and ".docx" not in clean and ".pdf" not in clean
    assert clean.endswith("(责任单位:市直有关部门,各镇街)")
    assert extract_metadata_table(DONGYING) == ([], 0)


@pytest.mark.parametrize(
    ("content", "before", "expected"),
    [("chǎn", "產", True), ("xí", "習", True), ("guān", "P", True), ("fēng", "L", True),
     ("zhōng", "中", True), ("a", "x", False), ("PTA", "酸", False), ("一", "x", False),
     ("1", "x", False), ("de", "的", True), ("de", "x", False), ("abc", "中", False),
     ("hello", "中", False)],
)
def test_is_pinyin(content, before, expected):
    assert is_pinyin(content, before) is expected


def test_examples():
    assert clean_text("產(chǎn)業(yè)")[0] == "產業"
    assert clean_text("（一）加强(a)管理(PTA)")[0] == "（一）加强(a)管理(PTA)"
    assert clean_text("| 第一行 |\n|\n第二行")[0] == "第一行\n第二行"
    assert clean_text("")[0] == "" and clean_text("")[1] == [0]


def test_normalize_and_scripts():
    assert normalize("產業增加值２０２１年（一）") == "产业增加值2021年(一)"
    assert normalize(normalize("責任單位：ＡＢ")) == normalize("責任單位：ＡＢ")
    assert to_traditional("产业") == "產業"
    assert detect_script(DONGYING) == "traditional"
    assert detect_script(TENGZHOU) == "simplified"


ALPHABET = st.sampled_from(
    list("產業(chǎn)習xí|\n\r 一、1.（）()abPTAüǎé文件文字版:.docx索引号主题分类\t\x00等是")
    + ["(chǎn)", "(yè)", "| 索引号 | 1 | 主题分类 | 2 |\n", "文件文字版:\n", "a.pdf\n", "(ma(chǎn))"]
)
TEXT = st.one_of(st.text(), st.lists(ALPHABET, max_size=60).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_clean_properties(raw):
    clean, offsets = clean_text(raw)
    assert len(offsets) == len(clean) + 1
    assert offsets[-1] == len(raw)
    assert all(0 <= o < len(raw) for o in offsets[:-1])
    assert all(a < b for a, b in zip(offsets, offsets[1:], strict=False))
    # cleaning only removes: each kept char is the raw char it maps to
    assert all(raw[o] == c for o, c in zip(offsets, clean, strict=False))
    again, _ = clean_text(clean)
    assert again == clean


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalize_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


def test_leading_data_table_is_not_metadata():
    raw = "指标 | 目标值 |\n研发投入 | 7%以上 |\n正文"
    assert extract_metadata_table(raw) == ([], 0)
    assert clean_text(raw)[0] == "指标 | 目标值\n研发投入 | 7%以上\n正文"


def test_report_page_furniture_removed():
    raw = (
        "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n"
        "当前位置：\n首页\n>\n政务信息\n>\n要闻\n"
        "2026年某省政府工作报告\n来源：某某日报\n时间：2026-02-02\n2026年02月10日 07时41分\n"
        "某某作政府工作报告。本报记者 某某摄\n某某作报告。某某日报记者 某某某\n各位代表：\n"
        + "现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。\n" * 12
        + "一、过去一年的工作（下转第四版）\n今年的主要目标是：地区生产总值增长5%左右。\n"
        "责任编辑：\n某某\n扫一扫在手机打开当前页\n相关报道：\n某某热议政府工作报告\n打印本页\n关闭窗口\n"
    )
    clean, offsets = clean_text(raw)
    lines = clean.splitlines()
    assert lines[0] == "2026年某省政府工作报告" and lines[1] == "各位代表："
    assert lines[-1] == "今年的主要目标是：地区生产总值增长5%左右。"
    assert "一、过去一年的工作" in lines and "下转" not in clean
    assert all(raw[o] == c for o, c in zip(offsets, clean, strict=False))


def test_pdf_spaces_and_broken_lines():
    raw = (
        "某某基金检查管理暂行办法\n（国家某某局令第 6 号）\n"
        "《某某办法》已经2023年2月14日第5 次局务会议审议通过。\n"
        "第一条 为了加强基金监督检 查，规范飞行检查工作， 根据有关法律法规规定，制 定本办法。\n"
        "第二条 本办法所称飞行检查，是指国家和省级行政部门组织实施的不预先告 知的现场监督检查。\n"
        "第三条 飞行检查组应当由行政执法人员和熟悉医保、医疗、医\n药、财务等相关专业的其他人员组成。\n"
        "（一）加强基金监管能力建设，完善长效机制。（责\n任单位：市医保局、市卫生健康委）\n"
    )
    clean, offsets = clean_text(raw)
    assert "第6号" in clean and "第5次" in clean
    assert "监督检查，规范飞行检查工作，根据" in clean and "制定本办法" in clean
    assert "第一条 为了" in clean  # the space after an article's number stays
    assert "熟悉医保、医疗、医药、财务" in clean
    assert "（责任单位：市医保局、市卫生健康委）" in clean
    assert clean.splitlines()[:2] == ["某某基金检查管理暂行办法", "（国家某某局令第6号）"]
    assert all(raw[o] == c for o, c in zip(offsets, clean, strict=False))


def test_ordinary_text_keeps_its_lines():
    raw = "某市关于印发某方案的通知\n各区人民政府，市政府各部门：\n一、总体要求\n到2026年，新增20家。"
    assert clean_text(raw)[0] == raw


def test_spaced_metadata_lines():
    raw = "索 引 号：\n000014349/2018-00217\n主题分类：卫生、体育\n发文机关：\n国务院办公厅\n正文第一行。"
    pairs, end = extract_metadata_table(raw)
    assert pairs == [("索引号", "000014349/2018-00217"), ("主题分类", "卫生、体育"),
                     ("发文机关", "国务院办公厅")]
    assert raw[end:] == "正文第一行。"
    assert clean_text(raw)[0] == "正文第一行。"


def test_hard_wrapped_statute_joined_and_numbers_kept():
    raw = "法規名稱：某某重建特別條例\n修正日期：20140829\n\n" + "".join(
        f"第 {n} 條\n為安全、有效、迅速推動颱風災後重建工作，特\n制定本條例第{n}項。\n\n" for n in (1, 2, 3))
    clean, offsets = clean_text(raw)
    lines = clean.splitlines()
    assert lines[:2] == ["法規名稱：某某重建特別條例", "修正日期：20140829"]  # field lines stay lines
    assert "第 2 條" in lines  # a statute's article number is left as written
    assert "為安全、有效、迅速推動颱風災後重建工作，特制定本條例第2項。" in lines
    assert all(raw[o] == c for o, c in zip(offsets, clean, strict=False))


def test_site_menu_lines_in_text_dropped():
    para = "为进一步加强基金监管，现就有关事项通知如下，请认真贯彻执行。\n"
    raw = ("首页\n政务公开\n政务服务\n互动交流\n政策发布\n"
           "某市人民政府办公厅关于加强某某工作的通知\n各区人民政府：\n" + para * 4
           + "某市人民政府办公厅\n2024年7月26日\n网站地图\n联系我们\n隐私声明\n使用帮助\n网站纠错\n")
    lines = clean_text(raw)[0].splitlines()
    assert lines[0] == "某市人民政府办公厅关于加强某某工作的通知"
    assert lines[-2:] == ["某市人民政府办公厅", "2024年7月26日"]
    # four short lines are no menu
    assert clean_text("总则\n目标\n任务\n保障\n" + para)[0].startswith("总则\n目标")


def test_a_title_a_doc_number_and_a_date_keep_their_own_lines_in_wrapped_text():
    """Text that looks hard-wrapped still keeps a title ending in its genre word, a 文号
    line and a date line apart (they were joined into one 'sentence')."""
    from index.clean import clean_text

    wrapped = "这是一行很长的正文内容没有标点符号结尾但是还在继续说明\n" * 4
    raw = ("青山市人民政府办公室关于印发青山市数字乡村建设方案的通知\n青政办〔2026〕3号\n"
           + wrapped + "青山市人民政府办公室\n2026年6月24日\n青山市数字乡村建设方案\n"
           "为深入推进数字乡村建设，制定本方案。\n")
    clean, _ = clean_text(raw)
    lines = clean.split("\n")
    for line in ("青山市人民政府办公室关于印发青山市数字乡村建设方案的通知", "青政办〔2026〕3号",
                 "2026年6月24日", "青山市数字乡村建设方案"):
        assert line in lines, (line, lines)


def test_a_web_page_heading_with_a_comma_keeps_its_own_line():
    """A web page's sub-heading (an <h3> with a comma in it) is no wrapped line, even when
    many lines end without punctuation (责任单位 lines) and the text looks hard-wrapped."""
    duty = "责任单位：市工信局、市科技局、市发展改革委，各开发区管委会，各区县（市）政府\n"
    raw = ("（一）优化空间布局，构建全域联动创业载体体系\n坚持因地制宜、多点联动，推动构建三级载体体系。\n"
           "1．打造创业带。以高等院校为核心，重点推动建设集高速网络、基础算力于一体的创业带。\n" + duty
           + "2．建设特色社区。各区县根据自身资源禀赋，选择人才密度高的片区，重点打造特色社区。\n" + duty
           + "（二）创新推广模式，构建精准触达联动发展体系\n依托资源云端汇聚，强化本地化部署，打造品牌赛事。\n"
           "3．培育品牌赛事。对获奖项目给予最高100万元奖励支持。\n" + duty)
    lines = clean_text(raw)[0].splitlines()
    assert "（一）优化空间布局，构建全域联动创业载体体系" in lines
    assert "（二）创新推广模式，构建精准触达联动发展体系" in lines
    # a PDF line that starts a paragraph (a sentence ends in it) is still joined to the next
    pdf = ("（三）强化责任追究。县级以上地方人民政府要切实履行监管职\n"
           "责，对监管不力、执法不严导致医保基金安全存在重大风险隐患的，要严肃追究责任\n") * 3
    assert "（三）强化责任追究。县级以上地方人民政府要切实履行监管职责，对监管不力" in clean_text(pdf)[0]
