"""Answer wording and citations: quotes come from the document in its own script; the
answer is written in the asker's script."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from assistant.answer import Answer, Citation
from index.clean import to_simplified, to_traditional
from index.figures import sentence_span
from index.records import Clause, ParsedDocument

if TYPE_CHECKING:
    from assistant.figures import FigureView

_SENT_END = "。；;！!？?\n"
_SEG_END = "，,；;。！!？?\n"


def in_script(text: str, script: str) -> str:
    """Write ``text`` in the asker's script (OpenCC), leaving punctuation as it is."""
    return to_traditional(text) if script == "traditional" else to_simplified(text)


def sentence_bounds(doc: ParsedDocument, clause: Clause, start: int, end: int) -> tuple[int, int]:
    """Clean-text bounds of the sentence holding ``[start, end)``, inside its clause."""
    text = doc.clean
    # A quote ends at a semicolon too (a figure's sentence runs on to 。).
    lo, hi = clause.clean_span
    s, e = sentence_span(text, start, end, lo, hi, ends=_SENT_END)
    # a stop inside brackets (（其中…；…）) ends no sentence: on to the one after the bracket closes
    while e < hi and text[e - 1] != "\n" and _open_depth(text[s:e]) > 0:
        nxt = sentence_span(text, e, e, lo, hi, ends=_SENT_END)[1]
        if nxt <= e or "\n" in text[e:nxt]:
            break  # a bracket a line does not close is none
        e = nxt
    while s > lo and text[s - 1] != "\n" and _open_depth(text[s:e][::-1], "）)", "（(") > 0:
        prev = sentence_span(text, s - 1, s - 1, lo, hi, ends=_SENT_END)[0]
        if prev >= s or "\n" in text[prev:s]:
            break
        s = prev
    # an opening outline marker before the sentence belongs to the heading, keep it out
    while s < e and text[s].isspace():
        s += 1
    return s, e


def _open_depth(text: str, opens: str = "（(", closes: str = "）)") -> int:
    """How many brackets ``text`` leaves open at its end."""
    depth = 0
    for c in text:
        if c in opens:
            depth += 1
        elif c in closes and depth:
            depth -= 1
    return depth


def segment_bounds(doc: ParsedDocument, clause: Clause, start: int, end: int) -> tuple[int, int]:
    """Clean-text bounds of the comma-delimited phrase holding ``[start, end)``."""
    lo, hi = clause.clean_span
    text = doc.clean
    s = _phrase_edge(text, start, lo, -1)
    e = _phrase_edge(text, end, hi, 1)  # on through a bracket opened after the figure, its closing mark kept
    while s < e and text[s].isspace():
        s += 1
    return s, e


def _phrase_edge(text: str, at: int, limit: int, step: int) -> int:
    """Where the phrase around ``at`` ends walking by ``step`` (-1: back, 1: on) towards
    ``limit``: at a phrase's stop mark outside brackets, or at a bracket enclosing ``at``;
    a bracket met on the way is crossed whole."""
    inward, outward = ("(（", ")）") if step > 0 else (")）", "(（")
    depth = 0
    while (at < limit) if step > 0 else (at > limit):
        c = text[at] if step > 0 else text[at - 1]
        if c in inward:
            depth += 1
        elif c in outward:
            if depth == 0:
                break
            depth -= 1
        elif c in _SEG_END and depth == 0:
            break
        at += step
    return at


def cite(doc: ParsedDocument, clause: Clause, start: int, end: int,
         highlight: tuple[str, ...] = (), sentence: bool = True) -> Citation:
    """A citation quoting the sentence (or exactly ``[start, end)``) of a clause."""
    s, e = sentence_bounds(doc, clause, start, end) if sentence else (start, end)
    quote = doc.clean[s:e].strip()
    if len(quote) > 220:  # very long sentence: keep the part around the figure
        rel = start - s
        a = max(0, rel - 100)
        quote = ("…" if a else "") + quote[a : a + 200] + "…"
    return Citation(
        doc_id=doc.source.doc_id,
        title=doc.source.label,
        clause=clause.id,
        path=clause.path_text,
        quote=quote,
        span=doc.raw_span(s, e),
        highlight=tuple(h for h in highlight if h and h in quote),
    )


def subject_of(clause: Clause, by_id: Mapping[str, Clause] | Callable[[str], Clause | None]) -> str:
    """The clause's subject as the text names it: the nearest heading that is not a
    generic label (a short heading such as 发展目标 defers to its parent's).

    Args:
        clause: the clause.
        by_id: clauses by id, or a function that looks one up (``IndexBackend.clause``).
    """
    get = by_id.get if isinstance(by_id, Mapping) else by_id
    c: Clause | None = clause
    while c is not None:
        head = strip_marker(c.heading).rstrip("。.")
        # a title, not a generic label (发展目标) nor a whole first sentence (一是…，…)
        if 6 < len(head) <= 20 and not re.search(r"[,，;；]", head) or c.parent is None:
            return head
        c = get(c.parent) if c.parent else None
    return strip_marker(clause.heading)


MARKER = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+(?:[、.．]|\s+|$))")


def cite_figure(fi: FigureView) -> Citation:
    """A citation of the sentence that states a figure, the figure highlighted."""
    return cite(fi.doc, fi.clause, *fi.fig.clean_span, highlight=(fi.fig.text,))


def strip_marker(heading: str) -> str:
    """The heading without its outline number (一、 （二） 3. 第…), a year it begins with kept:
    2026年重点工作 is a subject, not a 2026 marker."""
    return MARKER.sub("", heading).strip()


def merge(question: str, *answers: Answer) -> Answer:
    """One answer from several documents' answers, each keeping its citations."""
    return Answer(
        question=question,
        answer="".join(a.answer for a in answers),
        found=True,
        citations=tuple(c for a in answers for c in a.citations),
        figures=tuple(f for a in answers for f in a.figures),
        units=tuple(u for a in answers for u in a.units),
        type="both",
        computation=next((a.computation for a in answers if a.computation), None),
    )


def cn_count(n: int) -> str:
    """A count in Chinese numerals: it is ours, not the document's, so no digit is stated."""
    import cn2an

    return cn2an.an2cn(n)
