"""What is indexed for each record: the text embedded and tokenised for a clause, a figure
or a 责任单位 list, and the texts the lexicon learns its corpus terms from.

Every backend (``index.hybrid.SearchIndex``, ``index.milvus_backend.MilvusBackend``) indexes
these same texts, so their BM25 tokens and vectors agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from index.clean import normalize
from index.records import Clause, Figure, ParsedDocument, Responsibility


def clause_text(clause: Clause) -> str:
    """What is embedded and indexed for a clause (before normalisation): its heading path,
    then its text; the industry or task often sits only in the heading."""
    return f"{clause.path_text}：{clause.text}"


def figure_text(fig: Figure, clause: Clause | None) -> str:
    path = clause.path_text if clause else ""
    return " ".join(x for x in (fig.measure, path, fig.time or "", fig.text) if x)


def duty_text(duty: Responsibility, clause: Clause | None) -> str:
    path = clause.path_text if clause else ""
    return " ".join(x for x in (duty.task, path, " ".join(duty.units)) if x)


def embed_text(clause: Clause) -> str:
    """A clause's indexed text, normalised: what is embedded and tokenised."""
    return normalize(clause_text(clause))


def fact_texts(figures: Sequence[Figure], duties: Sequence[Responsibility],
               by_id: dict[str, Any]) -> list[str]:
    """What the facts index holds for each figure, then each 责任单位 record (normalised)."""
    texts = [figure_text(f, by_id.get(f.clause_id)) for f in figures]
    texts += [duty_text(r, by_id.get(r.clause_id)) for r in duties]
    return [normalize(t) for t in texts]


def term_sources(docs: Sequence[ParsedDocument]) -> list[str]:
    """Where the lexicon's corpus terms come from: headings, units, measures, quotes."""
    out = [normalize(p) for d in docs for c in d.clauses for p in c.path]
    for d in docs:
        out += [normalize(u) for r in d.duties for u in r.units]
        out += [normalize(f.measure) for f in d.figures]
        out.append(normalize(d.clean))  # quoted “…” terms
    return out
