"""``python -m eval rephrase``: answers hold under rewordings that change nothing asked, and a
rewording that does change what is asked is reported (on the documents written for tests)."""

from __future__ import annotations

from eval.rephrase import REWORDINGS, run

ITEMS = [
    {"id": "a", "question": "云溪县2026年茶叶产业产值是多少？", "found": True, "type": "figure", "history": []},
    {"id": "b", "question": "松岭县乡村旅游收入要达到多少？", "found": True, "type": "figure", "history": []},
    {"id": "u", "question": "云溪县茶叶出口额是多少？", "found": False, "type": "unanswerable", "history": []},
]


def test_every_rewording_holds_on_the_test_documents(answering):
    result = run(answering, ITEMS)
    assert set(result) == set(REWORDINGS)
    for name, r in result.items():
        assert r["held"] == r["changed"], (name, r["broke"])
    assert result["short_year"]["changed"] == 1  # only the question that writes 2026年
    assert result["courtesy"]["changed"] == 2  # unanswerable questions are not asked
    assert result["title_frame"]["changed"] == 0  # no title given: nothing to frame with


def test_a_document_named_as_a_frame_holds(answering):
    from answerer_corpus import YUNXI_DOC

    result = run(answering, ITEMS[:1], title_of=lambda it: YUNXI_DOC["title"])
    for name in ("title_frame", "title_written", "wrapped"):
        assert result[name]["changed"] == 1 and result[name]["held"] == 1, (name, result[name]["broke"])


def test_a_rewording_that_changes_what_is_asked_is_reported(answering):
    result = run(answering, ITEMS, {"other_crop": lambda q, t: q.replace("茶叶", "竹木")})
    assert result["other_crop"]["changed"] == 1 and result["other_crop"]["held"] == 0
    assert result["other_crop"]["broke"][0]["id"] == "a"
