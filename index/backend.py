"""The one seam between the index and everything that answers from it.

The assistant and the app reach an index only through ``IndexBackend``. ``SearchIndex``
(FAISS + our BM25, in memory) implements it; a Milvus backend implements it beside it.
Look-ups are by id so that a backend may serve parsed documents on demand instead of
holding every document in memory.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from index.config import Config
from index.layout import MANIFEST
from index.store import read_readings, write_readings

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from corpus.sources import Source
    from index.hybrid import FactHit, Hit
    from index.lexical import Lexicon
    from index.records import Clause, ParsedDocument


@dataclasses.dataclass(frozen=True)
class DocSummary:
    """What listing and the question catalogue need of a document without reading it:
    its counts and the unit names of its 责任单位 lists."""

    clauses: int
    figures: int
    duties: int
    units: tuple[str, ...]

    @classmethod
    def of(cls, doc: ParsedDocument) -> DocSummary:
        units = tuple(dict.fromkeys(u for d in doc.duties for u in d.units))
        return cls(len(doc.clauses), len(doc.figures), len(doc.duties), units)

    def to_dict(self) -> dict[str, Any]:
        return {"clauses": self.clauses, "figures": self.figures, "duties": self.duties,
                "units": list(self.units)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocSummary:
        return cls(int(d["clauses"]), int(d["figures"]), int(d["duties"]),
                   tuple(str(u) for u in d["units"]))


def doc_summaries(idx: IndexBackend, doc_ids: Sequence[str] | None = None
                  ) -> dict[str, DocSummary]:
    """Each document's summary, by doc_id (default: every document, in index order).

    A backend that serves documents on demand keeps them (``summaries``), so this reads
    no document; an in-memory index counts its documents.
    """
    ids = idx.doc_ids() if doc_ids is None else list(doc_ids)
    own = getattr(idx, "summaries", None)
    if own is not None:
        known = own()
        return {d: known[d] for d in ids}
    return {d: DocSummary.of(idx.document(d)) for d in ids}


Readings = dict[str, tuple[dict[str, Any], dict[str, Any]]]


def stored_readings(idx: IndexBackend, doc_ids: Sequence[str] | None = None) -> Readings:
    """The reading summaries stored with the index of ``doc_ids`` (None: every document;
    an addition asks for its own alone), by doc_id, each (info, data): what the
    answering stage derived from a document (``assistant.reading``), kept so that warming
    up reads no document. Opaque here; a document's is deleted with it (Milvus) or with the
    index folder a change replaces (local). Empty when there are none, when the index is
    not the one saved in ``index_dir`` (an index built in memory) or they cannot be read:
    the caller makes them from the documents again.
    """
    try:
        own = getattr(idx, "stored_readings", None)
        if own is not None:
            return own(doc_ids)
        folder = _saved_folder(idx)
        return {} if folder is None else read_readings(folder)
    except Exception as exc:  # a cache: never a reason not to answer
        log.warning("stored reading summaries not read: %s: %s", type(exc).__name__, exc)
        return {}


def store_readings(idx: IndexBackend, items: Readings) -> None:
    """Store reading summaries with the index (see ``stored_readings``); a failure is
    logged, not raised."""
    if not items:
        return
    try:
        own = getattr(idx, "store_readings", None)
        if own is not None:
            own(items)
            return
        folder = _saved_folder(idx)
        if folder is not None:
            write_readings(folder, items)
    except Exception as exc:
        log.warning("reading summaries not stored: %s: %s", type(exc).__name__, exc)


def _saved_folder(idx: IndexBackend) -> Path | None:
    """``index_dir`` when the in-memory index ``idx`` is the one saved there (same
    manifest), else None."""
    manifest = getattr(idx, "manifest", None)
    folder = idx.config.path("index_dir")
    if not manifest or not manifest.get("checksums"):
        return None
    try:
        saved = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return folder if isinstance(saved, dict) and saved.get("checksums") == manifest["checksums"] else None


@runtime_checkable
class IndexBackend(Protocol):
    """What answering needs from an index.

    ``doc_ids`` restricts a search to those documents (None: all); an unknown id is a
    ``ValueError``. ``sources`` lists the documents' metadata in index order.
    """

    config: Config
    lexicon: Lexicon

    @property
    def sources(self) -> Sequence[Source]: ...

    def doc_ids(self) -> list[str]: ...

    def document(self, doc_id: str) -> ParsedDocument: ...

    def clause(self, clause_id: str) -> Clause | None: ...

    def search(self, query: str, k: int = 5, doc_ids: Sequence[str] | None = None) -> list[Hit]: ...

    def search_facts(self, query: str, k: int = 10,
                     doc_ids: Sequence[str] | None = None) -> list[FactHit]: ...

    def encode_query(self, text: str) -> Any: ...


def open_backend(config: Config, encoder: Any = None, progress: bool = False) -> IndexBackend:
    """The index ``config.backend`` names, built first when there is none.

    ``local``: the saved FAISS + BM25 index (``index.build.load_or_build``: rebuilt when
    missing, stale or corrupt). ``milvus``: the collections at ``milvus_uri``
    (``index.milvus_build.open_or_build``: built from the corpus when missing; a foreign
    or stale one is refused with ``IndexMismatchError``).
    """
    if config.backend == "milvus":
        from index.milvus_build import open_or_build

        return open_or_build(config, encoder=encoder, progress=progress)
    from index.build import load_or_build

    return load_or_build(config, progress=progress, encoder=encoder)

