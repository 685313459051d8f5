"""StatedDutyAnswerer: who does a task when the document says it in prose, not in a
（责任单位：…） list. On a 管理办法 written for these tests (青禾市, made up)."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.answerers.stated_duty import StatedDutyAnswerer

QINGHE = {"doc_id": "qinghe-2025", "file": "qinghe_elderly_care_2025.txt", "title": "青禾市养老服务管理办法",
          "label": "青禾市养老服务管理办法", "place": "青禾市", "year": 2025, "script": "simplified",
          "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"]}
STATED = StatedDutyAnswerer()


@pytest.fixture(scope="module")
def qinghe(tmp_path_factory, request):
    return assistant_on(tmp_path_factory.mktemp("stated-duty"), [QINGHE], request, name="stated_duty")


@pytest.mark.parametrize(("question", "unit"), [
    ("青禾市养老机构备案由哪个部门负责？", "区民政局"),  # the second unit of a sentence, not the first
    ("青禾市养老服务的统筹规划归谁管？", "市民政局"),
    ("养老服务补贴资金由哪个单位统筹安排？", "市财政局"),  # …由X负责
    ("青禾市医养结合工作的主管部门是哪个？", "市卫生健康委"),  # X是…主管部门
    ("市养老服务指导中心设在哪个单位？", "市社会福利院"),  # …设在X
    ("养老服务从业人员职称评定由哪个部门负责？", "市人力资源和社会保障局"),  # one unit, its name holds 和
])
def test_the_unit_the_sentence_names_for_the_task(qinghe, question, unit):
    ans = STATED.answer(context(qinghe, question))
    assert ans is not None and ans.found and ans.type == "responsibility"
    assert ans.units == (unit,)
    assert unit in ans.citations[0].quote and ans.citations[0].doc_id == "qinghe-2025"


def test_the_whole_assistant_answers_it(qinghe):
    ans = qinghe.ask("青禾市养老机构的日常检查由谁来负责？")
    assert ans.found and ans.units == ("区民政局",)


def test_the_quote_runs_to_the_tasks_end(qinghe):
    # …由市财政局负责统筹安排: the words after 负责 say what it does
    ans = STATED.answer(context(qinghe, "养老服务补贴资金由哪个单位统筹安排？"))
    assert ans is not None and "负责统筹安排”" in ans.answer


def test_a_person_in_charge_is_not_a_unit(qinghe):
    # 养老机构负责人应当…: 负责人 is a person, not 养老机构 doing a task
    ans = STATED.answer(context(qinghe, "消防演练由哪个单位负责组织？"))
    assert ans is None or "养老机构" not in ans.units


def test_a_task_no_sentence_gives_to_a_unit_is_not_answered(qinghe):
    assert STATED.answer(context(qinghe, "青禾市养老护理员职业培训由哪个部门负责？")) is None
