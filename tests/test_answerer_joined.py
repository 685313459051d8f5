"""Two measures a question joins (A加B一共最多多少, A和B哪个上限高), and two figures of one
sentence told apart by the question's verb, on a city's OPC
measures written for these tests: each side is read from the part of a sentence (up to its
；) that names it, two amounts of one sentence go each to the side its part names, a cap
written 万 for money adds to and compares with one written 万元, and a side the document
never names (模型券) is refused rather than matched to a word inside another (大模型)."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context

from assistant.answerers.joined import joined, joined_sides

DOC = {"doc_id": "yuquan-2032", "file": "yuquan_opc_support_2032.txt", "title": "玉泉市支持一人公司（OPC）发展若干措施",
       "label": "玉泉市支持一人公司（OPC）发展若干措施", "place": "玉泉市", "year": 2032, "script": "simplified",
       "kind": "措施", "inferred": [], "missing": []}


@pytest.fixture(scope="module")
def yuquan(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("joined"), [DOC], request, name="joined")


def test_the_sides_are_the_runs_of_words_either_side_of_the_join():
    left, right = joined_sides("算力券加模型券一共最多能拿多少?", ("算力券", "模型"))
    assert (left.text, left.tail) == ("算力券", "算力券")
    assert (right.text, right.tail) == ("模型券", "模型券")  # the terms cut 券 off; the side keeps it
    assert joined_sides("算力券一共最多能拿多少?", ("算力券",)) is None


def _picks(bot, question):  # noqa: ANN001, ANN202
    j = joined(context(bot, question))
    assert j is not None and not j.absent
    return [(label, x.item.fig.text) for label, x in j.picks]


def test_two_caps_of_one_sentence_each_from_its_own_part(yuquan):
    # 算力券…最高3万元；使用…平台…给予服务费40%补贴，年度最高2万元: the part up to ； decides
    assert _picks(yuquan, "玉泉一个OPC一年的算力券加上平台服务费补贴，最多能拿多少？") == [
        ("算力券", "最高3万元"), ("平台服务费补贴", "最高2万元")]


def test_two_caps_of_two_clauses_summed(yuquan):
    ans = yuquan.ask("玉泉OPC的算力券和数据券补贴加起来最多能拿多少？")
    assert ans.found and ans.computation == "3+40=43" and "43万元" in ans.answer
    assert len(ans.citations) == 2


def test_a_cap_written_in_wan_compares_with_one_in_wan_yuan(yuquan):
    ans = yuquan.ask("玉泉OPC社区运营补贴和OPC贷款贴息，哪个每年上限高？")
    assert ans.found and ans.type == "comparison"
    assert "不超过300万元" in ans.answer and "不超过60万" in ans.answer
    assert ans.answer.rstrip("。").endswith("OPC社区运营补贴更高")


def test_two_amounts_of_one_sentence_go_each_to_the_side_its_part_names(yuquan):
    # both parts hold 救助金 (发给救助金五万元；另由…基金会再发放帮扶金三万元): the part that names
    # the other side more fully keeps its amount, the first side takes the one left
    assert _picks(yuquan, "玉泉创业者因灾停业的，救助金加创业基金会帮扶金一共最多能拿多少？") == [
        ("救助金", "五万元"), ("创业基金会帮扶金", "三万元")]


def test_a_sum_of_amounts_in_chinese_numerals_is_written_in_them(yuquan):
    ans = yuquan.ask("玉泉创业者因灾停业的，救助金加创业基金会帮扶金一共最多能拿多少？")
    assert ans.found and ans.computation == "5+3=8"
    assert "八万元" in ans.answer and "8万元" not in ans.answer  # no digit the document does not write


@pytest.mark.parametrize("question, verb", [("玉泉的算力券和模型券一共最多能拿多少？", "相加"),
                                            ("玉泉的算力券和人才券，哪个每年上限高？", "比较")])
def test_a_side_the_document_never_names_is_refused(yuquan, question, verb):
    ans = yuquan.ask(question)
    assert not ans.found and f"无法{verb}" in ans.answer and not ans.figures


def test_two_items_a_group_names_alike_are_told_apart_by_the_sides(yuquan):
    ans = yuquan.ask("玉泉OPC申请的担保贷款，和创办小微企业的OPC能申请的担保贷款，哪个额度高？")
    assert ans.found and ans.type == "comparison"
    assert "担保贷款为最高30万元" in ans.answer and "创办小微企业为最高300万元" in ans.answer
    assert ans.answer.rstrip("。").endswith("创办小微企业更高")


def test_items_listed_inside_a_side_and_a_floor_summed_as_at_least(yuquan):
    # 和 joins the two; 、 lists inside the second (孵化器、众创空间); 新 opens it
    left, right = joined_sides("新增opc社区和新认定孵化器、众创空间至少一共几家?", ("新增", "opc", "社区", "认定", "孵化器", "众创空间"))
    assert left.text == "新增opc社区" and right.text == "新认定孵化器、众创空间"
    ans = yuquan.ask("玉泉新增OPC社区和新认定孵化器、众创空间至少一共几家？")
    assert ans.found and ans.computation == "2+3=5" and "合计至少5家" in ans.answer  # 3家以上: at least


def test_caps_summed_as_at_most(yuquan):
    ans = yuquan.ask("玉泉OPC的算力券和数据券补贴加起来最多能拿多少？")
    assert "合计最多43万元" in ans.answer


def test_first_this_then_that_joins_two_sides():
    # 先…拿运营补助，再获批…: ，再 joins what is taken first and what is taken next
    left, right = joined_sides("先认定拿运营补助,再获批孵化器拿认定补助,两笔加起来最多多少?",
                               ("认定", "运营", "补助", "获批", "孵化器"))
    assert (left.text, right.text) == ("运营补助", "获批孵化器")


def test_of_two_figures_one_sentence_gives_a_measure_the_question_s_verb_picks(yuquan):
    # 每年发放不超过2000万元创新券，同一OPC每年申领创新券金额不超过40万元: 发 names the first
    ans = yuquan.ask("玉泉市里一年发多少创新券？")
    assert ans.found and ans.figures == ("不超过2000万元",) and "40万元" not in ans.answer
    # no verb of the question tells them apart: the whole sentence, both figures
    ans = yuquan.ask("玉泉的创新券是多少？")
    assert ans.found and set(ans.figures) == {"不超过2000万元", "不超过40万元"}
