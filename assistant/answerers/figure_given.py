"""有没有给X定具体数额 / X有量化目标吗 / 提没提具体比例: whether the documents give a figure
for what is asked. 是 with the figure and its sentence; 否 with the passage that speaks of
it without one (增加值与2020年持平); None when no passage holds what is asked."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.evidence import holds, ranked_sentences, say
from assistant.compose import cite_figure, strip_marker, subject_of
from assistant.match import term_hit
from assistant.scoring import score_figures, unmatched

if TYPE_CHECKING:
    from assistant.context import QueryContext

MARGIN = 0.1  # how far under the answering floor a figure still casts doubt on a 否
# the question asks whether a number is given, not what it is
GIVES = re.compile(r"(?:具体|量化|明确|硬性)的?(?:数额|数字|数值|目标值?|指标|标准|金额|比例|数量|额度)"
                   r"|(?:定|给|提|设|写)(?:了|出)?(?:多少|具体数|数字|数额)")
# words of the asking, not of what is asked about
_ASKING = re.compile(r"具体|量化|明确|硬性|数额|数字|数值|目标值?|指标|标准|金额|比例|数量|额度|定|给|提出?|设定?|写|"
                     r"有没有|是否|有无|文件|方案")


def figure_given(ctx: QueryContext) -> Answer | None:
    """是 with the figure the documents give for what is asked, 否 with the passage that
    speaks of it without a figure, None when none speaks of it."""
    q = ctx.question
    terms = tuple(t for t in ctx.terms if not _ASKING.fullmatch(t))
    if not terms:
        return None
    sub = ctx.but(terms=terms)
    floor = ctx.config.score_min_figure
    for s in score_figures(sub)[:5]:
        if s.derived is None and s.score >= floor and not unmatched(sub, terms, s.item):
            fi = s.item
            lo, hi = fi.seg_span
            text = f"是，{ctx.state.place(fi.doc)}{subject_of(fi.clause, ctx.state.clause)}：{fi.doc.clean[lo:hi]}。"
            return Answer(question=q.text, answer=say(ctx, text), found=True, citations=(cite_figure(fi),),
                          figures=(fi.fig.text,), type="yesno")
    if any(s.derived is None and s.score >= floor - MARGIN and not unmatched(sub, terms, s.item)
           for s in score_figures(sub, strict=False)[:5]):
        return None  # a figure nearly answers: no 否 on a doubt
    said = [s for s in ranked_sentences(sub, list(terms))[:8] if holds(sub, s, list(terms))]
    # the sentence that says most of what is asked (增加值与2020年持平), before a bare heading
    said.sort(key=lambda s: (-sum(term_hit(t, s.path + " " + s.norm) for t in terms),
                             strip_marker(s.text).rstrip("。") == strip_marker(s.clause.heading).rstrip("。")))
    for s in said[:1]:
            text = f"否，文件未给出具体数值；{s.where}：{s.text.rstrip('。；;')}。"
            return Answer(question=q.text, answer=say(ctx, text), found=True, citations=(s.citation(),),
                          type="yesno")
    return None
