"""The definitions lists give (“135”具体指啥 / “两改”指哪两改): the definition written right after a
quoted name, whole, on a document written for these tests."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context
from test_answerer_list_runin import LINHE

from assistant.definitions import definition


@pytest.fixture(scope="module")
def linhe(tmp_path_factory, request):  # noqa: ANN201 - an Assistant
    return assistant_on(tmp_path_factory.mktemp("definition"), [LINHE], request, "linhe_definition")


def test_a_bracketed_definition_is_given_whole_not_cut_at_its_first_comma(linhe):
    ans = definition(context(linhe, "林河县的“135”企业开办服务具体指啥？"))
    assert ans is not None and ans.found
    assert "一表填报、三个环节，5小时内办结" in ans.answer
    assert ans.citations[0].clause == "linhe-2026/六"


def test_a_definition_opened_by_ji_runs_to_the_end_of_its_sentence(linhe):
    ans = definition(context(linhe, "林河县“兩改”工程指哪兩改？"))
    assert ans is not None and "舊廠房改衆創空間，閒置倉庫改物流中心" in ans.answer  # asked in Traditional


def test_a_definition_opened_by_shi_zhi(linhe):
    ans = definition(context(linhe, "林河县说的“数字乡村”是什么意思？"))
    assert ans is not None and "以数字技术赋能乡村产业、治理和服务的发展形态" in ans.answer


def test_a_name_the_document_does_not_define_or_write_gets_no_definition(linhe):
    assert definition(context(linhe, "林河县的“三个一律”之外还有“五个一律”吗？")) is None
    assert definition(context(linhe, "林河县的“246”服务具体指啥？")) is None
