"""A document written for the tests of the contract's shapes (青岚县, made up): deadlines and
periods, thresholds, several figures in a sentence, slogans, a cited title, lists inside a
sentence and an outline; indexed once per session (the ``shaping`` fixture)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
QINGLAN = "qinglan-2026"
DOCUMENTS = [
    {"doc_id": QINGLAN, "file": "qinglan_digital_economy_2026.txt", "title": "青岚县2026年数字经济发展行动方案",
     "label": "青岚县2026年数字经济发展行动方案", "place": "青岚县", "issuer": "青岚县人民政府",
     "date": "2026-03-02", "year": 2026, "doc_number": "青政发〔2026〕5号", "script": "simplified",
     "inferred": [], "missing": []},
]


def write_corpus(dest: Path) -> Path:
    """The document and its ``sources.yaml`` in ``dest`` (created)."""
    dest.mkdir(parents=True)
    for d in DOCUMENTS:
        shutil.copy(FIXTURES / d["file"], dest / d["file"])
    (dest / "sources.yaml").write_text(yaml.safe_dump({"documents": DOCUMENTS}, allow_unicode=True),
                                       encoding="utf-8")
    return dest
