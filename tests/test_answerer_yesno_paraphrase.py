"""Yes/no questions asked in other words than the document's sentence, on documents written for
these tests (青禾市, made up): 要不要自己交…费 / 是否需要缴纳个人部分 of 个人不缴费 (否, never 是);
是否实现增长 of a stated decrease, the bulletin named by its title; a long formal question that
names the document by its 文号 and restates a sentence with synonyms."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.answerers.yesno import YesNoAnswerer, _asked_terms
from assistant.negation import action_family, family_of, in_asking_form
from assistant.thresholds import threshold, without_doc_numbers

RULES = {"doc_id": "qinghe-care-2025", "file": "qinghe_care_insurance_2025.txt", "title": "青禾市居家护理保险试行办法",
         "label": "青禾市居家护理保险试行办法", "place": "青禾市", "year": 2025, "doc_number": "青医保规〔2025〕7号",
         "script": "simplified", "inferred": ["place", "year"], "missing": ["issuer", "date"]}
BULLETIN = {"doc_id": "qinghe-2025", "file": "qinghe_bulletin_2025.txt", "title": "青禾市2025年国民经济和社会发展统计公报",
            "label": "青禾市2025年国民经济和社会发展统计公报", "place": "青禾市", "issuer": "青禾市统计局",
            "date": "2026-03-18", "year": 2025, "script": "simplified", "inferred": [], "missing": ["doc_number"]}
YESNO = YesNoAnswerer()


@pytest.fixture(scope="module")
def qinghe(tmp_path_factory, request):  # noqa: ANN201 - an Assistant
    return assistant_on(tmp_path_factory.mktemp("yesno_paraphrase"), [RULES, BULLETIN], request, name="yesno_paraphrase")


def _verdict(bot, question: str) -> str:  # noqa: ANN001
    ans = YESNO.answer(context(bot, question))
    assert ans is not None and ans.found and ans.type == "yesno", question
    return ans.answer


def test_a_one_character_verb_that_begins_the_predicate_is_asked():
    assert "缴费" in action_family("未满40岁的职工要不要自己交护理保险费")
    assert "缴费" in action_family("还用不用另外交钱")
    assert action_family("要不要参加交通安全培训") == ()  # 交通 is no 交
    assert "缴费" in family_of("缴纳") and family_of("培训") == ()


def test_an_age_is_no_length_of_weeks():
    assert threshold("40周岁以下的参保人员是否需要缴纳个人部分") is None
    assert threshold("审批要超过2周吗") is not None


def test_a_doc_number_is_not_what_is_asked():
    assert "2025" not in without_doc_numbers("青医保规〔2025〕7号是否支持") and "7" not in without_doc_numbers("青医保规〔2025〕7号")


def test_a_denied_payment_asked_with_another_verb_is_no(qinghe):
    for q in ("青禾居家护理保险，未满40岁的职工要不要自己交护理保险费？",
              "依照青禾市居家护理保险试行办法，40周岁以下的参保人员是否需要缴纳个人部分？"):
        ans = _verdict(qinghe, q)
        assert ans.startswith("否") and "个人不缴费" in ans, q


def test_a_granted_payment_for_an_age_within_the_rule_is_yes(qinghe):
    ans = _verdict(qinghe, "青禾居家护理保险，45岁的参保人员需不需要缴纳个人部分？")
    assert ans.startswith("是") and "0.03%" in ans


def test_whether_a_growth_was_achieved_of_a_stated_decrease_and_increase(qinghe):
    no = _verdict(qinghe, "青禾市2025年国民经济和社会发展统计公报显示，当年粮食总产量同比是否实现增长？")
    assert no.startswith("否") and "下降2.2%" in no
    yes = _verdict(qinghe, "青禾市2025年统计公报显示，全年货物进出口总值同比是否实现增长？")
    assert yes.startswith("是") and "增长7.9%" in yes


def test_achieving_and_the_documents_title_words_are_not_the_measure(qinghe):
    """A lexicon that learned 实现增长 as one word (the realdocs' does) and title words kept as
    terms: the measure is what is left (粮食总产量)."""
    ctx = context(qinghe, "青禾市2025年国民经济和社会发展统计公报显示，当年粮食总产量同比是否实现增长？")
    ctx = ctx.but(terms=("国民经济", "社会发展统计公报", "粮食总产量", "同比", "实现增长"))
    ans = YESNO.answer(ctx)
    assert ans is not None and ans.answer.startswith("否") and "下降2.2%" in ans.answer


def test_a_formal_restatement_naming_the_doc_number_finds_the_sentence(qinghe):
    ans = _verdict(qinghe, "青医保规〔2025〕7号是否支持商业保险机构开发护理险产品，减轻失能家庭护理服务支出的压力？")
    assert ans.startswith("是") and "推出“护理险”补充产品" in ans
    ans = _verdict(qinghe, "青医保规〔2025〕7号是否允许护理服务机构向参保人员收取评估费用？")
    assert ans.startswith("否") and "不得向参保人员收取评估费用" in ans


def test_a_refusing_lead_decides_a_question_asking_to_be_approved(qinghe):
    assert "批准" in action_family("隐瞒家庭收入的申请人能否获批护理补助")
    ans = _verdict(qinghe, "青禾市居家护理保险，隐瞒家庭收入的申请人能否获批护理补助？")
    assert ans.startswith("否") and "不予批准" in ans


def test_half_a_year_is_a_length_compared(qinghe):
    t = threshold("公示期是不是半年")
    assert t is not None and t.value == 180 and t.base == "天"
    ans = YESNO.answer(context(qinghe, "青禾居家护理保险的失能评估结果公示期是不是半年？"))
    assert ans is None or not ans.answer.startswith("是")  # 公示期为1年: never 是


def test_a_base_split_by_the_lexicon_is_no_measure(qinghe):
    ctx = context(qinghe, "青禾市2025年末常住人口是不是比上年末减少了？")
    ctx = ctx.but(terms=("常住人口", "比上", "年末"))  # 比上年末 cut as 比上 / 年末
    ans = YESNO.answer(ctx)
    assert ans is not None and ans.found and ans.answer.startswith("否") and "增加0.6万人" in ans.answer


def test_a_word_that_takes_away_what_is_asked_denies_it(qinghe):
    no = _verdict(qinghe, "青禾市护理员评价是否还看重学历？")
    assert no.startswith("否") and "淡化学历" in no
    assert _verdict(qinghe, "青禾市护理员评价是否淡化学历？").startswith("是")


def test_the_negative_half_of_an_a_not_a_form_is_not_asked(qinghe):
    assert in_asking_form("不能", "机构能不能把证书出租给别人") and not in_asking_form("不能", "不能出租吗")
    ctx = context(qinghe, "护理服务资格证书能不能出租给别人？")
    ctx = ctx.but(terms=("护理服务", "资格证书", "不能", "出租"))  # a lexicon that keeps 不能 (the realdocs' does)
    ans = YESNO.answer(ctx)
    assert ans is not None and ans.answer.startswith("否") and "不得出租、出借护理服务资格证书" in ans.answer
    assert "不能" not in _asked_terms(ctx)
    ctx = context(qinghe, "护理服务资格证书能不能？").but(terms=("护理服务", "资格证书", "不能"))
    assert "不能" in _asked_terms(ctx)  # nothing asked after it: kept, the passage must hold it


def test_a_condition_that_says_proposed_is_no_mention_asked(qinghe):
    q = "青禾居家护理服务协议期满后，参保人员没提出解约的话，是不是要重新签约？"
    ans = YESNO.answer(context(qinghe, q))  # 自动续约, under 签约管理: never 是
    assert ans is None or not ans.answer.startswith("是")
    assert _verdict(qinghe, "青禾居家护理服务协议期满后，参保人员没提出解约的话，能不能自动续约？").startswith("是")
