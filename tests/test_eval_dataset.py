"""The shipped QA set: schema, counts and coverage of both documents."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from eval.dataset import TYPES, load_qa, validate_item
from eval.metrics import gold_clauses, normalize_answer, to_simplified

DY, TZ = "dongying-2021", "tengzhou-2024"

# the ten Dongying industries: outline section and the goal / project figures of each
DY_INDUSTRIES = {
    "新一代信息技术": ("二/（一）", ["21.31亿元", "2.94亿元", "16%以上"], ["9个", "32.78亿元", "11.95亿元"]),
    "高端装备": ("二/（二）", ["27.05亿元", "2.46亿元", "10%以上"], ["16个", "55.54亿元", "15.51亿元"]),
    "新能源新材料": ("二/（三）", ["91.24亿元", "15.21亿元", "20%以上"],
                 ["8个", "146.04亿元", "56.37亿元", "18个", "192.72亿元", "41.8亿元"]),
    "现代海洋": ("二/（四）", ["853.66亿元", "63.23亿元", "8%以上"], ["7个", "21.3亿元", "7.43亿元"]),
    "医养健康": ("二/（五）", ["92.82亿元", "8.44亿元", "10%以上"], ["26个", "139.75亿元", "9.28亿元"]),
    "高端化工": ("三/（一）", ["188.54亿元", "13.97亿元", "8%以上"], ["25个", "675.2亿元", "143亿元"]),
    "现代高效农业": ("三/（二）", ["28.62亿元", "2.6亿元", "10%以上"], ["20个", "33.57亿元", "18.44亿元"]),
    "文化创意": ("三/（三）", ["107.11亿元", "5.1亿元", "5%以上"], ["6个", "53.1亿元", "26.5亿元"]),
    "精品旅游": ("三/（四）", ["71.12亿元", "3.39亿元", "5%以上"], ["17个", "95.68亿元", "33.53亿元"]),
}
DY_MEASURES = {n: f"{DY}/四/（{s}）/{n}" for s, a, b in
               [("一", 1, 4), ("二", 5, 7), ("三", 8, 10), ("四", 11, 14), ("五", 15, 16), ("六", 17, 20)]
               for n in range(a, b + 1)}
TZ_TASKS = {n: f"{TZ}/二/（{s}）/{n}" for s, a, b in
            [("一", 1, 4), ("二", 5, 8), ("三", 9, 13), ("四", 14, 16), ("五", 17, 19), ("六", 20, 23),
             ("七", 24, 27)] for n in range(a, b + 1)}
TZ_TASKS.update({f"g{i}": f"{TZ}/三/（{s}）" for i, s in enumerate("一二三", start=1)})

TZ_TARGETS = ["突破1000亿元", "5.5%以上", "850亿元", "35%", "26.5%左右", "7%以上", "65%左右", "3.68件",
              "20家", "60家以上", "220家", "100家以上", "170件以上", "突破32万人", "700亿元", "375亿元", "80亿元",
              "不少于160个", "260个以上", "20场以上", "不少于12场", "9.06公顷", "40%以上", "114万亩",
              "1650万千瓦时以上", "3.25亿立方米以内", "90%", "80%", "70%"]
DY_MEASURE_FIGURES = ["350家以上", "30家以上", "20名左右", "10名左右", "1121", "3亿元", "100家", "15条",
                      "2个不低于1亿元", "60%以上", "30%以上", "53%以上", "7%以上", "9%以上"]


@pytest.fixture(scope="module")
def items():
    return load_qa()


def _figures(items, doc, clause_prefix=None):
    out = set()
    for it in items:
        if it["doc"] not in (doc, "both"):
            continue
        if clause_prefix and not any(c.startswith(clause_prefix) for c in gold_clauses(it)):
            continue
        out |= {f["text"] for f in it["gold_figures"]}
    return out


def test_schema_and_unique_ids(items):
    for it in items:
        validate_item(it)
    assert len({it["id"] for it in items}) == len(items)
    assert {it["type"] for it in items} == set(TYPES)


def test_counts(items):
    by_type = Counter(it["type"] for it in items)
    assert len(items) >= 300
    assert by_type["unanswerable"] >= 30
    assert sum(it["script"] == "traditional" for it in items) >= 40
    assert sum(it["type"] == "followup" and len(it["history"]) >= 2 for it in items) >= 20
    assert by_type["comparison"] + by_type["aggregation"] + by_type["derived"] >= 15
    assert by_type["both"] >= 10
    assert by_type["docfact"] >= 5


def test_traditional_questions_are_traditional(items):
    trad = [it for it in items if it["script"] == "traditional"]
    assert all(to_simplified(it["question"]) != it["question"] for it in trad)
    assert {it["doc"] for it in trad} >= {DY, TZ, "both"}


def test_every_dongying_industry_goal_and_projects(items):
    for name, (sec, goals, projects) in DY_INDUSTRIES.items():
        assert set(goals) <= _figures(items, DY, f"{DY}/{sec}/1"), name
        assert set(projects) <= _figures(items, DY, f"{DY}/{sec}/3"), name


def test_finance_is_a_near_miss(items):
    finance = [it for it in items if "金融" in to_simplified(it["question"]) and it["doc"] == DY]
    assert any(not it["found"] for it in finance)


def test_every_responsibility_list(items):
    resp = {c for it in items if it["type"] in ("responsibility", "followup") and it["gold_units"]
            for c in gold_clauses(it)}
    assert set(DY_MEASURES.values()) <= resp
    assert set(TZ_TASKS.values()) <= resp
    assert len(DY_MEASURES) == 20 and len(TZ_TASKS) == 30


def test_targets_and_measure_figures(items):
    assert set(TZ_TARGETS) <= _figures(items, TZ)
    assert set(DY_MEASURE_FIGURES) <= _figures(items, DY)


def test_document_facts(items):
    facts = [it for it in items if it["type"] == "docfact"]
    texts = {f["text"] for it in facts for f in it["gold_figures"]} | {x for it in facts for x in it.get("gold_items", [])}
    assert {"滕政发〔2024〕8号", "2024-08-06", "滕州市人民政府", "000014349/2024-00607"} <= texts


def test_clause_ids_well_formed(items):
    pat = re.compile(r"^(dongying-2021|tengzhou-2024)/(序|[一二三四五六七八九十]+)(/（[一二三四五六七八九十]+）)?(/\d+)?$")
    for it in items:
        for c in gold_clauses(it):
            assert pat.match(c), (it["id"], c)
            assert "(" not in c


def test_gold_is_simplified_and_normalisable(items):
    for it in items:
        for f in it["gold_figures"]:
            assert to_simplified(f["text"]) == f["text"], it["id"]
            assert normalize_answer(f["text"]), it["id"]
        for u in it["gold_units"]:
            assert to_simplified(u) == u, it["id"]


def test_questions_name_their_place(items):
    for it in items:
        if it["history"] or it["doc"] == "both":
            continue
        q = to_simplified(it["question"])
        place = "东营" if it["doc"] == DY else "滕州"
        assert place in q or "滕政发" in q, it["id"]


def test_unanswerable_have_no_gold(items):
    for it in items:
        if it["type"] == "unanswerable":
            assert not it["found"] and not it["gold_figures"] and not it["gold_units"] and not it["gold_clause"]
