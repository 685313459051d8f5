"""Build the search index from the corpus, add user documents, load or rebuild on demand.

A build parses every document, embeds only clauses the vector cache has not seen, builds
FAISS and BM25, writes everything into a temporary sibling directory and renames it into
place; the previous index stays until the new one is complete. A file lock beside the
index directory keeps two builds (CLI, web upload) from racing. Adding documents is one
transaction (``index.journal``): files, ``sources.yaml`` and index land together or not at all.
"""

from __future__ import annotations

import contextlib
import dataclasses
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
from index import dense, journal, store
from index.config import Config
from index.errors import DocumentError, IndexCorruptError, IndexNotBuiltError
from index.hybrid import SearchIndex
from index.journal import build_lock
from index.records import ParsedDocument
from index.texts import embed_text, fact_texts, term_sources

# Character bigrams on top of jieba words: BM25 R@5 0.898 -> 0.908 on eval/qa.jsonl
# (docs/encoders.md).
BIGRAMS = True
EMBED_BATCH = 64


def _bar(iterable: Any, progress: bool, **kw: Any) -> Any:
    if not progress:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, file=sys.stderr, leave=False, **kw)


class _Phases:
    """Seconds spent in each named phase of a build, for the manifest's ``phases``."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        t = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t

    def rounded(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in self.seconds.items()}


def parse_corpus(config: Config, progress: bool = False) -> list[ParsedDocument]:
    from index.ingest import parse_file

    docs = []
    for source, path in _bar(store.corpus_documents(config), progress, desc="解析文档",
                             unit="篇"):
        if not path.exists():
            raise FileNotFoundError(f"语料文件不存在：{path}（{source.doc_id}）")
        docs.append(parse_file(path, source, config=config))
    return docs


def _embed(texts: list[str], encoder: Any, known: Any, progress: bool) -> tuple[np.ndarray, int]:
    """Vectors of ``texts``, one row each: ``known(key)`` where it has one (the vector cache,
    or a row of the index being extended), the encoder for the rest, each distinct text once.

    Returns:
        (the matrix, how many texts were encoded).
    """
    keys = [dense.text_key(encoder.id, t) for t in texts]
    found = {k: v for k in dict.fromkeys(keys) if (v := known(k)) is not None}
    missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found))
    bar = _bar(None, progress and bool(missing), total=len(missing), desc="编码条款", unit="条")
    for i in range(0, len(missing), EMBED_BATCH):
        batch = missing[i:i + EMBED_BATCH]
        found.update(zip((dense.text_key(encoder.id, t) for t in batch), encoder.encode(batch),
                         strict=True))
        if bar is not None:
            bar.update(len(batch))
    if bar is not None:
        bar.close()
    if not keys:
        return np.zeros((0, encoder.dim), np.float32), 0
    return np.ascontiguousarray(np.stack([found[k] for k in keys]), dtype=np.float32), len(missing)


def _manifest(doc_ids: list[str], config: Config, encoder: Any, dim: int,
              counts: dict[str, int], phases: _Phases, **extra: Any) -> dict[str, Any]:
    return {
        "format_version": store.FORMAT_VERSION,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "build_seconds": round(sum(phases.seconds.values()), 3),
        "phases": phases.rounded(),
        "documents": doc_ids,
        "corpus": store.corpus_fingerprint(config),
        "code": store.code_fingerprint(),
        "encoder": {"id": encoder.id, "dim": dim},
        "index_type": store.index_type(counts["clauses"], config),
        "hnsw_threshold": config.hnsw_threshold,
        "bigrams": BIGRAMS,
        "libraries": store.library_versions(),
        "counts": counts,
        **extra,
    }


def _write(directory: Path, docs: list[ParsedDocument], encoder: Any, config: Config,
           progress: bool, phases: _Phases, **extra: Any) -> dict[str, Any]:
    """Everything of the index into ``directory`` (which exists and is empty); ``extra``
    goes into the manifest."""
    import faiss

    from index.lexical import BM25Index, Lexicon, corpus_terms

    clauses = [c for d in docs for c in d.clauses]
    by_id = {c.id: c for c in clauses}
    texts = [embed_text(c) for c in clauses]
    with phases("lexicon"):
        lexicon = Lexicon.from_corpus(corpus_terms(term_sources(docs)), bigrams=BIGRAMS)
    with phases("tokenize"):  # each text's tokens become ids as they come
        clause_ids = BM25Index.encode(lexicon.tokenize(t) for t in texts)
        fact_ids = BM25Index.encode(lexicon.tokenize(t) for t in fact_texts(
            [f for d in docs for f in d.figures], [r for d in docs for r in d.duties], by_id))
    with phases("bm25"):
        bm25 = BM25Index.from_rows(*clause_ids)
        facts = BM25Index.from_rows(*fact_ids)
        del clause_ids, fact_ids
    with phases("embed"):
        cache = dense.VectorCache.load(config.path("index_dir"))
        vectors, n_new = _embed(texts, encoder, cache.get, progress)
    with phases("faiss"):
        dense.set_threads(config.n_threads)
        faiss_index = dense.build_faiss(vectors, hnsw_threshold=config.hnsw_threshold)
    with phases("write"):
        store.write_documents(directory, docs)
        store.write_json(directory / "lexicon.json", lexicon.to_dict())
        journal.crash_point("index-half-written")
        bm25.save(directory / "bm25")
        facts.save(directory / "facts")
        faiss.write_index(faiss_index, str(directory / "clauses.faiss"))
        dense.save_keys(directory, [dense.text_key(encoder.id, t) for t in texts])
    counts = {"documents": len(docs), "clauses": len(clauses),
              "figures": sum(len(d.figures) for d in docs),
              "duties": sum(len(d.duties) for d in docs),
              "embedded": n_new, "cached": len(set(texts)) - n_new}
    dim = int(vectors.shape[1]) if len(vectors) else encoder.dim
    ids = [d.source.doc_id for d in docs]
    return store.seal(directory, _manifest(ids, config, encoder, dim, counts, phases, **extra))


def _retokenize(index: Any, terms: list[str], text_of: Any, lexicon: Any) -> dict[int, list[str]]:
    """Rows of ``index`` whose text holds one of ``terms`` (words the lexicon just learnt,
    which change how that text is segmented), tokenised again with ``lexicon``.

    Candidates are the rows holding all of a term's character bigrams; the text decides.
    """
    rows: set[int] = set()
    for term in terms:
        grams = ["#" + term[i:i + 2] for i in range(len(term) - 1)]
        if lexicon.bigrams and grams:
            cand = index.containing(grams[0])
            for g in grams[1:]:
                cand = np.intersect1d(cand, index.containing(g), assume_unique=True)
        else:
            cand = np.arange(index.n_docs)
        rows.update(int(i) for i in cand if int(i) not in rows and term in text_of(int(i)))
    return {i: lexicon.tokenize(text_of(i)) for i in sorted(rows)}


def _append(directory: Path, base: Any, new_docs: list[ParsedDocument], encoder: Any,
            config: Config, phases: _Phases, **extra: Any) -> tuple[dict[str, Any], Any]:
    """The saved index ``base`` with ``new_docs`` appended, written into ``directory``
    (``extra`` goes into the manifest).

    Only the new documents are parsed, tokenised and embedded. The lexicon learns their
    terms; older clauses and facts holding one of those terms are tokenised again, so BM25
    sees the text as a full build would. BM25 statistics are recomputed from the stored
    token ids; the FAISS index gets the new rows added (HNSW inserts them into its graph).

    Returns:
        (the sealed manifest, the new ``SearchIndex``).
    """
    import faiss

    from index.lexical import Lexicon, corpus_terms

    old_dir = config.path("index_dir")
    clauses = [c for d in new_docs for c in d.clauses]
    by_id = {**base.clause_by_id, **{c.id: c for c in clauses}}
    texts = [embed_text(c) for c in clauses]
    figures = [f for d in new_docs for f in d.figures]
    duties = [r for d in new_docs for r in d.duties]
    with phases("lexicon"):
        lexicon, learnt = base.lexicon.extended(corpus_terms(term_sources(new_docs)))
    with phases("tokenize"):
        clause_tokens = [lexicon.tokenize(t) for t in texts]
        fig_tokens = [lexicon.tokenize(t) for t in fact_texts(figures, [], by_id)]
        duty_tokens = [lexicon.tokenize(t) for t in fact_texts([], duties, by_id)]
        nf = len(base.figures)

        def old_fact(i: int) -> str:
            recs = ([base.figures[i]], []) if i < nf else ([], [base.duties[i - nf]])
            return fact_texts(*recs, by_id)[0]

        redo_clauses = _retokenize(base.bm25, learnt, lambda i: embed_text(base.clauses[i]),
                                   lexicon)
        redo_facts = _retokenize(base.facts, learnt, old_fact, lexicon)
    with phases("bm25"):
        bm25 = base.bm25.extended([(base.bm25.n_docs, clause_tokens)], redo_clauses)
        # Facts are every figure, then every 责任单位 record.
        facts = base.facts.extended([(nf, fig_tokens), (base.facts.n_docs, duty_tokens)],
                                    redo_facts)
    with phases("embed"):
        keys = dense.load_keys(old_dir)
        if len(keys) != base.vectors.ntotal:
            raise IndexCorruptError(
                f"索引文件已损坏：{old_dir / dense.KEYS_FILE}。请运行 `python -m index build`。")
        row_of = {k: i for i, k in enumerate(keys)}
        vectors, n_new = _embed(texts, encoder, lambda k: base.vectors.reconstruct(row_of[k])
                                if k in row_of else None, progress=False)
    with phases("faiss"):
        dense.set_threads(config.n_threads)
        n_total = base.vectors.ntotal + len(vectors)
        if store.index_type(n_total, config) == store.index_type(base.vectors.ntotal, config):
            faiss_index = faiss.clone_index(base.vectors)
            if len(vectors):
                faiss_index.add(vectors)
        else:  # crossing hnsw_threshold: build the other kind over every vector
            everything = np.vstack([base.vectors.reconstruct_n(0, base.vectors.ntotal), vectors])
            faiss_index = dense.build_faiss(everything, hnsw_threshold=config.hnsw_threshold)
    with phases("write"):
        store.append_documents(old_dir, base.manifest, directory, new_docs)
        saved_lexicon = lexicon.to_dict()
        store.write_json(directory / "lexicon.json", saved_lexicon)
        journal.crash_point("index-half-written")
        bm25.save(directory / "bm25")
        facts.save(directory / "facts")
        faiss.write_index(faiss_index, str(directory / "clauses.faiss"))
        dense.save_keys(directory, keys + [dense.text_key(encoder.id, t) for t in texts])
    old = base.manifest
    counts = {"documents": len(base.documents) + len(new_docs),
              "clauses": len(base.clauses) + len(clauses),
              "figures": len(base.figures) + len(figures),
              "duties": len(base.duties) + len(duties),
              "embedded": n_new, "cached": len(set(texts)) - n_new,
              "retokenized": len(redo_clauses) + len(redo_facts)}
    ids = list(base.documents) + [d.source.doc_id for d in new_docs]
    history = list(old.get("appended", [])) + [{
        "documents": [d.source.doc_id for d in new_docs], "phases": phases.rounded()}]
    manifest = store.seal(directory, _manifest(
        ids, config, encoder, int(old.get("encoder", {}).get("dim", encoder.dim)), counts,
        phases, full_build=old.get("full_build", old.get("built_at")), appended=history,
        **extra))
    documents = {**base.documents, **{d.source.doc_id: d for d in new_docs}}
    index = SearchIndex(config=config, documents=documents,
                        lexicon=Lexicon.from_dict(saved_lexicon), bm25=bm25,
                        vectors=faiss_index, facts=facts, manifest=manifest, encoder=encoder)
    return manifest, index


def _swap_into_place(tmp: Path, index_dir: Path) -> None:
    """Two renames; a crash between them is undone by ``journal.settle``. The second one
    is the commit point of an upload (or of a removal, replacement or restore)."""
    previous = store.backup_dir(index_dir)
    if previous.exists():
        shutil.rmtree(previous)
    if index_dir.exists():
        os.replace(index_dir, previous)
        journal.crash_point("old-moved-aside")
    os.replace(tmp, index_dir)
    journal.sync_dir(index_dir.parent)
    journal.crash_point("swapped")
    shutil.rmtree(previous, ignore_errors=True)
    journal.crash_point("previous-removed")


def _into_place(config: Config, write: Any) -> dict[str, Any]:
    """Run ``write(tmp_dir)`` into a fresh sibling directory and rename it into place; the
    old index stays whole until the new one is complete. The caller holds ``build_lock``."""
    index_dir = config.path("index_dir")
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = journal.building_dir(index_dir, os.getpid())
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    journal.crash_point("building")
    try:
        manifest = write(tmp)
        journal.crash_point("index-sealed")
        _swap_into_place(tmp, index_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return manifest


def _build_locked(config: Config, progress: bool, encoder: Any = None,
                  **extra: Any) -> dict[str, Any]:
    from index.encoders import make_encoder

    phases = _Phases()
    with phases("load_encoder"):
        encoder = encoder if encoder is not None else make_encoder(config)
    with phases("parse"):
        docs = parse_corpus(config, progress)
    manifest = _into_place(config, lambda tmp: _write(tmp, docs, encoder, config, progress,
                                                      phases, **extra))
    if progress:
        c = manifest["counts"]
        print(f"索引已建立：{c['documents']} 篇文档，{c['clauses']} 条款，{c['figures']} 个数字，"
              f"{c['duties']} 组责任单位；新编码 {c['embedded']} 条，缓存 {c['cached']} 条；"
              f"编码器 {encoder.id}；用时 {manifest['build_seconds']:.1f} 秒 → "
              f"{config.path('index_dir')}")
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


def _unique_doc_id(doc_id: str, taken: set[str], digest: str = "") -> str:
    """An id of ASCII letters, digits and ``-``, not in ``taken``. A name with no letters
    (a Chinese file name leaves at most its year: 2025) gets the file's content hash, so
    the id still tells documents apart at a glance (doc-2025-3f9a1c, not 2025)."""
    base = re.sub(r"[^a-z0-9-]+", "-", doc_id.lower()).strip("-")[:56]
    if not re.search(r"[a-z]", base):
        base = "-".join(x for x in ("doc", base, digest[:6]) if x)
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
        doc = parse_file(path, None, config=config)
    except DocumentError:
        raise
    except Exception as exc:  # parse_file says what went wrong in Chinese; this is a last net
        raise DocumentError(f"无法读取文件 {path.name}（{type(exc).__name__}）。") from exc
    # Punctuation or symbols alone ("。。。") parse into a clause but hold nothing to search.
    if not re.search(r"\w", doc.clean) or not doc.clauses:
        raise DocumentError(f"文件中没有可检索的文字：{path.name}")
    return doc, digest


@dataclasses.dataclass(frozen=True)
class Addition:
    """What ``extend_index`` did.

    Attributes:
        sources: the added documents' metadata.
        index: the ``SearchIndex`` that holds them.
        extended: the index ``index`` extends (its other documents are this one's very
            objects): the caller's ``base`` when it was the saved index, else the saved
            index loaded; None after a full build.
    """

    sources: list[Source]
    index: Any
    extended: Any

    @property
    def incremental(self) -> bool:
        return self.extended is not None


def add_documents(config: Config, paths: Sequence[str | Path], progress: bool = True,
                  encoder: Any = None) -> list[Source]:
    """Add documents to the user corpus and update the index (see ``extend_index``).

    Returns:
        The new documents' sources.
    """
    return extend_index(config, paths, progress=progress, encoder=encoder).sources


def extend_index(config: Config, paths: Sequence[str | Path], *, progress: bool = False,
                 encoder: Any = None, base: Any = None) -> Addition:
    """Add documents to the user corpus and to the index.

    Each file is read and parsed first; it is refused (DocumentError) when empty, corrupt,
    unsupported, larger than ``max_upload_mb`` or already in the corpus. Accepted files are
    copied into ``user_dir`` under a safe unique name and listed in its ``sources.yaml``.
    When the saved index is up to date, only the new documents are parsed and embedded and
    the index is extended (``_append``); otherwise the whole index is built again. On any
    failure, or when the process is killed, the corpus and the index stay exactly as they
    were: the upload is journalled and committed by renaming the new index into place
    (``index.journal``).

    Args:
        config: settings.
        paths: the files (.txt .md .docx .pdf .html).
        progress: progress bars and a summary line (full builds only).
        encoder: the encoder to embed with (default ``make_encoder(config)``).
        base: the ``SearchIndex`` the caller holds; used instead of loading the saved index
            when it is the one saved.
    """
    from index.encoders import make_encoder
    from index.ingest import parse_file

    user_dir = config.path("user_dir")
    with build_lock(config):
        phases = _Phases()
        existing = store.corpus_documents(config)
        known = {store.sha256_file(p): s.label for s, p in existing if p.exists()}
        from index.versions import earlier_hashes

        known = {**earlier_hashes(config), **known}
        user_sources = load_sources(user_dir / "sources.yaml")
        if len(user_sources) + len(paths) > config.max_user_docs:
            raise DocumentError(
                f"用户文档已达上限 {config.max_user_docs} 篇（max_user_docs），无法再添加。")
        taken_ids = {s.doc_id for s, _ in existing}
        taken_files = {p.name for p in user_dir.iterdir()} if user_dir.exists() else set()
        accepted: list[tuple[Path, Source]] = []
        parsed: dict[str, ParsedDocument] = {}  # doc_id → the validation's parse, when it kept its id
        added = datetime.now(UTC).isoformat(timespec="seconds")
        with phases("parse"):
            for raw_path in paths:
                path = Path(raw_path)
                doc, digest = _validate(path, config, known)
                name = safe_file_name(path.name, taken_files | {"sources.yaml"})
                doc_id = _unique_doc_id(doc.source.doc_id, taken_ids, digest)
                source = dataclasses.replace(doc.source, doc_id=doc_id, file=name, added=added)
                known[digest] = source.label
                taken_ids.add(doc_id)
                taken_files.add(name)
                accepted.append((path, source))
                if doc_id == doc.source.doc_id:  # its clause ids hold: no second parse
                    parsed[doc_id] = dataclasses.replace(doc, source=source)
        journal.crash_point("validated")
        if encoder is None:
            encoder = base.encoder if base is not None else make_encoder(config)
        if config.backend == "milvus":  # only the new documents' rows are written
            from index import milvus_collection

            current = milvus_collection.current(config, base, encoder)
        else:
            current = _current_index(config, base, encoder)
        journal.crash_point("base-loaded")

        try:
            upload = journal.begin(config, [s.file for _, s in accepted])
            for i, (path, source) in enumerate(accepted, 1):
                journal.store_file(path, user_dir / source.file)
                journal.crash_point(f"copied-{i}")
            save_sources(user_sources + [s for _, s in accepted], user_dir / "sources.yaml")
            journal.crash_point("sources-written")
            if current is None:
                _build_locked(config, progress, encoder, upload=upload)
                journal.finish(config)
                index = store.load_index(config, encoder=encoder)
            else:
                with phases("parse"):  # again for a document given another id than its own
                    docs = [parsed.get(s.doc_id) or parse_file(user_dir / s.file, s, config=config)
                            for _, s in accepted]
                journal.crash_point("parsed")
                found: dict[str, Any] = {"index": current}

                def write(tmp: Path) -> dict[str, Any]:
                    manifest, found["index"] = _append(tmp, current, docs, encoder, config,
                                                       phases, upload=upload)
                    return manifest

                if config.backend == "milvus":
                    milvus_collection.apply(current, upload, add=docs)
                else:
                    _into_place(config, write)
                journal.finish(config)
                index = found["index"]
        except BaseException:
            journal.settle(config)  # what a later start would do after a crash here
            raise
    return Addition([s for _, s in accepted], index, current)


def _current_index(config: Config, base: Any, encoder: Any) -> Any:
    """The index to extend: ``base`` when it is the saved one, else the saved one loaded,
    or None when the saved index is missing, stale or damaged (then a full build)."""
    if store.is_stale(config) is not None:
        return None
    try:
        saved = store.read_manifest(config)
        if base is not None and saved.get("checksums") == base.manifest.get("checksums"):
            return base
        return store.load_index(config, encoder=encoder)
    except (IndexCorruptError, IndexNotBuiltError):
        return None
