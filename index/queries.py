"""How a backend turns a question into what it searches with: BM25 terms with the index's
lexicon and a query vector. Shared by the local index and the Milvus backend."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index.config import Config
    from index.lexical import Lexicon


class QueryEncoding:
    """A question as both backends search it: BM25 terms with the index's lexicon, and a
    query vector (cached; the encoder loads on first use). A backend sets ``config``,
    ``lexicon`` and ``_encoder`` (None to make it from ``config``) and calls
    ``_cache_queries`` once."""

    config: Config
    lexicon: Lexicon
    _encoder: Any

    def _cache_queries(self) -> None:
        import functools

        self.encode_query = functools.lru_cache(maxsize=2048)(self._encode_query)

    @property
    def encoder(self) -> Any:
        if self._encoder is None:
            from index.encoders import make_encoder

            self._encoder = make_encoder(self.config)
        return self._encoder

    def tokenize(self, text: str) -> list[str]:
        """BM25 terms of any text (normalised first) with this index's lexicon."""
        from index.clean import normalize

        return self.lexicon.tokenize(normalize(text))

    def _encode_query(self, text: str) -> Any:
        from index.clean import normalize

        v = self.encoder.encode([normalize(text)])[0]
        v.setflags(write=False)
        return v
