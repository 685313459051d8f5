"""Several figures asked at once (parts) on a county's one-person-company measures written
for these tests: a part whose words spread over the phrase before a grant (对…损失，给予…补偿),
a cap stated only as a share, 额度 asking an amount, a short form of a part's name, a
bracket inside a phrase, 各为每天多少 read as parts, two question sentences asking two
times of one sentence, and a part's measure of another head (收入, not 支出)."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on

from assistant.answerers.parts_split import split_parts
from index.clean import normalize

DOC = {"doc_id": "lanping-2032", "file": "lanping_opc_rules_2032.txt", "title": "蓝坪县支持一人公司发展若干措施",
       "label": "蓝坪县支持一人公司发展若干措施", "place": "蓝坪县", "year": 2032, "script": "simplified",
       "kind": "措施", "inferred": [], "missing": []}


@pytest.fixture(scope="module")
def lanping(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("partsspread"), [DOC], request, name="partsspread")


def test_a_part_spread_over_the_phrase_before_a_grant(lanping):
    ans = lanping.ask("蓝坪的设备贷，单笔贷款最高多少？贷款本金损失风险补偿最高多少？")
    assert ans.type == "parts" and "500万元" in ans.answer and "70%" in ans.answer
    assert "未给出" not in ans.answer


def test_an_amount_asked_beside_a_share_takes_no_share(lanping):
    ans = lanping.ask("蓝坪设备贷单笔额度上限和对本金损失的风险补偿比例上限分别是多少？")
    assert ans.answer.index("500万元") < ans.answer.index("70%") and "未给出" not in ans.answer


def test_a_part_asked_of_the_phrase_before_its_figure(lanping):
    ans = lanping.ask("蓝坪一人公司担保贷款最高能申请多少？创办小微企业的又最高能贷多少？")
    assert ans.answer.index("20万元") < ans.answer.index("300万元")


def test_a_part_named_by_a_short_form(lanping):
    ans = lanping.ask("蓝坪的两种券（数服券、检测服务券）上限各多少？")
    assert "8万元" in ans.answer and "6万元" in ans.answer and "未给出" not in ans.answer


def test_a_bracket_inside_a_phrase_is_closed_and_the_second_part_kept(lanping):
    ans = lanping.ask("蓝坪驿站运营补助限额，城区驿站和乡村驿站各为每站每天多少元？")
    assert ans.type == "parts"
    assert "90元（其中水电费不高于每站每天20元）" in ans.answer and "40元" in ans.answer
    assert all(c.quote.count("（") == c.quote.count("）") for c in ans.citations)


def test_two_times_of_one_sentence_asked_in_two_sentences(lanping):
    ans = lanping.ask("蓝坪县政务服务中心受理后多少个工作日内办结？办结后又要几个工作日内反馈结果？")
    assert ans.answer.index("15个工作日") < ans.answer.index("3个工作日")


def test_items_of_an_each_part_beside_another_ask(lanping):
    parts = split_parts(normalize("蓝坪城镇和农村居民人均可支配收入各多少？城乡收入比是多少？").lower())
    assert len(parts) == 3 and "城镇" in parts[0][0] and "农村" in parts[1][0]
    ans = lanping.ask("蓝坪城镇和农村居民人均可支配收入各多少？城乡收入比是多少？")
    assert "38000元" in ans.answer and "19000元" in ans.answer and "支出" not in ans.answer


def test_a_missing_part_is_named_as_the_question_writes_it(lanping):
    from assistant.answerers.parts_compose import readable

    text = "受理后多少个工作日内办结和反馈？"
    assert readable("受理后 工作日内办结 反馈", normalize(text).lower(), text) == "受理后工作日内办结和反馈"
    ans = lanping.ask("蓝坪设备贷单笔贷款最高多少？AI算力券最高多少？")
    assert "500万元" in ans.answer and "文件未给出“AI算力券" in ans.answer


def test_a_question_mark_ends_a_part_before_a_respectively_list(lanping):
    parts = split_parts(normalize("蓝坪算力券每年最高多少？平台服务费补贴比例和年度上限分别多少？").lower())
    assert len(parts) == 3 and "平台" not in parts[0][0]
    ans = lanping.ask("蓝坪一人公司的算力券单个每年最高多少？平台服务费补贴比例和年度上限分别多少？")
    assert ans.answer.index("3万元") < ans.answer.index("40%") < ans.answer.index("2万元")


REVIEW = {"doc_id": "qingping-2032", "file": "qingping_station_review_2032.txt", "title": "青坪县驿站管理办法",
          "label": "青坪县驿站管理办法", "place": "青坪县", "year": 2032, "script": "simplified",
          "kind": "办法", "inferred": [], "missing": []}


@pytest.fixture(scope="module")
def qingping(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("siblingvalue"), [REVIEW], request, name="siblingvalue")


def test_a_measure_a_heading_divides_into_two_items_states_both(qingping):
    # 驿站评估费用按以下标准执行：（一）入驻评估 300元 …（二）复核评估 150元
    ans = qingping.ask("青坪驿站评估收多少钱？")
    assert "300元" in ans.answer and "150元" in ans.answer
    # one item named: its own value only
    ans = qingping.ask("青坪驿站入驻评估每次多少钱？")
    assert "300元" in ans.answer and "150元" not in ans.answer


def test_a_second_question_that_leaves_all_but_its_subject_out(lanping):
    parts = split_parts(normalize("蓝坪城区驿站每天补助多少？乡村驿站呢？").lower())
    assert [t for _, t in parts] == ["多少", "多少"] and parts[1][0] == "乡村驿站"
    ans = lanping.ask("蓝坪城区驿站运营补助每天限额多少？乡村驿站呢？")
    assert ans.type == "parts" and ans.answer.index("90元") < ans.answer.index("40元")
    assert split_parts(normalize("乡村驿站呢？").lower()) == []  # a follow-up alone is no second part


def test_figures_given_in_turn_for_listed_conditions(lanping):
    # 对入驻孵化载体12、24、36个月以上的…，依次给予最高3000元、6000元、1万元房租补贴
    ans = lanping.ask("蓝坪一人公司入驻孵化载体12个月和36个月以上的，房租补贴分别最高多少？")
    assert ans.type == "parts" and "12个月以上：最高3000元" in ans.answer and "36个月以上：1万元" in ans.answer
    assert "6000元；" not in ans.answer


def test_a_listed_condition_is_bounded_as_the_last_is():
    from assistant.conditions import unmet

    passage = "对入驻孵化载体12、24、36个月以上的一人公司"
    assert unmet("入驻12个月的补多少", passage) is None  # 12个月以上 holds 12个月
    assert unmet("入驻6个月的补多少", passage) is not None


def test_a_listed_condition_after_a_shared_one(lanping):
    # 离校…: the part's own number is its last (12个月), not one every part shares
    ans = lanping.ask("蓝坪毕业3年内的一人公司入驻孵化载体12个月和24个月以上的，房租补贴分别最高多少？")
    assert "12个月以上：最高3000元" in ans.answer and "24个月以上：6000元" in ans.answer


def test_a_pair_of_phrases_framed_alike_is_stated_whole(lanping):
    # 一次性安家费，博士研究生每人12万元，硕士研究生每人8万元: 硕博 names neither alone
    ans = lanping.ask("蓝坪一人公司硕博人才的一次性安家费是多少？")
    assert "12万元" in ans.answer and "8万元" in ans.answer
    ans = lanping.ask("蓝坪一人公司博士的一次性安家费是多少？")
    assert "12万元" in ans.answer and "8万元" not in ans.answer


def test_a_second_question_asks_the_cap_the_first_asks(lanping):
    ans = lanping.ask("蓝坪设备贷单笔贷款最高多少？风险补偿呢？")
    assert "500万元" in ans.answer and "70%" in ans.answer


def test_a_change_asked_of_what_the_first_part_names():
    from assistant.answerers.parts_split import align

    # 粮食总产量多少？比上年增长多少 / 同比增长多少: the rise of the first part's measure
    assert align([["粮食总产量"], ["上年增长"]]) == [["粮食总产量"], ["粮食总产量", "上年增长"]]
    assert align([["粮食总产量"], ["同比", "增长"]]) == [["粮食总产量"], ["粮食总产量", "同比", "增长"]]


def test_a_part_in_words_no_document_uses_is_named_as_not_given(lanping):
    ans = lanping.ask("蓝坪城镇居民人均可支配收入和公积金缴存额各是多少？")
    assert "38000元" in ans.answer and "文件未给出“公积金缴存额”" in ans.answer

