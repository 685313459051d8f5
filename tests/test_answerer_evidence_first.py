"""Answering from the evidence (issue 13) on two documents of one city written for these
tests (青禾市): a figure is reached through what its record measures, its unit's kind of
quantity and its own sentence, even when the question's words are unusual; the calibrated
refusals (another year, another place) hold."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on
from qinghe_corpus import DOCUMENTS, JIUZHU, ZUFANG

from assistant.figures import is_label, kind_words
from index.records import Figure


@pytest.fixture(scope="module")
def qinghe(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("qinghe"), DOCUMENTS, request, name="qinghe")


def _figure(text: str, value: float | None, unit: str, qualifier: str | None = None) -> Figure:
    return Figure(doc_id="d", clause_id="d/一", text=text, value=value, unit=unit, qualifier=qualifier,
                  time=None, measure="", sentence=text, span=(0, len(text)), clean_span=(0, len(text)))


def test_a_number_of_years_is_an_amount_a_year_is_a_label():
    assert not is_label(_figure("未逾5年", 5.0, "年", "未逾"))
    assert not is_label(_figure("不少于一年", 1.0, "年", "不少于"))
    assert not is_label(_figure("30日内", 30.0, "日", "内"))
    assert is_label(_figure("2025年", 2025.0, "年", "年份"))
    assert is_label(_figure("2026年", 2026.0, "年"))
    assert is_label(_figure("15日", 15.0, "日"))  # a day of a date
    assert is_label(_figure("2021年7月27日", None, "日", "日期"))


def test_a_unit_says_what_kind_of_quantity_it_measures():
    assert "年龄" in kind_words("周岁") and "年龄" in kind_words("岁")
    assert "面积" in kind_words("平方米") and "频次" in kind_words("次") and "分级" in kind_words("级")
    assert kind_words("亿元") == kind_words("%") == kind_words("") == ""


def _answered(bot, question: str, doc_id: str, figure: str) -> None:  # noqa: ANN001
    ans = bot.ask(question)
    assert ans.found, (question, ans.answer)
    assert figure in ans.answer, (question, ans.answer)
    assert [c.doc_id for c in ans.citations] and all(c.doc_id == doc_id for c in ans.citations), ans.citations


def test_a_number_of_years_answers(qinghe):
    _answered(qinghe, "青禾市被吊销租赁资格执行期满是多少？", ZUFANG, "未逾3年")


def test_a_question_asking_an_age_or_a_level_reaches_a_figure_in_that_unit(qinghe):
    _answered(qinghe, "青禾市申请人年龄是多少？", ZUFANG, "年满16周岁")
    _answered(qinghe, "青禾市保障对象分级是多少？", ZUFANG, "两级")


def test_the_measure_named_finds_its_other_words_in_the_sentence(qinghe):
    # 区域 is what the record measures; 改革试点 is said of it later in the sentence
    _answered(qinghe, "开展改革试点的区域是多少？", ZUFANG, "3个区域")


def test_a_heading_the_figure_stands_under_is_no_other_subject(qinghe):
    # 时期 also names the heading of the next period's targets; the figure's own heading holds it
    _answered(qinghe, "青禾市“十四五”时期医疗救助支出是多少？", JIUZHU, "6.5亿元")


def test_a_city_several_documents_share_is_answered_from_the_one_that_holds_it(qinghe):
    # 青禾市 names both documents; the other's 核定 of another amount is no answer
    ans = qinghe.ask("青禾市租金减免核定频次是多少？")
    assert ans.found and "每90日核定1次" in ans.answer
    assert [c.doc_id for c in ans.citations] == [ZUFANG]
    assert "2万元" not in ans.answer


def test_a_word_the_sentence_writes_in_the_question_s_phrase_is_no_other_place(qinghe):
    # 新建 is also a district's name (新建区, mentioned by the other document)
    _answered(qinghe, "青禾市新建的成套保障性租赁住房单套建筑面积是多少？", ZUFANG, "70平方米以下")


def test_two_figures_of_one_measure_are_both_stated(qinghe):
    ans = qinghe.ask("青禾市申请人在本市缴纳社会保险累计是多少？")
    assert ans.found and "不超过6个月" in ans.answer and "满24个月" in ans.answer
    assert [c.clause for c in ans.citations] == [f"{ZUFANG}/第三章/第七条", f"{ZUFANG}/第四章/第九条"]


def test_another_year_or_another_place_is_still_refused(qinghe):
    assert not qinghe.ask("青禾市2027年单套建筑面积是多少？").found
    assert not qinghe.ask("新建区的单套建筑面积是多少？").found  # the district, not 新建的…
    assert not qinghe.ask("新建区的医疗救助支出是多少？").found
