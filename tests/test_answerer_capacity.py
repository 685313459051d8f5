"""够发多少家 (answerers/capacity.py) on the OPC measures written for the joined-measure
tests: a yearly total over the cap per taker, both written in one sentence; a total with no
cap per taker, or a voucher the document does not have, is refused."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on
from test_answerer_joined import DOC


@pytest.fixture(scope="module")
def yuquan(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("capacity"), [DOC], request, name="capacity")


@pytest.mark.parametrize("question", ["玉泉创新券每年的总额，如果每家OPC都拿满上限，够发多少家？",
                                      "玉泉创新券一年的总额要是每家都拿满，够发几家？",
                                      "玉泉创新券每年总额每家拿满上限的话能支持几家？"])
def test_the_total_over_the_cap_per_taker(yuquan, question):
    ans = yuquan.ask(question)
    assert ans.found and ans.type == "derived" and ans.computation == "2000/40=50"
    assert "五十家" in ans.answer and "据文件数字计算" in ans.answer


def test_a_total_with_no_cap_per_taker_is_refused(yuquan):
    ans = yuquan.ask("玉泉培训券每年的总额，如果每家OPC都拿满上限，够发多少家？")
    assert not ans.found and "800万元" in ans.answer and "上限" in ans.answer


def test_a_voucher_the_document_does_not_have_is_refused(yuquan):
    ans = yuquan.ask("玉泉消费券每年的总额够发多少家？")
    assert not ans.found
