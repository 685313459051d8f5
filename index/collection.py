"""The documents as a managed collection: list them, remove a user document, replace it by
a new version, restore an earlier version.

Each change is one transaction, like an upload (``index.journal``): the journal is written
first, then ``sources.yaml`` and ``versions.yaml``, and the rename of the new index into
place commits it; a crash before leaves the previous collection answering, a crash after
is finished by whoever opens the index next. A removed document's files are deleted only
after the commit. An earlier version stays a file in ``user_dir``, listed in
``versions.yaml``; only the current version (the ``sources.yaml`` record, same doc_id) is
indexed.

The new index is built from the documents it keeps, as the saved index already holds them
parsed (their vectors come from the saved index too), plus the new version parsed: what a
full build of the new corpus holds, without parsing or embedding anything twice. When the
saved index is stale, damaged or missing, the whole corpus is built instead.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corpus.sources import Source, load_sources, save_sources
from index import journal, store
from index.backend import DocSummary
from index.config import Config
from index.errors import (
    DocumentError,
    DocumentNotFoundError,
    IndexCorruptError,
    IndexNotBuiltError,
)
from index.journal import SOURCES, VERSIONS, build_lock
from index.versions import Version, earlier_hashes, load_versions, save_versions

STATUS_NAMES = {"seed": "内置", "active": "在用", "unindexed": "未索引", "superseded": "早期版本"}


@dataclasses.dataclass(frozen=True)
class Entry:
    """One document of the collection as it is listed.

    Attributes:
        source: the current version's record.
        status: ``seed`` (in corpus/, not removable), ``active`` (a user document the
            index holds) or ``unindexed`` (listed, not yet in the saved index).
        clauses, figures, responsibilities: what the index holds of it.
        earlier: its earlier versions, oldest first (user documents only).
    """

    source: Source
    status: str
    clauses: int = 0
    figures: int = 0
    responsibilities: int = 0
    earlier: tuple[Version, ...] = ()

    @property
    def seed(self) -> bool:
        return self.status == "seed"

    def to_dict(self) -> dict[str, Any]:
        return {**self.source.to_dict(), "status": self.status,
                "status_name": STATUS_NAMES[self.status], "clauses": self.clauses,
                "figures": self.figures, "responsibilities": self.responsibilities,
                "earlier_versions": [{"version": v.source.version, "file": v.source.file,
                                      "label": v.source.label, "added": v.source.added,
                                      "replaced": v.replaced, "status": "superseded"}
                                     for v in self.earlier]}


@dataclasses.dataclass(frozen=True)
class Change:
    """What a change did: ``kind`` (remove, replace, restore), the document's record
    (the removed one, or the new current version) and the ``SearchIndex`` now saved."""

    kind: str
    source: Source
    index: Any


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# ---------- listing


def _indexed(config: Config, index: Any) -> dict[str, tuple[Source, DocSummary]]:
    """What ``index``, or the saved index, holds of each document: its record and counts
    (none when there is no index). No document is read on the Milvus backend."""
    from index.backend import doc_summaries

    if index is None and config.backend == "milvus":
        from index.milvus_backend import MilvusBackend

        journal.recover(config)  # settles what a killed change left
        try:
            index = MilvusBackend.open(config)
        except IndexNotBuiltError:
            return {}
    if index is not None:
        sources = {s.doc_id: s for s in index.sources}
        return {d: (sources[d], s) for d, s in doc_summaries(index).items()}
    try:
        store.read_manifest(config)  # settles what a killed change left
        return {d.source.doc_id: (d.source, DocSummary.of(d))
                for d in store.read_documents(config.path("index_dir"))}
    except (OSError, ValueError, IndexNotBuiltError, IndexCorruptError):
        return {}


def list_documents(config: Config, index: Any = None) -> list[Entry]:
    """Every document of the collection: the seeds, then the user documents, each with its
    status, counts and earlier versions.

    Args:
        config: settings (corpus_dir, user_dir, index_dir).
        index: the ``SearchIndex`` to count from (default: the saved index).
    """
    docs = _indexed(config, index)
    seeds = {s.doc_id for s in load_sources(config.path("corpus_dir") / SOURCES)}
    versions = load_versions(config)
    out = []
    for source, _ in store.corpus_documents(config):
        held = docs.get(source.doc_id)
        if source.doc_id in seeds:
            status = "seed"
        else:
            status = "active" if held is not None and held[0] == source else "unindexed"
        counts = ((held[1].clauses, held[1].figures, held[1].duties)
                  if held is not None else (0, 0, 0))
        out.append(Entry(source, status, *counts,
                         earlier=tuple(v for v in versions if v.source.doc_id == source.doc_id)))
    return out


def document_info(config: Config, doc_id: str, index: Any = None) -> Entry:
    """The listing of one document; DocumentNotFoundError when there is none with that id."""
    entries = list_documents(config, index)
    for entry in entries:
        if entry.source.doc_id == doc_id:
            return entry
    raise DocumentNotFoundError(
        f"没有这个文档：{doc_id}。现有文档：{'、'.join(e.source.doc_id for e in entries) or '（无）'}")


def matching_document(config: Config, path: str | Path, index: Any = None) -> Entry | None:
    """The user document the file at ``path`` is probably a new version of: the one with
    the same title, issuer and 文号 (None when no title is found, when the file is that
    document's current one, or when it cannot be read: adding it then says why)."""
    from index.ingest import parse_file

    try:
        source = parse_file(path, None, config=config).source
    except Exception:  # the add that follows says what is wrong
        return None
    key = (source.title, source.issuer, source.doc_number)
    if not source.title:
        return None
    same = next((e for e in list_documents(config, index) if not e.seed
                 and (e.source.title, e.source.issuer, e.source.doc_number) == key), None)
    current = config.path("user_dir") / same.source.file if same is not None else None
    if current is not None and current.is_file() \
            and store.sha256_file(current) == store.sha256_file(Path(path)):
        return None  # the very same file: refused as a duplicate instead
    return same


def _user_record(config: Config, doc_id: str, action: str) -> tuple[Source, list[Source]]:
    """The user document ``doc_id`` and every user record; seeds and unknown ids refused."""
    for s in load_sources(config.path("corpus_dir") / SOURCES):
        if s.doc_id == doc_id:
            raise DocumentError(f"「{s.label}」（{doc_id}）是内置文档（corpus/ 目录），不能{action}；"
                                "只能删除或替换用户添加的文档。")
    records = load_sources(config.path("user_dir") / SOURCES)
    for s in records:
        if s.doc_id == doc_id:
            return s, records
    document_info(config, doc_id)  # raises DocumentNotFoundError with the known ids
    raise DocumentNotFoundError(f"没有这个文档：{doc_id}")


# ---------- changes


def _rebuild(config: Config, current: Any, encoder: Any, progress: bool,
             fresh: dict[str, Any], **extra: Any) -> Any:
    """Build the index of the corpus as ``sources.yaml`` now lists it and rename it into
    place (the commit point). ``fresh``: documents parsed just now, by doc_id; the others
    come parsed from ``current`` (or, when it is None, the whole corpus is built)."""
    from index import build
    from index.ingest import parse_file

    if config.backend == "milvus":  # only the changed document's rows are written
        from index import milvus_collection

        milvus_collection.apply(current, extra["upload"], delete=[extra["change"]["doc_id"]],
                                add=list(fresh.values()))
        return current
    if current is None:
        build._build_locked(config, progress, encoder, **extra)
    else:
        phases = build._Phases()
        with phases("parse"):
            docs = [fresh.get(s.doc_id) or current.documents.get(s.doc_id)
                    or parse_file(path, s, config=config)
                    for s, path in store.corpus_documents(config)]
        build._into_place(config, lambda tmp: build._write(tmp, docs, encoder, config,
                                                           progress, phases, **extra))
    return store.load_index(config, encoder=encoder)


def _prepare(config: Config, base: Any, encoder: Any) -> tuple[Any, Any]:
    """The encoder to use and the index to rebuild from (None: build whole)."""
    from index.build import _current_index
    from index.encoders import make_encoder

    if encoder is None:
        encoder = base.encoder if base is not None else make_encoder(config)
    if config.backend == "milvus":
        from index import milvus_collection

        current = milvus_collection.current(config, base, encoder)
    else:
        current = _current_index(config, base, encoder)
    journal.crash_point("base-loaded")
    return encoder, current


def remove_document(config: Config, doc_id: str, *, progress: bool = False,
                    encoder: Any = None, base: Any = None) -> Change:
    """Remove a user document: its file and earlier versions, its records and its index
    entries go together (seeds in corpus/ cannot be removed: DocumentError).

    Args:
        config: settings.
        doc_id: the document.
        progress: progress bars (a full build only).
        encoder: the encoder the index was built with (default: ``base``'s, or a new one).
        base: the ``SearchIndex`` the caller holds; used when it is the one saved.

    Returns:
        The change, with the new index.
    """
    with build_lock(config):
        source, records = _user_record(config, doc_id, "删除")
        versions = load_versions(config)
        mine = [v for v in versions if v.source.doc_id == doc_id]
        journal.crash_point("validated")
        encoder, current = _prepare(config, base, encoder)
        obsolete = [source.file] + [v.source.file for v in mine]
        user_dir = config.path("user_dir")
        try:
            change = journal.begin(config, [], kind="remove", obsolete=obsolete, doc_id=doc_id)
            save_sources([s for s in records if s.doc_id != doc_id], user_dir / SOURCES)
            journal.crash_point("sources-written")
            if mine:
                save_versions(config, [v for v in versions if v.source.doc_id != doc_id])
            journal.crash_point("versions-written")
            index = _rebuild(config, current, encoder, progress, {}, upload=change,
                             change={"kind": "remove", "doc_id": doc_id})
            journal.remove_obsolete(config, obsolete)
            journal.crash_point("files-removed")
            journal.finish(config)
        except BaseException:
            journal.settle(config)  # what a later start would do after a crash here
            raise
    return Change("remove", source, index)


def replace_document(config: Config, doc_id: str, path: str | Path, *,
                     progress: bool = False, encoder: Any = None, base: Any = None) -> Change:
    """Make the file at ``path`` the new current version of user document ``doc_id``.

    The file is checked as an upload is (size, reader limits, something to search) and
    refused when it is the current version, an earlier one (restore that instead) or
    another document. It is copied into ``user_dir``; the old version's file stays there,
    listed in ``versions.yaml``; the record keeps ``doc_id`` with the next version number.

    Returns:
        The change: the new version's record and the new index.
    """
    from index.build import _validate, safe_file_name
    from index.ingest import parse_file

    path = Path(path)
    user_dir = config.path("user_dir")
    with build_lock(config):
        old, records = _user_record(config, doc_id, "替换")
        versions = load_versions(config)
        mine = [v for v in versions if v.source.doc_id == doc_id]
        known = {**earlier_hashes(config),
                 **{store.sha256_file(p): s.label for s, p in store.corpus_documents(config)
                    if p.exists()}}
        if (user_dir / old.file).exists():
            known[store.sha256_file(user_dir / old.file)] = \
                f"{old.label}（{doc_id} 的当前版本，第 {old.version} 版，无需替换）"
        doc, _ = _validate(path, config, known)
        taken = {p.name for p in user_dir.iterdir()} | {SOURCES, VERSIONS}
        now = _now()
        new = dataclasses.replace(
            doc.source, doc_id=doc_id, file=safe_file_name(path.name, taken), added=now,
            version=max([old.version] + [v.source.version for v in mine]) + 1)
        journal.crash_point("validated")
        encoder, current = _prepare(config, base, encoder)
        try:
            change = journal.begin(config, [new.file], kind="replace", doc_id=doc_id)
            journal.store_file(path, user_dir / new.file)
            journal.crash_point("copied-1")
            save_sources([new if s.doc_id == doc_id else s for s in records],
                         user_dir / SOURCES)
            journal.crash_point("sources-written")
            save_versions(config, versions + [Version(old, now)])
            journal.crash_point("versions-written")
            parsed = parse_file(user_dir / new.file, new, config=config)
            journal.crash_point("parsed")
            index = _rebuild(config, current, encoder, progress, {doc_id: parsed},
                             upload=change, change={"kind": "replace", "doc_id": doc_id})
            journal.finish(config)
        except BaseException:
            journal.settle(config)
            raise
    return Change("replace", new, index)


def restore_version(config: Config, doc_id: str, version: int, *, progress: bool = False,
                    encoder: Any = None, base: Any = None) -> Change:
    """Make earlier version ``version`` of user document ``doc_id`` current again; the
    current one becomes an earlier version (nothing is deleted).

    Returns:
        The change: the restored version's record and the new index.
    """
    from index.ingest import parse_file

    user_dir = config.path("user_dir")
    with build_lock(config):
        old, records = _user_record(config, doc_id, "恢复")
        versions = load_versions(config)
        if version == old.version:
            raise DocumentError(f"第 {version} 版已是 {doc_id} 的当前版本。")
        target = next((v for v in versions
                       if v.source.doc_id == doc_id and v.source.version == version), None)
        if target is None:
            have = "、".join(f"第 {v.source.version} 版" for v in versions
                            if v.source.doc_id == doc_id) or "（无）"
            raise DocumentError(f"{doc_id} 没有第 {version} 版的早期版本。可恢复的版本：{have}")
        if not (user_dir / target.source.file).is_file():
            raise DocumentError(f"第 {version} 版的文件已不存在：{target.source.file}")
        journal.crash_point("validated")
        encoder, current = _prepare(config, base, encoder)
        try:
            change = journal.begin(config, [], kind="restore", doc_id=doc_id)
            save_sources([target.source if s.doc_id == doc_id else s for s in records],
                         user_dir / SOURCES)
            journal.crash_point("sources-written")
            save_versions(config, [v for v in versions if v is not target]
                           + [Version(old, _now())])
            journal.crash_point("versions-written")
            parsed = parse_file(user_dir / target.source.file, target.source, config=config)
            journal.crash_point("parsed")
            index = _rebuild(config, current, encoder, progress, {doc_id: parsed},
                             upload=change, change={"kind": "restore", "doc_id": doc_id,
                                                    "version": version})
            journal.finish(config)
        except BaseException:
            journal.settle(config)
            raise
    return Change("restore", target.source, index)
