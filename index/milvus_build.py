"""Build the index in Milvus from the corpus, or open it and build it when there is none.

    python -m index.milvus_build [--replace]     # build (the corpus, as index.build parses it)
    python -m index.milvus_build --status        # what the collections hold

The Milvus server is ``milvus_uri`` (``config.yaml`` or ``POLICYQA_MILVUS_URI``); the
collections are ``<milvus_collection>_clauses``, ``_facts`` and ``_store``.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from typing import Any

from index import milvus_store as ms
from index.config import Config
from index.errors import IndexMismatchError, IndexNotBuiltError
from index.lexical import Lexicon, corpus_terms
from index.milvus_backend import MilvusBackend
from index.milvus_rows import now
from index.records import ParsedDocument
from index.texts import term_sources


def corpus_hash(config: Config) -> str:
    """sha256 over the corpus folder's ``sources.yaml`` and every file it lists: what a
    build reads from the corpus. User documents are left out: they change only through
    the backend (add, replace, remove), each change committed in the manifest."""
    from corpus.sources import load_sources
    from index.store import sha256_file

    corpus_dir = config.path("corpus_dir")
    listing = corpus_dir / "sources.yaml"
    paths = [listing, *(corpus_dir / s.file for s in load_sources(listing))] \
        if listing.is_file() else []
    h = hashlib.sha256()
    for path in paths:
        digest = sha256_file(path) if path.is_file() else "missing"
        h.update(f"{path.name}\0{digest}\0".encode())
    return h.hexdigest()


def check_corpus(config: Config, manifest: dict[str, Any]) -> None:
    """Refuse an index built from another state of the corpus folder.

    Raises:
        IndexMismatchError: the corpus files or ``sources.yaml`` changed since the build.
    """
    if manifest.get("corpus") != corpus_hash(config):
        raise IndexMismatchError(
            f"Milvus {config.milvus_uri} 的集合 {config.milvus_collection}_* 建立之后，语料目录 "
            f"{config.path('corpus_dir')} 的文件或 sources.yaml 已经改变，索引与语料不一致，"
            f"不能用来回答。{ms.rebuild_hint(config)}")


def build_milvus(config: Config, docs: Sequence[ParsedDocument] | None = None, *,
                 encoder: Any = None, replace: bool = False, progress: bool = False,
                 client: Any = None) -> MilvusBackend:
    """Build the index of ``docs`` (default: the corpus, parsed by ``index.build``) in Milvus.

    The lexicon and every token are made as ``index.build`` makes them, so BM25 sees the
    same tokens as the local backend. Vectors come from the local vector cache when it has
    them.

    Args:
        replace: drop this program's existing collections of that name first (stale ones
            included); without it an existing index is an error.

    Raises:
        IndexMismatchError: collections of that name exist and are not this program's
            (they are never dropped).
        ValueError: an index exists and ``replace`` is False.
    """
    from index.build import BIGRAMS, parse_corpus
    from index.dense import VectorCache
    from index.encoders import make_encoder

    encoder = encoder if encoder is not None else make_encoder(config)
    client = client if client is not None else ms.connect(config)
    try:
        ms.read_manifest(client, config, None)
        exists = True
    except IndexNotBuiltError:
        exists = False
    except IndexMismatchError:
        if not ms.ours(client, config):
            raise  # someone else's collections are never dropped
        exists = True  # ours, of another format version: stale
    if exists and not replace:
        raise ValueError(f"Milvus 中已有索引 {config.milvus_collection}_*；要重建请用 --replace。")
    ms.drop_collections(client, config)
    docs = list(docs) if docs is not None else parse_corpus(config, progress)
    lexicon = Lexicon.from_corpus(corpus_terms(term_sources(docs)), bigrams=BIGRAMS)
    ms.create_collections(client, config, encoder.dim)
    manifest = {"kind": ms.KIND, "format_version": ms.FORMAT_VERSION, "built_at": now(),
                "encoder": {"id": encoder.id, "dim": encoder.dim}, "bigrams": BIGRAMS,
                "bm25": ms.BM25_PARAMS, "next_seq": 0, "corpus": corpus_hash(config)}
    backend = MilvusBackend(config=config, client=client, manifest=manifest, lexicon=lexicon,
                            docs={}, encoder=encoder)
    backend.write(docs, lexicon, progress, VectorCache.load(config.path("index_dir")).get)
    backend.save_state(lexicon)  # the manifest last: an index without one is refused
    return backend


def open_or_build(config: Config, encoder: Any = None, progress: bool = False) -> MilvusBackend:
    """The index in Milvus, built from the corpus first when there is none (one line on
    stderr), and what a killed change left put right. A foreign or stale one (another
    format, encoder, or state of the corpus folder: ``check_corpus``) is refused
    (``IndexMismatchError``), never dropped."""
    from index.milvus_collection import settle_pending

    try:
        backend = MilvusBackend.open(config, encoder=encoder)
    except IndexNotBuiltError:
        print(f"正在建立 Milvus 索引：{config.milvus_uri}", file=sys.stderr)
        return build_milvus(config, encoder=encoder, progress=progress)
    check_corpus(config, backend.manifest)
    settle_pending(config, backend)  # a change killed half-way: its documents put right
    return backend


def main(argv: list[str] | None = None) -> int:
    import argparse

    import index  # noqa: F401  (offline environment)
    from index.errors import PolicyQAError

    parser = argparse.ArgumentParser(prog="python -m index.milvus_build", description=__doc__)
    parser.add_argument("--replace", action="store_true", help="rebuild an existing index")
    parser.add_argument("--status", action="store_true", help="open the index and describe it")
    args = parser.parse_args(argv)
    config = Config.load().replace(backend="milvus")
    try:
        if args.status:
            b = MilvusBackend.open(config)
        else:
            b = build_milvus(config, replace=args.replace, progress=True)
    except (PolicyQAError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Milvus {config.milvus_uri} {config.milvus_collection}_*: {len(b.doc_ids())} 篇文档，"
          f"编码器 {b.manifest['encoder']['id']}，格式 {b.manifest['format_version']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
