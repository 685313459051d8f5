"""Lists whose items are a clause's run-in headings (坚持问题导向。…) or a phrase that
defines (偶发收入，是指…), and lists the documents never give (“五个一律”), on a document
written for these tests."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.answerers.listing import ListAnswerer
from assistant.answerers.overview import OverviewAnswerer

LIST = ListAnswerer()
LINHE = {"doc_id": "linhe-2026", "file": "linhe_report_2026.txt", "title": "林河县2026年政府工作要点",
         "label": "林河县2026年政府工作要点", "place": "林河县", "year": 2026, "script": "simplified",
         "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"]}


@pytest.fixture(scope="module")
def linhe(tmp_path_factory, request):  # noqa: ANN201 - an Assistant
    return assistant_on(tmp_path_factory.mktemp("runin"), [LINHE], request, "linhe_runin")


def test_run_in_headings_of_the_heading_named_are_its_items(linhe):
    ans = LIST.answer(context(linhe, "林河县的基本原则有哪几条？"))
    assert ans is not None and ans.found
    assert "坚持问题导向；坚持改革创新；坚持统筹兼顾" in ans.answer
    assert "补齐" not in ans.answer  # the heads, not their bodies
    assert [c.clause for c in ans.citations] == ["linhe-2026/一/（一）"] * 3


def test_a_heading_named_in_other_words_and_the_count_asked(linhe):
    ans = LIST.answer(context(linhe, "林河县扩大有效需求、稳住经济增长靠哪两招？"))
    assert ans is not None and "提振居民消费；扩大有效投资" in ans.answer
    assert "坚持消费和投资两端发力" not in ans.answer  # the lead-in paragraph is no item


def test_an_overview_question_about_a_part_with_run_in_headings(linhe):
    ans = OverviewAnswerer().answer(context(linhe, "林河县扩大有效需求那部分分成哪几块？"))
    assert ans is not None and "提振居民消费；扩大有效投资" in ans.answer


def test_a_heading_sharing_one_word_with_the_question_is_not_named(linhe):
    # 需求 alone is shared with 扩大有效需求，稳住经济增长: that part is not what is asked
    ans = LIST.answer(context(linhe, "林河县哪些群众需求最强烈？"))
    assert ans is None or "提振居民消费" not in ans.answer


def test_a_phrase_that_defines_is_answered_with_what_it_defines(linhe):
    ans = LIST.answer(context(linhe, "林河县说的偶发收入包括哪几种？"))
    assert ans is not None and "偶发收入，是指个人得奖、中奖、中彩" in ans.answer


def test_a_quoted_name_the_documents_never_write_gets_no_list(linhe):
    ans = LIST.answer(context(linhe, "林河县的“五个一律”是哪五个？"))
    assert ans is not None and not ans.found and "五个一律" in ans.answer  # refused, naming it
    ans = LIST.answer(context(linhe, "林河县的“三个一律”是哪三个？"))
    assert ans is not None and "企业开办一律当日办结" in ans.answer


def test_the_run_of_one_shi_the_lead_in_names_among_two_runs_of_one_part(linhe):
    goals = LIST.answer(context(linhe, "林河县规划纲要定的发展目标是哪几条？"))
    assert goals is not None
    assert "县域经济实力明显增强；城乡融合取得新突破；生态环境持续改善；民生福祉不断增进" in goals.answer
    assert "注重对标对表" not in goals.answer
    points = LIST.answer(context(linhe, "林河县编制规划纲要要把握哪几点？"))
    assert points is not None and "注重对标对表；牢记职责使命；坚持目标导向" in points.answer
    assert "县域经济" not in points.answer


def test_a_phrase_whose_items_are_all_of_the_kind_asked_is_preferred(linhe):
    # 产业创新中心、技术创新中心、新型研发机构 sits under a heading naming 中心, but one of its
    # items is no 中心; every item of the other phrase is one
    ans = LIST.answer(context(linhe, "林河县要把开发区建成哪几个中心？"))
    assert ans is not None and "加工制造中心、物流分拨中心、检测维修中心" in ans.answer
    assert [c.clause for c in ans.citations] == ["linhe-2026/五/（一）"]


def test_the_kind_of_item_named_right_before_you_na_xie(linhe):
    # 物流园区有哪些: the phrase closing with 等物流园区 lists them, though its words are elsewhere
    ans = LIST.answer(context(linhe, "林河县要升级的专业物流园区有哪些？"))
    assert ans is not None and "城东保税仓、城南冷链物流中心、临河物流港等物流园区" in ans.answer


def test_a_list_named_otherwise_or_of_another_count_is_not_the_quoted_one(linhe):
    # the clause writes “三个严防” but never lists them: its “两个下降” and its two 自然灾害
    # are other lists
    ans = LIST.answer(context(linhe, "林河县的“三个严防”具体是哪三个？"))
    assert ans is not None and not ans.found  # refused: no other list stands in for it
    assert "债务规模" not in ans.answer and "洪涝" not in ans.answer
    ans = LIST.answer(context(linhe, "林河县的“两个下降”是哪两个？"))
    assert ans is not None and "债务规模、平台数量" in ans.answer


def test_what_fills_each_frame_asked(linhe):
    from assistant.answerers.framed import FramedAnswerer

    ans = FramedAnswerer().answer(context(linhe, "林河县产业体系以什么为主体、什么为方向、什么为特色？"))
    assert ans is not None
    assert "以智能制造为主体，工业设计为发展方向，文旅融合、康养服务为特色" in ans.answer
    assert ans.citations[0].highlight == ("智能制造", "工业设计", "文旅融合、康养服务")
    # a frame no phrase fills (支撑) is no answer
    assert FramedAnswerer().answer(context(linhe, "林河县产业体系以什么为主体、什么为支撑？")) is None


def test_what_every_one_of_a_run_of_headings_holds(tmp_path_factory, request):
    from assistant.answerers.listing import ListAnswerer

    yanshan = {"doc_id": "yanshan-2026", "file": "yanshan_industry_2026.txt", "title": "燕山市2026年重点产业发展工作安排",
               "label": "燕山市2026年重点产业发展工作安排", "place": "燕山市", "year": 2026, "script": "simplified",
               "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"]}
    bot = assistant_on(tmp_path_factory.mktemp("every"), [yanshan], request, "yanshan_every")
    ans = ListAnswerer().answer(context(bot, "燕山市每个产业下面都写了哪几方面内容？"))
    assert ans is not None and "发展目标；攻坚方向；优选项目" in ans.answer
    assert [c.clause for c in ans.citations] == ["yanshan-2026/一/（一）/1", "yanshan-2026/一/（一）/2",
                                                 "yanshan-2026/一/（一）/3"]
