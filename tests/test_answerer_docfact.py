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


def test_each_field_named_is_answered_as_its_line_writes_it(tmp_path_factory, request):
    # 成文日期 and 发布日期 are two lines of the metadata table: both, not the first twice
    from answerer_corpus import assistant_on

    qingchuan = {"doc_id": "qingchuan-2023", "file": "qingchuan_digital_village.txt",
                 "title": "青川县数字乡村建设三年行动方案", "label": "青川县数字乡村建设三年行动方案",
                 "issuer": "青川县人民政府办公室", "date": "2023-03-15", "doc_number": "青政办发〔2023〕5号",
                 "place": "青川县", "year": 2023, "script": "simplified", "inferred": ["place"], "missing": []}
    bot = assistant_on(tmp_path_factory.mktemp("docfacts"), [qingchuan], request, "qingchuan_docfacts")
    ans = DOCFACT.answer(context(bot, "青川县数字乡村建设三年行动方案的成文日期和发布日期分别是哪天？"))
    assert ans is not None and "成文日期为2023年3月15日；发布日期为2023-03-20" in ans.answer
    assert len(ans.citations) == 2
    ans = DOCFACT.answer(context(bot, "青川县数字乡村建设三年行动方案是哪天发布的？"))
    assert ans is not None and "发布日期为2023-03-20" in ans.answer and "成文日期" not in ans.answer


def test_the_date_a_document_is_signed_asked_by_its_luokuan(answering):  # 落款日期
    for question in ("云溪县这份通知落款日期是哪天？", "雲溪縣這份文件落款是哪天？", "云溪县方案的落款时间是什么时候？"):
        ctx = context(answering, question)
        assert ctx.question.intent == "docfact" and ctx.question.docfact == "date", question
        ans = DOCFACT.answer(ctx)
        assert ans is not None and ans.found and ans.figures and ans.figures[0] in ("2026-01-15", "2026年1月15日"), question
