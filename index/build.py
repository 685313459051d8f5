"""Build the search index from the corpus, add user documents, load or rebuild on demand.

A build parses every document, embeds only clauses the vector cache has not seen, builds
FAISS and BM25, writes everything into a temporary sibling directory and renames it into
place; the previous index stays until the new one is complete. A file lock beside the
index directory keeps two builds (CLI, web upload) from racing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import os
import re
import shutil
import sys
import time
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from corpus.sources import Source, load_sources, save_sources
from index import dense, store
from index.config import Config
from index.errors import DocumentError, IndexCorruptError, IndexNotBuiltError
from index.records import ParsedDocument

# Character bigrams on top of jieba words: BM25 R@5 0.898 -> 0.908 on eval/qa.jsonl
# (docs/encoders.md).
BIGRAMS = True
EMBED_BATCH = 64


@contextlib.contextmanager
def build_lock(config: Config) -> Iterator[None]:
    """An exclusive lock on ``.<index_dir>.lock`` beside the index directory."""
    index_dir = config.path("index_dir")
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = index_dir.parent / f".{index_dir.name}.lock"
    with open(lock_path, "a+") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def embed_text(clause: Any) -> str:
    from index.clean import normalize
    from index.hybrid import clause_text

    return normalize(clause_text(clause))


def _bar(iterable: Any, progress: bool, **kw: Any) -> Any:
    if not progress:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, file=sys.stderr, leave=False, **kw)


def parse_corpus(config: Config, progress: bool = False) -> list[ParsedDocument]:
    from index.ingest import parse_file

    docs = []
    for source, path in _bar(store.corpus_documents(config), progress, desc="解析文档",
                             unit="篇"):
        if not path.exists():
            raise FileNotFoundError(f"语料文件不存在：{path}（{source.doc_id}）")
        docs.append(parse_file(path, source))
    return docs


def _embed(texts: list[str], encoder: Any, cache: dense.VectorCache, progress: bool
           ) -> tuple[np.ndarray, int]:
    keys = [dense.text_key(encoder.id, t) for t in texts]
    missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in cache))
    batches = [missing[i:i + EMBED_BATCH] for i in range(0, len(missing), EMBED_BATCH)]
    bar = _bar(None, progress and bool(missing), total=len(missing), desc="编码条款", unit="条")
    for batch in batches:
        vecs = encoder.encode(batch)
        for t, v in zip(batch, vecs, strict=True):
            cache.put(dense.text_key(encoder.id, t), v)
        if bar is not None:
            bar.update(len(batch))
    if bar is not None:
        bar.close()
    dim = encoder.dim
    matrix = np.stack([cache.get(k) for k in keys]) if keys else np.zeros((0, dim), np.float32)
    return matrix.astype(np.float32, copy=False), len(missing)


def _write(directory: Path, docs: list[ParsedDocument], encoder: Any, config: Config,
           progress: bool) -> dict[str, Any]:
    """Everything of the index into ``directory`` (which exists and is empty)."""
    import faiss

    from index.clean import normalize
    from index.hybrid import duty_text, figure_text
    from index.lexical import BM25Index, Lexicon, corpus_terms

    t0 = time.perf_counter()
    clauses = [c for d in docs for c in d.clauses]
    by_id = {c.id: c for c in clauses}
    texts = [embed_text(c) for c in clauses]
    term_sources = [normalize(p) for c in clauses for p in c.path]
    for d in docs:
        term_sources += [normalize(u) for r in d.duties for u in r.units]
        term_sources += [normalize(f.measure) for f in d.figures]
        term_sources.append(normalize(d.clean))  # quoted “…” terms
    lexicon = Lexicon.from_corpus(corpus_terms(term_sources), bigrams=BIGRAMS)
    bm25 = BM25Index.build([lexicon.tokenize(t) for t in texts])
    fact_texts = [figure_text(f, by_id.get(f.clause_id)) for d in docs for f in d.figures]
    fact_texts += [duty_text(r, by_id.get(r.clause_id)) for d in docs for r in d.duties]
    facts = BM25Index.build([lexicon.tokenize(normalize(t)) for t in fact_texts])

    cache = dense.VectorCache.load(config.path("index_dir"))
    vectors, n_new = _embed(texts, encoder, cache, progress)
    dense.set_threads(config.n_threads)
    faiss_index = dense.build_faiss(vectors, hnsw_threshold=config.hnsw_threshold)

    store.write_json(directory / "documents.json", [d.to_dict() for d in docs])
    store.write_json(directory / "lexicon.json", lexicon.to_dict())
    bm25.save(directory / "bm25")
    facts.save(directory / "facts")
    faiss.write_index(faiss_index, str(directory / "clauses.faiss"))
    cache.subset([dense.text_key(encoder.id, t) for t in texts]).save(directory)
    counts = {"documents": len(docs), "clauses": len(clauses),
              "figures": sum(len(d.figures) for d in docs),
              "duties": sum(len(d.duties) for d in docs),
              "embedded": n_new, "cached": len(set(texts)) - n_new}
    manifest = {
        "format_version": store.FORMAT_VERSION,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "build_seconds": round(time.perf_counter() - t0, 3),
        "documents": [d.source.doc_id for d in docs],
        "corpus": store.corpus_fingerprint(config),
        "code": store.code_fingerprint(),
        "encoder": {"id": encoder.id, "dim": int(vectors.shape[1]) if len(vectors) else encoder.dim},
        "index_type": store.index_type(len(clauses), config),
        "hnsw_threshold": config.hnsw_threshold,
        "bigrams": BIGRAMS,
        "libraries": store.library_versions(),
        "counts": counts,
    }
    return store.seal(directory, manifest)


def _swap_into_place(tmp: Path, index_dir: Path) -> None:
    previous = store.backup_dir(index_dir)
    if previous.exists():
        shutil.rmtree(previous)
    if index_dir.exists():
        os.replace(index_dir, previous)
    os.replace(tmp, index_dir)
    shutil.rmtree(previous, ignore_errors=True)


def _build_locked(config: Config, progress: bool, encoder: Any = None,
                  docs: list[ParsedDocument] | None = None) -> dict[str, Any]:
    from index.encoders import make_encoder

    t0 = time.perf_counter()
    encoder = encoder if encoder is not None else make_encoder(config)
    docs = docs if docs is not None else parse_corpus(config, progress)
    index_dir = config.path("index_dir")
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = index_dir.with_name(f".{index_dir.name}.building-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        manifest = _write(tmp, docs, encoder, config, progress)
        _swap_into_place(tmp, index_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    c = manifest["counts"]
    if progress:
        print(f"索引已建立：{c['documents']} 篇文档，{c['clauses']} 条款，{c['figures']} 个数字，"
              f"{c['duties']} 组责任单位；新编码 {c['embedded']} 条，缓存 {c['cached']} 条；"
              f"编码器 {encoder.id}；用时 {time.perf_counter() - t0:.1f} 秒 → {index_dir}")
    return manifest


def build_index(config: Config, if_stale: bool = False, progress: bool = True,
                encoder: Any = None) -> dict[str, Any] | None:
    """Build (or rebuild) the index of the corpus and the user documents.

    Args:
        config: settings (corpus_dir, user_dir, index_dir, encoder, threads, hnsw_threshold).
        if_stale: do nothing when the saved index matches the corpus and settings.
        progress: tqdm bars for parsing and embedding, and the summary on stdout.
        encoder: an encoder object to use instead of ``make_encoder(config)``.

    Returns:
        The new manifest, or None when ``if_stale`` found nothing to do.
    """
    with build_lock(config):
        if if_stale:
            reason = store.is_stale(config)
            if reason is None:
                try:
                    store.verify(config.path("index_dir"), store.read_manifest(config))
                    if progress:
                        print(f"索引已是最新：{config.path('index_dir')}")
                    return None
                except (IndexCorruptError, IndexNotBuiltError):
                    pass
        return _build_locked(config, progress, encoder)


def load_or_build(config: Config, progress: bool = False, encoder: Any = None) -> Any:
    """The saved index, rebuilt first (one line on stderr) when missing, stale or corrupt.

    Returns:
        A ``SearchIndex``; a corrupt store is never served.
    """
    reason = store.is_stale(config)
    if reason is None:
        try:
            return store.load_index(config, encoder=encoder)
        except (IndexCorruptError, IndexNotBuiltError) as exc:
            reason = f"索引无法使用（{exc}）"
    print(f"正在重建索引：{reason}", file=sys.stderr)
    with build_lock(config):
        # Another process may have rebuilt it while this one waited for the lock.
        if store.is_stale(config) is not None or not _intact(config):
            _build_locked(config, progress, encoder)
    return store.load_index(config, encoder=encoder)


def _intact(config: Config) -> bool:
    try:
        store.verify(config.path("index_dir"), store.read_manifest(config))
        return True
    except (IndexCorruptError, IndexNotBuiltError):
        return False


# ---------- user documents ----------

_UNSAFE = re.compile(r"[^\w.\-]+")


def safe_file_name(name: str, taken: set[str]) -> str:
    """A file name with no path parts, no leading dots, only word characters, ``.`` and ``-``,
    unique among ``taken``."""
    base = unicodedata.normalize("NFKC", Path(name.replace("\\", "/")).name)
    stem, suffix = os.path.splitext(base)
    stem = _UNSAFE.sub("_", stem).strip("._-")[:80] or "document"
    suffix = _UNSAFE.sub("", suffix.lower())[:10]
    candidate, n = stem + suffix, 2
    while candidate in taken or candidate.startswith("."):
        candidate, n = f"{stem}-{n}{suffix}", n + 1
    return candidate


def _unique_doc_id(doc_id: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9-]+", "-", doc_id.lower()).strip("-")[:56] or "user-doc"
    if not base[0].isalnum():
        base = "doc-" + base
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _validate(path: Path, config: Config, known: dict[str, str]) -> tuple[ParsedDocument, str]:
    """Read and parse one candidate document; DocumentError when it cannot be accepted."""
    from index.ingest import parse_file

    if not path.is_file():
        raise DocumentError(f"文件不存在：{path}")
    size = path.stat().st_size
    if size == 0:
        raise DocumentError(f"文件为空：{path.name}")
    if size > config.max_upload_mb * 1024 * 1024:
        raise DocumentError(
            f"文件过大：{path.name}（{size / 1024 / 1024:.1f} MB，上限 {config.max_upload_mb:g} MB）")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest in known:
        raise DocumentError(f"该文件已在语料中：{known[digest]}")
    try:
        doc = parse_file(path, None)
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(f"无法读取文件 {path.name}：{exc}") from exc
    # Punctuation or symbols alone ("。。。") parse into a clause but hold nothing to search.
    if not re.search(r"\w", doc.clean) or not doc.clauses:
        raise DocumentError(f"文件中没有可检索的文字：{path.name}")
    return doc, digest


def add_documents(config: Config, paths: Sequence[str | Path], progress: bool = True,
                  encoder: Any = None) -> list[Source]:
    """Add documents to the user corpus and rebuild the index (embedding only their clauses).

    Each file is read and parsed first; it is refused (DocumentError) when empty, corrupt,
    unsupported, larger than ``max_upload_mb`` or already in the corpus. Accepted files are
    copied into ``user_dir`` under a safe unique name and listed in its ``sources.yaml``.
    On any failure the corpus and the index stay exactly as they were.

    Returns:
        The new documents' sources.
    """
    user_dir = config.path("user_dir")
    with build_lock(config):
        existing = store.corpus_documents(config)
        known = {store.sha256_file(p): s.label for s, p in existing if p.exists()}
        user_sources = load_sources(user_dir / "sources.yaml")
        if len(user_sources) + len(paths) > config.max_user_docs:
            raise DocumentError(
                f"用户文档已达上限 {config.max_user_docs} 篇（max_user_docs），无法再添加。")
        taken_ids = {s.doc_id for s, _ in existing}
        taken_files = {p.name for p in user_dir.iterdir()} if user_dir.exists() else set()
        accepted: list[tuple[Path, Source]] = []
        for raw_path in paths:
            path = Path(raw_path)
            doc, digest = _validate(path, config, known)
            name = safe_file_name(path.name, taken_files | {"sources.yaml"})
            doc_id = _unique_doc_id(doc.source.doc_id, taken_ids)
            source = dataclasses.replace(doc.source, doc_id=doc_id, file=name)
            known[digest] = source.label
            taken_ids.add(doc_id)
            taken_files.add(name)
            accepted.append((path, source))

        yaml_path = user_dir / "sources.yaml"
        old_yaml = yaml_path.read_bytes() if yaml_path.exists() else None
        user_dir.mkdir(parents=True, exist_ok=True)
        copied: list[Path] = []
        try:
            for path, source in accepted:
                dest = user_dir / source.file
                shutil.copyfile(path, dest)
                copied.append(dest)
            save_sources(user_sources + [s for _, s in accepted], yaml_path)
            _build_locked(config, progress, encoder)
        except BaseException:
            for dest in copied:
                dest.unlink(missing_ok=True)
            if old_yaml is None:
                yaml_path.unlink(missing_ok=True)
            else:
                tmp = yaml_path.with_suffix(".yaml.restore")
                tmp.write_bytes(old_yaml)
                tmp.replace(yaml_path)
            raise
    return [s for _, s in accepted]
