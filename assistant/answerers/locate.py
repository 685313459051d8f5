"""Where a document says something: X是哪条任务里的 / 哪项工作提到了X / X规定在第几条.

The answer names the clause (its heading path: the task, the article) that mentions the
thing asked about, quoting the sentence, for each clause that mentions it (the first
``MAX_PLACES``, in document order). The thing is read from the question's own words: a
name the dictionary does not know (中创新航) is matched as written; otherwise every
content word of it must be in the clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, cn_count, in_script
from assistant.figures import normalized
from assistant.match import term_hit
from assistant.shapes import LOCATE

if TYPE_CHECKING:
    from assistant.context import QueryContext
    from index.records import Clause, ParsedDocument

MAX_PLACES = 3  # clauses named in one answer
LONG_HEADING = 24  # a heading longer than this (a clause's first sentence) is cut in the path
# words around the thing asked about that are not part of it
_KIND = r"(?:报告|方案|意见|通知|条例|办法|文件|计划|公报|细则|措施|政策)(?:里|中|上)?"
_EDGE = re.compile(rf"^(?:那么?|了|请问|关于|有关|其中|这份|该|{_KIND})+"
                   rf"|(?:的|呢|吗|是|在|这项|这个|这一|有关|相关|的内容|内容|的规定|规定|的要求|要求|的事|一事|{_KIND})+$")
_PUNCT = re.compile(r"[？?。！!，,、；;：:“”\"'‘’《》\s]+")


@dataclass(frozen=True)
class _Place:
    doc: ParsedDocument
    clause: Clause
    start: int  # where the thing is said, in the clean text
    end: int


class LocateAnswerer:
    name = "locate"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q = ctx.question
        m = LOCATE.search(q.norm)
        if m is None:
            return None
        places: list[_Place] = []
        for thing in _things(q.norm, m, q.cues):
            places = _literal(ctx, thing)
            if places:
                break
        else:
            thing, places = _by_words(ctx)
        if not places:
            return None
        shown = places[:MAX_PLACES]
        where = "；".join(f"{ctx.state.place(p.doc)}“{_path(p.clause)}”" for p in shown)
        more = f"（共{cn_count(len(places))}处，列出前{cn_count(MAX_PLACES)}处）" if len(places) > MAX_PLACES else ""
        subject = f"“{thing}”" if thing else "所问内容"
        text = f"{subject}见于{where}{more}。"
        cits = tuple(cite(p.doc, p.clause, p.start, p.end) for p in shown)
        return Answer(question=q.text, answer=in_script(text, q.script), found=True,
                      citations=cits, type="locate")


def _things(norm: str, m: re.Match[str], cues: tuple[str, ...]) -> list[str]:
    """The phrases around the locating words that may name the thing, longest first."""
    rest = norm[: m.start()] + "，" + norm[m.end():]
    for c in sorted(cues, key=len, reverse=True):
        rest = rest.replace(c, "，")
    out = []
    for piece in _PUNCT.split(rest):
        piece = _EDGE.sub("", _EDGE.sub("", piece))
        if len(piece) >= 2:
            out.append(piece)
    return sorted(out, key=len, reverse=True)


def _scope_docs(ctx: QueryContext) -> list[str]:
    return list(ctx.scope or ctx.state.doc_ids)


def _literal(ctx: QueryContext, thing: str) -> list[_Place]:
    """Every clause in scope whose text holds ``thing`` as written (normalised)."""
    places = []
    for doc_id in _scope_docs(ctx):
        if thing not in ctx.state.view(doc_id).text:
            continue
        doc = ctx.state.document(doc_id)
        for c in doc.clauses:
            lo, hi = c.clean_span
            i = normalized(doc.clean[lo:hi]).lower().find(thing)
            if i >= 0:
                places.append(_Place(doc, c, lo + i, lo + i + len(thing)))
    return places


def _by_words(ctx: QueryContext) -> tuple[str, list[_Place]]:
    """The ranked clauses whose text holds every content word the question names."""
    terms = [t for t in ctx.content_terms(None) if not re.fullmatch(r"规定|内容|要求|任务|措施|条款", t)]
    if not terms:
        return "", []
    places, seen = [], set()
    for h in ctx.hits:
        c = h.clause
        if c.id in seen:
            continue
        seen.add(c.id)
        doc = ctx.state.document(c.doc_id)
        lo, hi = c.clean_span
        text = normalized(doc.clean[lo:hi]).lower()
        if all(term_hit(t, text) >= 1.0 for t in terms):
            i = min((text.find(t) for t in terms if t in text), default=0)
            places.append(_Place(doc, c, lo + i, lo + i + 1))
    return "、".join(terms), places[:MAX_PLACES]


def _path(clause: Clause) -> str:
    """A clause's heading path, long headings (a clause's first sentence) cut short."""
    parts = [h if len(h) <= LONG_HEADING else h[:LONG_HEADING] + "…" for h in clause.path]
    return " › ".join(parts) or clause.heading
