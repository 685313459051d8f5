"""A question framed by the document it asks about (根据《…》，/ 按照…〔2026〕2号的规定，) is
answered as it is without the frame: the quoted title or 文号 scopes it to that document, and
its words and year ask nothing. On documents written for the tests (岚溪市, 青山市, 水云省)."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context
from test_answerer_counted_list import DOC as SHUIYUN
from test_answerer_counted_list import REPORT
from test_answerer_time_effect import LANXI


@pytest.fixture(scope="module")
def framed(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("quoted"), [LANXI, REPORT, SHUIYUN], request, name="quoted_titles")


FRAMED = [
    ("根据《岚溪市支持一人公司创新发展若干措施》，", "岚溪OPC措施有效期到哪天？"),
    ("按照岚政办规〔2026〕2号的规定，", "岚溪OPC措施什么时候施行？"),
    ("根据《2033年青山市政府工作报告》，", "青山去年全市生产总值增长多少？"),
    ("根据《2033年青山市政府工作报告》，", "青山过去一年城镇新增就业多少人？"),
    ("《水云省人民政府办公厅关于推广第二批数字治理改革举措的通知》里，", "首席数据官要培养几个？"),
    ("岚溪市支持一人公司创新发展若干措施里，", "岚溪OPC措施有效期到哪天？"),  # written out, no 《》
    ("2033年青山市政府工作报告中，", "青山去年全市生产总值增长多少？"),
]


@pytest.mark.parametrize(("frame", "question"), FRAMED)
def test_a_frame_changes_no_answer(framed, frame, question):
    plain, with_frame = framed.ask(question), framed.ask(frame + question)
    assert plain.found, plain.answer
    assert (with_frame.found, with_frame.figures, with_frame.answer) == (plain.found, plain.figures, plain.answer)


def test_the_frame_scopes_and_asks_nothing(framed):
    ctx = context(framed, "根据《2033年青山市政府工作报告》，去年全市生产总值增长多少？")
    assert ctx.scope == ("qingshan-2033",)
    assert "2033" not in ctx.question.norm and 2033 not in ctx.question.years
    assert not any(t in ("政府", "工作", "报告") for t in ctx.terms)


def test_a_title_written_inside_the_question_stays(framed):
    # only a title that opens the question up to a comma is a frame
    ctx = context(framed, "青山市2033年青山市政府工作报告提到的城镇新增就业是多少？")
    assert "政府工作报告" in ctx.question.norm


def test_a_title_no_document_has_is_left_in_the_question(framed):
    ctx = context(framed, "根据《某某县乡村振兴条例》，岚溪OPC措施有效期到哪天？")
    assert "某某县乡村振兴条例" in ctx.question.norm
