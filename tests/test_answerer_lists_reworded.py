"""Lists and phrases asked in other words, on a county's rules and report written for these
tests (青溪县, made up): a heading leading into counted parts (待遇类型分为以下三类), a list
stated 'by' something (根据困难程度分为A和B), items closed by the noun asked (遵循A、B、C的
原则), items first for 哪N个, a glossary's colon definition (“两新”：是指…), and a phrase
asked as 怎样概括 (呈“五涨两平一降”的态势)."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on

from assistant.stated_list import bare_items

RULES = {"doc_id": "qingxi-rules-2031", "file": "qingxi_relief_rules_2031.txt",
         "title": "青溪县困难群众救助暂行办法", "label": "青溪县困难群众救助暂行办法",
         "place": "青溪县", "year": 2031, "script": "simplified", "kind": "办法",
         "inferred": [], "missing": ["issuer", "date", "doc_number"]}
REPORT = {"doc_id": "qingxi-report-2031", "file": "qingxi_report_2031.txt",
          "title": "青溪县2031年政府工作报告", "label": "青溪县2031年政府工作报告",
          "place": "青溪县", "year": 2031, "script": "simplified", "kind": "报告",
          "inferred": [], "missing": ["issuer", "date", "doc_number"]}


@pytest.fixture(scope="module")
def qingxi(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("reworded"), [RULES, REPORT], request, name="lists_reworded")


def test_a_heading_leading_into_counted_parts_gives_its_parts(qingxi):
    ans = qingxi.ask("《青溪县困难群众救助暂行办法》把救助待遇划分成哪几种类型？")
    assert ans.found and ans.type == "list", ans.answer
    for item in ("基本生活救助", "医疗费用救助", "临时住房救助"):
        assert item in ans.answer
    assert "适时调整" not in ans.answer  # the paragraph after the parts is none of them


def test_a_list_stated_by_what_it_is_divided_by(qingxi):
    for q in ("青溪县救助对象按困难程度划分成哪几类？", "青溪县救助对象分为哪两种？"):
        ans = qingxi.ask(q)
        assert ans.found and "一般困难对象和特殊困难对象" in ans.answer, (q, ans.answer)
        assert "核算方法" not in ans.answer


def test_items_closed_by_the_noun_asked(qingxi):
    ans = qingxi.ask("青溪县救助工作要遵循哪几项原则？")
    assert ans.found and ans.answer.startswith("依法依规；客观公正；公开透明。"), ans.answer
    assert "外来务工人员" not in ans.answer


def test_a_counted_question_gets_the_items_first(qingxi):
    ans = qingxi.ask("青溪县救助工作考核看哪3个方面的指标？")
    assert ans.found and ans.answer.startswith("服务质量；运行效率；群众满意度。"), ans.answer


def test_bare_items_cut_only_when_both_ends_fit():
    assert bare_items("指标体系由医疗质量、运营效率、持续发展、满意度评价等4个方面的指标构成") == \
        ["医疗质量", "运营效率", "持续发展", "满意度评价"]
    assert bare_items("坚持实事求是、科学可行、稳中有进、积极作为的原则") is None  # 坚持…: no lead-in cut, too long
    assert bare_items("由医疗质量、运营效率、持续发展和医院满意度评价及其他有关考核内容构成") is None  # an end too long
    assert bare_items("加工制造中心、研发设计中心、物流中心") is None  # nothing to cut
    assert bare_items("A、B") is None


def test_a_glossary_definition_after_a_colon(qingxi):
    ans = qingxi.ask("青溪县政府工作报告名词解释里，“两新”指的是哪两项？")
    assert ans.found and "大规模设备更新和消费品以旧换新" in ans.answer, ans.answer
    assert "：：" not in ans.answer
    ans = qingxi.ask("青溪县政府工作报告名词解释里，“三带”指哪三带？")
    assert ans.found and "沿河经济带、沿山生态带、沿线交通带" in ans.answer, ans.answer
    assert "四好农村路" not in ans.answer  # not the glossary's list of names


def test_a_quoted_name_no_glossary_defines_is_refused(qingxi):
    assert not qingxi.ask("青溪县政府工作报告名词解释里，“三新”指的是哪三项？").found


def test_a_phrase_asked_as_how_it_is_summed_up(qingxi):
    ans = qingxi.ask("青溪县2031年政府工作报告说，八大类商品和服务价格的涨跌格局是怎样概括的？")
    assert ans.found and ans.answer.startswith("五涨两平一降"), ans.answer
    ans = qingxi.ask("青溪县政府工作报告提出的区域发展格局怎么概括？")
    assert ans.found and ans.answer.startswith("一心两翼、多点联动"), ans.answer
    ans = qingxi.ask("青溪县2031年政府工作报告的主要内容怎么概括？")
    assert ans.found and ans.type == "overview", ans.answer


def test_bare_items_keep_a_phrase_whose_first_item_holds_its_verb():
    assert bare_items("着力发展足球、篮球、排球、乒乓球等职业联赛") is None
    assert bare_items("特种水产品主要有：泥鳅、黄鳝、鲶鱼、鳖、蛙等") == ["泥鳅", "黄鳝", "鲶鱼", "鳖", "蛙"]
    assert bare_items("包括锂电新能源、生物医药、电子信息、纺织鞋服和节能环保等八大重点产业") == \
        ["锂电新能源", "生物医药", "电子信息", "纺织鞋服", "节能环保"]
    assert bare_items("紧盯开工率、投资完成率、竣工投产率等关键指标") is None  # no lead-in: 紧盯 stays
    assert bare_items("聚焦做强石油石化装备、轨道交通装备、汽车及零部件以及电力航空装备") is None


def test_items_of_a_kind_asked_beside_a_unit_name(qingxi):
    from answerer_corpus import context

    from assistant.answerers.kind_list import KindList

    q = "青溪县民政局的救助办法里，救助工作要遵循哪几项原则？"
    ans = KindList().answer(context(qingxi, q))
    assert ans is not None and ans.answer.startswith("依法依规；客观公正；公开透明。"), ans
    assert KindList().answer(context(qingxi, "青溪县民政局负责哪几项工作？")) is None  # its tasks: no list of a kind
    assert qingxi.ask(q).answer.startswith("依法依规；客观公正；公开透明。")


def test_a_heading_counting_its_parts_with_the_counter_asked(qingxi):
    # 救助待遇 is also in 享受救助待遇的人员应符合以下条件 (two parts): the heading that counts
    # three 类 is the one asked with 哪几类 or 哪几种
    for q in ("青溪县救助待遇有哪几类？", "青溪县救助待遇有哪几种？"):
        ans = qingxi.ask(q)
        assert ans.found and "医疗费用救助" in ans.answer and "户籍" not in ans.answer, (q, ans.answer)


def test_other_wordings_of_a_phrase_and_of_a_division(qingxi):
    ans = qingxi.ask("青溪县政府工作报告里八大类价格用什么词概括？")
    assert ans.answer.startswith("五涨两平一降"), ans.answer
    ans = qingxi.ask("青溪县区域发展格局是怎么表述的？")
    assert ans.answer.startswith("一心两翼、多点联动"), ans.answer
    ans = qingxi.ask("青溪县救助对象分几类，分别是什么？")
    assert "一般困难对象和特殊困难对象" in ans.answer, ans.answer


def test_a_glossary_definition_on_the_line_after_the_name(qingxi):
    ans = qingxi.ask("青溪县政府工作报告名词解释里“双一流”指什么？")
    assert ans.found and "世界一流大学和一流学科" in ans.answer and "\n" not in ans.answer, ans.answer


def test_a_phrase_of_a_year_the_document_does_not_cover_is_refused(qingxi):
    ans = qingxi.ask("青溪县2030年八大类商品和服务价格的涨跌格局怎样概括？")  # 2030年工作回顾
    assert ans.answer.startswith("五涨两平一降"), ans.answer
    assert not qingxi.ask("青溪县2029年八大类商品和服务价格的涨跌格局怎样概括？").found
    assert not qingxi.ask("青溪县2029年八大类商品和服务价格呈什么态势？").found
