"""Saying the documents do not hold the answer: what is really absent from them (words no
document in scope uses; else the year or place asked that the closest figure is not of),
the clauses offered as related reading; asking back when a question leans on a conversation
there is none of; a polite refusal in English."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, in_script
from assistant.match import term_hit
from assistant.scoring import said_elsewhere, score_figures
from assistant.siblings import miscounted, miscounted_in
from assistant.terms import as_asked, as_typed

if TYPE_CHECKING:
    from assistant.context import QueryContext
    from index.hybrid import Hit

RELATED = 3  # clauses offered as related reading

ASK_BACK = "这个问题没有说明问的是什么（“它”“这个”指哪个地方、文件或指标？）。请把问题问完整，例如写出地方、文件和指标的名称。"
IN_ENGLISH = ("Sorry, I could not find this in the documents. The documents are in Chinese: "
              "please try asking in Chinese, naming the place, the document and the indicator.")


def missing(ctx: QueryContext) -> list[str]:
    """What the documents in scope lack, in the user's words: the question's content words
    no document in scope uses; else the year (or place) asked joined to what was asked,
    when the closest figure is of another year (or place); else nothing (the words are
    all there, no clause answers the question as asked)."""
    q = ctx.question
    # a figure a yes/no question quotes (超过3万亿元吗) is what it compares with, not a word to find
    quoted = set(q.numbers) if q.intent == "yesno" else set()
    terms = [t for t in ctx.content_terms(None) if not any(p in t for p in ctx.places) and t not in quoted]
    texts = [v.text for v in ctx.state.in_scope(ctx.scope)]
    absent = [t for t in terms if not any(term_hit(t, text) >= 0.5 for text in texts)]
    if absent:
        return absent
    subject = "、".join(terms[:3])
    scored = score_figures(ctx.but(question=replace(q, years=()), hist_terms=(), places=()))
    if scored:
        fi = scored[0].item
        sibling = miscounted(q.norm, fi.ctx) or miscounted_in(q.norm, ctx.state.view(fi.doc.source.doc_id).text)
        if sibling:  # 4级 asked, the closest figure is of 1级 or 3级
            rest = "、".join([t for t in terms if sibling not in t][:3])
            return [f"{sibling}的{rest}" if rest else sibling]
        if ctx.places and said_elsewhere(ctx, fi):
            return [f"{ctx.places[0]}的{subject}"]
        if q.years and not any(y in fi.years for y in q.years):
            return ["、".join(f"{y}年" for y in q.years) + (f"的{subject}" if subject else "")]
    elif ctx.places:
        return [f"{ctx.places[0]}的{subject}"]
    return []


def refuse(ctx: QueryContext, terms: Sequence[str], hits: Sequence[Hit]) -> Answer:
    """A refusal naming ``terms`` as what was not found, with the first hits as related reading."""
    q = ctx.question
    related = []
    for h in hits[:RELATED]:
        doc = ctx.state.document(h.clause.doc_id)
        c = h.clause
        related.append(cite(doc, c, c.clean_span[0], min(c.clean_span[1], c.clean_span[0] + 1)))
    texts = [v.text for v in ctx.state.in_scope(ctx.scope)] if terms else []
    what = "、".join(as_typed(as_asked(t, q.norm, ctx.state.tokenize, texts), q.text) for t in terms[:4])
    subject = f"关于“{what}”的" if what else "能回答这个问题的"
    text = f"文件中没有找到{subject}内容。" + ("以下条款可能相关，供参考。" if related else "")
    return Answer(question=q.text, answer=in_script(text, q.script), found=False,
                  related=tuple(related), type="unanswerable")


def ask_back(ctx: QueryContext) -> Answer:
    """The question names no subject and there is no conversation to take it from."""
    q = ctx.question
    return Answer(question=q.text, answer=in_script(ASK_BACK, q.script), found=False, type="clarify")


def in_english(ctx: QueryContext) -> Answer:
    """A question in English whose words the documents do not use: a polite refusal in
    English that suggests asking in Chinese (never its words listed as missing)."""
    return Answer(question=ctx.question.text, answer=IN_ENGLISH, found=False, type="unanswerable")
