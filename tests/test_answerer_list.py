"""ListAnswerer (有哪些) on the documents written for these tests: the sub-headings of a
heading the question names, or an enumeration inside one sentence."""

from __future__ import annotations

import pytest
from answerer_corpus import YUNXI, assistant_on, context

from assistant.answerers.listing import ListAnswerer

LIST = ListAnswerer()


def test_the_sub_headings_of_the_heading_named_in_order(answering):
    ans = LIST.answer(context(answering, "云溪县保障措施有哪些？"))
    assert ans is not None and ans.found and ans.type == "list"
    assert "保障产业用地；加大资金投入；强化人才支撑" in ans.answer
    assert [c.clause for c in ans.citations] == [f"{YUNXI}/三/1", f"{YUNXI}/三/2", f"{YUNXI}/三/3"]


def test_the_items_enumerated_inside_a_sentence(answering):
    ans = LIST.answer(context(answering, "云溪县有哪些特色种植模式？"))
    assert ans is not None and "林下种植、仿野生栽培、道地药材繁育" in ans.answer
    assert [c.clause for c in ans.citations] == [f"{YUNXI}/二/（三）/2"]


def test_gives_way_when_nothing_lists_it(answering):
    assert LIST.answer(context(answering, "云溪县有哪些出口退税政策？")) is None


def test_items_enumerated_inside_a_sentence_of_the_shapes_document(shaping):
    from shapes_corpus import QINGLAN

    ans = LIST.answer(context(shaping, "青岚县电子信息产业重点发展哪些？"))
    assert ans is not None and "智能终端、电子元器件、光通信器件" in ans.answer
    assert [c.clause for c in ans.citations] == [f"{QINGLAN}/二/（二）/1"]


def test_one_shi_two_shi_items_in_document_order(shaping):
    ans = LIST.answer(context(shaping, "青岚县数字文旅一是二是三是分别是什么？"))
    assert ans is not None
    text = ans.answer
    assert text.index("建设智慧景区") < text.index("开发数字文创产品") < text.index("举办数字文旅节")


HEXI = {"doc_id": "hexi-2026", "file": "hexi_manufacturing_2026.txt", "title": "河西市2026年先进制造业发展要点",
        "label": "河西市2026年先进制造业发展要点", "place": "河西市", "year": 2026, "script": "simplified",
        "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"]}


@pytest.fixture(scope="module")
def listing(tmp_path_factory, request):  # noqa: ANN201 - an Assistant
    return assistant_on(tmp_path_factory.mktemp("listing"), [HEXI], request, "hexi_listing")


def test_an_outline_marker_s_comma_is_no_enumeration(listing):
    # 一、做强高端装备产业 lists nothing; the phrase under it does
    ans = LIST.answer(context(listing, "河西市高端装备产业聚焦做强哪些装备？"))
    assert ans is not None and "工程机械、农业机械、电力装备以及通用航空装备" in ans.answer
    assert [c.clause for c in ans.citations] == ["hexi-2026/一"]


def test_the_words_of_its_heading_count_for_a_phrase(listing):
    # 项目建设 is the heading's (打好项目建设攻坚战), not the phrase's; the phrase elsewhere
    # holds 关键 and 项目 itself
    ans = LIST.answer(context(listing, "河西市推进项目建设要紧盯哪些关键指标？"))
    assert ans is not None and "开工率、投资完成率、竣工投产率" in ans.answer


def test_a_heading_that_introduces_its_parts_lists_them_not_a_phrase_inside_one(listing):
    ans = LIST.answer(context(listing, "河西市申请技改补助的情形有哪些？"))
    assert ans is not None and len(ans.citations) == 3
    assert "新建智能工厂" in ans.answer and "获评省级以上专精特新企业" in ans.answer


def test_items_whose_sentence_names_what_they_are_for(tmp_path_factory, request):
    # the phrase lists the services; the rest of the sentence says they are the 服务券's
    from test_answerer_time_effect import LANXI

    bot = assistant_on(tmp_path_factory.mktemp("list-sentence"), [LANXI], request, name="list_sentence")
    ans = LIST.answer(context(bot, "岚溪的服务券补贴哪些服务？"))
    assert ans is not None and "法律、审计、知识产权等专业服务" in ans.answer
    assert ans.citations[0].doc_id == "lanxi-2026" and "算力" not in ans.answer
