"""The one seam between the index and everything that answers from it.

The assistant and the app reach an index only through ``IndexBackend``. ``SearchIndex``
(FAISS + our BM25, in memory) implements it; a Milvus backend implements it beside it.
Look-ups are by id so that a backend may serve parsed documents on demand instead of
holding every document in memory.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from index.config import Config

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

