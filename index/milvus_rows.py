"""What a document becomes in Milvus: its clause rows, fact rows and stored copy.

Shared by building (``index.milvus_build``) and adding (``MilvusBackend.add_documents``);
the tokens and texts are ``index.build``'s, so BM25 sees what the local backend sees.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np

from index import milvus_store as ms
from index.backend import DocSummary
from index.lexical import Lexicon
from index.records import ParsedDocument
from index.texts import embed_text, fact_texts

INSERT_BATCH = 500
FACT_KINDS = ("figure", "duty")


def token_text(tokens: list[str]) -> str:
    """Our tokens as the whitespace analyzer reads them (a token never holds a space)."""
    text = " ".join(t.replace(" ", "_") for t in tokens)
    if len(text.encode("utf-8")) > ms.MAX_VARCHAR:  # a clause of ~20,000 characters
        text = text.encode("utf-8")[:ms.MAX_VARCHAR].decode("utf-8", "ignore").rsplit(" ", 1)[0]
    return text


def record_json(record: Any) -> str:
    """A clause's or fact's JSON for its row; "" when longer than a field holds (the
    record is then read from its document)."""
    text = json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":"))
    return text if len(text.encode("utf-8")) <= ms.MAX_VARCHAR else ""


def rows_of(docs: Sequence[ParsedDocument], seqs: dict[str, int], lexicon: Lexicon,
            vectors: np.ndarray) -> tuple[list[dict], list[dict]]:
    """Clause rows and fact rows of ``docs`` (``vectors``: one per clause, in order)."""
    clauses, facts = [], []
    i = 0
    for d in docs:
        doc_id, seq = d.source.doc_id, seqs[d.source.doc_id]
        by_id = {c.id: c for c in d.clauses}
        for pos, c in enumerate(d.clauses):
            clauses.append({"id": c.id, "doc_id": doc_id, "seq": seq, "kind": 0, "pos": pos,
                            "record": record_json(c),
                            "tokens": token_text(lexicon.tokenize(embed_text(c))),
                            "vec": vectors[i].tolist()})
            i += 1
        for kind, records in enumerate((d.figures, d.duties)):
            texts = fact_texts(records, [], by_id) if kind == 0 else fact_texts([], records, by_id)
            for pos, text in enumerate(texts):
                facts.append({"id": f"{doc_id}#{FACT_KINDS[kind][0]}{pos}", "doc_id": doc_id,
                              "seq": seq, "kind": kind, "pos": pos,
                              "record": record_json(records[pos]),
                              "tokens": token_text(lexicon.tokenize(text))})
    return clauses, facts


def insert(client: Any, collection: str, rows: list[dict]) -> None:
    for i in range(0, len(rows), INSERT_BATCH):
        client.insert(collection, rows[i:i + INSERT_BATCH])


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def write_documents(backend: Any, docs: Sequence[ParsedDocument], lexicon: Lexicon,
                    progress: bool, known: Callable[[str], Any] | None = None,
                    places: dict[str, int] | None = None) -> dict[str, int]:
    """Embed (``known`` first), then write the documents' rows and stored copies.

    Args:
        backend: the ``MilvusBackend`` written to (its ``manifest["next_seq"]`` advances).
        lexicon: what tokenises the rows.
        known: vectors already computed, by ``index.dense.text_key`` (a build passes the
            local index's vector cache); None: every text is embedded. Adding a document
            passes none: loading a whole cache for one document would grow with the corpus.
        places: seqs to keep, by doc_id (a replaced document keeps its place in the
            index order); the other documents come after every document so far.

    Returns:
        Each document's seq (its place in the index).
    """
    from index.build import _embed

    config, client = backend.config, backend.client
    texts = [embed_text(c) for d in docs for c in d.clauses]
    vectors, _ = _embed(texts, backend.encoder, known or (lambda _key: None), progress)
    places = places or {}
    seq = int(backend.manifest.get("next_seq", 0))
    seqs = {}
    for d in docs:
        if d.source.doc_id in places:
            seqs[d.source.doc_id] = places[d.source.doc_id]
        else:
            seqs[d.source.doc_id] = seq
            seq += 1
    backend.manifest["next_seq"] = seq
    clause_rows, fact_rows = rows_of(docs, seqs, lexicon, vectors)
    names = ms.names(config)
    for d in docs:  # the stored copy first: a row found by a search can always be shown
        info = {"seq": seqs[d.source.doc_id], "source": d.source.to_dict(),
                "summary": DocSummary.of(d).to_dict()}
        client.upsert(names["store"], ms.blob_rows(ms.doc_blob(d.source.doc_id), d.to_dict(), info))
    insert(client, names["clauses"], clause_rows)
    insert(client, names["facts"], fact_rows)
    return seqs


