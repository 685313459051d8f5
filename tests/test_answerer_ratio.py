"""DerivedAnswerer (几倍 / 平均每个 / 增量折算的增长率 / 从A到B增加了多少) on documents
written for these tests: the value computed, the computation shown, every input cited."""

from __future__ import annotations

import pytest
from answerer_corpus import YUNXI, assistant_on, context

from assistant.answerers.ratio import DerivedAnswerer
from assistant.grounding import is_grounded

DERIVED = DerivedAnswerer()
BAISHI = "baishi-2026"
REPORT = {"doc_id": BAISHI, "file": "baishi_work_report_2026.txt", "title": "白石市2026年政府工作报告",
          "label": "白石市2026年政府工作报告", "place": "白石市", "year": 2026, "script": "simplified",
          "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"]}


@pytest.fixture(scope="module")
def reporting(tmp_path_factory, request):  # noqa: ANN201 - an Assistant
    return assistant_on(tmp_path_factory.mktemp("report"), [REPORT], request, "baishi_report")


def _grounded(ans) -> bool:  # noqa: ANN001
    return is_grounded(ans.answer, [c.quote for c in ans.citations], ans.computation)


def test_a_ratio_of_two_named_items_rounded_as_asked(answering):
    ans = DERIVED.answer(context(answering, "云溪县茶叶产业产值目标是中药材产业的几倍（保留一位小数）？"))
    assert ans is not None and ans.type == "derived" and ans.computation == "36.5/15.4=2.4"
    assert "2.4倍" in ans.answer and "36.5亿元" in ans.answer and "15.4亿元" in ans.answer
    assert {c.clause for c in ans.citations} == {f"{YUNXI}/二/（一）/1", f"{YUNXI}/二/（三）/1"}
    assert _grounded(ans)


def test_an_average_is_the_amount_over_the_count_of_its_sentence(answering):
    ans = DERIVED.answer(context(answering, "云溪县茶叶重点项目平均每个计划总投资多少亿元？"))
    assert ans is not None and ans.computation == "30/12=2.50" and "2.50亿元" in ans.answer
    assert [c.clause for c in ans.citations] == [f"{YUNXI}/二/（一）/3"] and _grounded(ans)


def test_a_growth_rate_from_the_increment_the_text_states(answering):
    ans = DERIVED.answer(context(answering, "云溪县茶叶产业产值的增量折算成增长率是多少？"))
    assert ans is not None and ans.computation.startswith("36.5-4.5=32.0")
    assert "14.06%" in ans.answer and _grounded(ans)


def test_a_change_from_one_figure_to_another(reporting):
    ans = DERIVED.answer(context(reporting, "白石市地区生产总值五年里增加了多少？"))
    assert ans is not None and ans.computation == "1650−1200=450" and "增加450亿元" in ans.answer
    down = DERIVED.answer(context(reporting, "白石市城镇登记失业率下降了多少？"))
    assert down is not None and "减少0.7个百分点" in down.answer and _grounded(down)


def test_gives_way_when_nothing_is_to_be_computed(answering, reporting):
    assert DERIVED.answer(context(answering, "云溪县2026年茶叶产业产值目标是多少？")) is None
    # a change the text states itself (比2025年增加4.5亿元) is no from-to change
    assert DERIVED.answer(context(answering, "云溪县茶叶产业产值比上年增加了多少？")) is None
    # one item only: no ratio
    assert DERIVED.answer(context(answering, "云溪县茶叶产业产值是多少倍？")) is None


def test_an_earlier_year_from_the_change_written_after_the_figure(reporting):
    # the report's figures are its own year's; 比上年增加 is the change from the year before,
    # the one after 21000元 (not the urban 2100元, nor the rate 7.7%)
    ans = reporting.ask("按白石市2026年政府工作报告，2025年农村居民人均可支配收入是多少？")
    assert ans.found and ans.computation == "21000−1500=19500" and "19500元" in ans.answer
    assert "文件未直接给出" in ans.answer


def test_items_named_in_other_words_than_the_text_s(reporting):
    # 人均收入 for the text's 人均可支配收入: most of the item's words in the figure's phrase
    ans = DERIVED.answer(context(reporting, "白石市城镇居民人均收入是农村居民人均收入的几倍？"))
    assert ans is not None and ans.computation == "45000/21000=2.14" and "2.14倍" in ans.answer


def test_a_share_across_two_documents(answering):
    # 松岭县…占云溪县: the figure of the document named before 占 over the other's, both cited
    ans = DERIVED.answer(context(answering, "松岭县2026年茶叶产业产值目标占云溪县茶叶产业产值目标的多少？"))
    assert ans is not None and ans.found and ans.computation == "22.8/36.5*100=62.47"
    assert "62.47%" in ans.answer and {c.doc_id for c in ans.citations} == {"yunxi-2026", "songling-2026"}


def test_a_share_across_two_documents_asked_roughly(answering):
    ans = DERIVED.answer(context(answering, "松岭县2026年茶叶产业产值目标大约占云溪县的多少？"))
    assert ans is not None and ans.computation == "22.8/36.5*100=62.5"
