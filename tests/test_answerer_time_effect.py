"""When a document takes or loses effect (什么时候施行 / 有效期到哪天 / 何时失效): the
sentence that says so answers, the side of the span asked, on two documents written for
these tests (岚溪市 and 云岭区, made up)."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.answerers.time import TimeAnswerer
from assistant.question import analyse
from assistant.shapes import shape_of

LANXI = {"doc_id": "lanxi-2026", "file": "lanxi_opc_measures_2026.txt", "title": "岚溪市支持一人公司创新发展若干措施",
         "label": "岚溪市支持一人公司创新发展若干措施", "place": "岚溪市", "issuer": "岚溪市人民政府办公室",
         "date": "2026-03-02", "year": 2026, "doc_number": "岚政办规〔2026〕2号", "script": "simplified",
         "inferred": [], "missing": []}
YUNLING = {"doc_id": "yunling-2026", "file": "yunling_digital_consumption_2026.txt", "title": "云岭区促进数字消费十条措施",
           "label": "云岭区促进数字消费十条措施", "place": "云岭区", "year": 2026, "script": "simplified",
           "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"]}
TIME = TimeAnswerer()


@pytest.fixture(scope="module")
def effect(tmp_path_factory, request):
    return assistant_on(tmp_path_factory.mktemp("time-effect"), [LANXI, YUNLING], request, name="time_effect")


def _time(bot, question: str):
    ans = TIME.answer(context(bot, question))
    assert ans is not None and ans.found, question
    return ans


def test_the_day_a_document_takes_effect_not_the_day_it_was_issued(effect):
    # the question names only the document; the issue date (2026年3月2日) is no answer
    ans = _time(effect, "岚溪OPC措施什么时候施行？")
    assert ans.answer.startswith("自2026年4月1日起")
    assert ans.citations[0].doc_id == "lanxi-2026" and "2026年4月1日" in ans.citations[0].quote


def test_the_end_of_the_period_of_validity(effect):
    assert _time(effect, "岚溪OPC措施有效期到哪天？").answer.startswith("至2028年3月31日")
    assert _time(effect, "岚溪市一人公司措施啥时候失效？").answer.startswith("至2028年3月31日")


def test_both_ends_when_both_are_asked(effect):
    ans = _time(effect, "岚溪OPC措施什么时候开始实施，到什么时候失效？")
    assert ans.answer.startswith("自2026年4月1日起，至2028年3月31日")
    assert set(ans.citations[0].highlight) == {"自2026年4月1日起", "至2028年3月31日"}


def test_both_ends_in_other_words(effect):
    # 有效期 beside a start asked asks the end; 啥时候实施 asks the start
    for q in ("岚溪市支持一人公司创新发展若干措施的施行日期和有效期是？", "岚溪OPC措施啥时候实施的，到哪天失效？"):
        assert _time(effect, q).answer.startswith("自2026年4月1日起，至2028年3月31日"), q
    # how long, of a sentence that gives no length: both ends
    assert _time(effect, "岚溪OPC措施有效期多长？").answer.startswith("自2026年4月1日起，至2028年3月31日")


def test_effect_from_the_day_of_publication(effect):
    assert _time(effect, "云岭区数字消费十条什么时候开始施行？").answer.startswith("自发布之日起")
    # 哪天 asks a day: the day of publication is one, the end date is not the start
    assert _time(effect, "云岭区数字消费十条哪天开始施行？").answer.startswith("自发布之日起")
    assert _time(effect, "云岭区数字消费十条有效期到什么时候？").answer.startswith("至2027年12月31日")


def test_how_long_a_document_is_valid_and_a_validity_that_is_a_condition(effect):
    assert _time(effect, "云岭区数字消费十条有效期多长？").answer.startswith("有效期2年")
    # 有效期内 is a condition of what is asked, not the document's own validity
    assert _time(effect, "云岭区企业在评估结果有效期内最长能享受奖励多久？").answer.startswith("最长12个月")


def test_a_period_of_validity_as_a_condition_is_not_a_time_question():
    q = analyse("长护险评估结果在有效期内可以享受哪些待遇？", [], [])
    assert shape_of(q.norm, q.intent) != "time"
    assert shape_of(analyse("长护险有效期是多久？", [], []).norm, "figure") == "time"


def test_a_rule_s_own_expiry_as_a_condition_is_not_the_document_s(effect):
    # 到期后 conditions what is asked (how long before to apply), not when the document expires
    assert _time(effect, "岚溪补贴资格到期后还想继续享受，要提前多长时间申请？").answer.startswith("1个月")
