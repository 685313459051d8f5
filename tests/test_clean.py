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
