"""Lists of the very subject asked, an order's number, slogans and positionings, and a duty
question asked of a document that lists no units — on a regulation written for these tests
(青溪市集市摊位登记管理办法, made up)."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.answerers.docfact import DocFactAnswerer
from assistant.answerers.fact import FactAnswerer
from assistant.answerers.listing import ListAnswerer
from assistant.answerers.responsibility import NoListedUnits
from assistant.answerers.slogans import candidates
from assistant.stated_list import asked_subject

QINGXI = "qingxi-2025"
QINGXI_DOC = {"doc_id": QINGXI, "file": "qingxi_market_stalls.txt", "title": "青溪市集市摊位登记管理办法",
              "label": "青溪市集市摊位登记管理办法", "place": "青溪市", "issuer": "青溪市人民政府",
              "date": "2025-03-01", "year": 2025, "doc_number": "青溪市人民政府令第12号", "script": "simplified",
              "inferred": [], "missing": []}


@pytest.fixture(scope="module")
def stalls(tmp_path_factory, request):
    return assistant_on(tmp_path_factory.mktemp("listfact"), [QINGXI_DOC], request, "listfact")


def test_the_subject_a_list_question_asks_about():
    assert asked_subject("市场主体登记包括哪几种？") == "市场主体登记"
    assert asked_subject("经营范围分哪两类") == "经营范围"
    assert asked_subject("三大核心定位是哪三个") == "三大核心定位"
    assert asked_subject("这个办法讲了什么") is None


def test_a_list_of_the_subject_asked_not_of_a_longer_one(stalls):
    # 摊位的一般登记事项包括：… lists another, longer subject than 摊位登记
    for question in ("青溪市摊位登记分哪几种？", "青溪摊位登记包括哪些？", "青溪市攤位登記分哪三種？"):
        ans = ListAnswerer().answer(context(stalls, question))
        assert ans is not None and ans.found, question
        assert "开设登记、变更登记和注销登记" in ans.answer.replace("開設登記、變更登記和註銷登記", "开设登记、变更登记和注销登记"), question
        assert "摊位名称" not in ans.answer and "攤位名稱" not in ans.answer, question
        assert ans.citations[0].clause.endswith("第二条"), question


def test_the_longer_subject_still_gets_its_own_list(stalls):
    ans = ListAnswerer().answer(context(stalls, "青溪市摊位的一般登记事项包括哪些？"))
    assert ans is not None and "摊位名称" in ans.answer and "经营者姓名" in ans.answer


def test_two_items_joined_by_and_with_the_count_asked(stalls):
    ans = ListAnswerer().answer(context(stalls, "青溪市摊位的经营类别分哪两类？"))
    assert ans is not None and "食品类和日用品类" in ans.answer
    # a count the sentence does not give is not this list
    ans = ListAnswerer().answer(context(stalls, "青溪市摊位的经营类别分哪五类？"))
    assert ans is None or "食品类和日用品类" not in ans.answer


def test_the_number_of_the_order_as_written(stalls):
    for question in ("青溪市集市摊位登记管理办法是第几号令公布的？", "青溪摊位登记办法是市政府令第几号？"):
        ctx = context(stalls, question)
        assert ctx.question.intent == "docfact" and ctx.question.docfact == "order", question
        ans = DocFactAnswerer().answer(ctx)
        assert ans is not None and ans.found, question
        # the text writes it with spaces (令第 12 号): quoted as written
        assert "令第 12 号" in ans.answer and ans.citations[0].quote.startswith("（2025年3月1日青溪市人民政府令第 12 号"), question


def test_no_order_number_for_a_document_number_that_is_not_an_order(answering):
    ctx = context(answering, "云溪县这份方案是第几号令？")
    assert ctx.question.docfact == "order"
    ans = DocFactAnswerer().answer(ctx)  # 云政发〔2026〕3号 is no order: refused, its 文号 given
    assert ans is not None and not ans.found and "未写明令号" in ans.answer and "云政发〔2026〕3号" in ans.answer
    assert not ans.citations and ans.related[0].quote == "云政发〔2026〕3号"


def test_a_positioning_marked_by_the_word_after_its_quote(stalls):
    ans = FactAnswerer().answer(context(stalls, "青溪市集市的城市定位是什么？"))
    assert ans is not None and ans.answer.startswith("山水集市‘会客厅’城市")


def test_a_brand_slogan_marked_as_a_brand(stalls):
    ans = FactAnswerer().answer(context(stalls, "青溪集市的品牌口号是什么？"))
    assert ans is not None and ans.answer.startswith("青溪好集")


def test_what_marks_a_slogan_and_what_does_not():
    from assistant.answerers.evidence import Sentence

    def said(text: str, place: str = "滕州") -> list[tuple[str, str]]:
        s = Sentence(None, None, 0, len(text), text, text, "")  # type: ignore[arg-type]
        return [(c.phrase, c.kind) for c in candidates(s, place)]

    assert said("加快“中华善城、现代滕州”建设") == [("中华善城、现代滕州", "place")]
    assert said("围绕打响“黄河入海、我们回家”文化旅游品牌") == [("黄河入海、我们回家", "品牌")]
    assert said("将南充打造成为全省发展高地") == [("全省发展高地", "positioned")]
    # a quoted phrase that nothing marks (“揭榜挂帅”机制, “北京蓝”) is no slogan
    assert said("强化“揭榜挂帅”机制，“北京蓝”成为常态", "北京") == []
    assert said("美丽北京建设成效凸显") == []
    # the items a quoted name stands for, written before it
    assert said("紧扣战略支点、示范地、引领地“一点两地”全新定位") == [("战略支点、示范地、引领地“一点两地”", "定位")]


def test_a_slogan_no_sentence_marks_is_refused(stalls):
    assert FactAnswerer().answer(context(stalls, "青溪市夜市的宣传口号是什么？")) is None


def test_units_asked_of_a_document_that_lists_none(stalls):
    ans = NoListedUnits().answer(context(stalls, "青溪市夜市建设由哪些部门负责？"))
    assert ans is not None and not ans.found
    assert "没有列出责任单位" in ans.answer and "“青溪市夜市建设”由哪些单位负责" in ans.answer
    ans = NoListedUnits().answer(context(stalls, "青溪市办法中夜市建设由哪些部门负责？"))
    assert ans is not None and "“夜市建设”由哪些单位负责" in ans.answer
    assert not ans.citations


def test_units_asked_of_a_document_with_lists_is_left_to_the_others(answering):
    assert NoListedUnits().answer(context(answering, "云溪县冷链物流由哪些单位负责？")) is None


def test_a_term_written_around_a_quote_or_abbreviated():
    from assistant.answerers.slogans import _said

    assert _said("加快建设", "加快“中华善城、现代滕州”建设")
    assert _said("文旅", "打响“黄河入海”文化旅游品牌")
    assert not _said("文旅", "打造“匠心东营”技能人才工作品牌")


def test_no_positioning_read_across_a_word():
    from assistant.answerers.evidence import Sentence

    for text in ("协同打造成渝现代化城市群", "打造成都平原经济区", "美丽北京建设成效凸显"):
        s = Sentence(None, None, 0, len(text), text, text, "")  # type: ignore[arg-type]
        assert candidates(s, "") == [], text


def test_a_list_after_words_of_the_question_and_numerals_that_normalise_longer(stalls):
    # 乡镇 is the question's word before the subject; Ⅱ normalises to two characters
    ans = ListAnswerer().answer(context(stalls, "青溪市办法把乡镇集市等级分为哪几级？"))
    assert ans is not None and "甲级（Ⅰ级）和乙级（Ⅱ级）" in ans.answer
    assert ans.citations[0].clause.endswith("第七条")
    assert ans.citations[0].highlight == ("乡镇集市等级分为甲级（Ⅰ级）和乙级（Ⅱ级）两级",)


def test_no_list_that_holds_the_subject_as_an_item_or_belongs_to_another_subject(stalls):
    # 开设登记、变更登记和注销登记 lists 变更登记 among others; 办理变更登记需要提交的材料包括：
    # introduces the list of another subject (the materials)
    ans = ListAnswerer().answer(context(stalls, "青溪市摊位变更登记包括哪些？"))
    assert ans is None or not any(w in ans.answer for w in ("开设登记", "变更申请书")), ans.answer
    # asked of the materials themselves, that heading's list answers
    ans = ListAnswerer().answer(context(stalls, "青溪市办理变更登记需要提交的材料包括哪些？"))
    assert ans is not None and "变更申请书" in ans.answer and "原摊位凭证" in ans.answer


def test_a_last_item_that_names_the_subject_is_the_list_of_it(stalls):
    # 摊位牌、价目表、计量器具“三统一”要求: the last item ends with the subject's name, naming
    # what the items are; the subject is not one of them
    ans = ListAnswerer().answer(context(stalls, "青溪市集市的“三统一”要求指哪三个？"))
    assert ans is not None and "摊位牌、价目表、计量器具" in ans.answer
