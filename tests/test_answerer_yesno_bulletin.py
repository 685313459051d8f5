"""YesNoAnswerer on a statistics bulletin and two sets of rules written for these tests (万川县,
made up): a change asked (比上年多了吗 / 下降了吗) is read with its own measure in the
bulletin's comma lists, never its neighbour's; a rule's negation (不得, 严禁, 不予) decides a
question asking permission; a front-matter line marking rules repealed answers 还有效吗. The
place's 万 is no threshold. 有配合单位吗 is read from the task's unit list. The bulletin's list of phrases framed alike (参加X人数为N，…) is a
list of items too."""

from __future__ import annotations

import pytest
from answerer_corpus import context
from answerer_corpus import write_corpus as write_documents

from assistant.ages import asked_age, covers, rule_age
from assistant.answerers.duty_check import helpers_verdict
from assistant.answerers.listing import ListAnswerer
from assistant.answerers.yesno import YesNoAnswerer
from assistant.changes import asked_direction, measure_change
from assistant.parallel import parallel_items
from assistant.respond import respond
from assistant.thresholds import threshold

YESNO = YesNoAnswerer()
BULLETIN = "wanchuan-2025"
RULES = "wanchuan-funds-2025"
DOCUMENTS = [
    {"doc_id": BULLETIN, "file": "wanchuan_bulletin_2025.txt", "title": "万川县2025年国民经济和社会发展统计公报",
     "label": "万川县2025年国民经济和社会发展统计公报", "place": "万川县", "issuer": "万川县统计局",
     "date": "2026-03-20", "year": 2025, "script": "simplified", "inferred": [], "missing": ["doc_number"]},
    {"doc_id": RULES, "file": "wanchuan_collective_funds_2025.txt", "title": "万川县村级集体资金管理办法",
     "label": "万川县村级集体资金管理办法", "place": "万川县", "year": 2025, "script": "simplified",
     "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"]},
    {"doc_id": "wanchuan-homestead-2019", "file": "wanchuan_homestead_rules_2019.txt",
     "title": "万川县农村宅基地审批暂行办法", "label": "万川县农村宅基地审批暂行办法", "place": "万川县", "year": 2019,
     "script": "simplified", "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"]},
    {"doc_id": "wanchuan-tasks-2026", "file": "wanchuan_collective_tasks_2026.txt",
     "title": "万川县2026年村级集体经济提升工作要点", "label": "万川县2026年村级集体经济提升工作要点", "place": "万川县",
     "year": 2026, "script": "simplified", "inferred": ["place", "year"], "missing": ["issuer", "date", "doc_number"]},
]


@pytest.fixture(scope="module")
def bulletin(tmp_path_factory, request):
    """An assistant on the bulletin and the rules of 万川县."""
    from conftest import on_test_backend

    from assistant.core import Assistant
    from index.config import Config

    base = tmp_path_factory.mktemp("bulletin")
    corpus = write_documents(base / "corpus", DOCUMENTS)
    config = Config(corpus_dir=str(corpus), user_dir=str(base / "user"), index_dir=str(base / "index"),
                    upload_dir=str(base / "uploads"))
    return Assistant(on_test_backend(request, config, "bulletin"))


def ask(bot, question: str):  # noqa: ANN001, ANN201
    ans = YESNO.answer(context(bot, question))
    assert ans is not None and ans.type == "yesno", question
    return ans


def test_a_place_named_with_wan_is_no_threshold():
    assert threshold("万川县2025年生猪出栏比上年多了吗") is None
    assert threshold("gdp破千亿了吗") is not None  # a magnitude after a word that compares is one


def test_the_direction_a_question_asks():
    assert asked_direction("生猪出栏比上年多了吗") == "up"
    assert asked_direction("一般公共预算收入是不是比上年下降了") == "down"
    assert asked_direction("税收收入同比增长了没有") == "up"
    assert asked_direction("可以存入县内银行吗") is None


def test_a_change_belongs_to_the_measure_it_follows():
    text = "全年出栏生猪38.5万头，比上年减少4.1%，牛出栏2.3万头，比上年增长6.5%，家禽出笼512万只，增长2.2%。"
    pig = measure_change(text, 0, ["生猪", "出栏"])
    assert pig is not None and pig.direction == "down" and pig.changes == ("比上年减少4.1%",)
    cattle = measure_change(text, 0, ["牛", "出栏"])
    assert cattle is not None and cattle.direction == "up" and "6.5%" in cattle.changes[0]
    assert measure_change("牧业产值8.9亿元，增长-3.2%。", 0, ["牧业"]).direction == "down"


def test_a_shared_change_is_read_in_the_measures_place():
    text = ("第一产业增加值48.2亿元，第二产业增加值231.5亿元，第三产业增加值306.7亿元，按可比价格计算，"
            "分别比上年增长3.1%、-1.4%、8.9%。")
    assert measure_change(text, 0, ["第一产业"]).direction == "up"
    assert measure_change(text, 0, ["第二产业"]).direction == "down"
    assert measure_change(text, 0, ["第三产业"]).direction == "up"


def test_a_fall_asked_as_a_rise_is_no(bulletin):
    ans = ask(bulletin, "万川县2025年生猪出栏比上年多了吗？")
    assert ans.found and ans.answer.startswith("否") and "减少4.1%" in ans.answer
    assert "6.5%" not in ans.answer  # the next measure's change is not this one's
    assert "减少4.1%" in ans.citations[0].quote
    yes = ask(bulletin, "万川县2025年生猪出栏比上年减少了吗？")
    assert yes.answer.startswith("是")


def test_the_neighbours_change_is_its_own(bulletin):
    ans = ask(bulletin, "万川县牛出栏是不是比上年减少了？")
    assert ans.answer.startswith("否") and "增长6.5%" in ans.answer


def test_a_rise_stated_is_yes(bulletin):
    ans = ask(bulletin, "万川县2025年一般公共预算收入比上年增长了吗？")
    assert ans.answer.startswith("否") and "下降2.3%" in ans.answer
    tax = ask(bulletin, "万川县2025年税收收入增长了吗？")
    assert tax.answer.startswith("是") and "1.8%" in tax.answer


def test_a_negative_growth_in_a_shared_list_is_a_fall(bulletin):
    ans = ask(bulletin, "万川县2025年第二产业增加值比上年增长了吗？")
    assert ans.answer.startswith("否")
    third = ask(bulletin, "万川县2025年第三产业增加值比上年增长了吗？")
    assert third.answer.startswith("是")


def test_a_measure_named_in_the_sentence_before_counts(bulletin):
    ans = ask(bulletin, "万川县2025年规模以上重工业增加值比上年增长了吗？")
    assert ans.answer.startswith("否") and "重工业下降1.6%" in ans.answer
    light = ask(bulletin, "万川县2025年规模以上轻工业增加值比上年增长了吗？")
    assert light.answer.startswith("是") and "7.2%" in light.answer


def test_a_decrease_in_output_is_a_fall(bulletin):
    ans = ask(bulletin, "万川县早稻产量比上年增加了吗？")
    assert ans.answer.startswith("否") and "减产0.3万吨" in ans.answer


def test_a_measure_stated_without_its_change_is_not_judged(bulletin):
    ans = respond(context(bulletin, "万川县年末生猪存栏比上年多了吗？"))
    assert not ans.answer.startswith(("是", "否"))
    assert "减少1.2%" not in ans.answer  # the change before it is the meat output's


def test_a_rule_that_forbids_answers_permission_with_no(bulletin):
    ans = ask(bulletin, "万川县村级集体资金没经过村民代表会议审议，能直接支出吗？")
    assert ans.answer.startswith("否") and "不得支出" in ans.answer
    lend = ask(bulletin, "万川县村级集体资金能不能出借给个人？")
    assert lend.answer.startswith("否") and "严禁" in lend.answer


def test_a_rule_that_allows_answers_yes(bulletin):
    ans = ask(bulletin, "万川县村级集体资金可以购买国债吗？")
    assert ans.answer.startswith("是") and "国债" in ans.answer


def test_a_payment_withheld_answers_no(bulletin):
    ans = ask(bulletin, "万川县审计发现违规支出的，当年的管理补贴还会发放吗？")
    assert ans.answer.startswith("否") and "不予发放" in ans.answer


def test_rules_marked_repealed_are_no_longer_valid(bulletin):
    ans = respond(context(bulletin, "万川县农村宅基地审批暂行办法现在还有效吗？"))
    assert ans.found and ans.answer.startswith("否") and "废止" in ans.citations[0].quote
    unmarked = respond(context(bulletin, "万川县村级集体资金管理办法现在还有效吗？"))
    assert not unmarked.answer.startswith("否")  # no line says so: nothing is assumed


def test_ages_as_ranges():
    assert asked_age("30岁的职工要缴费吗") == (30, 31)
    assert asked_age("60岁以下的人能享受吗") == (0, 60)
    assert rule_age("需年满60周岁") == (60, 10_000)
    assert rule_age("未满35周岁参保人员个人不缴费") == (0, 35)
    assert rule_age("满35周岁至未满45周岁参保人员为0.02%") == (35, 45)
    assert covers((0, 35), (30, 31)) is True and covers((60, 10_000), (0, 60)) is False
    assert covers((60, 10_000), (50, 70)) is None


def test_an_age_inside_a_rules_condition_takes_the_rule(bulletin):
    ans = ask(bulletin, "万川县65岁的村民能申请集体养老补助吗？")
    assert ans.answer.startswith("是") and "年满60周岁" in ans.answer
    minor = ask(bulletin, "万川县16岁的村民参加年终分红吗？")
    assert minor.answer.startswith("否") and "未满18周岁" in minor.answer


def test_an_age_outside_a_rules_condition_takes_the_reverse(bulletin):
    ans = ask(bulletin, "万川县55岁的村民能申请集体养老补助吗？")
    assert ans.answer.startswith("否") and "年满60周岁" in ans.answer
    adult = ask(bulletin, "万川县30岁的村民参加年终分红吗？")
    assert adult.answer.startswith("是")


def test_phrases_framed_alike_are_items():
    text = "参加失业保险人数为41200人，参加工伤保险人数为45600人，参加生育保险人数为39800人，城镇低保人数为8343人。"
    # asked 参加了哪些社会保险: the frame opens with 参加; 保险 of the common ending is the items'
    assert [text[a:b] for a, b in parallel_items(text, ["参加", "社会保险"])] == ["失业保险", "工伤保险", "生育保险"]
    assert parallel_items(text, ["缴纳"]) == []  # the frame opens with a word of the question
    apart = ("参加养老保险人数136.4万人，比上年末增加1.2万人。参加失业保险人数30.9万人，增加0.4万人。"
             "领取失业保险金人数0.5万人。参加工伤保险人数57.7万人，减少0.3万人。")
    assert [apart[a:b] for a, b in parallel_items(apart, ["参加", "社会保险"])] == ["养老保险", "失业保险", "工伤保险"]


def test_a_bulletins_framed_list_is_answered_whole(bulletin):
    ans = ListAnswerer().answer(context(bulletin, "万川县2025年末参加了哪些社会保险？"))
    assert ans is not None and ans.found and ans.extra["items"] == 5
    for item in ("城镇职工基本养老保险", "城镇职工基本医疗保险", "失业保险", "工伤保险", "生育保险"):
        assert item in ans.answer


def test_one_measure_against_another_is_no_change_over_time():
    assert asked_direction("五大新兴产业平均增速是不是比十强产业整体增速要求高？") is None
    assert asked_direction("常住人口比上年末少了吗") == "down"


def test_a_task_with_units_besides_its_lead_has_helpers(bulletin):
    ans = ask(bulletin, "万川县集体经济提升工作要点里，规范集体资金管理有没有配合单位？")
    assert ans.answer.startswith("是") and "县财政局" in ans.answer and "县审计局" in ans.answer


def test_a_task_its_lead_does_alone_has_no_helpers(bulletin):
    ans = ask(bulletin, "万川县集体经济提升工作要点里，开展集体资金年度审计有配合单位吗？")
    assert ans.answer.startswith("否") and "县审计局" in ans.answer


def test_units_with_no_lead_marked_give_no_verdict_on_helpers(bulletin):
    assert helpers_verdict(context(bulletin, "万川县集体经济提升工作要点里，推广村务公开有配合单位吗？")) is None


@pytest.mark.parametrize("question", ["万川县一般公共预算收入降了多少？", "万川县一般公共预算收入比上年跌了多少？"])
def test_a_change_asked_colloquially_is_answered_with_the_rate(bulletin, question):
    # 降了多少 asks for the change (下降2.3%), not the amount (28.6亿元) nor nothing
    ans = bulletin.ask(question)
    assert ans.found and "2.3%" in ans.answer and "2.3%" in ans.figures
