"""Binding each figure to its own subject, on a bulletin written for these tests (金河县, made
up): of several figures in one sentence the one whose own measure names the subject asked
(a 分别 list, a list named in the part before, 其中 after a group's total, a level beside
an addition), and a change refused when the level it reaches is asked."""

from __future__ import annotations

import pytest
from answerer_corpus import context
from answerer_corpus import write_corpus as write_documents

from assistant.respond import respond

JINHE = "jinhe-2025"
DOCUMENTS = [
    {"doc_id": JINHE, "file": "jinhe_livelihood_2025.txt", "title": "金河县2025年国民经济和社会发展统计公报",
     "label": "金河县2025年国民经济和社会发展统计公报", "place": "金河县", "issuer": "金河县统计局",
     "date": "2026-03-18", "year": 2025, "script": "simplified", "inferred": [], "missing": ["doc_number"]},
]


@pytest.fixture(scope="module")
def jinhe(tmp_path_factory, request):
    """An assistant on the bulletin of 金河县."""
    from conftest import on_test_backend

    from assistant.core import Assistant
    from index.config import Config

    base = tmp_path_factory.mktemp("jinhe")
    corpus = write_documents(base / "corpus", DOCUMENTS)
    config = Config(corpus_dir=str(corpus), user_dir=str(base / "user"), index_dir=str(base / "index"),
                    upload_dir=str(base / "uploads"))
    return Assistant(on_test_backend(request, config, "jinhe"))


def answer(bot, question: str):  # noqa: ANN001, ANN201
    return respond(context(bot, question))


def test_the_figure_of_the_item_asked_in_a_respective_list(jinhe):
    ans = answer(jinhe, "金河县低保标准每月提高了多少？")
    assert ans.found and ans.figures == ("60元",), ans.answer
    # the answer says which of the list's figures is the one asked, then quotes the list
    assert "低保标准提高60元（" in ans.answer, ans.answer


def test_a_member_of_a_group_gets_its_own_figure_not_the_groups(jinhe):
    ans = answer(jinhe, "金河县2025年新材料产业增加值增长多少？")
    assert ans.found and ans.figures == ("23.5%",), ans.answer


def test_a_level_asked_is_not_answered_by_the_addition_beside_it(jinhe):
    ans = answer(jinhe, "金河县公交线网总里程现在多少公里？")
    assert ans.found and ans.figures == ("达845公里",), ans.answer


def test_a_rank_of_a_list_named_before_its_figures(jinhe):
    ans = answer(jinhe, "金河县对获得国家级二等奖的奖励最高多少？")
    assert ans.found and "8万元" in ans.figures and "最高不超过20万元" not in ans.figures, ans.answer


def test_a_comparison_reads_each_rank_from_its_own_list(jinhe):
    ans = answer(jinhe, "金河县国家级一等奖和省级一等奖的奖励差多少？")
    assert ans.found and "12万元" in ans.answer, ans.answer


def test_the_level_a_change_reaches_is_refused_when_only_the_change_is_written(jinhe):
    ans = answer(jinhe, "金河县城乡居民基础养老金每月提高到多少元？")
    assert not ans.found, ans.answer


def test_a_share_and_a_cap_asked_together_are_both_stated(jinhe):
    ans = answer(jinhe, "金河县“数据券”补贴比例和每家每年上限是多少？")
    assert ans.found and len(ans.figures) == 2 and "30%" in ans.figures[0] and ans.figures[1] == "最高40万元", ans.answer
    only = answer(jinhe, "金河县“数据券”按采购金额的多少比例补贴？")
    assert only.found and "40万元" not in only.answer, only.answer


def test_a_respective_item_is_read_by_position_when_values_repeat():
    from test_figures import figures_of

    from assistant.figures import respective_of

    text = "一产、二产、三产增加值分别增长5%左右、5%以上、5%左右。"
    items = [respective_of(f) for f in figures_of(text) if f.text.startswith("5%")]
    assert items == ["一产", "二产", "三产"]


def test_the_whole_asked_is_not_answered_by_its_part_written_with_qizhong(jinhe):
    ans = answer(jinhe, "金河县长期护理保险医疗护理费用基金每月最高支付多少？")
    assert ans.found and ans.figures == ("900元",), ans.answer
    part = answer(jinhe, "金河县长期护理保险护理耗材费基金每月最高支付多少？")
    assert part.found and part.figures == ("200元",), part.answer


def test_the_age_a_question_states_picks_the_band_that_covers_it(jinhe):
    ans = answer(jinhe, "金河县40歲的人個人繳費費率是多少啊？")
    assert ans.found and ans.figures == ("0.03%",), ans.answer
    older = answer(jinhe, "金河县50岁的职工个人缴费费率多少？")
    assert older.found and older.figures == ("0.09%",), older.answer


def test_parts_asked_together_are_read_from_the_sentence_that_states_them_together(jinhe):
    ans = answer(jinhe, "金河县规模以上工业企业营业收入和利润总额各增长多少？")
    assert ans.found and ans.type == "parts", ans.answer
    assert "营业收入增长8.4%" in ans.answer and "利润总额增长12.6%" in ans.answer, ans.answer
    assert "15.1%" not in ans.answer, ans.answer


def test_a_spoken_and_joins_parts_each_bound_to_its_own_item(jinhe):
    ans = answer(jinhe, "金河县城镇跟农村居民收入各涨了多少？")
    assert ans.found and ans.type == "parts", ans.answer
    assert ans.answer.index("5.2%") < ans.answer.index("7.3%") and "城镇居民收入增长5.2%" in ans.answer, ans.answer


def test_a_sum_over_a_contracted_series_adds_each_rank_of_its_list(jinhe):
    # 省级一二三等奖: 一等奖、二等奖、三等奖 of the provincial list (8+2+1), not the national one
    ans = answer(jinhe, "金河县获得省级一二三等奖的奖励加起来最多多少？")
    assert ans.found and "11万元" in ans.answer and "8+2+1=11" in ans.answer, ans.answer


def test_a_sum_takes_each_item_from_the_sentence_that_names_it_as_asked(jinhe):
    # 医疗护理 is the 900元 of the sentence on 医疗护理费用, not the 200元 of its 护理耗材费;
    # each input keeps the rate it is given per, and 1,000-style numbers stay grounded
    ans = answer(jinhe, "金河县医疗护理和设备使用，基金每月最多一共付多少？")
    assert ans.found and "每人每月900元" in ans.answer and "1050元" in ans.answer, ans.answer


def test_a_kind_of_subsidy_the_document_never_names_is_refused(jinhe):
    # 数据券 补贴 is written; a 食品加工 补贴 is not: its 40万元 is another kind's
    ans = answer(jinhe, "金河县食品加工补贴每家企业每年最高多少？")
    assert not ans.found and "40万元" not in ans.answer, ans.answer
    ans = answer(jinhe, "金河县数据券补贴每家企业每年最高多少？")
    assert ans.found and "40万元" in ans.answer, ans.answer


@pytest.mark.parametrize("question", ["金河县2025年地区生产总值是多少？", "金河县GDP总量多少？"])
def test_a_level_the_bulletin_never_gives_is_refused(jinhe, question):
    # 万元地区生产总值能耗 is per unit of GDP, 能源消费总量 another 总量: neither is the GDP
    ans = answer(jinhe, question)
    assert not ans.found and "3.2%" not in ans.answer and "96.5" not in ans.answer, ans.answer


def test_a_figure_per_unit_of_a_measure_answers_when_asked_so(jinhe):
    ans = answer(jinhe, "金河县万元地区生产总值能耗下降多少？")
    assert ans.found and "3.2%" in ans.answer, ans.answer


def test_a_growth_asked_as_a_part_is_not_a_contribution_to_growth(jinhe):
    # 增速 asked: 规模以上工业对全县经济增长的贡献率 is a share of a growth, not a growth
    ans = answer(jinhe, "金河县全县经济总量和增速各是多少？")
    assert "41.2%" not in ans.answer, ans.answer
    ans = answer(jinhe, "金河县工业园区利润总额和增速各是多少？")
    assert ans.found and "45.3亿元" in ans.answer and "15.1%" in ans.answer and "41.2%" not in ans.answer, ans.answer


def test_a_class_counted_by_an_amount_is_read_at_that_amount(jinhe):
    ans = answer(jinhe, "金河县引进十亿元以上项目多少个？")
    assert ans.found and "3个" in ans.answer and "21个" not in ans.answer, ans.answer
    ans = answer(jinhe, "金河县引进亿元以上项目多少个？")
    assert ans.found and "21个" in ans.answer, ans.answer
    # 五亿元 is a class the bulletin never counts: no other class's count for it
    ans = answer(jinhe, "金河县引进五亿元以上项目多少个？")
    assert not ans.found and not any(n in ans.answer for n in ("3个", "21个", "60个")), ans.answer
