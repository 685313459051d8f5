"""Crash safety of the index folder and the user documents: the build lock, the journal of
a change to the collection, and putting right what a killed build or change left behind.

A change to the user documents (an upload, a removal, a replacement, a restored version)
is one transaction: its files in ``user_dir``, its ``sources.yaml`` and ``versions.yaml``
and the index land together or not at all. Before anything is written, ``begin`` saves the
journal ``user_dir/.pending.json`` (temporary file, fsync, rename) with an id, the kind of
change, the names of the files about to be copied (``files``), the names of the files to
delete once it has committed (``obsolete``: a removed document's versions) and the text
both YAML files had. The new index's manifest carries that id as ``upload``, so renaming
the new index into place is the commit point (on Milvus: writing the manifest stored beside
the collections, see ``index.milvus_collection``); the obsolete files are deleted after it and
``finish`` then deletes the journal.

Whoever takes the build lock next settles what a killed process left: an index caught
between the two renames of a swap is put back; a journal whose id the saved index carries
is finished (its obsolete files deleted, the journal deleted); any other journal is rolled
back (its files deleted, both YAML files restored); build folders of dead processes are
removed. Readers go through ``recover`` (from ``store.read_manifest``), which takes the
lock only when there is something to settle.

Tests kill a process at a named step with ``POLICYQA_CRASH_AT=<step>`` (``crash_point``).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import signal
import sys
import threading
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from index.config import Config
from index.layout import MANIFEST, backup_dir

JOURNAL = ".pending.json"
CRASH_ENV = "POLICYQA_CRASH_AT"
SOURCES = "sources.yaml"
VERSIONS = "versions.yaml"  # earlier versions of replaced documents (index.collection)
KINDS = ("add", "remove", "replace", "restore")
# What a killed writer can leave in user_dir besides the journal's files.
_TEMPORARY = (JOURNAL + ".tmp", SOURCES + ".tmp", VERSIONS + ".tmp")

_held = threading.local()  # lock files this thread holds: build_lock is re-entrant per thread


def crash_point(name: str) -> None:
    """Kill this process (SIGKILL, nothing cleaned up) when ``$POLICYQA_CRASH_AT`` is ``name``;
    a test hook, otherwise nothing."""
    if os.environ.get(CRASH_ENV) == name:
        sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGKILL)


def _lock_path(config: Config) -> Path:
    index_dir = config.path("index_dir")
    return index_dir.parent / f".{index_dir.name}.lock"


def _holds(config: Config) -> bool:
    return str(_lock_path(config)) in getattr(_held, "paths", set())


@contextlib.contextmanager
def build_lock(config: Config) -> Iterator[None]:
    """An exclusive lock on ``.<index_dir>.lock`` beside the index directory; whoever takes
    it first settles what killed processes left (``settle``). Re-entrant within a thread."""
    if _holds(config):
        yield
        return
    lock_path = _lock_path(config)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        _held.paths = getattr(_held, "paths", set()) | {str(lock_path)}
        try:
            settle(config)
            crash_point("locked")
            yield
        finally:
            _held.paths = _held.paths - {str(lock_path)}
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def building_dir(index_dir: Path, pid: int) -> Path:
    """The folder a build of process ``pid`` writes before renaming it into place."""
    return index_dir.with_name(f".{index_dir.name}.building-{pid}")


def _dead_builds(index_dir: Path) -> list[Path]:
    pattern = re.compile(rf"\.{re.escape(index_dir.name)}\.building-(\d+)")
    if not index_dir.parent.is_dir():
        return []
    return [p for p in index_dir.parent.iterdir()
            if (m := pattern.fullmatch(p.name)) and not _alive(int(m.group(1)))]


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process holds the lock: its own folder is a leftover too
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _leftovers(config: Config) -> bool:
    user_dir, index_dir = config.path("user_dir"), config.path("index_dir")
    return (any((user_dir / name).exists() for name in (JOURNAL, *_TEMPORARY))
            or backup_dir(index_dir).exists() or bool(_dead_builds(index_dir)))


def recover(config: Config) -> None:
    """Settle what a killed build or upload left, if anything (cheap when nothing did)."""
    if not _holds(config) and _leftovers(config):
        with build_lock(config):
            pass  # taking the lock settles


def settle(config: Config) -> str | None:
    """Put right what killed processes (or a failed upload of this one) left; the caller
    holds the build lock.

    Returns:
        What became of an unfinished upload (see ``resolve``).
    """
    index_dir = config.path("index_dir")
    previous = backup_dir(index_dir)
    if previous.exists():
        if index_dir.exists():  # killed after the swap, before the old index was deleted
            shutil.rmtree(previous, ignore_errors=True)
        else:  # killed between the two renames: the old index is the current one
            os.replace(previous, index_dir)
    outcome = resolve(config)
    for folder in _dead_builds(index_dir):
        shutil.rmtree(folder, ignore_errors=True)
    return outcome


# ---------- the journal


def _write_atomic(path: Path, data: bytes, step: str | None = None) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    if step:
        crash_point(step)
    os.replace(tmp, path)
    sync_dir(path.parent)


def sync_dir(folder: Path) -> None:
    """fsync a directory, so the renames and deletions in it survive a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def begin(config: Config, files: Sequence[str], *, kind: str = "add",
          obsolete: Sequence[str] = (), doc_id: str | None = None) -> str:
    """Journal a change to the user documents before anything of it is written.

    Args:
        config: settings (user_dir).
        files: names of the files about to be copied into ``user_dir`` (new names only;
            deleted if the change rolls back).
        kind: one of ``KINDS``.
        obsolete: names of files in ``user_dir`` to delete once the change has committed.
        doc_id: the document removed, replaced or restored.

    Returns:
        The change's id, for the manifest of the index that holds it (``upload``).
    """
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} must be one of {KINDS}")
    user_dir = config.path("user_dir")
    user_dir.mkdir(parents=True, exist_ok=True)
    texts = {}
    for name in (SOURCES, VERSIONS):
        path = user_dir / name
        texts[name] = path.read_text(encoding="utf-8") if path.exists() else None
    entry = {"id": uuid.uuid4().hex, "kind": kind, "doc_id": doc_id, "files": list(files),
             "obsolete": list(obsolete), "sources_yaml": texts[SOURCES],
             "versions_yaml": texts[VERSIONS]}
    _write_atomic(user_dir / JOURNAL, json.dumps(entry, ensure_ascii=False).encode("utf-8"),
                  step="journal-tmp")
    crash_point("journal-written")
    return entry["id"]


def store_file(src: Path, dest: Path) -> None:
    """Copy ``src`` to ``dest`` and fsync it (the journal already names ``dest``)."""
    shutil.copyfile(src, dest)
    with open(dest, "rb") as f:
        os.fsync(f.fileno())


def _flat(name: Any) -> bool:
    """A plain file name in ``user_dir`` that a journal may delete (never the lists)."""
    return (isinstance(name, str) and bool(name) and Path(name).name == name
            and name not in (SOURCES, VERSIONS, JOURNAL))


def remove_obsolete(config: Config, names: Sequence[str]) -> None:
    """Delete the files a committed change made obsolete (a removed document's versions)."""
    user_dir = config.path("user_dir")
    for name in names:
        if _flat(name):
            (user_dir / name).unlink(missing_ok=True)
    sync_dir(user_dir)


def finish(config: Config) -> None:
    """The change committed: delete its journal."""
    user_dir = config.path("user_dir")
    (user_dir / JOURNAL).unlink(missing_ok=True)
    sync_dir(user_dir)
    crash_point("journal-removed")


def saved_upload(config: Config) -> str | None:
    """The id of the last change the saved index committed: the local index's manifest, or
    on the Milvus backend the manifest stored beside the collections."""
    if config.backend == "milvus":
        from index import milvus_store as ms

        try:
            manifest = ms.get_blob(ms.connect(config), config, ms.MANIFEST)
        except Exception:  # no collections, or another program's: nothing was committed
            return None
        return manifest.get("upload") if isinstance(manifest, dict) else None
    return _saved_upload(config.path("index_dir"))


def _saved_upload(index_dir: Path) -> str | None:
    try:
        manifest = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest.get("upload") if isinstance(manifest, dict) else None


def resolve(config: Config) -> str | None:
    """Settle the journal of a change that did not finish; the caller holds the build lock.

    Returns:
        ``"committed"`` (the saved index holds the change: its obsolete files and the
        journal go), ``"rolled back"`` (its new files deleted, ``sources.yaml`` and
        ``versions.yaml`` restored), or None (no journal).
    """
    user_dir = config.path("user_dir")
    path = user_dir / JOURNAL
    for name in _TEMPORARY:
        (user_dir / name).unlink(missing_ok=True)
    if not path.exists():
        return None
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        upload, files, old_yaml = entry["id"], list(entry["files"]), entry["sources_yaml"]
        obsolete = list(entry.get("obsolete") or [])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        # Written atomically, so only a hand edit gets here: nothing safe to undo.
        print(f"变更日志无法读取，已删除：{path}（{exc}）", file=sys.stderr)
        path.unlink(missing_ok=True)
        return None
    if upload != saved_upload(config):
        for name in files:
            if _flat(name):
                (user_dir / name).unlink(missing_ok=True)
        # A journal of an older version has no "versions_yaml": that file was not touched.
        olds = {SOURCES: old_yaml, **({VERSIONS: entry["versions_yaml"]}
                                      if "versions_yaml" in entry else {})}
        for name, text in olds.items():
            if text is None:
                (user_dir / name).unlink(missing_ok=True)
            else:
                _write_atomic(user_dir / name, str(text).encode("utf-8"))
        sync_dir(user_dir)
        outcome = "rolled back"
    else:
        remove_obsolete(config, obsolete)
        outcome = "committed"
    path.unlink()
    sync_dir(user_dir)
    return outcome
