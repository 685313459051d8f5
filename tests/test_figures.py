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
