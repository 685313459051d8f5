"""DocFactAnswerer (文号, 成文日期, 发文机关…) on the documents written for these tests."""

from __future__ import annotations

from answerer_corpus import YUNXI, context

from assistant.answerers.docfact import DocFactAnswerer

DOCFACT = DocFactAnswerer()


def test_the_document_number_quoting_its_line(answering):
    ans = DOCFACT.answer(context(answering, "云溪县这份文件的发文字号是什么？"))
    assert ans is not None and ans.found and ans.type == "docfact"
    assert ans.figures == ("云政发〔2026〕3号",) and "云政发〔2026〕3号" in ans.answer
    (cit,) = ans.citations
    assert cit.doc_id == YUNXI and cit.quote == "云政发〔2026〕3号" and cit.clause == f"{YUNXI}/序"


def test_gives_way_when_the_document_has_no_such_line(answering):
    assert DOCFACT.answer(context(answering, "松岭县这份文件的发文字号是什么？")) is None
