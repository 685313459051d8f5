"""Unit tests for eval.metrics and the runner's pure parts (with a fake assistant)."""

from __future__ import annotations

import json

import pytest

from eval import metrics
from eval.metrics import (
    citation_correct,
    figure_correct,
    normalize_answer,
    normalize_unit,
    percentile,
    recall_at_k,
    reciprocal_rank,
    score_item,
    unit_scores,
    units_from_answer,
)
from eval.runner import main, run_benchmark, write_results

GOLD = {"value": "21.31", "unit": "亿元", "qualifier": None, "text": "21.31亿元"}
PLUS = {"value": "16", "unit": "%", "qualifier": "以上", "text": "16%以上"}


# ---- normalize_answer -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("２１．３１億元", "21.31亿元"),  # full-width digits and 億
        ("21.31 亿元", "21.31亿元"),
        ("百分之十", "10%"),
        ("增速百分之十六以上", "增速16%以上"),
        ("二十名", "20名"),
        ("兩萬輛", "2万辆"),  # 万 stays a unit
        ("一千零五十亿元", "1050亿元"),
        ("不少於十二場", "不少于12场"),
        ("2024年8月6日", "2024-08-06"),
        ("二〇二四年八月六日", "2024-08-06"),
        ("滕政发[2024]8号", "滕政发〔2024〕8号"),
        ("1,000亿元", "1000亿元"),
        ("16%及以上", "16%以上"),
        ("１６％", "16%"),
    ],
)
def test_normalize_answer(text, expected):
    assert normalize_answer(text) == expected


def test_normalize_answer_empty():
    assert normalize_answer("") == ""
    assert normalize_answer(None) == ""  # type: ignore[arg-type]


# ---- figure_correct ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("answer", "ok"),
    [
        ("2021年产业增加值达到21.31亿元。", True),
        ("增加值目標為21.31億元", True),  # Traditional
        ("目标是２１．３１亿元", True),  # full-width
        ("121.31亿元", False),
        ("21.315亿元", False),
        ("21.31万元", False),
        ("21.3亿元", False),
        ("", False),
    ],
)
def test_figure_correct_value_and_unit(answer, ok):
    assert figure_correct(GOLD, answer) is ok


def test_figure_correct_qualifier_required():
    assert figure_correct(PLUS, "同比增速16%以上")
    assert figure_correct(PLUS, "增速百分之十六以上")
    assert figure_correct(PLUS, "16％及以上")
    assert not figure_correct(PLUS, "同比增速16%")  # missing 以上
    assert not figure_correct(PLUS, "116%以上")
    assert figure_correct("不少于12场", "每年不少於十二場")
    assert not figure_correct("不少于12场", "每年12场")


def test_figure_correct_percent_vs_number():
    assert figure_correct("10%", "百分之十")
    assert not figure_correct("10%", "10个")


# ---- units ------------------------------------------------------------------------------
def test_unit_scores_order_insensitive():
    gold = ["市统计局", "市市场监管局", "市税务局", "市行政审批局"]
    assert unit_scores(gold, list(reversed(gold))) == (1.0, 1.0, 1.0)


def test_unit_scores_traditional_and_suffixes():
    assert unit_scores(["市统计局", "市市场监管局"], ["市統計局", "市市場監管局"]) == (1.0, 1.0, 1.0)
    assert unit_scores(["市发展和改革局"], ["市发展和改革局牵头"])[2] == 1.0
    assert unit_scores(["市文化和旅游局"], ["市文化和旅游局等"])[2] == 1.0
    assert normalize_unit("市“枣解决·枣满意”诉求办理指挥中心") == "市枣解决·枣满意诉求办理指挥中心"


def test_unit_scores_extra_and_missing():
    p, r, f = unit_scores(["市统计局"], ["市统计局", "市税务局"])
    assert (p, r) == (0.5, 1.0)
    assert f == pytest.approx(2 / 3)
    p, r, f = unit_scores(["市统计局", "市税务局"], ["市统计局"])
    assert (p, r) == (1.0, 0.5)
    assert unit_scores(["市统计局"], []) == (0.0, 0.0, 0.0)
    assert unit_scores([], []) == (1.0, 1.0, 1.0)


def test_units_from_answer_longest_first():
    cands = ["市场监管局", "市市场监管局", "市统计局", "市税务局"]
    found = units_from_answer("由市統計局、市市場監管局负责。", cands)
    assert found == ["市统计局", "市市场监管局"]


# ---- citations and retrieval ------------------------------------------------------------
ITEM = {
    "id": "dy-goal-xx-add", "type": "figure", "doc": "dongying-2021", "found": True,
    "gold_figures": [GOLD], "gold_units": [], "gold_clause": "dongying-2021/二/（一）/1", "history": [],
}


def _answer(text="增加值达到21.31亿元。", clause="dongying-2021/二/（一）/1", quote="2021年產業增加值達到21.31億元",
            found=True, retrieved=None):
    return {
        "answer": text, "found": found, "figures": [], "units": [],
        "citations": [{"doc_id": "dongying-2021", "clause": clause, "quote": quote}] if clause else [],
        "retrieved": retrieved if retrieved is not None else [clause],
        "latency_ms": 12.0,
    }


def test_citation_correct_clause_and_descendant():
    assert citation_correct(ITEM, _answer())
    assert citation_correct(ITEM, _answer(clause="dongying-2021/二/（一）/1/x"))
    assert not citation_correct(ITEM, _answer(clause="dongying-2021/二/（一）/3"))
    assert not citation_correct(ITEM, _answer(clause="dongying-2021/二/（一）/10"))  # not a descendant
    assert not citation_correct(ITEM, _answer(quote="比2020年增加2.94亿元"))
    assert not citation_correct(ITEM, _answer(clause=None))


def test_citation_correct_units():
    item = dict(ITEM, type="responsibility", gold_figures=[], gold_units=["市统计局", "市税务局"],
                gold_clause="dongying-2021/四/（六）/18")
    ok = _answer(clause="dongying-2021/四/（六）/18", quote="(責任單位:市統計局、市市場監管局、市稅務局、市行政審批局)")
    assert citation_correct(item, ok)
    assert not citation_correct(item, _answer(clause="dongying-2021/四/（六）/18", quote="市统计局"))


def test_retrieval_metrics():
    golds = ["d/二/（一）/1"]
    assert recall_at_k(golds, ["d/二/（一）/3", "d/二/（一）/1"], 1) == 0.0
    assert recall_at_k(golds, ["d/二/（一）/3", "d/二/（一）/1"], 5) == 1.0
    assert reciprocal_rank(golds, ["x", "y", "d/二/（一）/1/a"]) == pytest.approx(1 / 3)
    assert reciprocal_rank(golds, []) == 0.0
    assert recall_at_k(["a/1", "a/2"], ["a/1"], 5) == 0.5


def test_percentile():
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([5], 95) == 5
    assert percentile([], 50) is None


# ---- per-item scoring -------------------------------------------------------------------
def test_score_item_figure():
    assert score_item(ITEM, _answer())["correct"]
    assert not score_item(ITEM, _answer(text="121.31亿元"))["correct"]
    assert not score_item(ITEM, _answer(found=False))["correct"]  # answerable but refused


def test_score_item_unanswerable():
    item = {"id": "u", "type": "unanswerable", "doc": "dongying-2021", "found": False,
            "gold_figures": [], "gold_units": [], "gold_clause": None, "history": []}
    assert score_item(item, _answer(found=False, clause=None))["correct"]
    row = score_item(item, _answer())
    assert not row["correct"] and not row["refused"]


def test_score_item_responsibility_exact_set():
    item = dict(ITEM, type="responsibility", gold_figures=[], gold_units=["市统计局", "市税务局"],
                gold_clause="dongying-2021/四/（六）/18")
    good = dict(_answer(text="由市税务局和市统计局负责"), units=[])
    assert score_item(item, good, ["市统计局", "市税务局", "市行政审批局"])["correct"]
    extra = dict(_answer(text="市统计局、市税务局、市行政审批局"))
    row = score_item(item, extra, ["市统计局", "市税务局", "市行政审批局"])
    assert not row["correct"] and row["unit_r"] == 1.0 and row["unit_p"] < 1
    listed = dict(_answer(text="见下"), units=["市統計局", "市稅務局"])  # the answer's own units list
    assert score_item(item, listed)["correct"]


def test_score_item_subject_and_tasks():
    cmp_item = dict(ITEM, type="comparison", gold_figures=[{"text": "853.66亿元"}], gold_subject="现代海洋")
    assert score_item(cmp_item, _answer(text="现代海洋产业最高，853.66亿元"))["correct"]
    assert not score_item(cmp_item, _answer(text="高端化工最高，853.66亿元"))["correct"]
    rev = dict(ITEM, type="reverse", gold_figures=[], gold_tasks=["按时发布监测报告", "规范企业纳统"],
               gold_clause=["dongying-2021/四/（六）/17", "dongying-2021/四/（六）/18"])
    ans = _answer(text="负责按时发布监测报告", clause="dongying-2021/四/（六）/18", quote="")
    assert score_item(rev, ans)["correct"]  # second task: its clause is cited
    assert not score_item(rev, _answer(text="负责按时发布监测报告", clause="x/1"))["correct"]


# ---- aggregate / runner with a fake assistant --------------------------------------------
class FakeAnswer:
    def __init__(self, d):
        self._d = d

    def to_dict(self):
        return dict(self._d)


class FakeBot:
    """Answers the Dongying IT question right, refuses everything else, fails on 'boom'."""

    def __init__(self):
        self.calls = []

    def ask(self, question, history=None, doc_filter=None):
        self.calls.append((question, history, doc_filter))
        if "boom" in question:
            raise RuntimeError("broken")
        if "信息技术" in question:
            return FakeAnswer(_answer())
        return FakeAnswer(_answer(text="未找到", found=False, clause=None, retrieved=[]))


ITEMS = [
    dict(ITEM, question="东营2021年新一代信息技术产业增加值目标是多少？"),
    dict(ITEM, id="f2", question="那高端装备呢？", type="followup",
         gold_figures=[{"text": "27.05亿元"}], gold_clause="dongying-2021/二/（二）/1",
         history=[{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]),
    {"id": "u1", "question": "东营2022年目标？", "type": "unanswerable", "doc": "dongying-2021",
     "found": False, "gold_figures": [], "gold_units": [], "gold_clause": None, "history": []},
    {"id": "u2", "question": "boom", "type": "unanswerable", "doc": "tengzhou-2024",
     "found": False, "gold_figures": [], "gold_units": [], "gold_clause": None, "history": []},
]


def test_run_benchmark_with_fake_bot(tmp_path):
    bot = FakeBot()
    seen = []
    res = run_benchmark(bot, ITEMS, progress=False, progress_callback=lambda i, n: seen.append((i, n)))
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert bot.calls[0] == (ITEMS[0]["question"], None, None)
    assert bot.calls[1][1] == ITEMS[1]["history"]  # follow-ups pass their history
    correct = {r["id"]: r["correct"] for r in res["items"]}
    assert correct == {"dy-goal-xx-add": True, "f2": False, "u1": True, "u2": False}
    assert res["items"][3]["error"].startswith("RuntimeError")
    m = res["metrics"]
    assert m["score"] == 0.5
    assert m["by_type"]["unanswerable"]["accuracy"] == 0.5
    assert m["overall"]["refusal_precision"] == 0.5  # refused f2 and u1
    assert m["overall"]["refusal_recall"] == 0.5
    assert m["overall"]["recall@1"] == 0.5
    assert m["overall"]["citation_accuracy"] == 0.5
    assert set(m["by_doc"]) == {"dongying-2021", "tengzhou-2024"}
    paths = write_results(res, tmp_path, "t")
    for ext in ("json", "md", "png"):
        assert paths[ext].exists() and (tmp_path / f"latest.{ext}").exists()
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert data["metrics"]["score"] == 0.5 and len(data["items"]) == 4
    assert "Score (overall accuracy): 50.0%" in paths["md"].read_text(encoding="utf-8")


def test_aggregate_by_type_and_doc():
    rows = [dict(metrics.score_item(ITEM, _answer()), type="figure", doc="dongying-2021"),
            dict(metrics.score_item(ITEM, _answer(text="0")), type="figure", doc="tengzhou-2024")]
    agg = metrics.aggregate(rows)
    assert agg["by_type"]["figure"]["accuracy"] == 0.5
    assert agg["by_doc"]["dongying-2021"]["accuracy"] == 1.0
    assert agg["overall"]["numeric_accuracy"] == 0.5


def test_main_reports_bad_qa_file(tmp_path, capsys):
    bad = tmp_path / "qa.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    assert main(["--qa", str(bad), "--no-progress"]) == 1
    assert "missing field" in capsys.readouterr().out
    assert main(["--qa", str(tmp_path / "none.jsonl")]) == 1


def test_grounded_checks_numbers_against_citations():
    from eval.metrics import grounded

    cit = [{"quote": "2021年產業增加值達到21.31億元,比2020年增加2.94億元", "path": "二 › 1.發展目標", "title": "t"}]
    item = {"question": "2020年增加值是多少？"}
    assert grounded(item, {"answer": "为21.31亿元", "citations": cit})
    assert not grounded(item, {"answer": "为21.35亿元", "citations": cit})
    assert grounded(item, {"answer": "2020年为18.37亿元", "citations": cit, "computation": "21.31−2.94=18.37"})
    assert not grounded(item, {"answer": "为21.31亿元", "citations": []})
