"""The corpus stage: policy documents as published plus their metadata (sources.yaml)."""

from corpus.sources import CORPUS_DIR, Source, load_sources

__all__ = ["CORPUS_DIR", "Source", "load_sources"]
