"""Figures of the real documents against the annotations written by reading them.

An annotated figure is matched exactly when some parsed figure lying inside the annotated
text (the annotation's ``text`` may carry a few words of context: ``增长5.4%``) has the same
unit, qualifier and time, and a measure that contains the annotated one or is contained in
it (or, for a 分别 list annotated with its shared measure, is one item of it). Run ``pytest tests/test_figures_real.py -s`` to see every miss.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import yaml

from index.figures import NON_QUANTITY
from index.ingest import parse_file
from index.records import Figure, ParsedDocument

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "tests" / "annotations" / "realdocs"
REALDOCS = Path("/work/shared/realdocs")

pytestmark = pytest.mark.skipif(not REALDOCS.is_dir(), reason="real documents not available")


@cache
def parsed(file: str) -> ParsedDocument:
    return parse_file(REALDOCS / file)


def annotated() -> Iterator[tuple[str, dict]]:
    for path in sorted(ANNOTATIONS.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for ann in doc.get("figures") or ():
            yield doc["file"], ann


def candidates(doc: ParsedDocument, text: str) -> list[Figure]:
    """Quantities lying inside an occurrence of ``text`` (or, when the annotated text is not
    found verbatim, quantities whose text it contains)."""
    spans = []
    i = doc.clean.find(text)
    while i >= 0:
        spans.append((i, i + len(text)))
        i = doc.clean.find(text, i + 1)
    quantities = [f for f in doc.figures if f.qualifier not in NON_QUANTITY]
    if spans:
        return [f for f in quantities if any(a <= f.clean_span[0] and f.clean_span[1] <= b for a, b in spans)]
    return [f for f in quantities if f.text in text]


def _item_of(measure: str, listed: str) -> bool:
    """``一产增加值增长`` is one item of the annotated ``一产、二产、三产增加值增长`` (a 分别
    list annotated with its shared measure)."""
    items = re.split("、|和|及", listed)
    return len(items) > 1 and any(
        measure.startswith(i) and listed.endswith(measure[len(i) :]) for i in items[:-1] if i
    )


def mismatch(fig: Figure, ann: dict, strict: bool = False) -> list[str]:
    """The fields in which ``fig`` differs from the annotation (``strict``: a measure
    contained in the annotated one must also be at least half as long)."""
    wrong = []
    if fig.unit != (ann["unit"] or ""):
        wrong.append("unit")
    if fig.qualifier != ann["qualifier"]:
        wrong.append("qualifier")
    if fig.time != ann["time"]:
        wrong.append("time")
    m, want = fig.measure, str(ann["measure"])
    if not m or not (m in want or want in m or _item_of(m, want)) or (strict and 2 * len(m) < len(want)):
        wrong.append("measure")
    return wrong


def score(strict: bool = False) -> tuple[int, int, list[str]]:
    hits, total, misses = 0, 0, []
    for file, ann in annotated():
        total += 1
        doc = parsed(file)
        found = candidates(doc, str(ann["text"]))
        if not found:
            misses.append(f"{file}: {ann['text']!r}: not found")
            continue
        diffs = [(mismatch(f, ann, strict), f) for f in found]
        best, fig = min(diffs, key=lambda d: len(d[0]))
        if not best:
            hits += 1
            continue
        got = {"text": fig.text, "unit": fig.unit, "qualifier": fig.qualifier, "time": fig.time,
               "measure": fig.measure}
        misses.append(f"{file}: {ann['text']!r}: {'/'.join(best)}: got {got} want "
                      f"{ {k: ann[k] for k in ('unit', 'qualifier', 'time', 'measure')} }")
    return hits, total, misses


def test_annotated_figures_exact_share():
    strict, _, _ = score(strict=True)
    hits, total, misses = score()
    print(f"\nannotated figures matched exactly: {hits}/{total} = {hits / total:.1%}"
          f" (measure at least half the annotated one: {strict}/{total} = {strict / total:.1%})")
    for line in misses:
        print("  MISS", line)
    assert total >= 100
    # Floors a little under the share reached (75.7% / 49.7% over 189 figures of 20 documents);
    # the target is 95%: see the misses printed above for what remains.
    assert hits / total >= 0.70
    assert strict / total >= 0.45


def test_real_document_shapes():
    taiwan = {f.text: f for f in parsed("tw_morakot2009.txt").figures}
    budget = taiwan["一千二百億元"]
    assert (budget.value, budget.unit, budget.measure) == (1200.0, "億元", "限額")
    gdp = next(f for f in parsed("tjgb_jiangxi2022.html").figures if f.text == "32074.7亿元")
    assert (gdp.measure, gdp.time) == ("全年地区生产总值", "全年")  # the footnote mark [2] dropped
    days = [f for f in parsed("nhsa_feijian2023.txt").figures if f.unit == "个工作日"]
    assert days and all(f.qualifier == "内" for f in days)
