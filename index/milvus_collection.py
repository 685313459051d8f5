"""Changes to the document collection on the Milvus backend: an upload, a removal, a
replacement or a restored version writes only the rows of the documents it touches.

The journal of ``index.journal`` still makes the user files, ``sources.yaml`` and
``versions.yaml`` one transaction; on Milvus the commit point is the manifest blob that
carries the change's id as ``upload`` (``journal.saved_upload``), written last.

What is and is not atomic on Milvus: Milvus has no transaction over several deletes and
inserts. So, before any row is written, the manifest names the documents the change
touches (``pending``); a change killed between that and the commit leaves those
documents' rows half-changed, and whoever takes the build lock next (a change, or an app
or CLI opening the index: ``settle_pending``) deletes those documents' rows and stored
copies and adds again the version ``sources.yaml`` lists once the journal has rolled
back. Until then a search may see a half-written document. Other documents' rows are
never touched, except rows upserted with new tokens when the lexicon learns a word.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from index.config import Config
from index.journal import build_lock
from index.milvus_backend import MilvusBackend
from index.records import ParsedDocument


def current(config: Config, base: Any, encoder: Any) -> MilvusBackend:
    """The backend to change: ``base`` when it is the Milvus index ``config`` names, else
    that index opened; either way with any killed change put right first."""
    same = (isinstance(base, MilvusBackend)
            and (base.config.milvus_target, base.config.milvus_db, base.config.milvus_collection)
            == (config.milvus_target, config.milvus_db, config.milvus_collection))
    # Another process (the CLI beside the app) may have changed the collection since.
    if not same or base.reread_manifest() != base.manifest:
        base = MilvusBackend.open(config, encoder=encoder)
    backend = base
    settle_pending(config, backend)
    return backend


def apply(backend: MilvusBackend, upload: str, *, delete: Sequence[str] = (),
          add: Sequence[ParsedDocument] = ()) -> None:
    """One journalled change: ``delete`` these doc_ids, then add ``add``; the manifest
    naming ``upload`` is written last (the commit point)."""
    from index.journal import crash_point

    touched = list(dict.fromkeys([*delete, *(d.source.doc_id for d in add)]))
    backend.mark_pending(upload, touched)
    gone = [d for d in delete if d in backend.doc_ids()]
    # A new version of a document keeps the old one's place in the index order.
    places = {d: seq for d in gone if (seq := backend.place(d)) is not None}
    if gone:
        backend.delete_documents(gone)
    crash_point("milvus-deleted")
    if add:
        backend.add_documents(add, places=places)
    crash_point("milvus-written")
    backend.commit(upload)


def settle_pending(config: Config, backend: MilvusBackend) -> list[str]:
    """Put right the documents a killed change left half-written (see the module's
    docstring); the caller need not hold the build lock.

    Returns:
        The doc_ids put right (none when no change was killed).
    """
    if "pending" not in backend.manifest:
        return []
    from index.ingest import parse_file
    from index.store import corpus_documents

    with build_lock(config):  # settles the journal first: sources.yaml is the committed one
        pending = backend.reread_manifest().get("pending")
        if not pending:  # another process put it right meanwhile
            backend.manifest.pop("pending", None)
            return []
        ids = list(pending.get("doc_ids") or [])
        listed = {s.doc_id: (s, p) for s, p in corpus_documents(config)}
        places = {d: seq for d in ids if (seq := backend.place(d)) is not None}
        backend.forget_rows(ids)  # also rows a killed insert wrote before listing its document
        docs = [parse_file(listed[d][1], listed[d][0], config=config) for d in ids
                if d in listed and listed[d][1].is_file()]
        if docs:
            backend.add_documents(docs, places=places)
        backend.commit(None)
    print(f"已修复未完成的 Milvus 变更所涉及的文档：{'、'.join(ids)}", file=sys.stderr)
    return ids
