"""比上年多了吗 / 同比是否实现增长 / 有没有下降: the change a bulletin states for the measure
asked decides 是 or 否; the measure found with no change stated is 文件未提及 its change."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.evidence import ranked_sentences, say
from assistant.changes import measure_change
from assistant.compose import cite
from assistant.figures import normalized
from assistant.thresholds import FORM

if TYPE_CHECKING:
    from assistant.context import QueryContext

_CHANGE_WORD = re.compile(r"(?:比|较|与|同比|环比|相比|上年末?|上|年[末底初]|去年|上年同期|了|实现|出现|有所|增长|增加|提高|上升|上涨|"
                          r"增产|增多|扩大|下降|减少|降低|回落|下滑|下跌|减产|缩小|多|少|高|低)+")


_BEFORE = 80  # how much of its paragraph before a sentence names what the sentence measures


def by_change(ctx: QueryContext, way: str) -> Answer | None:
    """比上年多了吗 / 同比下降了吗: 是 when the change stated with the measure asked (in its own
    phrase of the sentence, not a neighbour's) goes the asked way, else 否."""
    # 产量比上年: 产量; the words naming the document (统计公报) are not the measure
    terms = [re.sub(r"(?:比|较|同比)$", "", t) for t in ctx.content_terms(None)]
    terms = [t for t in terms if t and not _CHANGE_WORD.fullmatch(t) and not FORM.fullmatch(t)
             and not re.fullmatch(r"[\d.]+年?", t)]
    if not terms:
        return None
    years = re.findall(r"(?:19|20)\d{2}", ctx.question.norm)
    unstated = None  # the measure, found with no change stated
    for s in ranked_sentences(ctx, terms)[:12]:
        if any(y not in s.norm + s.path and str(s.doc.source.year) != y for y in years):
            continue
        # what the sentences before it in the paragraph name (工业增加值…。分轻重工业看，轻工业下降) counts
        before = s.doc.clean[max(s.clause.clean_span[0], s.start - _BEFORE):s.start]
        ch = measure_change(s.text, s.start, terms, s.path + " " + normalized(before).lower())
        if ch is not None and not ch.direction:
            unstated = unstated or (s, ch)
        if ch is None or not ch.direction:
            continue
        text = f"{'是' if ch.direction == way else '否'}，{s.where}：{re.sub(r'^其中[:：]', '', ch.text)}。"
        cit = cite(s.doc, s.clause, ch.start, ch.end, highlight=ch.changes)
        return Answer(question=ctx.question.text, answer=say(ctx, text), found=True, citations=(cit,),
                      type="yesno")
    if unstated is None:
        return None
    s, ch = unstated
    text = f"文件未提及{'、'.join(terms)}的增减变化；{s.where}：{re.sub(r'^其中[:：]', '', ch.measure)}。"
    return Answer(question=ctx.question.text, answer=say(ctx, text), found=False, type="yesno",
                  related=(cite(s.doc, s.clause, ch.start, ch.end),))
