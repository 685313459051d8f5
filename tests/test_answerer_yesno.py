"""YesNoAnswerer (能到…吗 / 是不是… / 有没有提到… / 还有效吗) on the document written for
these tests: 是 or 否 (or 文件未提及) first, then the figure or passage that decides it."""

from __future__ import annotations

from answerer_corpus import context
from shapes_corpus import QINGLAN

from assistant.answerers.yesno import YesNoAnswerer
from assistant.respond import respond

YESNO = YesNoAnswerer()


def test_a_threshold_above_the_documents_figure_is_no(shaping):
    ans = YESNO.answer(context(shaping, "青岚县数字经济核心产业营业收入能到80亿元吗？"))
    assert ans is not None and ans.found and ans.type == "yesno"
    assert ans.answer.startswith("否") and "60亿元" in ans.answer
    assert ans.citations[0].clause == f"{QINGLAN}/一"


def test_a_threshold_below_it_is_yes(shaping):
    ans = YESNO.answer(context(shaping, "青岚县数字经济核心产业营收能超过50亿元吗？"))
    assert ans is not None and ans.answer.startswith("是") and "60亿元" in ans.answer


def test_the_qualifier_is_compared_too(shaping):
    ans = YESNO.answer(context(shaping, "青岚县数字经济专项资金每年是不是不少于5000万元？"))
    assert ans is not None and ans.answer.startswith("否") and "不少于3000万元" in ans.answer
    yes = YESNO.answer(context(shaping, "青嵐縣每年專項資金有沒有到2000萬元？"))
    assert yes is not None and yes.answer.startswith("是") and "3000萬元" in yes.answer


def test_mentioned_or_not(shaping):
    ans = YESNO.answer(context(shaping, "青岚县方案有没有提到算力中心？"))
    assert ans is not None and ans.answer.startswith("是") and "算力中心" in ans.citations[0].quote
    missing = respond(context(shaping, "青岚县方案有没有提到区块链？"))
    assert not missing.found and missing.answer.startswith("文件未提及")


def test_the_documents_validity_leads_with_yes_or_no(shaping):
    ans = respond(context(shaping, "青岚县这个方案目前还有效吗？"))
    assert ans.type in ("yesno", "unanswerable")
    if ans.found:  # the test document states no 有效性: nothing else may be said
        assert ans.answer[0] in "是否"


def test_a_figure_asked_with_a_word_of_mention_is_compared(shaping):
    ans = YESNO.answer(context(shaping, "青岚县方案说到2027年核心产业营业收入超过80亿元吗？"))
    assert ans is not None and ans.answer.startswith("否") and "60亿元" in ans.answer


def test_a_number_the_question_states_as_a_condition_is_not_the_one_compared(shaping):
    ans = YESNO.answer(context(shaping, "青岚县营业收入首次超过1000万元的企业，奖励能超过20万元吗？"))
    assert ans is not None and ans.answer.startswith("否") and "10万元" in ans.answer


def test_a_passage_decides_though_the_question_words_it_loosely(shaping):
    ans = YESNO.answer(context(shaping, "青岚县搞沙盒监管的企业会给观察期吗？"))
    assert ans is not None and ans.answer.startswith("是") and "1—2年观察期" in ans.answer


def test_lengths_of_time_are_compared_in_days():
    from assistant.thresholds import threshold

    month = threshold("观察期能超过一个月吗")
    assert month is not None and (month.value, month.base, month.relation) == (30, "天", "gt")
    assert threshold("优惠期不超过3个月吗").value == 90


def test_a_false_premise_is_refused_with_what_the_document_says(shaping):
    ans = respond(context(shaping, "青岚县新建5G基站400个对吗？"))
    assert not ans.found and "300个" in ans.answer
    threshold_asked = YESNO.answer(context(shaping, "青岚县新建5G基站能超过400个吗？"))
    assert threshold_asked is not None and threshold_asked.found and threshold_asked.answer.startswith("否")


def test_a_deadline_stated_is_compared_with_the_documents():
    from assistant.answerers.time_check import same_time, stated_time

    assert stated_time("出台方案的期限是2019年底吗") == "2019年底"
    assert stated_time("是不是2026年6月底前建成") == "2026年6月底前"
    assert stated_time("2019年出台了吗") is None  # a bare year scopes, it is no deadline asked
    assert same_time("2019年末", "2019年底") and same_time("到2026年6月底前", "2026年6月底")
    assert not same_time("2019年6月底前", "2019年底")


def test_a_deadline_other_than_the_documents_is_no(shaping):
    ans = YESNO.answer(context(shaping, "青岚县新建5G基站的期限是2026年底吗？"))
    assert ans is not None and ans.answer.startswith("否") and "2026年6月底前" in ans.answer
    same = YESNO.answer(context(shaping, "青岚县是不是2026年6月底前新建5G基站？"))
    assert same is not None and same.answer.startswith("是")


def test_every_subject_joined_must_meet_the_threshold(shaping):
    # 5G基站300个 and 规上电子信息企业20家以上: both have their own figure in the document
    no = YESNO.answer(context(shaping, "青岚县新建5G基站和规上电子信息企业是不是都要达到100个以上？"))
    assert no is not None and no.answer.startswith("否")
    assert "300个" in no.answer and "20家以上" in no.answer and len(no.citations) == 2
    yes = YESNO.answer(context(shaping, "青岚县新建5G基站和规上电子信息企业都能超过10个吗？"))
    assert yes is not None and yes.answer.startswith("是") and "300个" in yes.answer and "20家以上" in yes.answer


def test_a_subject_without_its_own_figure_leaves_the_verdict_to_the_one_that_has(shaping):
    ans = YESNO.answer(context(shaping, "青岚县新建5G基站和无人机机场是不是都要达到100个以上？"))
    assert ans is None or len(ans.citations) == 1  # no verdict on 无人机机场 from another figure


def test_whether_a_figure_is_given_at_all(shaping):
    given = YESNO.answer(context(shaping, "青岚县有没有给数字经济核心产业营业收入定具体数额？"))
    assert given is not None and given.answer.startswith("是") and "60亿元" in given.answer
    none = YESNO.answer(context(shaping, "青岚县发展数字文旅有没有量化指标？"))
    assert none is not None and none.answer.startswith("否，文件未给出具体数值")
    assert none.citations[0].clause.startswith("qinglan-2026/二/（二）/2")  # a passage of 发展数字文旅


def test_a_premise_to_confirm_with_ba(shaping):
    # 是…吧？ asks to confirm what it states: 是 when the document says so, a refused premise when not
    wrong = respond(context(shaping, "青岚县数字经济核心产业营业收入目标是80亿元吧？"))
    assert not wrong.found and "80亿元" in wrong.answer and "60亿元" in wrong.related[0].quote
    right = respond(context(shaping, "青岚县数字经济核心产业营业收入目标是60亿元吧？"))
    assert right.found and right.answer.startswith("是")
