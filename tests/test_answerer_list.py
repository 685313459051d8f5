"""ListAnswerer (有哪些) on the documents written for these tests: the sub-headings of a
heading the question names, or an enumeration inside one sentence."""

from __future__ import annotations

from answerer_corpus import YUNXI, context

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
