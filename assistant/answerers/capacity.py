"""``够发多少家``: how many a yearly total serves when each takes its cap, both written in one
sentence (每年发放不超过5000万元算力券…同一企业每年…不超过100万元 → 5000/100 = 50家),
computed and shown with both cited; a total with no cap per taker is refused."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.complement import refusal, sentence_figures
from assistant.compose import cite, cn_count, in_script
from assistant.figures import FigureView, number_text
from assistant.magnitudes import common_unit, in_unit
from assistant.scoring import score_figures, unmatched_text

if TYPE_CHECKING:
    from assistant.context import QueryContext

CAPACITY = re.compile(r"够(?:发|分|补|给|支持|覆盖|奖)?(?:给)?(?:多少|几)(?P<c>家|个|户|人|名|项|所)"
                      r"|能(?:支持|覆盖|补贴|满足|发给)(?:多少|几)(?P<d>家|个|户|人|名|项|所)")
# the total: 每年发放 / 总额 / 安排资金 …, then the amount
_TOTAL = re.compile(r"(?:发放|总额|总规模|安排|统筹|设立|资金)[^，,；;。\d]{0,8}$")
# the words of the question's shape, which the sentence need not write
_SHAPE = re.compile(r"总额|总量|总数|上限|额度|最高|拿满|领满|每年|一年|全年|每家|每户|资金")
# the cap per taker: 同一企业 / 每家 / 单个 … 不超过 / 最高
_PER = re.compile(r"(?:每家|每户|每个|每人|每名|每项|同一|单个|单家|单户|单项)[^，,；;。\d]{0,16}$")


def capacity(ctx: QueryContext) -> Answer | None:
    """The total over the cap (rounded down), when one sentence writes both."""
    q = ctx.question
    m = CAPACITY.search(q.norm)
    if not m:
        return None
    counter = m.group("c") or m.group("d")
    loose = ctx.but(question=replace(q, unit_hint=None, hard_unit=False))  # 多少家 is ours; the inputs are amounts
    for x in score_figures(loose, strict=False)[:ctx.config.complement_candidates]:
        figs = [f for f in sentence_figures(ctx, x.item) if "元" in f.unit]
        totals = [f for f in figs if _TOTAL.search(_lead(f))]
        # 模型券 asked, 算力券 written: not this sentence (能支持几家's 支持 is the shape's)
        asked = [t for t in ctx.terms if not _SHAPE.fullmatch(t) and t not in m.group(0)]
        if not totals or unmatched_text(ctx, asked, x.item.sent, limit=0.0, doc_id=x.item.doc.source.doc_id):
            continue
        total = totals[0]
        caps = [f for f in figs if f is not total and _PER.search(_lead(f)) and common_unit([f.unit, total.unit])]
        if not caps:
            return refusal(ctx, f"文件写明总额{total.fig.text}，但没有写每{counter}的上限金额，无法推算够发多少{counter}。")
        return _answer(ctx, total, caps[0], counter)
    return refusal(ctx, f"文件中没有找到同一句写明的总额和每{counter}上限，无法推算够发多少{counter}。")


def _lead(f: FigureView) -> str:
    s = f.fig.clean_span[0]
    return f.doc.clean[max(0, s - 24):s]


def _answer(ctx: QueryContext, total: FigureView, cap: FigureView, counter: str) -> Answer | None:
    q = ctx.question
    unit = common_unit([total.unit, cap.unit])
    (vt, nt, st), (vc, nc, sc) = in_unit(total.fig, unit, number_text(total.fig)), in_unit(cap.fig, unit, number_text(cap.fig))
    if not vc:
        return None
    n = math.floor(vt / vc + 1e-9)
    quotient = vt / vc
    computation = "，".join([s for s in (st, sc) if s] + [f"{nt}/{nc}={quotient:.0f}" if quotient == n else f"{nt}/{nc}={quotient:.2f}"])
    whole = "" if quotient == n else "，取整数"
    text = (f"{ctx.state.place(total.doc)}：文件写明总额{total.fig.text}，每{counter}上限{cap.fig.text}；"
            f"按每{counter}都拿满上限计，最多可发给{cn_count(n)}{counter}（{computation}{whole}，据文件数字计算，文件未直接给出）。")
    return Answer(question=q.text, answer=in_script(text, q.script), found=True,
                  citations=(cite(total.doc, total.clause, *total.fig.clean_span, highlight=(total.fig.text, cap.fig.text)),),
                  figures=(f"{n}{counter}", total.fig.text, cap.fig.text), type="derived", computation=computation)
