"""Robustness: property tests (Hypothesis) for the normaliser, question analysis and the
figure parser: they never crash, and normalising twice changes nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.question import analyse
from corpus.sources import Source
from index.clean import normalize
from index.ingest import parse_text

# Text that looks like the documents: CJK (both scripts), digits, units, full-width forms,
# punctuation, clause markers; plus arbitrary Unicode.
PIECES = st.sampled_from([
    "东营", "滕州", "規範", "企業", "億元", "亿元", "万元", "%", "％", "个", "家", "年", "到",
    "2021", "２０２１", "27.05", "一、", "（一）", "(二)", "1.", "第三条", "责任单位：", "牵头",
    "，", "。", "；", "\n", " ", "\u3000", "比", "增长", "增加值", "達到", "目标", "多少", "？",
    "百分之", "三十", "〔2024〕8号", "ﬁ", "Ⅸ", "㎡", "①", "\u200b", "\ufeff",
])
DOCLIKE = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=60).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=200), DOCLIKE)
SOURCES = [Source(doc_id="dongying-2021", file="a.txt", label="东营", script="simplified",
                  place="东营", year=2021),
           Source(doc_id="tengzhou-2024", file="b.txt", label="滕州", script="traditional",
                  place="滕州", year=2024)]
UNITS = ["市发展改革委", "市工业和信息化局", "各镇街"]
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(ANY_TEXT)
def test_normalize_is_idempotent_and_total(text):
    once = normalize(text)
    assert isinstance(once, str)
    assert normalize(once) == once


@FAST
@given(ANY_TEXT)
def test_analyse_never_crashes_and_its_norm_is_stable(text):
    q = analyse(text, SOURCES, UNITS)
    assert q.intent
    assert analyse(q.norm, SOURCES, UNITS).norm == q.norm


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCLIKE)
def test_figure_parser_never_crashes_and_spans_point_into_the_text(text):
    doc = parse_text(text, SOURCES[0])
    for f in doc.figures:
        s, e = f.clean_span
        assert 0 <= s <= e <= len(doc.clean)
        assert f.doc_id == "dongying-2021"
    for c in doc.clauses:
        assert c.doc_id == "dongying-2021"
