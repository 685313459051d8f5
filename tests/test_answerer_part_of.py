"""PartOfAnswerer (还剩多少, 占…比例) on the documents written for these tests."""

from __future__ import annotations

from answerer_corpus import YUNXI, context

from assistant.answerers.part_of import PartOfAnswerer

PART_OF = PartOfAnswerer()


def test_the_remainder_of_a_whole_stated_with_its_part(answering):
    ans = PART_OF.answer(context(answering, "云溪县茶叶产业计划总投资中年度计划投资以外还剩多少？"))
    assert ans is not None and ans.found and ans.type == "derived"
    assert ans.computation == "30−9.6=20.4" and ans.figures == ("20.4亿元",)
    assert [c.clause for c in ans.citations] == [f"{YUNXI}/二/（一）/3"]
    assert set(ans.citations[0].highlight) == {"30亿元", "9.6亿元"}


def test_the_share_of_the_part_as_a_percentage(answering):
    ans = PART_OF.answer(context(answering, "云溪县茶叶产业年度计划投资占计划总投资的比例是多少？"))
    assert ans is not None and ans.computation == "9.6/30*100=32.00" and ans.figures == ("32.00%",)


def test_gives_way_when_no_part_is_asked(answering):
    assert PART_OF.answer(context(answering, "云溪县茶叶产业计划总投资是多少？")) is None
