"""The contract's shapes read from a question's wording (``assistant/shapes.py``), in both
scripts and colloquial forms, and the pure parts of their answerers: time expressions,
yes/no thresholds, the parts of a question, the phrase a fact question asks for."""

from __future__ import annotations

import pytest

from assistant.answerers.fact import phrase_in
from assistant.answerers.listing import asked_count
from assistant.answerers.parts import align, split_parts
from assistant.answerers.time import time_expressions, wanted
from assistant.shapes import doc_fields, shape_of
from assistant.thresholds import decide, threshold
from index.clean import normalize


def norm(text: str) -> str:
    return normalize(text).strip().lower()


@pytest.mark.parametrize(("question", "shape"), [
    ("青岚县营业收入60亿元是到哪一年的目标？", "time"),
    ("新建5G基站最晚啥时候完成", "time"),
    ("覆蓋率提高15個百分點是跟哪年比的？", "time"),
    ("智改数转是几年行动？", "time"),
    ("营业收入能到80亿元吗？", "yesno"),
    ("企业退租给不给补偿？", "yesno"),  # A-not-A
    ("要不要先备案？", "yesno"),
    ("需不需要公示？", "yesno"),
    ("要恢复湿地的什么功能？", "fact"),  # 什么 and the thing asked for
    ("乡镇政府负什么责任？", "fact"),
    ("算力規模是不是不低於600P？", "yesno"),
    ("方案有没有提到区块链", "yesno"),
    ("26年营收能过千亿不", "yesno"),
    ("5G基站和算力中心分别是多少个？", "parts"),
    ("专项资金每年多少、引进人才多少？", "parts"),
    ("營業收入和增速各是多少", "parts"),
    ("解决率跟满意率各定了多少？", "parts"),  # 各 + any verb + 多少
    ("营业收入和利润总额各要到多少", "parts"),
    ("对标的是哪个县？", "fact"),
    ("以什么发展布局为统领？", "fact"),
    ("文旅品牌叫啥", "fact"),
    ("这份文件谁发的啊", "fact"),
    ("这个方案是依据哪两个文件制定的？", "fact"),
    ("這個方案主要講什麼？", "overview"),
    ("重点任务分哪几块", "overview"),
    ("帮我概括一下这个文件", "overview"),
    ("电子信息产业重点发展哪些？", "list"),
    ("三线一单具体指啥", "list"),
    ("“供应链改造”是什么意思？", "list"),  # its definition, read by the list answerer
    ("“三改一整”是啥意思", "list"),
])
def test_each_shape_is_read_from_its_wordings(question, shape):
    assert shape_of(norm(question)) == shape


@pytest.mark.parametrize(("question", "intent"), [
    ("营业收入目标是多少？", "figure"),
    ("哪个产业的营收目标最高？", "comparison"),
    ("算力中心由哪些单位负责？", "responsibility"),
    ("对增长速度提出了什么要求？", "figure"),  # 什么要求 of a measure: its figure
    ("对企业数量提出了什么目标？", "figure"),
])
def test_other_wordings_keep_their_intent(question, intent):
    assert shape_of(norm(question), intent) is None


def test_a_yes_no_question_about_validity_stays_yes_no_and_two_metadata_fields_are_a_fact():
    assert shape_of(norm("这个方案目前还有效吗？"), "docfact") == "yesno"
    assert shape_of(norm("这个方案是哪个部门印发的？文号多少？"), "docfact") == "fact"
    assert doc_fields(norm("谁发的、文号多少、哪天成文？")) == ["issuer", "doc_number", "date"]


def test_time_expressions_as_written_with_their_kind():
    found = [(k, t) for k, t, _ in time_expressions(norm("到2026年，投资较2023年增长21%，2025年6月底前建成，(2023-2025年)三年攻坚行动"))]
    assert found == [("year", "到2026年"), ("base", "较2023年"), ("date", "2025年6月底前"),
                     ("period", "2023-2025年"), ("span", "三年攻坚行动")]
    assert wanted("跟哪年比?")[0] == "base" and wanted("管哪几年")[0] == "period"
    assert wanted("有效期几年")[0] == "span" and wanted("哪天起施行")[0] == "date"


@pytest.mark.parametrize(("question", "value", "base", "relation"), [
    ("渗透率是不是60%以上?", 60, "%", "eq"),
    ("增速能到10%吗", 10, "%", "ge"),
    ("gdp能过千亿吗", 1e11, "", "gt"),
    ("能到六成吗", 60, "%", "ge"),
    ("用水总量控制在3亿立方米以内吗", 3e8, "立方米", "le"),
    ("小型矿山要求不低于80%吗", 80, "%", "ge"),
    ("超过300家没有", 300, "家", "gt"),
    ("算力规模不低于600p吗", 600, "p", "ge"),
])
def test_a_threshold_with_its_unit_and_relation(question, value, base, relation):
    t = threshold(norm(question))
    assert t is not None and t.value == pytest.approx(value) and t.base == base and t.relation == relation


def test_no_threshold_in_a_bare_number_or_a_name():
    assert threshold(norm("30岁的职工要缴费吗")) is None
    assert threshold(norm("一个园区能超过5个吗")).value == 5


def test_the_document_qualifier_decides():
    asked = threshold(norm("渗透率是不是60%以上?"))
    assert not decide(asked, 50, "lower", "以上")
    over = threshold(norm("能超过10万元吗"))
    assert not decide(over, 1e5, "upper", "最高") and decide(over, 2e5, "", "")
    assert decide(threshold(norm("gdp能过千亿吗")), 1e11, "lower", "突破")
    assert not decide(threshold(norm("控制在3亿立方米以内吗")), 3.25e8, "upper", "以内")


def test_the_parts_of_a_question_and_what_they_leave_out():
    assert [p for p, _ in split_parts(norm("高端装备产业增加值和增速分别是多少？"))] == ["高端装备产业增加值", "增速"]
    assert [p for p, _ in split_parts(norm("粮食面积要稳在多少、产量要稳在多少？"))] == ["粮食面积要稳在", "产量要稳在"]
    assert [p for p, _ in split_parts(norm("要推出多少项精品赛事、打造多少个表演品牌？"))] == ["要推出 精品赛事", "打造 表演品牌"]
    assert len(split_parts(norm("1121工程分别要培养哪几类企业家、各多少名？"))) < 2  # 哪几类 is a list ask
    assert align([["锂电"], ["新医药", "产业集群", "营收"]]) == [["锂电", "产业集群", "营收"], ["新医药", "产业集群", "营收"]]
    subject = {"高端化工"}.__contains__
    assert align([["高端化工", "重大项目"], ["投资"]], subject) == [["高端化工", "重大项目"], ["高端化工", "投资"]]


def test_the_phrase_a_fact_question_asks_for():
    sentence = norm("以“一核两翼”发展布局为统领，对标数字经济示范县江阳县。")
    assert phrase_in(norm("以什么发展布局为统领？"), sentence) == "一核两翼"
    assert phrase_in(norm("对标的是哪个县？"), sentence).endswith("江阳县")
    assert phrase_in(norm("依托哪家研究院？"), norm("依托北京航空航天大学东营研究院，加快建设。")) == "北京航空航天大学东营研究院"
    cited = norm("为贯彻落实《青州省数字经济三年行动计划》，制定《青岚县行动方案》。")
    assert phrase_in(norm("是依据哪个文件制定的？"), cited, own=norm("青岚县行动方案")) == norm("青州省数字经济三年行动计划")
    assert phrase_in(norm("坚持的“农是根”后面几句是什么？"), norm("坚持“农是根、文是魂、旅是花”，按照标准")) == "农是根、文是魂、旅是花"


def test_a_count_the_question_gives():
    assert asked_count(norm("四大研发平台是哪四个")) == 4
    assert asked_count(norm("那7大类具体指啥")) == 7
    assert asked_count(norm("哪两改")) == 2
    assert asked_count(norm("有哪些")) is None


def test_a_sibling_that_differs_only_in_its_number_is_another_subject():
    from assistant.answerers.evidence import other_numbered

    assert other_numbered("二级", "在全国启动三级公立医院绩效考核工作")
    assert not other_numbered("二级", "二级医院")
    assert not other_numbered("医院", "三级公立医院")


def test_lengths_of_time_are_time_expressions_and_a_years_number_is_not_a_count():
    found = [(k, t) for k, t, _ in time_expressions(norm("在收到材料的30个工作日内，补扣期限最长不得超过五年，给予1—3年观察期，优惠期不超过36个月"))]
    assert found == [("span", "30个工作日内"), ("span", "期限最长不得超过五年"), ("span", "1—3年"),
                     ("span", "不超过36个月")]
    assert [k for k, _, _ in time_expressions(norm("2026年，每年安排资金"))] == ["year", "frequency"]
    assert wanted("多少个工作日内办结")[0] == "span" and wanted("观察期多长")[0] == "span"
    assert shape_of(norm("收到材料后多少个工作日内要上报？")) == "time"


@pytest.mark.parametrize(("text", "noun", "share"), [
    ("依托公共保税仓、农副产品物流中心、临港物流园等物流园区", "物流园区", 1.0),
    ("可认定为S、A、B、C四类人才", "人才", 1.0),  # a count and the kind close the list
    ("提供创业辅导、法律咨询等相关服务", "服务", 1.0),
    ("在教育背景、创新能力、创新贡献等方面符合标准的青年人才", "人才", 0.0),  # 等 closes another list
    ("石油石化装备、轨道交通装备", "装备", 1.0),
])
def test_how_far_a_phrases_items_are_of_the_kind_asked(text, noun, share):
    from assistant.answerers.listing import _items_are

    assert _items_are(text, noun) == share


def test_an_age_asked_for_is_found_as_the_age_written():
    from assistant.match import KIND_HIT, term_hit

    assert term_hit("年龄", "需年满60周岁、在本市定点医疗机构住院") >= KIND_HIT  # 年龄条件: the age itself
    assert term_hit("年龄", "未满三十五周岁的参保人员") >= KIND_HIT
    assert term_hit("年龄", "每月发放补贴200元") == 0
