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
