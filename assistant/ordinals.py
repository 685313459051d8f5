"""一是…二是…三是…: the runs of ordinal phrases a list question may ask for — marked inside
one clause's text, or made clauses of by the outline (一是, 二是; a second run of one part
一是~2, 二是~2…) — each item the first phrase after its marker, the run the question names
by its words, its items' or those that introduce it (…的发展目标：一是…)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, in_script, subject_of
from assistant.figures import normalized
from assistant.match import coverage
from assistant.scoring import unmatched_text

if TYPE_CHECKING:
    from assistant.context import QueryContext

MAX_ITEMS = 12
ORDINAL = re.compile(r"([一二三四五六七八九十])是")
_PHRASE_END = re.compile(r"[，,；;。]")


def _ordinal_clauses(ctx: QueryContext, terms: tuple[str, ...], best):  # noqa: ANN001, ANN202
    """一是…二是… the outline made clauses of: the first phrase of each of the siblings."""
    state, cfg = ctx.state, ctx.config
    for h in ctx.hits:
        run = _ordinal_run(h.clause.id)
        if run is None or not h.clause.parent:
            continue
        parent = state.clause(h.clause.parent)
        kids = [k for k in state.children(parent) if _ordinal_run(k.id) == run] if parent else []
        if len(kids) < 2:
            continue
        doc = state.document(parent.doc_id)
        title = normalized(doc.source.title or doc.source.label).lower()
        # the words that introduce the run name it as well as its text does: they tell apart
        # two runs of one part (以下几点：一是…; …的发展目标：一是首都功能持续提升，二是…)
        text = " ".join(k.text for k in kids)
        text = normalized(re.sub(r"[^。！？\n]*[：:]\s*$", "", text)).lower()  # the next run's lead-in is not this run's
        lead = normalized(_lead_in(doc.clean, kids[0].clean_span[0]) or parent.heading).lower()
        said = max(coverage(list(terms), text, state.weights), coverage(list(terms), lead, state.weights))
        score = cfg.score_list_items * said \
            + cfg.score_list_path * coverage(list(terms), title + " " + normalized(parent.path_text).lower(), state.weights)
        if best is None or score > best[0]:
            spans = []
            for k in kids[:MAX_ITEMS]:
                lo, hi = k.clean_span
                m = ORDINAL.search(doc.clean, lo, hi)
                a = m.end() if m else lo
                spans.append((a, a + len(_PHRASE_END.split(doc.clean[a:hi], maxsplit=1)[0])))
            best = (score, parent, doc, spans)
    return best


def _ordinal_run(clause_id: str) -> str | None:
    """Which run of 一是…二是… of its parent a clause is in (the outline marks a second run
    of one part 一是~2, 二是~2…), or None for a clause of no such run."""
    last = clause_id.rsplit("/", 1)[-1]
    mark, _, run = last.partition("~")
    return run if ORDINAL.fullmatch(mark) else None


def _lead_in(clean: str, start: int) -> str:
    """The words that introduce an 一是…二是… run, up to its first item (今后五年的发展目标：)."""
    head = clean[max(0, start - 60):start]
    return re.split(r"[。！？\n]", head)[-1]


def ordinals(ctx: QueryContext, terms: tuple[str, ...]) -> tuple[float, Answer] | None:
    """一是…二是…三是…: the first phrase of each, in a clause the search ranked."""
    q, state, cfg = ctx.question, ctx.state, ctx.config
    best = None
    for h in ctx.hits:
        c = h.clause
        doc = state.document(c.doc_id)
        lo, hi = c.clean_span
        text = doc.clean[lo:hi]
        marks = list(ORDINAL.finditer(text))
        if len(marks) < 2 or marks[0].group(1) != "一":
            continue
        title = normalized(doc.source.title or doc.source.label).lower()
        score = cfg.score_list_items * coverage(list(terms), normalized(text).lower(), state.weights) \
            + cfg.score_list_path * coverage(list(terms), title + " " + normalized(c.path_text).lower(), state.weights)
        if best is None or score > best[0]:
            best = (score, c, doc, [(lo + m.start(), lo + m.end() + len(_PHRASE_END.split(text[m.end():], maxsplit=1)[0]))
                                    for m in marks[:MAX_ITEMS]])
    best = _ordinal_clauses(ctx, terms, best)
    if best is None or best[0] < cfg.score_min_list:
        return None
    score, c, doc, spans = best
    # the clause and its run, whose lead-in may close the run before it (…发展目标：一是…)
    if unmatched_text(ctx, terms, normalized(c.path_text + doc.clean[c.clean_span[0]:max(c.clean_span[1], spans[-1][1])]
                                             + _lead_in(doc.clean, spans[0][0])).lower()):
        return None
    items = "；".join(doc.clean[a:b] for a, b in spans)
    text = f"{state.place(doc)}{subject_of(c, state.clause)}：{items}。"
    cits = tuple(cite(doc, c, a, b) for a, b in spans)
    return score, Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits, type="list",
                         extra={"items": len(spans)})
