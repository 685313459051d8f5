"""Items a clause spells out and a figure abbreviates (纺织和服装产业… 食品和饮料产业…，力争
“纺食”产业集群营收分别达到80亿元、60亿元): each figure answers its spelled-out group, named in
the answer, and one member asked on its own (光服装) is a near miss. On 岭北县's plan, written
for these tests."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on
from test_share_base import LINGBEI


@pytest.fixture(scope="module")
def lingbei(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("grouped"), [LINGBEI], request, name="grouped_items")


@pytest.mark.parametrize(("question", "figure", "group"), [
    ("岭北纺织和服装产业营收目标是多少？", "80亿元", "纺织和服装产业"),
    ("岭北食品和饮料产业集群2031年营收要达到多少？", "60亿元", "食品和饮料产业"),
])
def test_a_spelled_out_group_gets_its_own_figure_named(lingbei, question, figure, group):
    ans = lingbei.ask(question)
    assert ans.found and ans.figures == (figure,), ans.answer
    assert f"{group}{figure}" in ans.answer


@pytest.mark.parametrize("question", ["岭北纺织和服装集群里，光服装营收要到多少？", "岭北服装产业单独的营收目标是多少？"])
def test_one_member_asked_alone_is_a_near_miss(lingbei, question):
    ans = lingbei.ask(question)
    assert not ans.found and "80亿元" not in ans.answer, ans.answer
