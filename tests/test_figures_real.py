"""Figures of the real documents against the annotations written by reading them.

The matching is ``eval.annotations``' (the one ``tests/test_realdocs_annotations.py`` and
``python -m eval.annotations`` use): a parsed quantity inside the annotated text with the
same unit, qualifier and time and a measure that contains the annotated one or lies in it.
Run ``pytest tests/test_figures_real.py -s`` to see every miss.
"""

from __future__ import annotations

from functools import cache

import pytest

from eval.annotations import (
    REALDOCS,
    document_path,
    figure_candidates,
    figure_mismatch,
    load_annotations,
)
from index.ingest import parse_file
from index.records import ParsedDocument

pytestmark = pytest.mark.skipif(not REALDOCS.is_dir(), reason="real documents not available")


@cache
def parsed(file: str) -> ParsedDocument:
    return parse_file(REALDOCS / file)


@cache
def parsed_annotation(name: str) -> ParsedDocument:
    return parse_file(document_path(load_annotations()[name]))


def _annotated():
    for name, annotation in load_annotations().items():
        for ann in annotation.get("figures") or ():
            yield name, annotation["file"], ann


def score(strict: bool = False) -> tuple[int, int, list[str]]:
    hits, total, misses = 0, 0, []
    for name, file, ann in _annotated():
        total += 1
        found = figure_candidates(parsed_annotation(name), str(ann["text"]))
        if not found:
            misses.append(f"{file}: {ann['text']!r}: not found")
            continue
        best, fig = min(((figure_mismatch(f, ann, strict), f) for f in found),
                        key=lambda d: len(d[0]))
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
    # Floors at the share reached (80.8% / 49.4% over the 344 figures of all 40 annotated
    # documents, measured 2026-11-30); the target is 95%: see the misses printed
    # above for what remains.
    assert hits / total >= 0.80
    assert strict / total >= 0.49


def test_real_document_shapes():
    taiwan = {f.text: f for f in parsed("tw_morakot2009.txt").figures}
    budget = taiwan["一千二百億元"]
    assert (budget.value, budget.unit, budget.measure) == (1200.0, "億元", "限額")
    gdp = next(f for f in parsed("tjgb_jiangxi2022.html").figures if f.text == "32074.7亿元")
    assert (gdp.measure, gdp.time) == ("全年地区生产总值", "全年")  # the footnote mark [2] dropped
    days = [f for f in parsed("nhsa_feijian2023.txt").figures if f.unit == "个工作日"]
    assert days and all(f.qualifier == "内" for f in days)
