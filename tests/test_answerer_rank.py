"""A rank asked (排全国第几, 居第几位, 排世界第几), alone or with the figure of its sentence;
records in the question (创历史新高) and a unit asked (多少亿斤); on a report written for
these tests (明山省, made up)."""

from __future__ import annotations

import pytest
from answerer_corpus import context, write_corpus

from assistant.answerers.figure import FigureAnswerer
from assistant.answerers.figure_context import other_unit
from assistant.ranks import asks_rank, is_record, ranks_in
from assistant.respond import respond

MINGSHAN = "mingshan-2026"
DOCUMENTS = [{"doc_id": MINGSHAN, "file": "mingshan_report_2026.txt", "title": "明山省2026年政府工作报告",
              "label": "明山省2026年政府工作报告", "place": "明山省", "year": 2026, "script": "simplified",
              "inferred": [], "missing": ["issuer", "date", "doc_number"]}]
FIGURE = FigureAnswerer()


@pytest.fixture(scope="module")
def ranking(tmp_path_factory):
    from assistant.core import Assistant
    from index.config import Config

    base = tmp_path_factory.mktemp("ranks")
    corpus = write_corpus(base / "corpus", DOCUMENTS)
    return Assistant(Config(corpus_dir=str(corpus), user_dir=str(base / "user"), index_dir=str(base / "index"),
                            upload_dir=str(base / "uploads")))


def test_a_rank_is_asked_but_not_an_article_or_a_batch():
    assert asks_rank("明山省地区生产总值增速排全国第几？")
    assert asks_rank("明川港货物吞吐量居世界第几位")
    assert not asks_rank("这个条例是第几次修订？")
    assert not asks_rank("规定在第几条？")
    assert not asks_rank("衔接资金安排多少？") and not asks_rank("安排名额多少个？")


def test_ranks_are_read_with_the_words_since_the_rank_before():
    text = "旅客吞吐量突破9000万人次、居全国第3位，货邮吞吐量达到117万吨、居全国第5位"
    ranks = list(ranks_in(text))
    assert [r.rank for r in ranks] == ["居全国第3位", "居全国第5位"]
    assert "货邮吞吐量" in ranks[1].stem and "旅客" not in ranks[1].stem


def test_a_rank_alone(ranking):
    ans = FIGURE.answer(context(ranking, "明山省规上工业增加值增速在全国排第几？"))
    assert ans is not None and ans.found and "居全国第2位" in ans.answer
    assert "第4位" not in ans.answer  # GDP's rank, not industry's
    assert "居全国第2位" in ans.citations[0].quote


def test_a_figure_and_its_rank_from_one_sentence(ranking):
    ans = FIGURE.answer(context(ranking, "明川港货物吞吐量突破了多少？排世界第几？"))
    assert ans is not None and ans.found
    assert "3.5亿吨" in ans.answer and "稳居世界第六" in ans.answer
    assert ans.answer.count("积极扩大开放") == 0  # the phrase that ranks, not the sentence's start


def test_a_rank_of_another_field_or_measure_is_not_given(ranking):
    for q in ("明川港集装箱吞吐量排世界第几？", "明山省铁路运营里程排全国第几？", "明川港货物吞吐量排全国第几？"):
        ans = respond(context(ranking, q))
        assert not ans.found, q
    ans = respond(context(ranking, "明川港集装箱吞吐量排世界第几？"))
    assert "集装箱" in ans.answer and "排名" in ans.answer


def test_a_record_in_the_question_is_no_word_to_find(ranking):
    assert is_record("创历史新高") and is_record("新高") and not is_record("粮食产量")
    ans = respond(context(ranking, "明山省粮食产量创历史新高，达到了多少亿斤？"))
    assert ans.found and "512.3亿斤" in ans.answer


def test_a_unit_of_another_kind_asked_is_a_near_miss(ranking):
    assert other_unit("粮食产量是多少万吨", "亿斤") and not other_unit("粮食产量是多少亿斤", "亿斤")
    assert not other_unit("投资多少亿", "亿元")
    ans = respond(context(ranking, "明山省粮食产量达到了多少万吨？"))
    assert not ans.found


def test_a_quoted_programme_points_to_its_clause(ranking):
    ans = respond(context(ranking, "“百医千村”工程打算培训大概多少名乡村医生？"))
    assert ans.found and "800名" in ans.answer


def test_a_refusal_names_a_word_the_segmenter_cut_as_the_user_wrote_it():
    from assistant.terms import as_asked

    def cut(text):
        return ["唐", "山港"] if text == "唐山港" else list(text)

    assert as_asked("山港", "唐山港集装箱吞吐量", cut, ["唐山港沿海货物吞吐量"]) == "唐山港"
    assert as_asked("山港", "唐山港集装箱吞吐量", cut, ["黄骅山港"]) == "山港"  # not written together
    assert as_asked("集装箱", "的集装箱", lambda t: ["的"], ["的集装箱"]) == "集装箱"
    assert as_asked("车险", "2022年车险", lambda t: ["2022", "年"], ["全年车险"]) == "车险"
    assert as_asked("opc", "多少户opc", lambda t: ["多少", "户"], ["150户opc"]) == "opc"
    assert as_asked("人民政府", "白川县人民政府", lambda t: ["白川", "县"], ["白川县人民政府"]) == "人民政府"


def test_last_year_asked_of_a_report_is_not_its_target(ranking):
    ans = respond(context(ranking, "明山省去年地区生产总值增长了多少？"))
    assert ans.found and "5.6%" in ans.answer and "5.5%" not in ans.answer


def test_each_item_of_a_respective_rank_gets_its_own(ranking):
    ans = FIGURE.answer(context(ranking, "明山省二产增加值增速排全国第几？"))
    assert ans is not None and ans.found and "居全国第三" in ans.answer
    assert not ans.answer.startswith("明山省2025年工作回顾：二产居全国第九")
    assert ans.figures == ("第三",)
    # which item is asked is not clear: no rank of the list is given
    ans = respond(context(ranking, "明山省产业增加值增速分别排全国第几？"))
    assert not ans.found or "第九" not in ans.answer


def test_a_rank_is_of_the_period_asked(ranking):
    ans = respond(context(ranking, "明山省今年地区生产总值增长目标排全国第几？"))
    assert not ans.found  # 5.5%左右 is a target; 第4位 is 2025's
    assert "GDP" in respond(context(ranking, "明山省GDP排全国第几？")).answer  # as typed, not gdp


def test_a_growth_rank_is_no_rank_of_the_measure_itself():
    from assistant.answerers.rank import _rate_only

    first, second = ranks_in("地区生产总值增长5.6%，增速居全国第4位；总量和增速均居全国第5位")
    assert _rate_only(first) and not _rate_only(second)
