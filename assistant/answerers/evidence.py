"""The sentences of the clauses the search ranked, scored by how well they cover the
question: the evidence the time, fact and yes/no answerers quote."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.compose import cite, in_script, subject_of
from assistant.figures import normalized
from assistant.match import coverage
from assistant.scoring import unmatched_text

if TYPE_CHECKING:
    from assistant.answer import Citation
    from assistant.context import QueryContext
    from index.records import Clause, ParsedDocument

_ENDS = "。；;！!？?\n"
# how a sentence is weighed: its own words, its heading path's, the search rank of its clause
W_SENTENCE, W_PATH, W_RANK = 0.6, 0.3, 0.15
MAX_CLAUSES = 12  # the ranked clauses whose sentences are read


@dataclass(frozen=True)
class Sentence:
    """One sentence of a clause: clean-text span, its text and the normalised forms."""

    doc: ParsedDocument
    clause: Clause
    start: int
    end: int
    text: str  # as written
    norm: str  # normalised, lower case
    path: str  # the document's title and the clause's heading path, normalised, lower case
    score: float = 0.0

    @property
    def where(self) -> str:
        """How an answer names where it is from: the document's place and the subject."""
        place = self.doc.source.place or self.doc.source.label
        subject = subject_of(self.clause, lambda cid: next(
            (c for c in self.doc.clauses if c.id == cid), None))
        return subject if subject.startswith(place) else place + subject  # not 滕州市滕州市…

    def citation(self, highlight: tuple[str, ...] = ()) -> Citation:
        return cite(self.doc, self.clause, self.start, self.end, highlight=highlight, sentence=False)


def clause_sentences(doc: ParsedDocument, clause: Clause) -> Iterator[Sentence]:
    """The sentences of a clause's own text (heading included), in order."""
    lo, hi = clause.clean_span
    # words that name the document (its title) tell where to look: the sentence need not repeat them
    path = normalized(" ".join((doc.source.title or doc.source.label, *clause.path))).lower()
    start = lo
    for i in range(lo, hi + 1):
        if i == hi or doc.clean[i] in _ENDS:
            s, e = start, i + (1 if i < hi and doc.clean[i] in "。" else 0)
            text = doc.clean[s:e].strip()
            if len(text.strip("。；; ")) >= 2:
                s += len(doc.clean[s:e]) - len(doc.clean[s:e].lstrip())
                yield Sentence(doc, clause, s, s + len(text), text, normalized(text).lower(), path)
            start = i + 1


def ranked_sentences(ctx: QueryContext, terms: Sequence[str] | None = None,
                     clauses: Sequence[Clause] | None = None) -> list[Sentence]:
    """The sentences of the ranked clauses (or of ``clauses``), best covering ``terms``
    (the question's terms by default) first."""
    from dataclasses import replace

    state, weights = ctx.state, ctx.state.weights
    terms = list(ctx.terms if terms is None else terms)
    if clauses is None:
        seen: dict[str, Clause] = {}
        for h in ctx.hits:
            seen.setdefault(h.clause.id, h.clause)
        clauses = list(seen.values())[:MAX_CLAUSES]
    out = []
    for c in clauses:
        doc = state.document(c.doc_id)
        r = ctx.rank.get(c.id)
        bonus = W_RANK / (1 + r) if r is not None else 0.0
        for s in clause_sentences(doc, c):
            score = W_SENTENCE * coverage(terms, s.norm, weights) \
                + W_PATH * coverage(terms, s.path + " " + s.norm, weights) + bonus
            out.append(replace(s, score=score))
    out.sort(key=lambda s: -s.score)
    return out


def holds(ctx: QueryContext, s: Sentence, terms: Sequence[str] | None = None, limit: float | None = None) -> bool:
    """Whether the sentence (with its document title and heading path) holds what the
    question names: the terms it lacks weigh at most ``limit`` of all (default
    ``score_unmatched_share``)."""
    terms = list(ctx.terms if terms is None else terms)
    text = s.path + " " + s.norm
    return bool(terms) and not unmatched_text(ctx, terms, text, limit=limit) \
        and not any(other_numbered(t, text) for t in terms if t not in text)


_NUMERAL = set("一二三四五六七八九十两0123456789")


def other_numbered(term: str, text: str) -> bool:
    """The text names a sibling of the term that differs only in its number (二级 asked,
    三级 written): another subject, not this one."""
    n = len(term)
    if n < 2 or not any(ch in _NUMERAL for ch in term):
        return False
    for i in range(len(text) - n + 1):
        window = text[i:i + n]
        diff = [(a, b) for a, b in zip(term, window, strict=True) if a != b]
        if len(diff) == 1 and diff[0][0] in _NUMERAL and diff[0][1] in _NUMERAL:
            return True
    return False


def say(ctx: QueryContext, text: str) -> str:
    """``text`` in the asker's script."""
    return in_script(text, ctx.question.script)


def named_heading(ctx: QueryContext, terms: Sequence[str] | None = None) -> Clause | None:
    """The heading with sub-clauses the question names (攻坚措施, 新兴产业那部分), in the
    documents in scope: one written whole in the question first, else one holding every
    term; the higher in the outline and the earlier, the better."""
    from assistant.compose import strip_marker
    from assistant.match import term_hit

    q, state = ctx.question, ctx.state
    terms = [t for t in (ctx.terms if terms is None else terms) if len(t) >= 2]
    whole, every = [], []
    for d in ctx.scope or q.docs:
        doc = state.document(d)
        title = normalized(doc.source.title or doc.source.label).lower()
        for c in doc.clauses:
            if c.level < 1 or not state.children(c):
                continue
            head = normalized(strip_marker(c.heading)).lower().rstrip("。.；;")
            context = f"{title} {normalized(c.path_text).lower()}"
            if len(head) >= 2 and head in q.norm and head not in title \
                    and not unmatched_text(ctx, terms, context):  # 大数据局负责哪些攻坚措施: not the outline
                whole.append(c)
            elif terms and all(term_hit(t, head) >= 0.99 for t in terms):
                every.append(c)
    found = whole or every
    return min(found, key=lambda c: c.level) if found else None
