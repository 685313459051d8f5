"""A rank asked (排全国第几 / 居第几位), alone or beside a figure of the same sentence
(吞吐量突破了多少？排全国第几？): the rank as written (居全国第3位, 稳居世界第二), with the figure
its words state when one is asked too, each cited; what ranks is found before the rank in
its sentence. A rank the documents do not give is named as missing, never guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, in_script, merge, subject_of
from assistant.figures import FigureView, normalized, unit_fit
from assistant.match import term_hit
from assistant.periods import off_period
from assistant.ranks import (
    AREAS,
    RANK_ASKED,
    RankSpan,
    asked_area,
    item_asked,
    measure_terms,
    phrase_start,
    ranks_in,
    stem_hit,
)
from assistant.refusal import refuse
from assistant.terms import as_asked, as_typed

if TYPE_CHECKING:
    from assistant.context import QueryContext
    from index.records import Clause, ParsedDocument

# the question asks a figure besides the rank (突破了多少？排全国第几？)
_FIGURE_ASKED = re.compile(r"多少|多大|多高|(?<![第哪])几(?![位名])")
# a rank of how fast a measure grew (增速居…), not of the measure
_RATE = re.compile(r"增速|增幅|增长|涨幅|速度")
MOST = 3  # ranks given when several answer equally well (one measure, several periods)


@dataclass(frozen=True)
class _Found:
    doc: ParsedDocument
    clause: Clause
    rank: RankSpan
    hit: float
    pick: int | None = None  # the item asked of a 分别 rank (二产 of 一产、二产、三产)


def figure_asked(norm_q: str) -> bool:
    """Whether the question asks a figure as well as the rank."""
    return bool(_FIGURE_ASKED.search(RANK_ASKED.sub(" ", norm_q)))


def rank_answer(ctx: QueryContext) -> Answer | None:
    """The rank the question asks (and the figure beside it when asked), or a refusal naming
    the rank as missing when no rank's words name every word of what it ranks; None when the
    question names nothing that ranks, or asks a figure too and no rank is found (the figure
    is answered as any figure)."""
    q = ctx.question
    terms = measure_terms(ctx.terms)
    if not terms:
        return None
    found = _ranks(ctx, terms)
    if not found and figure_asked(q.norm):
        return None  # the figure is still answered (its phrase may say the rank in other words)
    if not found:
        texts = [v.text for v in ctx.state.in_scope(ctx.scope)]
        what = "".join(as_typed(as_asked(t, q.norm, ctx.state.tokenize, texts), q.text) for t in terms[:3])
        return refuse(ctx, [f"{what}的{asked_area(q.norm) or ''}排名"], ctx.hits)
    if figure_asked(q.norm):  # a rank whose words state the figure asked (增长9.5%，增速居…)
        with_figure = [f for f in found if _figure_before(ctx, f) is not None]
        found = with_figure or found
    best = max(f.hit for f in found)
    chosen = [f for f in found if f.hit >= best - 0.01][:MOST]
    if len(chosen) == 1:
        return _one(ctx, chosen[0])
    return merge(q.text, *(_one(ctx, f) for f in chosen))


def _ranks(ctx: QueryContext, terms: list[str]) -> list[_Found]:
    """The ranks in scope whose words say what the question ranks, in document order."""
    area = asked_area(ctx.question.norm)
    out = []
    for d in ctx.scope or ctx.state.doc_ids:
        doc = ctx.state.document(d)
        for clause in doc.clauses:
            lo, hi = clause.clean_span
            for r in ranks_in(doc.clean[lo:hi], lo):
                if area and r.area != area:
                    continue
                if _rate_only(r) and not _RATE.search(ctx.question.norm):
                    continue  # 增速居全国第4位 is no rank of GDP itself
                pick = item_asked(r.items(), ctx.question.norm) if len(r.ordinals) > 1 else None
                if len(r.ordinals) > 1 and pick is None:
                    continue  # 分别居全国第二、第七: which item is asked is not clear
                h = stem_hit(terms, r.stem, term_hit)
                if h >= ctx.config.score_min_rank and not _off_period(ctx, doc, clause, r):
                    out.append(_Found(doc, clause, r, h, pick))
    return out


def _rate_only(r: RankSpan) -> bool:
    """Whether the words just before the rank rank a growth rate alone (增速居…), not also the
    measure itself (总量和增速均居…)."""
    tail = re.split(r"[，,、]", r.stem)[-1]
    return bool(_RATE.search(tail)) and not re.search(r"总量|规模|数量|总额", tail)


def _off_period(ctx: QueryContext, doc: ParsedDocument, clause: Clause, r: RankSpan) -> bool:
    """Whether the figures the rank's words state are all of another period than the question's
    今年/去年 (今年GDP增速目标排第几: 2025's rank is no rank of the 2026 target)."""
    figs = [x for x in ctx.state.view(doc.source.doc_id).figs
            if x.clause.id == clause.id and r.stem_start <= x.fig.clean_span[0] < r.start]
    return bool(figs) and all(off_period(x, ctx.question) for x in figs)


def _one(ctx: QueryContext, f: _Found) -> Answer:
    """One rank, with the figure its words state when the question asks one."""
    q = ctx.question
    fig = _figure_before(ctx, f) if figure_asked(q.norm) else None
    terms = measure_terms(ctx.terms)
    start = f.rank.stem_start + phrase_start(terms, f.rank.stem, term_hit, ctx.config.score_min_rank)
    if fig is not None:
        start = min(start, fig.seg_span[0])
    if f.pick is not None:  # from the first item the ranks are of (一产、二产、三产…)
        start = min(start, f.rank.stem_start + max(f.rank.stem.find(f.rank.items()[0]), 0))
    body = re.sub(r"^[，,、\s]+", "", f.doc.clean[start:f.rank.end])
    rank = f.rank.rank if f.pick is None else f.rank.ordinals[f.pick]
    shown = (fig.fig.text, rank) if fig else (rank,)
    subject = subject_of(f.clause, ctx.state.clause).rstrip("：:")
    if f.pick is not None:  # 二产…居全国第七（一产、二产、三产…分别居全国第二、第七、第九）
        area = next(a for a in AREAS if a in f.rank.rank)
        label = re.sub(r"分别.*$", "", f.rank.items()[f.pick])
        own = f"{label}{fig.fig.text + '，' if fig else ''}居{area}{rank}"
        body = f"{own}（{body}）"
    text = f"{ctx.state.place(f.doc)}{subject}：{body}。"
    if fig is None and figure_asked(q.norm):
        text += "（文件未在此写明具体数值。）"
    cit = cite(f.doc, f.clause, f.rank.stem_start, f.rank.end, highlight=shown)
    return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=(cit,),
                  figures=shown, type="figure")


def _figure_before(ctx: QueryContext, f: _Found) -> FigureView | None:
    """The figure the rank's words state: of those between the stem's start and the rank,
    the one whose phrase shares most words with the question and fits the unit asked,
    nearest the rank on a tie."""
    figs = [x for x in ctx.state.view(f.doc.source.doc_id).figs
            if x.clause.id == f.clause.id and f.rank.stem_start <= x.fig.clean_span[0] < f.rank.start]
    figs = [x for x in figs if unit_fit(ctx.question.unit_hint, x.unit) >= 0]  # not 连续30个月 for 增长多少
    if f.pick is not None:  # 分别增长6%、5.2%: the asked item's own figure, or none
        label = f.rank.items()[f.pick]
        figs = [x for x in figs if x.item and (x.item in label or label in x.item)]
    if not figs:
        return None
    words = [t for t in ctx.terms if len(t) >= 2]
    q = ctx.question

    def fit(x: FigureView) -> tuple[float, int]:
        own = normalized(x.seg)
        return (sum(w in own for w in words) + unit_fit(q.unit_hint, x.unit), x.fig.clean_span[0])

    return max(figs, key=fit)
