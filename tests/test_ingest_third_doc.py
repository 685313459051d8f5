"""A third document (tests/fixtures/qingchuan_digital_village.txt): 一、 → 1. → (1), a metadata
table, 责任单位 with 牵头; plus source inference and round trips."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.sources import Source, load_sources
from index.config import Config
from index.figures import NON_QUANTITY
from index.ingest import infer_source, parse_file, parse_text
from index.inspect import inspect_document
from index.records import ParsedDocument

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "qingchuan_digital_village.txt"
ROOT = Path(__file__).resolve().parent.parent


def parsed() -> ParsedDocument:
    return parse_file(FIXTURE)


def test_inferred_source():
    s = parsed().source
    assert s.doc_id == "qingchuan-digital-village"
    assert s.title == "青川县数字乡村建设三年行动方案" == s.label
    assert s.issuer == "青川县人民政府办公室"
    assert (s.date, s.year, s.doc_number) == ("2023-03-15", 2023, "青政办发〔2023〕5号")
    assert s.place == "青川县" and s.script == "simplified"
    # The title line and the table state the rest; the place is derived from the issuer.
    assert set(s.inferred) == {"place"}
    assert set(s.found) == {"title", "label", "issuer", "date", "year", "doc_number", "kind"}
    assert s.missing == ()


def test_tree():
    doc = parsed()
    got = [(c.id.split("/", 1)[1], c.level, c.heading) for c in doc.clauses]
    assert got == [
        ("序", 0, "青川县人民政府办公室"),
        ("一", 1, "工作目标"),
        ("二", 1, "重点任务"),
        ("二/1", 2, "完善乡村信息基础设施"),
        ("二/1/（1）", 3, "推进网络提速"),
        ("二/1/（2）", 3, "推进广播电视数字化"),
        ("二/2", 2, "发展智慧农业"),
        ("二/3", 2, "培育农村电商"),
        ("三", 1, "保障措施"),
        ("三/1", 2, "加强组织领导"),
        ("三/2", 2, "强化资金保障"),
    ]
    c = next(c for c in doc.clauses if c.id.endswith("二/1/（2）"))
    assert c.path == ("二、重点任务", "1.完善乡村信息基础设施", "(2)推进广播电视数字化")
    assert c.parent == "qingchuan-digital-village/二/1"
    assert "索引号" not in doc.clean
    assert dict(doc.metadata)["发文字号"] == "青政办发〔2023〕5号"


def test_duties():
    duties = {r.clause_id.split("/", 1)[1]: r for r in parsed().duties}
    assert list(duties) == ["二/1/（2）", "二/2", "二/3", "三/1"]
    r = duties["二/1/（2）"]
    assert r.task == "推进广播电视数字化"
    assert r.groups == (("县工业和信息化局",), ("县财政局", "县文化和旅游局"), ("各乡镇",))
    assert r.lead == ("县工业和信息化局",)
    r = duties["二/3"]
    assert r.units == ("县商务局", "县人力资源和社会保障局", "县邮政分公司")
    assert r.lead == ("县商务局",)
    assert duties["三/1"].lead == ()


def test_figures():
    figs = {f.text: f for f in parsed().figures if f.qualifier not in NON_QUANTITY}
    f = figs["95%以上"]
    assert (f.clause_id.split("/", 1)[1], f.time, f.measure) == ("一", "到2025年", "全县行政村5G网络覆盖率")
    f = figs["约2000万元"]
    assert (f.clause_id.split("/", 1)[1], f.qualifier, f.time, f.measure) == ("二/1/（1）", "约", "每年", "投入资金")
    assert figs["不少于150个"].time == "2023年"
    assert figs["突破8.5亿元"].qualifier == "突破"
    assert figs["10家左右"].clause_id.endswith("/二/3")
    assert figs["不低于3000万元"].measure == "县财政每年安排专项资金"


def test_given_source_wins_but_table_is_kept():
    raw = FIXTURE.read_text(encoding="utf-8")
    source = Source(doc_id="qc", file=FIXTURE.name, label="青川方案", script="simplified",
                    issuer=None, missing=("issuer",))
    doc = parse_text(raw, source)
    assert doc.source == source
    assert ("发文机关", "青川县人民政府办公室") in doc.metadata
    assert all(c.id.startswith("qc/") for c in doc.clauses)


def test_doc_id_fallback_and_override(tmp_path):
    p = tmp_path / "数字乡村.txt"
    p.write_bytes(FIXTURE.read_bytes())
    assert parse_file(p).source.doc_id.startswith("doc-")
    assert parse_file(p, doc_id="my-doc").source.doc_id == "my-doc"
    s = infer_source("一、总则\n没有任何元数据。", file="notes.txt")
    assert s.title is None and "title" in s.missing and "label" in s.inferred


def test_json_round_trip():
    doc = parsed()
    again = ParsedDocument.from_dict(json.loads(json.dumps(doc.to_dict(), ensure_ascii=False)))
    assert again == doc


def test_seed_sources_from_yaml_kept():
    for s in load_sources():
        doc = parse_file(ROOT / "corpus" / s.file, s)
        assert doc.source == s
    tz = next(s for s in load_sources() if s.doc_id == "tengzhou-2024")
    doc = parse_file(ROOT / "corpus" / tz.file, tz)
    assert dict(doc.metadata)["发文机关"] == "滕州市人民政府"
    inferred = infer_source(doc.raw, file=tz.file)
    assert (inferred.title, inferred.issuer, inferred.date, inferred.doc_number, inferred.place) == (
        tz.title, tz.issuer, tz.date, tz.doc_number, tz.place)
    dy = next(s for s in load_sources() if s.doc_id == "dongying-2021")
    guess = infer_source(parse_file(ROOT / "corpus" / dy.file, dy).raw, file=dy.file)
    assert guess.script == "traditional" and guess.year == 2021 and guess.place == "東營市"
    assert set(guess.missing) == {"title", "issuer", "date", "doc_number"}
    assert guess.kind == "计划" and "kind" in guess.inferred  # a year's goals, then the work


def test_inspect(capsys):
    config = Config.load()
    out = inspect_document(config, str(ROOT / "corpus" / "000_6593b6471ef5bc1e.txt"))
    assert out.startswith("# dongying-2021")
    assert "    二/（一）  突破發展新一代信息技術產業" in out
    assert "四/（六）/17 | 按時發布監測報告 | 市統計局" in out
    out = inspect_document(config, "tengzhou-2024")
    assert "牵头: 市发展和改革局" in out
    data = json.loads(inspect_document(config, str(FIXTURE), as_json=True))
    assert data["source"]["doc_id"] == "qingchuan-digital-village" and "raw" not in data


def test_cli_inspect(capsys):
    from index.__main__ import main

    assert main(["inspect", str(ROOT / "corpus" / "000_6593b6471ef5bc1e.txt")]) == 0
    assert "按時發布監測報告" in capsys.readouterr().out
    assert main(["inspect", "no-such-doc"]) == 2
    assert "错误" in capsys.readouterr().err


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("一二三、（）()1234.。，：是责任单位牵头市局 \n|%亿元年以上")
                        + ["(责任单位:", "2021年", "21.31億元", "(chǎn)", "①", "不少于"]),
        max_size=80,
    ).map("".join)
)
def test_parse_never_crashes(raw):
    source = Source(doc_id="x", file="x.txt", label="x", script="simplified")
    doc = parse_text(raw, source)
    ids = [c.id for c in doc.clauses]
    assert len(ids) == len(set(ids))
    for rec in (*doc.clauses, *doc.figures, *doc.duties):
        a, b = rec.clean_span
        assert 0 <= a <= b <= len(doc.clean)
        assert 0 <= rec.span[0] <= rec.span[1] <= len(raw)
    assert dataclasses.replace(doc) == doc


def test_place_of_a_notice_comes_from_issuer_or_title_not_its_preamble(tmp_path):
    from index.ingest import parse_file

    doc = tmp_path / "notice.txt"
    doc.write_text("关于印发青山县2025年果园提升方案的通知\n一、工作目标\n"
                   "1.新建果园示范基地6个。（责任单位：县农业农村局）\n", encoding="utf-8")
    assert parse_file(doc).source.place == "青山县"
    doc.write_text("青山县人民政府办公室\n关于印发2025年果园提升方案的通知\n一、工作目标\n"
                   "1.新建果园示范基地6个。（责任单位：县农业农村局）\n", encoding="utf-8")
    assert parse_file(doc).source.place == "青山县"
