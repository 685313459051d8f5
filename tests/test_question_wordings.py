"""The same fact asked in other words, written for these tests on a made-up city's plan:
a verb said with a direction (聚起来), a filler object (统领全局), people counted 几个 where
the document counts them 名, and a word of two halves the document writes apart
(执法人员 in 持有执法证件的检查人员); a notice the document follows asked by 叫什么 (not the
document's own title); a short form the segmenter joined to 里 after it (科创区里: 区里);
the asker's word for the giver (政府按啥比例补); a year asked (一年) within 不超过3年;
认定为什么企业 (为 + 什么, no 为什么 why); in Traditional script too."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.compose import in_script

DOC = {"doc_id": "lumen-2031", "file": "lumen_inspection_2031.txt", "title": "鹭门市人才集聚和现场检查工作方案",
       "label": "鹭门市人才集聚和现场检查工作方案", "place": "鹭门市", "year": 2031, "script": "simplified",
       "issuer": "鹭门市人民政府办公室", "doc_number": "鹭政办发〔2031〕7号", "date": "2031-04-02",
       "inferred": [], "missing": []}


@pytest.fixture(scope="module")
def lumen(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("wordings"), [DOC], request, name="wordings")


def test_a_direction_after_a_verb_is_no_word_to_find(lumen):
    assert "聚起来" not in context(lumen, "鹭门到2033年要聚起来多少名青年创新人才？").terms
    for q in ("鹭门到2033年要聚起来多少名青年创新人才？", "鹭门到2033年要把青年创新人才集聚起来多少名？"):
        ans = lumen.ask(q)
        assert ans.found and "3000名" in ans.answer, q


def test_a_filler_object_is_no_word_to_find(lumen):
    ans = lumen.ask("鹭门人才方案以哪个工作思路统领全局？")
    assert ans.found and "一核两翼" in ans.answer


@pytest.mark.parametrize("question", ["鹭门现场检查最少要几个持证执法人员？", "鷺門現場檢查最少要幾個持證執法人員？",
                                      "鹭门现场检查至少要多少个执法人员参加？"])
def test_people_counted_with_ge_and_a_word_written_apart(lumen, question):
    assert context(lumen, question).question.unit_hint == "人"
    ans = lumen.ask(question)
    assert ans.found and "3名" in ans.answer and "10个工作日" not in ans.answer


def test_things_counted_with_ge_stay_ge(lumen):
    assert context(lumen, "鹭门要建成几个人才驿站？").question.unit_hint == "个"
    assert context(lumen, "鹭门检查结论最晚几个工作日内公开？").question.unit_hint != "人"


def test_a_figure_the_document_does_not_give_is_refused(lumen):
    ans = lumen.ask("鹭门现场检查最少要几个医生参加？")
    assert not ans.found or "3名" not in ans.answer


@pytest.mark.parametrize("question", ["鹭门现场检查依据的通知叫什么？", "鷺門現場檢查依據的通知叫什麼？"])
def test_a_notice_the_document_names_is_no_title_asked(lumen, question):
    assert context(lumen, question).question.docfact is None
    ans = lumen.ask(question)
    assert ans.found and "关于规范涉企现场检查行为的通知" in in_script(ans.answer, "simplified")
    assert "人才集聚和现场检查工作方案" not in in_script(ans.answer, "simplified")


@pytest.mark.parametrize("question", ["鹭门科创区里新设的科技型企业直接认定为哪类企业？",
                                      "鷺門科創區裡新設的科技型企業直接認定為哪類企業？"])
def test_a_short_form_before_li_is_read_whole(lumen, question):
    assert "科技创新区" in context(lumen, question).terms  # not 科创 and 区里
    ans = lumen.ask(question)
    assert ans.found and "市级重点培育企业" in in_script(ans.answer, "simplified")


def test_a_place_word_with_li_stays_a_word(lumen):
    q = "鹭门市里每年安排多少人才专项资金？"
    assert not any("门市" in t or t == "市" for t in context(lumen, q).terms)
    assert "8000万元" in lumen.ask(q).answer


@pytest.mark.parametrize("question", ["鹭门创业团队入驻众创空间，政府按啥比例补房租，一年最多补多少？",
                                      "鷺門創業團隊入駐眾創空間，政府一年最多補多少房租？"])
def test_the_giver_and_a_yearly_cap_in_everyday_words(lumen, question):
    assert "政府" not in context(lumen, question).terms
    ans = lumen.ask(question)
    assert ans.found and "5万元" in in_script(ans.answer, "simplified")


def test_a_government_thing_keeps_its_word(lumen):
    assert any("政府" in t for t in context(lumen, "鹭门政府采购给中小企业多少份额？").terms)


def test_a_year_within_a_bound_not_over_is_covered(lumen):
    ans = lumen.ask("鹭门创业团队入驻众创空间满一年的，房租补贴最多补多少？")
    assert ans.found and "5万元" in ans.answer
    ans = lumen.ask("鹭门创业团队入驻众创空间满五年的，房租补贴最多补多少？")
    assert "5万元" not in ans.answer or not ans.found


def test_not_over_bounds_from_above():
    from assistant.conditions import unmet

    assert unmet("入驻一年的最多补多少", "每年最高5万元，补贴期限不超过3年") is None
    assert unmet("入驻五年的最多补多少", "每年最高5万元，补贴期限不超过3年") is not None
    assert unmet("入驻五年的最多补多少", "入驻超过3年的，每年最高5万元") is None


def test_zhong_of_a_word_is_no_locative():
    from assistant.match import content_terms

    cut = {"碳达峰碳中和方案": ["碳", "达", "峰", "碳中", "和", "方案"], "综保区里新设企业": ["综", "保", "区里", "新设", "企业"]}
    assert "碳达峰碳" not in content_terms("碳达峰碳中和方案", lambda t: cut[t.strip()])
    assert "综保区" in content_terms("综保区里新设企业", lambda t: cut[t.strip()])


def test_named_as_what_is_no_why(lumen):
    q = "鹭门科创区里新设的科技型企业，直接认定为什么企业？"
    assert context(lumen, q).question.intent == "fact"
    ans = lumen.ask(q)
    assert ans.found and "市级重点培育企业" in ans.answer and "200家" not in ans.answer


@pytest.mark.parametrize("question", ["综保区若干意见里，商务部牵头的措施有哪几个？", "商务部负责的任务是哪几项？"])
def test_the_tasks_a_unit_leads_asked_with_which_few(question):
    from assistant.question import analyse

    assert analyse(question, [], ["商务部"]).intent == "reverse"
