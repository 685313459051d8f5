"""PartsAnswerer (X和Y分别是多少 / 各多少 / X多少、Y多少) on the document written for these
tests: every part with its own figure and citation; a part not given is named as missing."""

from __future__ import annotations

from answerer_corpus import context
from shapes_corpus import QINGLAN

from assistant.answerers.parts import PartsAnswerer

PARTS = PartsAnswerer()


def test_each_part_with_its_own_citation(shaping):
    ans = PARTS.answer(context(shaping, "青岚县新建5G基站和县级算力中心分别是多少个？"))
    assert ans is not None and ans.found and ans.type == "parts"
    assert "300个" in ans.answer and "1个" in ans.answer
    assert [c.clause for c in ans.citations] == [f"{QINGLAN}/二/（一）/1", f"{QINGLAN}/二/（一）/2"]


def test_a_part_borrows_the_subject_the_question_leaves_out(shaping):
    ans = PARTS.answer(context(shaping, "青嵐縣核心產業營業收入和年均增速各是多少？"))
    assert ans is not None and "60億元" in ans.answer and "12%以上" in ans.answer


def test_a_part_the_document_does_not_give_is_named_and_the_others_answered(shaping):
    ans = PARTS.answer(context(shaping, "青岚县专项资金每年多少，出口额多少？"))
    assert ans is not None and "不少于3000万元" in ans.answer
    assert "文件未给出“出口额”" in ans.answer
    assert [c.clause for c in ans.citations] == [f"{QINGLAN}/三/2"]


def test_gives_way_for_one_part_or_nothing_found(shaping):
    assert PARTS.answer(context(shaping, "青岚县核心产业营业收入是多少？")) is None
    assert PARTS.answer(context(shaping, "青岚县出口额和外资分别是多少？")) is None


def test_a_part_whose_sentence_names_no_year_states_the_year_asked(shaping):
    ans = PARTS.answer(context(shaping, "青岚县2026年新建5G基站和县级算力中心分别是多少个？"))
    assert ans is not None and "300个" in ans.answer and "1个" in ans.answer
    assert "2026年，年底前建成县级算力中心1个" in ans.answer


def test_an_outline_marker_goes_and_a_year_opening_a_heading_stays():
    from assistant.compose import strip_marker

    assert [strip_marker(h) for h in ("一、总体要求", "（三）发展目标", "12.扩大招商", "1 总则", "2026年主要工作")] \
        == ["总体要求", "发展目标", "扩大招商", "总则", "2026年主要工作"]


def test_an_amount_and_its_rate_are_two_parts(shaping):
    from assistant.shapes import shape_of

    assert shape_of("青岚县核心产业营业收入和增速是多少？") == "parts"
    ans = PARTS.answer(context(shaping, "青岚县核心产业营业收入和增速是多少？"))
    assert ans is not None and "60亿元" in ans.answer and "12%以上" in ans.answer


def test_a_part_asking_only_how_much_it_rises_borrows_what_the_first_names(shaping):
    ans = PARTS.answer(context(shaping, "青岚县核心产业营业收入要干到多少，涨多少？"))
    assert ans is not None and "60亿元" in ans.answer and "12%以上" in ans.answer


def test_parts_that_each_ask_a_time_are_answered_as_times(shaping):
    ans = PARTS.answer(context(shaping, "青岚县企业开办几个工作日内办结？沙盒监管观察期几年？"))
    assert ans is not None and ans.found
    assert "3个工作日内" in ans.answer and "1—2年" in ans.answer
    assert len(ans.citations) == 2 and ans.citations[0].clause == ans.citations[1].clause == f"{QINGLAN}/三/4"


def test_the_gap_prefers_the_time_written_after_its_word():
    from assistant.answerers.time import _gap

    norm = "周转金最长一年,资本性融资最长三年"
    one, three = norm.find("最长一年"), norm.find("最长三年")
    assert _gap(norm, three, 4, ["资本性融资"]) < _gap(norm, one, 4, ["资本性融资"])
    assert _gap(norm, one, 4, ["周转金"]) < _gap(norm, three, 4, ["周转金"])
