"""A document written for the tests of the contract's shapes (青岚县, made up): deadlines and
periods, thresholds, several figures in a sentence, slogans, a cited title, lists inside a
sentence and an outline; indexed once per session (the ``shaping`` fixture)."""

from __future__ import annotations

from pathlib import Path

from answerer_corpus import write_corpus as write_documents

QINGLAN = "qinglan-2026"
DOCUMENTS = [
    {"doc_id": QINGLAN, "file": "qinglan_digital_economy_2026.txt", "title": "青岚县2026年数字经济发展行动方案",
     "label": "青岚县2026年数字经济发展行动方案", "place": "青岚县", "issuer": "青岚县人民政府",
     "date": "2026-03-02", "year": 2026, "doc_number": "青政发〔2026〕5号", "script": "simplified",
     "inferred": [], "missing": []},
]


def write_corpus(dest: Path) -> Path:
    """The document and its ``sources.yaml`` in ``dest`` (created)."""
    return write_documents(dest, DOCUMENTS)
