"""The contract benchmark: loading its files, scoring its shapes, its corpus of real documents."""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from eval import consistency, contract
from eval.corpora import corpus_of, doc_kind, prepare_realdocs, realdocs_files
from eval.dataset import item_docs, load_qa, validate_item
from eval.runner import run_benchmark
from tests.seed_corpus import copy_seed_corpus

EVAL = Path(__file__).resolve().parent.parent / "eval"


def item(**kw):
    base = {"id": "t-1", "question": "问题？", "type": "figure", "doc": "gov_alpha2020",
            "corpus": "realdocs", "script": "simplified", "found": True, "gold_figures": [],
            "gold_units": [], "gold_lead": [], "gold_items": ["甲"], "gold_quote": "原文一句", "history": []}
    base.update(kw)
    return base


def fig(text):
    return {"value": text, "unit": "", "qualifier": None, "text": text}


def answer(text, found=True, citations=(), figures=(), units=()):
    return {"answer": text, "found": found, "citations": list(citations), "figures": list(figures),
            "units": list(units), "retrieved": []}


def cite(quote, doc="gov-alpha2020", clause="gov-alpha2020/一"):
    return {"doc_id": doc, "clause": clause, "quote": quote}


# ---------- loader ----------

@pytest.mark.parametrize("name", ["qa_contract.jsonl", "qa_realdocs.jsonl", "qa.jsonl"])
def test_the_shipped_files_load(name):
    items = load_qa(EVAL / name)
    assert len(items) > 250
    if name != "qa.jsonl":
        assert {"time", "yesno", "parts", "fact", "overview"} <= {i["type"] for i in items}


def test_a_good_contract_item_passes():
    validate_item(item())
    validate_item(item(type="yesno", gold_yesno="否", gold_figures=[fig("8%以上")]))
    validate_item(item(doc=["rpt_beijing2026", "rpt_hebei2026"], gold_quote=["甲", "乙"], gold_items=["x"]))
    validate_item(item(corpus="seeds", doc=["dongying-2021", "tengzhou-2024"], gold_items=["十强"],
                       gold_clause="dongying-2021/一"))
    validate_item(item(type="unanswerable", found=False, gold_quote=None, gold_items=[]))


@pytest.mark.parametrize(("change", "message"), [
    ({"corpus": "web"}, "corpus 'web' must be one of"),
    ({"type": "yesno", "gold_items": ["x"]}, "needs gold_yesno"),
    ({"type": "yesno", "gold_yesno": "对", "gold_items": ["x"]}, "gold_yesno '对' must be one of"),
    ({"doc": "Beijing report", "gold_items": ["x"]}, "realdocs file stem"),
    ({"doc": [], "gold_items": ["x"]}, "non-empty list"),
    ({"corpus": "seeds", "doc": "gov_alpha2020", "gold_items": ["x"], "gold_clause": "a/一"},
     "must be one of"),
    ({"gold_items": ["x"], "gold_quote": None}, "needs a gold_quote"),
    ({"gold_items": ["x"], "gold_quote": ["ok", ""]}, "gold_quote must be"),
    ({"gold_items": [""]}, "gold_items must be a list of non-empty strings"),
    ({"gold_items": ["x"], "paraphrase_of": "t-1"}, "paraphrase_of"),
    ({"gold_items": []}, "needs one of"),
    ({"type": "unanswerable", "found": False, "gold_items": []}, "has no gold"),
    ({"type": "unanswerable", "found": False, "gold_quote": None, "gold_items": [], "gold_yesno": "否"},
     "has no gold"),
    ({"type": "vibes", "gold_items": ["x"]}, "type 'vibes' must be one of"),
])
def test_bad_contract_items_are_refused(change, message):
    with pytest.raises(ValueError, match=message):
        validate_item(item(**change))


def test_an_old_schema_item_keeps_the_old_types_and_docs():
    old = {"id": "o", "question": "q", "type": "yesno", "doc": "dongying-2021", "script": "simplified",
           "found": True, "gold_figures": [fig("1")], "gold_units": [], "gold_clause": "dongying-2021/一",
           "history": []}
    with pytest.raises(ValueError, match="type 'yesno'"):
        validate_item(old)
    with pytest.raises(ValueError, match="gold_clause"):
        validate_item({k: v for k, v in dict(old, type="figure").items() if k != "gold_clause"})


def test_load_refuses_a_paraphrase_of_a_missing_item(tmp_path):
    path = tmp_path / "qa.jsonl"
    rows = [item(gold_items=["x"]), item(id="t-2", gold_items=["x"], paraphrase_of="t-9")]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    with pytest.raises(ValueError, match="t-2"):
        load_qa(path)


def test_item_docs_and_kinds():
    assert item_docs(item(doc=["rpt_a2026", "rpt_b2026"])) == ["rpt_a2026", "rpt_b2026"]
    assert item_docs({"doc": "both"}) == ["dongying-2021", "tengzhou-2024"]
    assert [doc_kind(d) for d in ("gov_tiyu2018", "tjgb_yichun2022", "dongying-2021")] == ["gov", "tjgb", "seed"]
    assert corpus_of([item(corpus="seeds"), item()]) == "realdocs"
    assert corpus_of([item(corpus="seeds"), {"id": "old"}]) == "seeds"


# ---------- scoring the shapes ----------

@pytest.mark.parametrize(("text", "verdict"), [
    ("是，目标为16%以上，超过15%。", "是"),
    ("否。文件写的是8%以上。", "否"),
    ("不是，文件要求50%以上。", "否"),
    ("答：否，350家以上", "否"),
    ("文件未提及该事项。", "未提及"),
    ("东营市：同比增速16%以上。", None),
    ("是否超过，文件没有说", None),
])
def test_yesno_verdict(text, verdict):
    assert contract.yesno_verdict(text) == verdict


def test_yesno_item_needs_the_verdict_first_and_the_figure():
    it = item(type="yesno", gold_yesno="否", gold_figures=[fig("8%以上")], gold_items=[],
              gold_quote="同比增速8%以上")
    evidence = [cite("现代海洋产业同比增速8%以上。")]
    assert contract.score_item(it, answer("否，文件写的是8%以上。", citations=evidence))["correct"]
    assert contract.score_item(it, answer("否，现代海洋：同比增速8%以上。"))["correct"]  # quoted in the answer
    # the right verdict and figure read from a passage that is not the deciding one
    assert not contract.score_item(it, answer("否，文件写的是8%以上。", citations=[cite("别的条款8%以上。")]))["correct"]
    assert not contract.score_item(it, answer("是，8%以上。", citations=evidence))["correct"]
    assert not contract.score_item(it, answer("东营现代海洋：同比增速8%以上。"))["correct"]
    assert not contract.score_item(it, answer("否。"))["correct"]  # the deciding figure is missing


def test_yesno_not_mentioned_may_be_a_refusal():
    it = item(type="yesno", gold_yesno="未提及", gold_items=["未提及"])
    assert contract.score_item(it, answer("文件未提及。", found=False))["correct"]
    assert not contract.score_item(it, answer("是。", found=True))["correct"]


def test_parts_need_every_figure():
    it = item(type="parts", gold_figures=[fig("5.2万亿元"), fig("5.4%")], gold_items=[])
    assert contract.score_item(it, answer("总量5.2万亿元、增长5.4%。"))["correct"]
    assert not contract.score_item(it, answer("总量5.2万亿元，增速文件未写明。"))["correct"]
    assert not contract.score_item(it, answer("总量15.2万亿元、增长5.4%。"))["correct"]


@pytest.mark.parametrize("shape", ["fact", "time", "list", "overview"])
def test_phrases_must_all_be_named_in_either_script(shape):
    it = item(type=shape, gold_items=["黄河入海、我们回家", "2021年6月底前"])
    assert contract.score_item(it, answer("打響“黃河入海、我們回家”品牌，2021年6月底前完成。"))["correct"]
    assert not contract.score_item(it, answer("打响“黄河入海、我们回家”品牌。"))["correct"]
    assert not contract.score_item(it, answer("黄河入海、我们回家；2021年6月底前", found=False))["correct"]


def test_responsibility_units_and_lead():
    it = item(type="responsibility", gold_units=["省发展改革委", "省工业和信息化厅"], gold_lead=["省发展改革委"],
              gold_items=[])
    right = "牵头单位：省发展改革委；责任单位：省发展改革委、省工业和信息化厅。"
    assert contract.score_item(it, answer(right))["correct"]
    assert contract.score_item(it, answer("省发展改革委牵头，省工业和信息化厅配合。"))["correct"]
    unmarked = contract.score_item(it, answer("责任单位：省发展改革委、省工业和信息化厅。"))
    assert unmarked["lead_ok"] is False and not unmarked["correct"]
    wrong_lead = contract.score_item(it, answer("省工业和信息化厅牵头，省发展改革委参与。"))
    assert not wrong_lead["correct"]
    assert not contract.score_item(it, answer("牵头单位：省发展改革委。"))["correct"]  # a unit is missing
    for text in ("由省发展改革委、省工业和信息化厅牵头。", "牵头单位：省工业和信息化厅、省发展改革委；责任单位：略。",
                 "省发展改革委（牵头）、省工业和信息化厅"):
        assert contract.names_lead("省发展改革委", text), text
    for text in ("牵头单位：省工业和信息化厅；责任单位：省发展改革委。", "省发展改革委配合、省工业和信息化厅牵头。",
                 "由省工业和信息化厅牵头，省发展改革委参与。"):
        assert not contract.names_lead("省发展改革委", text), text
    no_lead = item(type="responsibility", gold_units=["市科技局"], gold_items=[])
    assert contract.score_item(no_lead, answer("责任单位：市科技局。"))["lead_ok"] is None


def test_quote_cited_ignores_spaces_and_script():
    it = item(gold_items=["x"], gold_quote="新建小区养老服务设施配建率达到100%")
    assert contract.quote_cited(it, answer("", citations=[cite("②新建小區養老 服務設施配建率達到100%。")]))
    assert not contract.quote_cited(it, answer("", citations=[cite("新建小区养老服务设施")]))
    meta = item(gold_items=["x"], gold_quote="成文日期：2018年12月11日")
    assert contract.quote_cited(meta, answer("", citations=[cite("成文日期 | 2018年12月11日")]))
    assert not contract.quote_cited(meta, answer("", citations=[cite("发布日期 | 2018年12月11日")]))
    assert not contract.quote_cited(it, answer(""))
    both = item(gold_items=["x"], gold_quote=["甲乙", "丙丁"])
    assert not contract.quote_cited(both, answer("", citations=[cite("甲乙")]))
    assert contract.quote_cited(both, answer("", citations=[cite("甲乙"), cite("丙丁")]))


def test_quote_cited_through_the_cited_clause_text():
    class C:
        def __init__(self, cid, doc, text):
            self.id, self.doc_id, self.text = cid, doc, text

    texts = contract.clause_texts([C("d/二", "d", "二、重点任务"), C("d/二/（一）", "d", "(一)实施创新驱动"),
                                   C("e/一", "e", "一、别的文件")])
    it = item(gold_items=["x"], gold_quote="二、重点任务 (一)实施创新驱动")
    assert contract.quote_cited(it, answer("", citations=[cite("", clause="d/二")]), texts)
    # starting in the next clause is not held by this one
    inner = item(gold_items=["x"], gold_quote="实施创新驱动")
    assert not contract.quote_cited(inner, answer("", citations=[cite("", clause="d/二")]), texts)
    assert contract.quote_cited(inner, answer("", citations=[cite("", clause="d/二/（一）")]), texts)
    # no run-on across documents, and unknown clauses hold nothing
    tail = item(gold_items=["x"], gold_quote="驱动一、别的")
    assert not contract.quote_cited(tail, answer("", citations=[cite("", clause="d/二/（一）")]), texts)
    assert not contract.quote_cited(inner, answer("", citations=[cite("", clause="x/九")]), texts)


def test_unanswerable_needs_a_refusal():
    it = item(type="unanswerable", found=False, gold_quote=None, gold_items=[])
    assert contract.score_item(it, answer("文件中没有找到……", found=False))["correct"]
    assert not contract.score_item(it, answer("增长6%。"))["correct"]


def test_foreign_figures():
    own = cite("地区生产总值增长5%左右", doc="rpt-beijing2026")
    other = cite("地区生产总值增长5%以上", doc="rpt-hebei2026")
    said = answer("增长5%以上。", citations=[own, other], figures=["5%以上"])
    assert contract.foreign_figures(said, ["rpt-beijing2026"]) == ["5%以上"]
    assert contract.foreign_figures(said, ["rpt-beijing2026", "rpt-hebei2026"]) == []
    fine = answer("增长5%左右。", citations=[own], figures=["5%左右"])
    assert contract.foreign_figures(fine, ["rpt-beijing2026"]) == []
    assert contract.foreign_figures(answer("", found=False, citations=[other]), ["rpt-beijing2026"]) == []
    # with no figures list, the numbers of the answer text are read
    assert contract.foreign_figures(answer("增长5%以上。", citations=[other]), ["rpt-beijing2026"]) == ["5%"]
    # numbers in words are not figures: 一项 is no 1
    said_in_words = answer("教育部负责一项。", citations=[cite("序号：1 | 改革举措", doc="gov-other")])
    assert contract.foreign_figures(said_in_words, ["gov-tiyu2018"]) == []


def test_paraphrase_agreement():
    def row(i, ok, figs, para=None):
        return {"id": i, "correct": ok, "figures_stated": figs, "paraphrase_of": para}

    rows = [row("a", True, ["5%"]), row("a2", True, ["5%"], "a"),
            row("b", True, ["7%"]), row("b2", False, ["7%"], "b"),
            row("c", False, []), row("c2", False, ["3"], "c"), row("d2", True, [], "missing")]
    rate, n, split = consistency.paraphrase_agreement(rows)
    assert (n, split) == (3, ["b2", "c2"])
    assert rate == pytest.approx(1 / 3)


# ---------- the runner over a realdocs-style corpus ----------

class StubEncoder:
    """Deterministic character-hash vectors: enough to build an index quickly."""

    id = "stub-hash-16"
    dim = 16

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype="float32")
        for i, t in enumerate(texts):
            for ch in t:
                out[i, ord(ch) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-6)


DOC_A = ("关于加快发展体育赛事的指导意见\n\n一、总体要求\n\n到2025年，体育竞赛表演产业总规模达到2万亿元。\n\n"
         "二、重点任务\n\n（一）丰富赛事活动。（体育总局、民政部负责）\n")
DOC_B = ("某市2022年国民经济和社会发展统计公报\n\n一、综合\n\n全年地区生产总值3000亿元，比上年增长5.1%。\n\n"
         "二、农业\n\n粮食产量100万吨。\n")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("realdocs")
    src = tmp / "src"
    src.mkdir()
    (src / "gov_tiyu2018.txt").write_text(DOC_A, encoding="utf-8")
    (src / "tjgb_mou2022.txt").write_text(DOC_B, encoding="utf-8")
    (src / "README.md").write_text("# not a document\n", encoding="utf-8")
    from index.config import Config

    base = Config(corpus_dir=str(copy_seed_corpus(tmp / "corpus")), user_dir=str(tmp / "unused"),
                  index_dir=str(tmp / "unused-index"), threads=2)
    return tmp, src, base


def test_realdocs_corpus_maps_stems_to_doc_ids(tiny, monkeypatch):
    from corpus.sources import load_sources
    from index.store import load_index

    tmp, src, base = tiny
    work = tmp / "work"
    assert [p.name for p in realdocs_files(src)] == ["gov_tiyu2018.txt", "tjgb_mou2022.txt"]
    bench = prepare_realdocs(base, src, work, encoder=StubEncoder())
    assert set(bench.doc_ids) == {"gov_tiyu2018", "tjgb_mou2022"}
    assert bench.config.path("index_dir") == work / "index"
    assert {s.doc_id for s in load_sources(work / "user" / "sources.yaml")} == set(bench.doc_ids.values())
    idx = load_index(bench.config, encoder=StubEncoder())
    assert set(bench.doc_ids.values()) | {"dongying-2021", "tengzhou-2024"} == set(idx.documents)
    clause_doc = {c.doc_id for c in idx.clauses if "2万亿元" in c.text}
    assert clause_doc == {bench.doc_id("gov_tiyu2018")}
    assert not (base.path("index_dir")).exists()  # the configured index is not touched

    # fresh: reused without building
    def no_build(*a, **k):
        raise AssertionError("rebuilt a fresh corpus")

    monkeypatch.setattr("index.build.extend_index", no_build)
    assert prepare_realdocs(base, src, work, encoder=StubEncoder()).doc_ids == bench.doc_ids
    monkeypatch.undo()

    # a changed document: built again
    (src / "tjgb_mou2022.txt").write_text(DOC_B.replace("100万吨", "120万吨"), encoding="utf-8")
    again = prepare_realdocs(base, src, work, encoder=StubEncoder())
    assert set(again.doc_ids) == set(bench.doc_ids)
    assert len(load_sources(work / "user" / "sources.yaml")) == 2


def test_runner_scores_contract_items_with_the_mapping(tiny):
    from eval.corpora import BenchCorpus

    _, _, base = tiny
    corpus = BenchCorpus("realdocs", base, {"rpt_beijing2026": "rpt-beijing2026", "rpt_hebei2026": "rpt-hebei2026"})
    items = [
        item(id="bj", doc="rpt_beijing2026", gold_figures=[fig("5%左右")], gold_quote="增长5%左右", gold_items=[]),
        item(id="bj2", doc="rpt_beijing2026", gold_figures=[fig("5%左右")], gold_quote="增长5%左右", gold_items=[],
             paraphrase_of="bj", question="北京GDP增长多少"),
        item(id="un", doc="rpt_hebei2026", type="unanswerable", found=False, gold_quote=None, gold_items=[]),
    ]

    class Bot:
        def ask(self, question, history=None, doc_filter=None):
            if question == "北京GDP增长多少":  # answered from the wrong report
                return answer("增长5%以上。", citations=[cite("增长5%以上", doc="rpt-hebei2026")],
                              figures=["5%以上"])
            return answer("增长5%左右。", citations=[cite("地区生产总值增长5%左右", doc="rpt-beijing2026")],
                          figures=["5%左右"])

    result = run_benchmark(Bot(), copy.deepcopy(items), progress=False, corpus=corpus)
    rows = {r["id"]: r for r in result["items"]}
    assert rows["bj"]["correct"] and rows["bj"]["quote_ok"] and rows["bj"]["docs"] == ["rpt-beijing2026"]
    assert not rows["bj2"]["correct"] and rows["bj2"]["foreign_figures"] == ["5%以上"]
    assert not rows["un"]["correct"] and rows["un"]["kind"] == "rpt"
    c = result["metrics"]["contract"]
    assert c["paraphrase_agreement"] == 0.0 and c["paraphrase_split"] == ["bj2"]
    # the Hebei question answered with Beijing's figure states a foreign figure too
    assert c["foreign_figure_ids"] == ["bj2", "un"]
    assert c["overall"]["unanswerable_refused"] == 0.0
    assert c["overall"]["foreign_figure_rate"] == pytest.approx(2 / 3)
    assert set(c["by_kind"]) == {"rpt"}


def test_grown_benchmark_loads_every_file_as_one_set(tmp_path):
    """``python -m eval --grown`` asks the three files together; each item keeps its file."""
    from eval.dataset import GROWN, load_qa_files

    items = load_qa_files(GROWN)
    sets = Counter(it["set"] for it in items)
    assert set(sets) == {"qa", "qa_contract", "qa_realdocs"}
    assert sum(sets.values()) == len(items) == len({it["id"] for it in items})
    assert sum(1 for it in items if it.get("corpus") == "realdocs") >= 300
    # the same id in two files is refused, naming the id
    one = (EVAL / "qa.jsonl").read_text(encoding="utf-8").splitlines()[0]
    twin = tmp_path / "twin.jsonl"
    twin.write_text(one + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=json.loads(one)["id"]):
        load_qa_files([EVAL / "qa.jsonl", twin])
