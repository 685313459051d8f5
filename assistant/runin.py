"""Run-in headings: paragraphs of one clause that open with a short sentence naming their
point (基本原则: “坚持问题导向。从…”, “坚持市场驱动。遵循…”; a report's “大力提振消费。研究
制定…”). The outline makes no clause of them, yet they are the items of their clause when a
question names that clause (基本原则有哪几条, 京津冀协同发展那部分抓哪几件事)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, in_script, strip_marker
from assistant.figures import normalized
from assistant.match import coverage
from assistant.scoring import unmatched_text

if TYPE_CHECKING:
    from assistant.context import QueryContext
    from index.records import Clause, ParsedDocument

MIN_HEADS = 2
MAX_HEADS = 12
# a paragraph's opening sentence, short and without a pause, a figure or a marker of the
# outline (一、 （一） 1. 一是), followed by the paragraph's body
_HEAD = re.compile(r"([^\s，,。；;：:！？!?、\d（(〔【][^，,。；;：:！？!?\n\d]{2,22})。(?=[^\n]{8,})")
# words that ask for a part's points, not what the part is about (那部分讲了哪几个方面,
# 重点任务分成哪六个方面)
KIND_WORDS = frozenset({"部分", "方面", "内容", "件事", "几点", "几块", "板块", "分成", "分为", "包含"})
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{1,16})[”\"」』]")
_MARKER = re.compile(r"[一二三四五六七八九十]+[、是]|第[一二三四五六七八九十百]+[章节条]")


def run_in_heads(doc: ParsedDocument, clause: Clause) -> list[tuple[int, int]]:
    """The spans (in ``doc.clean``) of the run-in headings of ``clause``'s own text: each
    the opening sentence (without its 。) of a paragraph after the clause's first line.
    Empty unless there are at least two."""
    lo, hi = clause.clean_span
    text = doc.clean[lo:hi]
    spans = []
    at = text.find("\n")
    while 0 <= at < len(text):
        start = at + 1
        m = _HEAD.match(text, start)
        if m and not _MARKER.match(m.group(1)):
            spans.append((lo + m.start(1), lo + m.end(1)))
        at = text.find("\n", start)
    return spans if len(spans) >= MIN_HEADS else []


def named_run_in(ctx: QueryContext, terms: tuple[str, ...]) -> tuple[Clause, list[tuple[int, int]]] | None:
    """The clause with run-in headings whose own heading holds most of what the question
    asks beyond the document's title (the rest may be in its path or its body), the best
    covered first; of as many headings as the question asks for (哪两招) when it says."""
    from assistant.answerers.listing import asked_count

    q, state = ctx.question, ctx.state
    terms = tuple(t for t in terms if t not in KIND_WORDS)
    count = asked_count(q.norm)
    asked = asked_which(q.norm)
    quoted = quoted_names(q.norm)
    best, best_score = None, 0.0
    for d in ctx.scope or q.docs:
        doc = state.document(d)
        title = normalized(doc.source.title or doc.source.label).lower()
        own = [t for t in terms if t not in title]
        if not own:
            continue
        for c in doc.clauses:
            if c.level < 1:
                continue
            head = normalized(strip_marker(c.heading)).lower()
            score = coverage(own, head, state.weights)  # the heading itself names it
            if score < ctx.config.score_min_run_in \
                    or _shared_run(q.norm, head) < min(ctx.config.run_in_min_chars, len(head)):
                continue
            spans = run_in_heads(doc, c)
            if not spans:
                continue
            # the words the question quotes (“六个攻坚战”) are the heading's; others may be its body's
            context = f"{title} {normalized(c.path_text).lower()}"
            if any(x not in context for x in quoted) \
                    or unmatched_text(ctx, terms, f"{context} {normalized(c.text).lower()}"):
                continue
            if asked is not None and asked != len(spans):
                continue  # “六个严防”是哪六个: three run-in headings are not the six asked
            score += ctx.config.score_list_count if count == len(spans) else 0.0
            if score > best_score:
                best, best_score = (c, spans), score
    return best


def asked_which(norm: str) -> int | None:
    """The count a question asks for with 哪 (哪六个, 哪两招), not one inside a name it quotes
    (“六个攻坚战”取得了哪些成效)."""
    m = re.search(r"哪([一二三四五六七八九十两]+|\d+)", norm)
    if not m:
        return None
    from index.figures import cn_value

    value = cn_value(m.group(1).replace("两", "二")) if not m.group(1).isdigit() else int(m.group(1))
    return int(value) if value else None


def _shared_run(a: str, b: str) -> int:
    """The length of the longest run of characters ``a`` and ``b`` share (社会保险 and
    金融和保险业: 2; 工业与建筑业部分 and 工业与建筑业: 6)."""
    from difflib import SequenceMatcher

    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size


def run_in_answer(ctx: QueryContext, clause: Clause, spans: list[tuple[int, int]], kind: str = "list") -> Answer:
    """The run-in headings of ``clause`` as the items of a list, each cited."""
    q, state = ctx.question, ctx.state
    doc = state.document(clause.doc_id)
    heads = [doc.clean[a:b] for a, b in spans[:MAX_HEADS]]
    text = f"{state.place(doc)}“{strip_marker(clause.heading).rstrip('。')}”包括：{'；'.join(heads)}。"
    cits = tuple(cite(doc, clause, a, b, highlight=(h,)) for (a, b), h in zip(spans, heads, strict=False))
    return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits,
                  type=kind, extra={"items": len(heads)})


def quoted_names(norm: str) -> list[str]:
    """The names a question quotes (“六个攻坚战”), normalised."""
    return [normalized(x).lower() for x in _QUOTED.findall(norm)]


def quotes_absent(ctx: QueryContext) -> bool:
    """The question quotes a name (“七个攻坚战”) that no document in scope writes."""
    quoted = quoted_names(ctx.question.norm)
    views = ctx.state.in_scope(ctx.scope or ctx.question.docs) if quoted else []
    return any(all(x not in v.text for v in views) for x in quoted)
