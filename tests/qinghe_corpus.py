"""Two documents of one made-up city (青禾市) written for the tests of answering from the
evidence: a regulation whose figures are periods, ages, areas, levels and frequencies, and a
second document of the same city; indexed once per module."""

from __future__ import annotations

ZUFANG = "qinghe-zufang-2026"
JIUZHU = "qinghe-jiuzhu-2026"
DOCUMENTS = [
    {"doc_id": ZUFANG, "file": "qinghe_rental_housing_2026.txt", "title": "青禾市保障性租赁住房管理办法",
     "label": "青禾市保障性租赁住房管理办法", "place": "青禾市", "issuer": "青禾市人民政府办公厅",
     "date": "2026-05-08", "year": 2026, "doc_number": "青府办规〔2026〕4号", "script": "simplified",
     "inferred": [], "missing": []},
    {"doc_id": JIUZHU, "file": "qinghe_medical_aid_2026.txt", "title": "青禾市城乡居民医疗救助办法",
     "label": "青禾市城乡居民医疗救助办法", "place": "青禾市", "issuer": "青禾市人民政府",
     "date": "2026-03-16", "year": 2026, "doc_number": "青府规〔2026〕2号", "script": "simplified",
     "inferred": [], "missing": []},
]
