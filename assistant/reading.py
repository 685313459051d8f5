"""What warming up needs of each document, kept with the index so that a warm-up reads
stored summaries instead of documents.

A document's reading summary holds the normalised heading path and text of each of its
clauses (term weights count over them; a scope's weights over their sentences) and its
headings with sub-clauses with the words that name them (``views.heading_words``). It is
made from the document the first time one is read (an addition, or the first warm-up of an
index that has none) and stored through ``index.backend.store_readings``. Each carries the
stamp of the document's ``Source`` and of the code that makes it: one of another version of
the document, or made by other code, is made again, so answers do not depend on whether a
summary was stored or made.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from typing import Any

from assistant.views import heading_words
from corpus.sources import Source
from index.backend import IndexBackend, store_readings, stored_readings
from index.clean import normalize
from index.config import ROOT
from index.records import Clause, ParsedDocument

# The code a summary comes from: a change to any of these makes stored summaries stale.
CODE_FILES = ("assistant/reading.py", "assistant/views.py", "assistant/match.py",
              "assistant/compose.py", "index/clean.py", "index/lexical.py", "index/records.py")


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """sha256 over the code that makes a summary and jieba's version (its dictionary
    splits the headings)."""
    h = hashlib.sha256()
    for name in CODE_FILES:
        h.update(name.encode() + b"\0" + (ROOT / name).read_bytes() + b"\0")
    with contextlib.suppress(metadata.PackageNotFoundError):
        h.update(metadata.version("jieba").encode())
    return h.hexdigest()[:32]


def source_stamp(source: Source) -> str:
    """A short hash of a document's metadata (a replacement is a new version)."""
    text = json.dumps(source.to_dict(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Reading:
    """One document as warming up reads it.

    Attributes:
        doc_id: the document.
        paths: each clause's normalised heading path, in document order.
        texts: each clause's normalised text, in the same order.
        heads: each heading with sub-clauses, with the words that name it
            (``views.heading_words``).
    """

    doc_id: str
    paths: tuple[str, ...]
    texts: tuple[str, ...]
    heads: tuple[tuple[Clause, tuple[str, ...]], ...]

    def weighed(self) -> list[str]:
        """What term weights over every clause count: each clause's path and text."""
        return [f"{p} {t}".lower() for p, t in zip(self.paths, self.texts, strict=True)]

    def units(self) -> list[str]:
        """What a scope's term weights count over: each sentence of a clause with its
        heading path (a short document has too few clauses to weigh words by)."""
        return [u for p, t in zip(self.paths, self.texts, strict=True) for u in _units(p, t)]

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "paths": list(self.paths), "texts": list(self.texts),
                "heads": [[c.to_dict(), list(ws)] for c, ws in self.heads]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Reading:
        paths, texts = tuple(d["paths"]), tuple(d["texts"])
        if len(paths) != len(texts):
            raise ValueError("a reading summary's paths and texts differ in number")
        return cls(str(d["doc_id"]), paths, texts,
                   tuple((Clause.from_dict(c), tuple(ws)) for c, ws in d["heads"]))


def read(doc: ParsedDocument, children: dict[str, list[Clause]], plain: Any) -> Reading:
    """A document's summary.

    Args:
        doc: the document.
        children: its sub-clauses by clause id.
        plain: a Lexicon with jieba's own dictionary (``Lexicon.full()``).
    """
    paths = tuple(normalize(c.path_text) for c in doc.clauses)
    texts = tuple(normalize(c.text) for c in doc.clauses)
    own = [(c, (p + t).lower()) for c, p, t in zip(doc.clauses, paths, texts, strict=True)]
    heads = tuple(heading_words(own, children, plain))
    return Reading(doc.source.doc_id, paths, texts, heads)


def readings(idx: IndexBackend, doc_ids: Sequence[str], sources: Mapping[str, Source],
             children_of: Callable[[ParsedDocument], dict[str, list[Clause]]],
             ) -> dict[str, Reading]:
    """The summaries of ``doc_ids``, in that order: stored ones where they are current,
    the others made from their documents (read one at a time) and stored.

    Args:
        idx: the index (it stores the summaries and serves the documents).
        doc_ids: the documents.
        sources: each document's ``Source`` (its stamp).
        children_of: a document's sub-clauses by clause id.
    """
    every = len(doc_ids) == len(idx.doc_ids())
    stored = stored_readings(idx, None if every else doc_ids) if doc_ids else {}
    code = code_stamp()
    out: dict[str, Reading] = {}
    for d in doc_ids:
        info, data = stored.get(d, ({}, {}))
        if info.get("code") == code and info.get("source") == source_stamp(sources[d]):
            with contextlib.suppress(KeyError, TypeError, ValueError):  # else made again below
                out[d] = Reading.from_dict(data)
    missing = [d for d in doc_ids if d not in out]
    if missing:
        from index.lexical import Lexicon

        plain = Lexicon.full()  # jieba's own dictionary: split headings into everyday words
        made = {}
        for d in missing:
            doc = idx.document(d)
            out[d] = read(doc, children_of(doc), plain)
            made[d] = ({"code": code, "source": source_stamp(sources[d])}, out[d].to_dict())
        store_readings(idx, made)
    return {d: out[d] for d in doc_ids}


def _units(path: str, text: str) -> list[str]:
    parts = [p for p in re.split(r"(?<=[。；;！？!?\n])", text) if p.strip()] or [text]
    return [f"{path} {p}".lower() for p in parts]
