"""有哪些: the sub-headings of a heading the question names, or the enumeration
(A、B、C等…) that best matches the question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.evidence import named_heading
from assistant.compose import cite, in_script, strip_marker, subject_of
from assistant.figures import COUNTING, normalized
from assistant.groups import subjects_of
from assistant.match import coverage
from assistant.scoring import unmatched_text
from index.records import Clause

if TYPE_CHECKING:
    from assistant.context import QueryContext

MAX_ITEMS = 12


class ListAnswerer:
    name = "list"

    def answer(self, ctx: QueryContext) -> Answer | None:
        terms = tuple(t for t in ctx.terms if not COUNTING.fullmatch(t))
        subjects = subjects_of(ctx)
        if len(subjects) == 1 and len(ctx.state.children(subjects[0])) >= 2:
            return _sub_headings(ctx, subjects[0])
        named = named_heading(ctx, terms)
        if named is not None and len(ctx.state.children(named)) >= 2:
            return _sub_headings(ctx, named)
        return _enumeration(ctx, terms)


def _sub_headings(ctx: QueryContext, clause: Clause) -> Answer:
    q, state = ctx.question, ctx.state
    kids = [k for k in state.children(clause) if state.children(k)] or state.children(clause)
    doc = state.document(clause.doc_id)
    items = "；".join(strip_marker(k.heading).rstrip("。") for k in kids[:MAX_ITEMS])
    text = f"{state.place(doc)}“{strip_marker(clause.heading).rstrip('。')}”包括：{items}。"
    cits = tuple(cite(doc, k, k.clean_span[0], min(k.clean_span[1], k.clean_span[0] + 1)) for k in kids[:MAX_ITEMS])
    return Answer(question=q.text, answer=in_script(text, q.script), found=True,
                  citations=cits, type="list")


def _enumeration(ctx: QueryContext, terms: tuple[str, ...]) -> Answer | None:
    q, state, cfg = ctx.question, ctx.state, ctx.config
    best, best_score = None, 0.0
    titles: dict[str, str] = {}
    for en in (en for v in state.in_scope(ctx.scope) for en in v.enums):
        # words naming the document (its title) count as the enumeration's context
        title = titles.setdefault(en.doc.source.doc_id, normalized(en.doc.source.title or en.doc.source.label).lower())
        score = cfg.score_list_items * coverage(terms, en.text, state.weights) \
            + cfg.score_list_path * coverage(terms, title + " " + en.path, state.weights)
        if score > best_score:
            best, best_score = en, score
    if best is None or best_score < cfg.score_min_list or unmatched_text(ctx, terms, best.text + best.path + titles[best.doc.source.doc_id]):
        return None
    subject = subject_of(best.clause, state.clause)
    text = f"{state.place(best.doc)}{subject}：{best.doc.clean[best.start:best.end]}。"
    cit = cite(best.doc, best.clause, best.start, best.end)
    return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=(cit,), type="list")
