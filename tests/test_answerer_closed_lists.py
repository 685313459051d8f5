"""A measure that holds several unit lists, each closing the sentences before it
(``……。……。（责任单位：A、B）……。（责任单位：C）``): the list asked about is the one that
closes the sentence the question describes, whichever of its sentences that is. Written for
these tests: 青梧市's measures for low-altitude flight (made up)."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.answerers.responsibility import ResponsibilityAnswerer

DOC = {"doc_id": "qingwu-2031", "file": "qingwu_lowalt_measures_2031.txt", "title": "青梧市支持低空经济创新发展若干措施",
       "label": "青梧市支持低空经济创新发展若干措施", "place": "青梧市", "year": 2031, "script": "simplified",
       "kind": "措施", "inferred": [], "missing": []}
OTHER = {"doc_id": "songxi-2031", "file": "songxi_lowalt_measures_2031.txt", "title": "松溪市促进低空产业发展若干措施",
         "label": "松溪市促进低空产业发展若干措施", "place": "松溪市", "year": 2031, "script": "simplified",
         "kind": "措施", "inferred": [], "missing": []}
RESPONSIBILITY = ResponsibilityAnswerer()


@pytest.fixture(scope="module")
def qingwu(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("closed"), [DOC, OTHER], request, name="closed")


@pytest.mark.parametrize("question", [
    "青梧市低空措施中，在服务平台定期发布航线需求清单和运力资源清单的工作，责任单位是哪些？",
    "青梧市低空经济若干措施“完善低空基础设施”一项里，统筹空域资源、建设低空飞行服务平台归哪几个单位负责？",
])
def test_the_list_closing_a_later_sentence(qingwu, question):
    ans = RESPONSIBILITY.answer(context(qingwu, question))
    assert ans is not None and ans.units == ("市发改委", "市交通局", "青梧城投集团")


def test_the_answer_names_the_sentence_asked_about(qingwu):
    ans = qingwu.ask("青梧市低空措施里，定期发布航线需求清单、运力资源清单由哪些单位负责？")
    assert ans.units == ("市发改委", "市交通局", "青梧城投集团")
    assert "航线需求清单" in ans.answer and "起降枢纽" not in ans.answer
    assert ans.citations[0].quote.startswith("（责任单位：市发改委")


@pytest.mark.parametrize("question, units", [
    ("青梧市给来青创业的低空人才提供免费住宿，由哪些部门负责？", ("市住建局", "市人才办")),
    ("青梧低空措施中面向物流、农业领域从业者开展无人机操作专项培训归谁管？", ("市人社局", "市教育局")),
])
def test_a_second_sentence_of_the_list(qingwu, question, units):
    ans = qingwu.ask(question)
    assert ans.found and ans.units == units
    assert ans.extra.get("grounding") != "fallback"  # the sentence named is quoted too


def test_the_next_list_is_not_taken_for_the_previous(qingwu):
    ans = qingwu.ask("青梧市低空措施中，各区每年新增起降点不少于20个由哪个单位负责？")
    assert ans.units == ("各区人民政府",) and "20个" in ans.answer


def test_a_unit_s_tasks_name_the_part_of_the_measure_its_list_closes(qingwu):
    ans = qingwu.ask("青梧低空措施里市财政局负责哪些任务？")
    assert ans.type == "reverse"
    assert "完善低空基础设施（每年遴选一批示范航线）" in ans.answer
    assert "强化金融支持" in ans.answer and "强化金融支持（" not in ans.answer  # its list closes the whole measure
    assert ans.extra.get("grounding") != "fallback"


def test_a_thing_only_another_document_speaks_of_finds_no_list(qingwu):
    # 出海 is 松溪市's word: 青梧市's lists share only 低空/企业, none is the one asked about
    assert RESPONSIBILITY.answer(context(qingwu, "青梧市低空措施中，低空企业出海由哪些单位负责？")) is None
    assert not qingwu.ask("青梧市低空措施里支持低空企业出海归谁管？").units
    ans = qingwu.ask("松溪市低空措施中，低空企业出海由哪些单位负责？")
    assert ans.units == ("市商务局",)


@pytest.mark.parametrize("question", ["青梧市低空措施中完善低空基础设施由哪些单位负责？", "青梧低空措施里“完善低空基础设施”这一条归哪些部门管？"])
def test_a_measure_asked_gives_each_of_its_lists(qingwu, question):
    ans = RESPONSIBILITY.answer(context(qingwu, question))
    assert ans is not None
    assert ans.units == ("市发改委", "市交通局", "青梧城投集团", "各区人民政府", "市科技局", "市财政局")
    assert "“加快建设起降场地”等：市发改委、市交通局、青梧城投集团" in ans.answer
    assert "“每年遴选一批示范航线”等：市财政局" in ans.answer


def test_a_measure_with_one_list_is_answered_as_before(qingwu):
    ans = RESPONSIBILITY.answer(context(qingwu, "青梧市低空措施中强化金融支持由哪些单位负责？"))
    assert ans is not None and ans.units == ("市财政局", "青梧城投集团") and "各项" not in ans.answer


def test_a_lead_in_its_paragraph_repeats_is_where_the_list_s_sentences_start(qingwu):
    # 市场对接：定期举办…。推动…开展市场对接。（…）: the list closes both sentences
    ans = RESPONSIBILITY.answer(context(qingwu, "青梧市低空措施中，定期举办低空产品发布会由谁牵头？"))
    assert ans is not None and ans.units == ("市商务局", "市交通局")
    assert "定期举办低空产品发布会" in ans.answer and "由市商务局牵头" in ans.answer
