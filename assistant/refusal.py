"""Saying the documents do not hold the answer: what the closest figure's context lacks,
and the clauses offered as related reading."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, in_script
from assistant.match import missing_terms
from assistant.scoring import score_figures

if TYPE_CHECKING:
    from assistant.context import QueryContext
    from index.hybrid import Hit

RELATED = 3  # clauses offered as related reading


def missing(ctx: QueryContext) -> list[str]:
    """The question's terms the closest figure's context lacks (what the text doesn't say)."""
    q, terms = ctx.question, list(ctx.terms)
    scored = score_figures(ctx.but(question=replace(q, years=()), hist_terms=()))
    if not scored:
        return terms
    fi = scored[0].item
    miss = missing_terms(terms, fi.ctx + " " + fi.seg)
    if q.years and not any(y in fi.years for y in q.years):
        miss = [f"{y}年" for y in q.years] + miss
    return miss or terms


def refuse(ctx: QueryContext, terms: Sequence[str], hits: Sequence[Hit]) -> Answer:
    """A refusal naming ``terms`` as what was not found, with the first hits as related reading."""
    q = ctx.question
    related = []
    for h in hits[:RELATED]:
        doc = ctx.state.document(h.clause.doc_id)
        c = h.clause
        related.append(cite(doc, c, c.clean_span[0], min(c.clean_span[1], c.clean_span[0] + 1)))
    what = "、".join(terms[:4])
    subject = f"关于“{what}”的" if what else "能回答这个问题的"
    text = f"文件中没有找到{subject}内容。" + ("以下条款可能相关，供参考。" if related else "")
    return Answer(question=q.text, answer=in_script(text, q.script), found=False,
                  related=tuple(related), type="unanswerable")
