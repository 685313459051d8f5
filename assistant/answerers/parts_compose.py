"""How a several-parts answer is written: each part's phrase, where it is said, its time,
and the citation of the sentence that states it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer, Citation
from assistant.answerers.evidence import say
from assistant.compose import cite, cite_figure, subject_of
from assistant.figures import FigureView, normalized

if TYPE_CHECKING:
    from assistant.context import QueryContext


# a phrase that states only a change of what its sentence named before (增长9.3%, 比上年增长5%)
_BARE_CHANGE = re.compile(r"^(?:比上年|比去年|同比|较上年)?(?:增长|增加|下降|提高|减少|降低|上涨|回落)")
_CHANGE_END = re.compile(r"(?:增长|增加|下降|提高|减少|降低|上涨|回落)$")


def _with_subject(fi: FigureView, phrase: str) -> str:
    """``phrase`` with what it measures before it when it states only a change (增长9.3% of
    城镇居民人均可支配收入为22258元，比上年增加1894元，增长9.3%): the record's measure says whose."""
    measure = _CHANGE_END.sub("", (fi.fig.measure or "").strip())
    if not _BARE_CHANGE.match(phrase) or len(measure) < 2 or measure in phrase:
        return phrase
    return f"{measure}{phrase}"


def _own_measures(found: list[tuple[str, FigureView | None]]) -> dict[tuple[int, int], str]:
    """When every part is found and they are all the figures of one 分别 phrase, each with a
    measure of its own: each figure's measure and figure (营业收入增长9.6%), by span."""
    figs = [fi for _, fi in found]
    if any(fi is None for fi in figs):
        return {}
    out: dict[tuple[int, int], str] = {}
    for fi in figs:
        mates = [x for x in figs if x is not fi and x.seg_span == fi.seg_span and x.doc is fi.doc]  # type: ignore[union-attr]
        measure = (fi.fig.measure or "").strip()  # type: ignore[union-attr]
        s, e = fi.seg_span  # type: ignore[union-attr]
        stated = [f for f in fi.doc.figures if s <= f.clean_span[0] < e and f.unit == fi.fig.unit]  # type: ignore[union-attr]
        if len(stated) != len(mates) + 1:
            continue  # a figure of the phrase no part asked for: the phrase states them all
        if mates and len(measure) >= 2 and all((x.fig.measure or "").strip() != measure for x in mates):  # type: ignore[union-attr]
            out[fi.fig.clean_span] = f"{measure.replace(' ', '')}{fi.fig.text}"  # type: ignore[union-attr]
    return out


def compose_parts(ctx: QueryContext, found: list[tuple[str, FigureView | None]]) -> Answer:
    q, state = ctx.question, ctx.state
    pieces, cits, figs, seen, last = [], [], [], set(), ""
    listed = any(fi is not None and fi.item for _, fi in found)  # A、B分别达到x、y states them all
    shown = " ".join(normalized(fi.doc.clean[fi.seg_span[0]:fi.seg_span[1]]).lower() for _, fi in found if fi is not None)
    own = _own_measures(found)
    for label, fi in found:
        if fi is None and listed and all(w in shown for w in label.split()):
            continue  # named in the phrase that lists it (not 一般公共预算收入 beside 财政总收入…)
        if fi is None:
            pieces.append(f"文件未给出“{readable(label, q.norm, q.text)}”")
            continue
        figs.append(fi.fig.text)
        if fi.seg_span in seen and fi.fig.clean_span not in own:
            continue
        seen.add(fi.seg_span)
        s, e = fi.seg_span
        # 营业收入和利润总额…，分别增长9.6%和29.1%: each part its own measure and figure
        phrase = own.get(fi.fig.clean_span) or _with_subject(fi, fi.doc.clean[s:e])
        where = f"{state.place(fi.doc)}{subject_of(fi.clause, state.clause)}"
        if not re.search(r"(19|20)\d{2}年", phrase + where):
            # the year asked that the figure is of (2022年 of a 2022 bulletin's 全年)
            year = next((f"{y}年" for y in q.years if y in fi.years), "")
            time = fi.fig.time if fi.fig.time and fi.fig.time not in phrase else ""
            if year and year in time:
                year = ""  # 2015年 is the figure's own time already (not 2015年2015年)
            if year or time:
                phrase = f"{year}{time}，{phrase}"
        pieces.append(phrase if where == last else f"{where}：{phrase}")
        last = where
        cits.append(_cite(fi, phrase))
    text = "；".join(pieces) + "。"
    return Answer(question=q.text, answer=say(ctx, text), found=True, citations=tuple(cits),
                  figures=tuple(figs), type="parts")


def _cite(fi: FigureView, phrase: str) -> Citation:
    """The figure's sentence cited, from the earlier sentence of its clause that sets the
    time the answer states (到2025年，…。建设…，推出100项…: the 2025 is quoted too)."""
    cit = cite_figure(fi)
    time = fi.fig.time
    if not time or time not in phrase or time in cit.quote:
        return cit
    at = fi.doc.clean.rfind(time, fi.clause.clean_span[0], fi.fig.clean_span[0])
    if at < 0 or fi.doc.clean[at - 1:at] not in _OPENS:
        return cit  # a time inside an earlier sentence is that sentence's own
    wider = cite(fi.doc, fi.clause, at, fi.fig.clean_span[1], highlight=(fi.fig.text,))
    return wider if time in wider.quote and fi.fig.text in wider.quote else cit


_OPENS = ("。", "；", ";", "\n", "：", ":")


def readable(label: str, norm: str, text: str) -> str:
    """A part's label as the question writes it (担保贷款个人最高能申请 with its OPC in
    capitals, 处理进度和整改方案 with its 和), without the words that ask (多少个): the
    stretch of the question from the label's first word to its last; the label itself
    when the question does not hold its words in order."""
    from assistant.answerers.parts_split import ASK

    words = label.split()
    m = re.search(r".{0,6}?".join(re.escape(w) for w in words), norm) if words else None
    if m is None:
        return label.strip()
    said = text[m.start():m.end()] if len(text) == len(norm) else m.group(0)
    return re.sub(r"\s+", "", ASK.sub("", said)).strip("，,、？?") or label.strip()

