"""A place mistyped by one character (青山县 for 青岚县 or 青川县): the documents the question's
other words name decide between the places it can mean; when they do not, the answer asks
which one is meant. On two documents written for the tests, one character apart."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on
from shapes_corpus import DOCUMENTS as QINGLAN_DOCS

QINGCHUAN = {"doc_id": "qingchuan-2023", "file": "qingchuan_digital_village.txt",
             "title": "青川县数字乡村建设三年行动方案", "label": "青川县数字乡村建设三年行动方案",
             "issuer": "青川县人民政府办公室", "date": "2023-03-15", "doc_number": "青政办发〔2023〕5号",
             "place": "青川县", "year": 2023, "script": "simplified", "inferred": ["place"], "missing": []}


@pytest.fixture(scope="module")
def two_places(tmp_path_factory, request):
    return assistant_on(tmp_path_factory.mktemp("typos"), [*QINGLAN_DOCS, QINGCHUAN], request, "typos")


def test_the_documents_words_pick_the_place_meant(two_places):
    ans = two_places.ask("青山县数字经济核心产业营业收入目标是多少？")  # 数字经济: 青岚县's plan
    assert ans.found and "60亿元" in ans.answer
    assert ans.citations[0].doc_id == "qinglan-2026"


def test_no_word_to_decide_by_asks_which_place(two_places):
    ans = two_places.ask("青山县的地区生产总值是多少？")
    assert not ans.found and "“青山”" in ans.answer
    assert "您是否指" in ans.answer and "青川" in ans.answer and "青岚" in ans.answer
