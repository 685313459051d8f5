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


def test_the_quote_holds_both_figures_across_a_semicolon(tmp_path):
    from answerer_corpus import write_corpus
    from test_answerer_ratio import REPORT

    from assistant.core import Assistant
    from assistant.grounding import is_grounded
    from index.config import Config

    corpus = write_corpus(tmp_path / "corpus", [REPORT])
    bot = Assistant(Config(corpus_dir=str(corpus), user_dir=str(tmp_path / "user"), index_dir=str(tmp_path / "index"),
                           upload_dir=str(tmp_path / "uploads")))
    ans = PartOfAnswerer().answer(context(bot, "白石市农村居民人均可支配收入占城镇居民人均可支配收入的比例是多少？"))
    assert ans is not None and ans.computation == "21000/45000*100=46.67"
    quote = ans.citations[0].quote
    assert "45000元" in quote and "21000元" in quote  # the 农村 figure is after the ；
    assert is_grounded(ans.answer, [quote], ans.computation)
