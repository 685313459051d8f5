"""Grades set side by side (一档比二档多多少, 二档和三档哪个高) on a document written for
these tests: each grade's figure is found under the heading that names it, for the subject
the question names (城市/农村户籍人员), and says whose it is when the question names none."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.answerers.comparison import ComparisonAnswerer
from assistant.answerers.difference import DifferenceAnswerer

DOC = {"doc_id": "linchuan-2031", "file": "linchuan_disability_subsidy_2031.txt",
       "title": "临川市困难残疾人生活补贴和重度残疾人护理补贴实施办法", "label": "临川市残疾人补贴办法",
       "place": "临川市", "year": 2031, "script": "simplified", "inferred": [], "missing": []}


@pytest.fixture(scope="module")
def graded(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("graded"), [DOC], request, name="graded")


def test_difference_of_two_grades_for_the_subject_named(graded):
    ans = DifferenceAnswerer().answer(context(graded, "临川市一档比二档农村户籍人员的生活补贴每月多多少？"))
    assert ans is not None and ans.found
    assert ans.computation == "260−170=90"
    assert [c.clause.rsplit("/", 2)[-2] for c in ans.citations] == ["第三条", "第四条"]


def test_comparison_of_grades_names_whose_figure_when_not_asked(graded):
    ans = ComparisonAnswerer().answer(context(graded, "临川市生活补贴二档和三档哪个高？"))
    assert ans is not None and ans.found
    # 二档 gives two subjects: the answer says which one it set against 三档's single figure
    assert "二档城市户籍人员为每人每月210元" in ans.answer and "三档为每人每月90元" in ans.answer
    assert "二档城市户籍人员更高" in ans.answer


def test_a_grade_the_document_does_not_have_is_not_answered(graded):
    ans = ComparisonAnswerer().answer(context(graded, "临川市护理补贴一档和四档哪个高？"))
    assert ans is None or not ans.found or "四档" not in ans.answer or "180元" not in ans.answer


def test_a_figure_asked_in_the_documents_own_title_words(graded):
    # every word that names a thing here is a title word (生活补贴, 护理补贴, 残疾人…): the
    # title names where to look and there is no other measure the phrase must hold
    from assistant.answerers.figure import FigureAnswerer

    ans = FigureAnswerer().answer(context(graded, "临川市困难残疾人生活补贴和重度残疾人护理补贴实施办法里三档的护理补贴标准是多少？"))
    assert ans is not None and ans.found and "60元" in ans.answer


def test_the_counter_asked_fits_before_a_kindred_one():
    # 多少项: 共23项 before 8个区域 (个 is kin to 项, not the counter asked)
    from assistant.figures import unit_fit

    assert unit_fit("项", "项") > unit_fit("项", "个") >= 0 > unit_fit("项", "元")
