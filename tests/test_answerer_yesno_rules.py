"""Yes/no questions a rule decides by a negation, a bound on a count or a permission (能设立两个
食堂吗 of 只能设立一个; 给报吗 of 不予支付; 能对外承办宴席吗 of 不得…，…的除外), on a document
written for these tests (枫溪市, made up): 是/否 first, the rule and its exception quoted."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.answerers.yesno import YesNoAnswerer
from assistant.counts import asked_count, verdict
from assistant.negation import action_family, denies_action
from assistant.respond import respond

FENGXI = {"doc_id": "fengxi-2026", "file": "fengxi_canteen_rules_2026.txt", "title": "枫溪市社区老年食堂管理办法",
          "label": "枫溪市社区老年食堂管理办法", "place": "枫溪市", "year": 2026, "script": "simplified",
          "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"]}
YESNO = YesNoAnswerer()


@pytest.fixture(scope="module")
def fengxi(tmp_path_factory, request):  # noqa: ANN201 - an Assistant
    return assistant_on(tmp_path_factory.mktemp("yesno_rules"), [FENGXI], request, "fengxi_rules")


def _verdict(bot, question: str) -> str:  # noqa: ANN001
    ans = YESNO.answer(context(bot, question))
    assert ans is not None and ans.found and ans.type == "yesno", question
    return ans.answer


def test_a_count_beyond_only_one_is_no_and_one_is_yes(fengxi):
    no = _verdict(fengxi, "一个社区可以设立两个老年食堂吗？")
    assert no.startswith("否") and "只能设立一个社区老年食堂" in no
    assert _verdict(fengxi, "一个社区能设立一个老年食堂吗？").startswith("是")


def test_an_upper_bound_on_times_decides_both_ways(fengxi):
    assert _verdict(fengxi, "枫溪市老年食堂一年能申请三次运营补贴吗？").startswith("否")
    assert _verdict(fengxi, "枫溪市老年食堂一年可以申请两次运营补贴吗？").startswith("是")


def test_a_lower_bound_on_people_is_no_for_fewer(fengxi):
    ans = _verdict(fengxi, "老年食堂每班只安排两个人上班可以吗？")
    assert ans.startswith("否") and "不少于3人" in ans


def test_no_bound_on_a_count_is_yes(fengxi):
    ans = _verdict(fengxi, "八十周岁以上的老年人，助餐补贴一天能用四次吗？")
    assert ans.startswith("是") and "不受就餐次数限制" in ans


def test_a_permission_is_yes_and_a_prohibition_no_with_its_exception(fengxi):
    assert _verdict(fengxi, "社区老年食堂可以委托餐饮企业来运营吗？").startswith("是")
    no = _verdict(fengxi, "社区老年食堂能对外承办宴席吗？")
    assert no.startswith("否") and "节庆活动除外" in no


def test_a_negated_verb_of_the_asked_actions_family_is_no(fengxi):
    ans = _verdict(fengxi, "老年人在非定点食堂吃饭的费用，助餐资金给报吗？")
    assert ans.startswith("否") and "不予支付" in ans


def test_a_list_items_lead_that_refuses_decides(fengxi):
    ans = _verdict(fengxi, "老年食堂虚报就餐人数的，运营补贴还会给批吗？")
    assert ans.startswith("否") and "不予批准" in ans


def test_a_rule_with_a_but_is_no_and_the_but_is_reported(fengxi):
    ans = _verdict(fengxi, "老年食堂选定了供货商，能随便换吗？")
    assert ans.startswith("否") and "可以申请更换" in ans


def test_a_count_of_another_thing_is_not_decided_by_the_bound(fengxi):
    ans = respond(context(fengxi, "一个社区可以设立两个老年活动室吗？"))
    assert not ans.answer.startswith("否") and not ans.answer.startswith("是")


def test_the_asked_count_is_the_predicates_not_the_subjects_nor_a_compared_one():
    asked = asked_count("一个市场主体可以登记两个名称吗")
    assert asked is not None and (asked.value, asked.noun) == (2, "名称")
    person = asked_count("入户调查派一个人去可以吗")
    assert person is not None and (person.value, person.counter) == (1, "人")
    assert asked_count("一个园区主导产业能超过5个吗") is None  # a threshold, read elsewhere
    assert asked_count("一类门特病种可以报销吗") is None  # 一类 names a kind


def test_a_bound_counts_only_what_it_names():
    asked = asked_count("可以登记两个住所吗")
    assert verdict(asked, "市场主体只能登记一个名称") is None
    found = verdict(asked, "市场主体只能登记一个住所或者主要经营场所")
    assert found is not None and found[0] is False


def test_the_action_family_and_a_passage_that_also_grants_it():
    assert "支付" in action_family("统筹基金给报吗")
    assert "批准" in action_family("会给批吗")
    assert action_family("有没有提到报告制度") == ()  # 报 of 报告 is not asked
    assert denies_action("统筹基金不予支付", "统筹基金给不给报")
    assert not denies_action("按规定予以报销，超出部分不予支付", "能报销吗")  # granted too: no verdict from it


def test_a_rule_that_says_it_does_not_apply_is_no(fengxi):
    assert _verdict(fengxi, "临时停业的老年食堂要参加月度考核吗？").startswith("否")  # 不适用月度考核


def test_the_predicate_is_after_the_first_modal_of_the_last_clause():
    from assistant.negation import predicate_terms

    terms = ["登记机关", "要求", "申请人", "重复", "提供", "平台", "拿到", "信息"]
    asked = predicate_terms(terms, "登记机关能要求申请人重复提供平台能拿到的信息吗")
    assert "要求" in asked and "登记机关" not in asked
    assert predicate_terms(["审核", "作出", "决定"], "没经过审核，能作出决定吗") == ["作出", "决定"]


def test_a_time_after_the_window_of_a_prohibition_is_not_decided_by_it(fengxi):
    within = _verdict(fengxi, "被取消运营资格的食堂，经营者一年后能再申请开办老年食堂吗？")
    assert within.startswith("否") and "2年内不得再次申请" in within
    past = YESNO.answer(context(fengxi, "被取消运营资格的食堂，经营者三年后能再申请开办老年食堂吗？"))
    assert past is not None and not past.found and past.answer.startswith("文件未明确")


def test_a_time_after_an_event_is_no_threshold():
    from assistant.thresholds import threshold

    assert threshold("直接责任人两年后能再申请吗") is None
    assert threshold("审批能在5个工作日以内办完吗") is not None


def test_the_lead_of_a_list_decides_both_ways(fengxi):
    no = _verdict(fengxi, "老年食堂的装修费用，助餐资金能报吗？")
    assert no.startswith("否") and "不支付下列费用" in no
    yes = _verdict(fengxi, "老年食堂的水电燃气费用，助餐资金能报吗？")
    assert yes.startswith("是") and "支付下列费用" in yes
