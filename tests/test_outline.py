"""Outline parsing of both seeds and of tricky snippets."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from corpus.sources import load_sources
from index.clean import clean_text
from index.ingest import parse_file
from index.outline import parse_outline
from index.records import ParsedDocument

ROOT = Path(__file__).resolve().parent.parent


@cache
def seed(doc_id: str) -> ParsedDocument:
    source = next(s for s in load_sources() if s.doc_id == doc_id)
    return parse_file(ROOT / "corpus" / source.file, source)


def outline(text: str, doc_id: str = "t") -> dict[str, object]:
    clean, offsets = clean_text(text)
    return {c.id.split("/", 1)[1]: c for c in parse_outline(clean, offsets, doc_id)}


INDUSTRIES = [f"{top}/（{n}）" for top in ("二", "三") for n in "一二三四五"]


def test_dongying_ids_unique_and_tree():
    doc = seed("dongying-2021")
    ids = [c.id for c in doc.clauses]
    assert len(ids) == len(set(ids))
    by_id = {c.id: c for c in doc.clauses}
    assert [c.heading for c in doc.clauses if c.level == 1] == ["總體要求", "培育壯大新興產業", "優化提升傳統產業", "攻堅措施"]
    for c in doc.clauses:
        if c.parent:
            assert c.parent in by_id and by_id[c.parent].level == c.level - 1
    assert not any(c.id.endswith("/序") for c in doc.clauses)  # the body starts at 一、


@pytest.mark.parametrize("industry", INDUSTRIES)
def test_dongying_industries_have_goal_and_projects(industry):
    by_id = {c.id: c for c in seed("dongying-2021").clauses}
    goal = by_id[f"dongying-2021/{industry}/1"]
    assert goal.heading == "發展目標"
    assert by_id[f"dongying-2021/{industry}/2"].heading == "攻堅方向"
    if industry == "三/（五）":
        # 現代金融服務業 has no 3.優選項目: nothing may be invented
        assert f"dongying-2021/{industry}/3" not in by_id
        assert by_id[f"dongying-2021/{industry}"].heading == "修復壯大現代金融服務業"
    else:
        assert by_id[f"dongying-2021/{industry}/3"].heading == "優選項目"


def test_dongying_path_text_and_spans():
    doc = seed("dongying-2021")
    c = next(c for c in doc.clauses if c.id == "dongying-2021/二/（一）/1")
    assert c.path_text == "二、培育壯大新興產業 › (一)突破發展新一代信息技術產業 › 1.發展目標"
    assert c.marker == "1." and c.level == 3 and c.parent == "dongying-2021/二/（一）"
    assert c.text.startswith("1.發展目標。2021年產業增加值達到21.31億元")
    assert c.text.endswith("同比增速16%以上。")
    assert doc.clean[c.clean_span[0] : c.clean_span[1]] == c.text
    raw = doc.raw[c.span[0] : c.span[1]]
    assert raw.startswith("1.發(fā)展目標(biāo)") and raw.endswith("16%以上。")
    assert doc.raw_span(*c.clean_span) == c.span


def test_dongying_enumerations_and_repeats():
    by_id = {c.id: c for c in seed("dongying-2021").clauses}
    p = "dongying-2021/二/（三）/2"
    kids = [i.rsplit("/", 1)[1] for i in by_id if by_id[i].parent == p]
    # 新能源 and 新材料 both start with 一是 (the mojibake swallowed 新能源's 三是)
    assert kids == ["一是", "二是", "一是~2", "二是~2", "三是~2", "四是~2", "五是~2"]
    assert by_id[f"{p}/一是~2"].text.startswith("一是依托國瓷公司")
    assert by_id["dongying-2021/二/（一）/2/一是"].heading == "加快新一代信息基礎設施和網絡技術建設"
    assert len([i for i in by_id if i.startswith("dongying-2021/三/（五）/2/")]) == 6


def test_dongying_no_headings_from_numbers():
    headings = [c.marker for c in seed("dongying-2021").clauses]
    assert all(not m.startswith(("21.", "2021")) for m in headings)
    assert len([c for c in seed("dongying-2021").clauses if c.marker.endswith(".")]) == 10 * 3 - 1 + 20


def test_tengzhou_outline():
    doc = seed("tengzhou-2024")
    by_id = {c.id: c for c in doc.clauses}
    pre = by_id["tengzhou-2024/序"]
    assert pre.level == 0 and pre.parent is None
    assert pre.text.startswith("滕州市人民政府\n关于印发") and "制定本工作方案。" in pre.text
    assert "索引号" not in pre.text
    assert by_id["tengzhou-2024/一/（一）"].heading == "指导思想"
    assert by_id["tengzhou-2024/二/（一）/1"].heading == "推进创新平台建设"
    assert by_id["tengzhou-2024/二/（二）/5"].parent == "tengzhou-2024/二/（二）"
    assert by_id["tengzhou-2024/三/（一）"].heading == "加强组织领导"
    tasks = [c for c in doc.clauses if c.id.startswith("tengzhou-2024/二/") and c.level == 3]
    assert [c.marker for c in tasks] == [f"{n}." for n in range(1, 28)]
    assert len(doc.clauses) == 1 + 3 + 2 + 7 + 27 + 3


def test_one_line_and_skipped_levels():
    ids = outline("一、目标 到2025年增长21.31億元。 1.任务一。内容1-2个。 2.任务二。(1)细项。(2)细项二。 二、保障 ①第一。②第二。")
    assert list(ids) == ["一", "一/1", "一/2", "一/2/（1）", "一/2/（2）", "二", "二/①", "二/②"]
    assert ids["一/2/（1）"].heading == "细项"


def test_implausible_numbers_rejected():
    ids = outline("一、总则\n1.第一条。\n3.不是标题(跳号)\n2.第二条。\n(PTA)与(一)项\n三、不是\n二、第二章")
    assert list(ids) == ["一", "一/1", "一/2", "二"]


def test_heading_rules():
    ids = outline("(一)指导思想\n以人为本。\n(二)总体目标：到2026年达到。\n(三)加强组织领导。加强党的领导。")
    assert [c.heading for c in ids.values()] == ["指导思想", "总体目标", "加强组织领导"]


def test_no_markers_is_all_preamble():
    ids = outline("这是一段没有标题的文字。2021年增长5%。")
    assert list(ids) == ["序"]
