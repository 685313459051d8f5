"""A contracted series in a question (一二三产, 一二三等奖) is written out item by item, and a
word that only contains a superlative (最低生活保障) asks no comparison."""

from __future__ import annotations

import re

import pytest

from assistant.phrasing import plain_question
from assistant.question import _COMPARE
from assistant.series import expand_series


@pytest.mark.parametrize(("text", "expanded"), [
    ("一二三产增加值各多少", "一产、二产、三产增加值各多少"),
    ("一二三產增加值各多少", "一產、二產、三產增加值各多少"),
    ("省级一二三等奖加起来多少", "省级一等奖、二等奖、三等奖加起来多少"),
    ("一二三产业增加值分别是多少", "第一产业、第二产业、第三产业增加值分别是多少"),
    ("第一二三产业", "第一产业、第二产业、第三产业"),
    ("三四季度", "第三季度、第四季度"),
    ("一二三级待遇", "一级、二级、三级待遇"),
    ("四五类人才", "四类、五类人才"),
])
def test_a_run_of_numerals_before_a_shared_noun_names_one_item_each(text, expanded):
    assert expand_series(text) == expanded


@pytest.mark.parametrize("text", ["十一五规划", "二十三个项目", "一共多少", "一二三四五", "十一二月", "三二一", "一三五"])
def test_numerals_that_are_no_series_are_left_alone(text):
    assert expand_series(text) == text


def test_the_question_is_read_with_its_series_written_out():
    assert plain_question("请问南充省级一二三等奖一共多少？") == "南充省级一等奖、二等奖、三等奖一共多少？"


@pytest.mark.parametrize("text", ["本市最低生活保障标准是多少", "最低工资标准每月多少", "最高人民法院的司法解释"])
def test_a_word_holding_a_superlative_asks_no_comparison(text):
    assert not re.search(_COMPARE, text)


@pytest.mark.parametrize("text", ["哪个县的低保标准最低", "三个产业里哪个增速最高"])
def test_a_superlative_still_asks_a_comparison(text):
    assert re.search(_COMPARE, text)


def test_a_number_with_thousands_separators_is_one_number_for_the_grounding_check():
    from assistant.grounding import is_grounded, numbers

    assert numbers("每人每月1,000元、序列1,2,3") == ["1000", "1", "2", "3"]
    assert is_grounded("医疗护理1,000元，合计1300元", ["限额为每人每月1,000元", "每人每月300元"], "1000+300=1300")


@pytest.mark.parametrize(("text", "summed"), [
    ("医疗护理跟设备使用每月基金最多共付多少", True), ("两项补贴共能拿多少", True),
    ("公共服务平台补多少", False), ("总共", True), ("共建多少个实验室", False)])
def test_a_spoken_sum_asks_a_sum(text, summed):
    from assistant.question import _AGGREGATE

    assert bool(re.search(_AGGREGATE, text)) is summed


@pytest.mark.parametrize("text", ["研发资助和资质奖励最高各给多少", "居家和机构各补多少", "国家级和省级各奖多少"])
def test_each_given_asks_several_parts(text):
    from assistant.answerers.parts import split_parts
    from assistant.shapes import PARTS

    assert PARTS.search(text) and len(split_parts(text)) >= 2
