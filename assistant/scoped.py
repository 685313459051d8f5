"""Question words fitted to the documents a question is scoped to.

The question lexicon learns terms from every document, so a word one document uses
(营商环境建设) can swallow the words another uses (营商环境 + 建设): a question scoped to
that other document would then look for a word it never uses, and its answer would depend
on what else is in the index. A term none of the scoped documents uses is cut into the
longest pieces they do use, when it can be cut so whole.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from index.clean import normalize

MIN_PIECE = 2
_texts: dict[str, tuple[Any, str]] = {}
_lock = threading.Lock()


def _text(state: Any, doc_id: str) -> str:
    """A document's normalised text, made once per document object."""
    doc = state.document(doc_id)
    cached = _texts.get(doc_id)
    if cached is not None and cached[0] is doc:
        return cached[1]
    text = normalize(doc.clean).lower()
    with _lock:
        _texts[doc_id] = (doc, text)
    return text


def _pieces(term: str, used: Any) -> list[str] | None:
    """``term`` cut into pieces of at least MIN_PIECE characters that ``used`` accepts,
    longest first from the left; None when it cannot be cut so."""
    if used(term):
        return [term]
    for end in range(len(term) - MIN_PIECE, MIN_PIECE - 1, -1):
        head = term[:end]
        if used(head):
            rest = _pieces(term[end:], used)
            if rest is not None:
                return [head, *rest]
    return None


def fit_terms(state: Any, terms: Sequence[str], scope: Sequence[str]) -> list[str]:
    """``terms`` with each one the scoped documents never use cut into pieces they use
    (kept whole when it cannot be); unchanged without a scope."""
    if not scope:
        return list(terms)
    texts = [_text(state, d) for d in scope]

    def used(word: str) -> bool:
        return any(word in t for t in texts)

    out: list[str] = []
    for term in terms:
        pieces = _pieces(term, used) if len(term) >= 2 * MIN_PIECE else None
        out += [p for p in (pieces or [term]) if p not in out]
    return out
