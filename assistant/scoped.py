"""Question words fitted to the documents a question is scoped to.

The question lexicon learns terms from every document, so a word one document uses
(营商环境建设) can swallow the words another uses (营商环境 + 建设): a question scoped to
that other document would then look for a word it never uses, and its answer would depend
on what else is in the index. A term none of the scoped documents uses is cut into the
longest pieces they do use, when it can be cut so whole, else as jieba's everyday
dictionary cuts it; so is a word only other documents taught the lexicon. A word they never
use that names no thing is left out.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any

from assistant.match import term_hit
from assistant.terms import everyday_pieces, is_thing
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
    """``terms`` as the scoped documents would have taught the lexicon to cut them: a
    word only other documents taught it, or one the scoped documents never use, cut into
    pieces they use or else everyday words; a word they never use that names no thing
    left out. Unchanged without a scope."""
    if not scope:
        return list(terms)
    texts = [_text(state, d) for d in scope]

    def used(word: str) -> bool:
        return any(word in t for t in texts)

    out: list[str] = []
    for word in terms:
        # a word only other documents taught the lexicon (新能源汽车) is read as jieba's
        # everyday dictionary cuts it (新能源, 汽车), as if they were not in the index
        for term in _everyday(word) if state.learnt_elsewhere(word, scope) else [word]:
            pieces = _pieces(term, used) if len(term) >= 2 * MIN_PIECE else None
            if pieces is None:  # cut as the everyday dictionary cuts it (养老床位: 养老, 床位)
                pieces = [term] if used(term) else _everyday(term)
            for p in pieces:
                # a word they never use that names no thing (包括, 做到) only dilutes
                if p not in out and (used(p) or is_thing(p) or re.search(r"\d", p)
                                     or any(term_hit(p, t) >= 0.5 for t in texts)):  # 规上: 规模以上
                    out.append(p)
    return out


def _everyday(word: str) -> list[str]:
    """``word`` cut by jieba's everyday dictionary, pieces of MIN_PIECE characters or more
    (``[word]`` when none is); characters it leaves single side by side are one piece (规上
    of 规上工业: a short form, not two stray characters)."""
    pieces: list[str] = []
    for p in everyday_pieces(word):
        if len(p) == 1 and pieces and pieces[-1].startswith("\0"):
            pieces[-1] += p
        else:
            pieces.append("\0" + p if len(p) == 1 else p)
    return [p.lstrip("\0") for p in pieces if len(p.lstrip("\0")) >= MIN_PIECE] or [word]
