"""Figure rules met in the real documents, each on text written for the test."""

from __future__ import annotations

from index.clean import clean_text
from index.figures import extract_figures
from index.outline import parse_outline
from index.records import Figure


def figures_of(text: str) -> list[Figure]:
    clean, offsets = clean_text(text)
    return extract_figures(clean, offsets, parse_outline(clean, offsets, "t"), "t")


def one(text: str, figure: str) -> Figure:
    hits = [f for f in figures_of(text) if f.text == figure]
    assert hits, f"no {figure!r} in {[f.text for f in figures_of(text)]}"
    return hits[0]


def test_a_heading_of_two_periods_gives_the_one_the_text_has_moved_on_to():
    heading = "二、“十三五”时期成就和“十四五”时期目标\n"
    review = "这五年，全县粮食产量稳定在50万吨。\n"
    plan = "“十四五”时期是关键时期。\n纲要设置了主要指标，包括：全县生产总值年均增速6%。\n"
    assert one(heading + review + plan, "6%").time == "“十四五”时期"
    # the text names neither period after the heading: the heading's first, as before
    assert one(heading + "全县生产总值年均增速6%。\n", "6%").time == "“十三五”时期"
