"""The one seam between the index and everything that answers from it.

The assistant and the app reach an index only through ``IndexBackend``. ``SearchIndex``
(FAISS + our BM25, in memory) implements it; a Milvus backend implements it beside it.
Look-ups are by id so that a backend may serve parsed documents on demand instead of
holding every document in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from index.config import Config

if TYPE_CHECKING:
    from corpus.sources import Source
    from index.hybrid import FactHit, Hit
    from index.lexical import Lexicon
    from index.records import Clause, ParsedDocument


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

