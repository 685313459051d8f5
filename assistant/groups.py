"""Figures measured the same way for several subjects or items: what comparisons, sums and
differences work on (two industries the question names, the items of a ``分别`` list, or
the figures like the best match)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.compose import strip_marker
from assistant.figures import COUNTING, coordinated_terms, item_label, similar
from assistant.scoring import Scored, score_figures, unmatched
from index.clean import normalize
from index.records import Clause

if TYPE_CHECKING:
    from assistant.context import QueryContext


def subjects_of(ctx: QueryContext) -> list[Clause]:
    """Headings the question names (e.g. two industries), outermost first, not nested."""
    q, scope = ctx.question, ctx.scope
    text = q.subject_text or q.norm
    hits = [c for c in ctx.state.heads.named(text) if not scope or c.doc_id in scope]
    hits = [c for c in hits if not any(o.id != c.id and c.id.startswith(o.id + "/") for o in hits)]
    return hits


def per_subject(ctx: QueryContext, every: bool = False) -> list[Scored]:
    """One figure per subject the question names, measured the same way (with ``every``,
    all such figures under each subject: 新能源 and 新材料 lines both count)."""
    q, state, terms = ctx.question, ctx.state, ctx.terms
    subjects = subjects_of(ctx)
    if len(subjects) == 1:  # a group heading: its sub-headings are the subjects
        kids = [k for k in state.children(subjects[0]) if state.children(k)]
        subjects = kids if len(kids) >= 2 else subjects
    if len(subjects) < 2:
        return []
    subject_words = {w for d in {x.doc_id for x in subjects} for c, ws in state.heads.of_doc.get(d, ())
                     for w in ws if c in subjects or any(c.id.startswith(x.id + "/") for x in subjects)}
    subject_words |= {w for c in subjects for w in state.tokenize(normalize(strip_marker(c.heading)).lower())}
    measure = [t for t in terms if not any(t in w or w in t for w in subject_words) and not COUNTING.fullmatch(t)] or terms
    q2 = replace(q, delta=q.delta and not q.base_years and not re.search(r"比.{2,30}(高出|多出|多|高|少|低)", q.norm))
    scored = [x for x in score_figures(ctx.but(question=q2, terms=tuple(measure), hist_terms=()), subjects=subjects)
              if x.derived is None]
    floor = ctx.config.score_min_figure - 0.1
    picks = []
    for subj in subjects:
        mine = [x for x in scored if x.item.clause.id.startswith(subj.id + "/") or x.item.clause.id == subj.id]
        if not mine or mine[0].score < floor:
            continue
        picks.append(mine[0])
        if every:
            top = mine[0]
            picks.extend(x for x in mine[1:] if x.score >= top.score - 0.05 and x.item.unit == top.item.unit
                         and similar(x.item.key, top.item.key) >= 0.45 and x.item.seg_span != top.item.seg_span)
    if len({p.item.unit for p in picks}) > 1:
        unit = picks[0].item.unit
        picks = [p for p in picks if p.item.unit == unit]
    return picks


def named_items(ctx: QueryContext) -> list[tuple[str, Scored]]:
    """Items the question coordinates (新能源和新材料, 锂电、新医药、数字经济), each with
    the figure that measures it."""
    q, terms = ctx.question, ctx.terms
    items = coordinated_terms(q.norm, list(terms))
    if len(items) < 2:
        return []
    measure = [t for t in terms if t not in items and not COUNTING.fullmatch(t)]
    scored = [x for x in score_figures(ctx.but(question=replace(q, delta=False), terms=tuple(measure or terms),
                                               hist_terms=()), strict=False)
              if x.derived is None]
    out: list[tuple[str, Scored]] = []
    for it in items:
        for x in scored:
            label = item_label(x.item)
            if it in x.item.seg2 or (label and (it in label or label in it)):
                if all(x is not y for _, y in out):
                    out.append((it, x))
                break
    if len(out) < 2 or len({x.item.unit for _, x in out}) > 1:
        return []
    return out


def respective_group(ctx: QueryContext) -> list[Scored]:
    """All figures of one ``分别`` list that the question's measure matches."""
    own = tuple(t for t in ctx.terms if not COUNTING.fullmatch(t))
    floor = ctx.config.score_min_figure - 0.1
    scored = [x for x in score_figures(ctx.but(terms=own, hist_terms=()), strict=False)
              if x.derived is None and x.score >= floor and x.item.item]
    if not scored:
        return []
    top = scored[0]
    return [x for x in scored if x.item.unit == top.item.unit and similar(x.item.key, top.item.key) >= 0.3
            and x.score >= top.score - 0.45][:12]


def candidates(ctx: QueryContext) -> list[Scored]:
    """Figures measuring the same thing as the best match (for comparisons and sums)."""
    bare = ctx.but(hist_terms=())
    named = named_items(bare)
    if named:
        return [x for _, x in named]
    picks = per_subject(bare, every=ctx.question.intent == "aggregation")
    if len(picks) >= 2:
        return picks
    picks = respective_group(bare)
    if len(picks) >= 2:
        return picks
    scored = [s for s in score_figures(ctx) if s.derived is None]
    own = [t for t in ctx.terms if not COUNTING.fullmatch(t)]  # 十强/五大 name a group, not a phrase
    if not scored or scored[0].score < ctx.config.score_min_figure or unmatched(ctx, own, scored[0].item):
        return []
    best = scored[0].item
    group: list[Scored] = []
    for s in scored:
        fi = s.item
        if fi.fig.unit != best.fig.unit or s.score < scored[0].score - 0.1:
            continue
        if similar(fi.key, best.key) < 0.45 and fi.seg_span != best.seg_span:
            continue
        if any(g.item.fig.clean_span == fi.fig.clean_span and g.item.doc is fi.doc for g in group):
            continue
        group.append(s)
    return group[:20]
