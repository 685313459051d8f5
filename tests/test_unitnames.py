"""Unit names as staff type them: either script, a part, or the usual short form."""

from __future__ import annotations

import pytest

from index.unitnames import is_short_form, matches_text, matches_unit, unit_key


@pytest.mark.parametrize("query, name", [
    ("审批局", "县行政审批服务局"),
    ("卫健委", "市卫生健康委员会"),
    ("住建局", "区住房和城乡建设局"),
    ("人社局", "市人力资源和社会保障局"),
    ("发改委", "省发展和改革委员会"),
    ("工信局", "市工业和信息化局"),
    ("交通局", "市交通运输局"),
    ("統計局", "市统计局"),
    ("统计", "市統計局"),
    ("市 统计局", "市統計局"),
])
def test_a_name_staff_type_finds_the_unit(query, name):
    assert matches_unit(query, name)


@pytest.mark.parametrize("query, name", [
    ("财政局", "市统计局"),        # another unit
    ("发改委", "市财政局"),
    ("人社局", "市人民政府办公室"),  # the characters, but another kind of body
    ("市局", "市统计局"),          # too vague to be a short form
    ("商务局", "市生态环境局"),
    ("统", "市统计局"),            # one character is no name
    ("", "市统计局"),
])
def test_other_names_do_not(query, name):
    assert not matches_unit(query, name)


def test_short_forms_keep_order_and_body():
    assert is_short_form("卫健委", "卫生健康委员会")
    assert not is_short_form("健卫委", "卫生健康委员会")  # out of order
    assert not is_short_form("卫健局", "卫生健康委员会")  # another body


def test_keys_and_text_match_across_scripts():
    assert unit_key(" 市財政局 ") == "市财政局"
    assert matches_text("纳统", "規範企業納統") and not matches_text("", "abc")
