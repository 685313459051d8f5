"""The Milvus side of the index: connection, collections, the manifest and a small blob store.

Three collections per index, named ``<milvus_collection>_<part>``:

    clauses   one row per clause: id, doc_id, seq (the document's place in the index), pos
              (the clause's place in its document), the clause's JSON, our BM25 tokens (space-separated; a
              ``whitespace`` analyzer and Milvus' BM25 function keep the statistics on the
              server), the sparse BM25 vector it derives, our dense vector (FLAT, inner product)
    facts     one row per figure or 责任单位 list: id, doc_id, seq, kind (0 figure, 1 duty),
              pos, the record's JSON, tokens, sparse BM25 vector
    store     blobs cut in parts: the manifest (format version, encoder, BM25 parameters,
              the corpus folder's hash: ``index.milvus_build.corpus_hash``),
              the lexicon, and every parsed document (``ParsedDocument`` JSON, zlib, base64)
              whose first part also carries its seq, ``Source`` and ``DocSummary`` (counts,
              unit names); read on demand by doc_id; and each document's reading summary
              (what the answering stage derived from it to warm up without reading it:
              ``reading:<doc_id>``, written by readers, deleted with the document)

Closing a ``MilvusClient`` drops the gRPC connection every client of the same URI shares, so
clients here are made once per backend and never closed behind another one's back.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import zlib
from collections.abc import Iterator, Sequence
from typing import Any

from index.config import Config
from index.errors import IndexMismatchError, IndexNotBuiltError

FORMAT_VERSION = 3  # 2: a document's counts and unit names beside its Source; 3: corpus hash
KIND = "policyqa-milvus-index"
PARTS = ("clauses", "facts", "store")
MAX_VARCHAR = 65535
BLOB_PART = 60000
ID_LENGTH = 1024
# BM25 as index.lexical.BM25Index computes it (k1 1.5, b 0.75); the idf is Lucene's in both.
BM25_PARAMS = {"bm25_k1": 1.5, "bm25_b": 0.75}
CONSISTENCY = "Strong"  # an added document is searchable as soon as add_documents returns
PAGE = 4096
# Build parameters of the clause vectors' index (Config.milvus_dense_index); searches use
# the server's defaults.
DENSE_PARAMS: dict[str, dict[str, int]] = {"FLAT": {}, "IVF_FLAT": {"nlist": 1024},
                                           "HNSW": {"M": 16, "efConstruction": 200}}


def connect(config: Config) -> Any:
    """A ``MilvusClient`` for ``config.milvus_uri`` / ``milvus_token`` / ``milvus_db``.

    Raises:
        ImportError: pymilvus is not installed (the message says what to install).
    """
    from index.milvus_server import LITE_HINT, quiet_pkg_resources

    try:
        with quiet_pkg_resources():
            from pymilvus import MilvusClient

            if "://" not in config.milvus_target:
                import milvus_lite  # noqa: F401  (pymilvus imports it for a file URI)
    except ImportError as exc:
        raise ImportError(f"pymilvus is not installed: {LITE_HINT}") from exc
    kwargs: dict[str, Any] = {"uri": config.milvus_target}
    if config.milvus_token:
        kwargs["token"] = config.milvus_token
    if config.milvus_db:
        kwargs["db_name"] = config.milvus_db
    if "://" not in kwargs["uri"]:
        from pathlib import Path

        Path(kwargs["uri"]).parent.mkdir(parents=True, exist_ok=True)
        # pymilvus starts milvus-lite with this process's environment; its search library
        # would log every commit on stdout at INFO.
        os.environ.setdefault("RUST_LOG", "error")
    return MilvusClient(**kwargs)


def names(config: Config) -> dict[str, str]:
    """Collection name of each part."""
    return {p: f"{config.milvus_collection}_{p}" for p in PARTS}


def quote(value: str) -> str:
    """A string literal for a Milvus filter expression."""
    return json.dumps(value, ensure_ascii=False)


def in_list(field: str, values: Sequence[str]) -> str:
    return f"{field} in [{', '.join(quote(v) for v in values)}]"


# ---------- schemas ----------

def _tokens_field(schema: Any) -> None:
    from pymilvus import DataType

    # Our own jieba tokens, separated by spaces: the whitespace tokenizer keeps them whole
    # (the standard one would split Chinese into characters and cut at # . _).
    schema.add_field("tokens", DataType.VARCHAR, max_length=MAX_VARCHAR, enable_analyzer=True,
                     analyzer_params={"tokenizer": "whitespace"})
    schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)


def _bm25(schema: Any) -> None:
    from pymilvus import Function, FunctionType

    schema.add_function(Function(name="bm25", function_type=FunctionType.BM25,
                                 input_field_names=["tokens"], output_field_names=["sparse"]))


def create_collections(client: Any, config: Config, dim: int) -> None:
    """Create the three collections (which must not exist) with their indexes, loaded."""
    from pymilvus import DataType

    n = names(config)
    for part in ("clauses", "facts"):
        schema = client.create_schema(auto_id=False)
        schema.add_field("id", DataType.VARCHAR, is_primary=True, max_length=ID_LENGTH)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=256)
        schema.add_field("seq", DataType.INT64)
        schema.add_field("kind", DataType.INT64)
        schema.add_field("pos", DataType.INT64)
        # The record's JSON, so a hit needs no document read ("" when longer than a field).
        schema.add_field("record", DataType.VARCHAR, max_length=MAX_VARCHAR)
        _tokens_field(schema)
        if part == "clauses":
            schema.add_field("vec", DataType.FLOAT_VECTOR, dim=dim)
        _bm25(schema)
        params = client.prepare_index_params()
        params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                         params=BM25_PARAMS)
        if part == "clauses":
            # milvus-lite offers FLAT and IVF_FLAT; a server takes HNSW (Config).
            params.add_index("vec", index_type=config.milvus_dense_index, metric_type="IP",
                             params=DENSE_PARAMS[config.milvus_dense_index])
        _create(client, config, n[part], schema, params)
    schema = client.create_schema(auto_id=False)
    schema.add_field("key", DataType.VARCHAR, is_primary=True, max_length=ID_LENGTH)
    schema.add_field("name", DataType.VARCHAR, max_length=ID_LENGTH)
    schema.add_field("part", DataType.INT64)
    schema.add_field("info", DataType.VARCHAR, max_length=MAX_VARCHAR)
    schema.add_field("data", DataType.VARCHAR, max_length=MAX_VARCHAR)
    schema.add_field("v", DataType.FLOAT_VECTOR, dim=2)  # Milvus wants a vector field
    params = client.prepare_index_params()
    params.add_index("v", index_type="FLAT", metric_type="L2")
    _create(client, config, n["store"], schema, params)


def _create(client: Any, config: Config, name: str, schema: Any, params: Any) -> None:
    """Create and load one collection with the configured shards and replicas."""
    client.create_collection(name, schema=schema, index_params=params,
                             consistency_level=CONSISTENCY, num_shards=config.milvus_shards)
    if config.milvus_replicas > 1:  # created loaded with one replica: load it again
        client.release_collection(name)
        client.load_collection(name, replica_number=config.milvus_replicas)


def drop_collections(client: Any, config: Config) -> None:
    for name in names(config).values():
        if client.has_collection(name):
            client.drop_collection(name)


# ---------- reading everything that matches ----------

class _NoLiteTimestampWarning(logging.Filter):
    """milvus-lite answers an iterator without a server timestamp; pymilvus then warns on
    every read and falls back to the client's clock, which is right for one local server."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "failed to get mvccTs" not in record.getMessage()


logging.getLogger("pymilvus.orm.iterator").addFilter(_NoLiteTimestampWarning())


def query_all(client: Any, collection: str, expr: str, fields: list[str]) -> Iterator[dict]:
    """Every row matching ``expr`` (paged: a single query returns at most 16,384 rows)."""
    it = client.query_iterator(collection, batch_size=PAGE, filter=expr, output_fields=fields)
    try:
        while True:
            rows = it.next()
            if not rows:
                return
            yield from rows
    finally:
        it.close()


# ---------- blobs ----------

def pack(data: dict[str, Any]) -> str:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def unpack(text: str) -> dict[str, Any]:
    return json.loads(zlib.decompress(base64.b64decode(text)).decode("utf-8"))


def blob_rows(name: str, data: dict[str, Any], info: dict[str, Any] | None = None
              ) -> list[dict[str, Any]]:
    """Rows of the store collection holding ``data`` under ``name``; ``info`` (small JSON)
    rides on the first part, readable without the rest."""
    text = pack(data)
    parts = [text[i:i + BLOB_PART] for i in range(0, len(text), BLOB_PART)] or [""]
    meta = json.dumps(info or {}, ensure_ascii=False, separators=(",", ":"))
    if len(meta.encode("utf-8")) > MAX_VARCHAR:
        raise ValueError(f"{name}: its metadata is longer than {MAX_VARCHAR} bytes")
    return [{"key": f"{name}\x1f{i}", "name": name, "part": i,
             "info": meta if i == 0 else "", "data": p, "v": [0.0, 0.0]}
            for i, p in enumerate(parts)]


def put_blob(client: Any, config: Config, name: str, data: dict[str, Any],
             info: dict[str, Any] | None = None) -> None:
    """Write (or overwrite) one blob; parts a shorter new version no longer has go."""
    coll = names(config)["store"]
    rows = blob_rows(name, data, info)
    client.upsert(coll, rows)
    client.delete(coll, filter=f"name == {quote(name)} and part >= {len(rows)}")


def get_blob(client: Any, config: Config, name: str) -> dict[str, Any] | None:
    """The blob ``name``, or None when there is none."""
    rows = client.query(names(config)["store"], filter=f"name == {quote(name)}",
                        output_fields=["part", "data"], limit=16384)
    if not rows:
        return None
    rows.sort(key=lambda r: r["part"])
    if [r["part"] for r in rows] != list(range(len(rows))):
        raise IndexMismatchError(f"Milvus 中的 {name} 不完整（缺少部分数据）。请重建索引。")
    return unpack("".join(r["data"] for r in rows))


def delete_blobs(client: Any, config: Config, blob_names: Sequence[str]) -> None:
    if blob_names:
        client.delete(names(config)["store"], filter=in_list("name", list(blob_names)))


# ---------- the manifest ----------

def ours(client: Any, config: Config) -> bool:
    """The collections of that name were made by this program (any format version)."""
    try:
        manifest = get_blob(client, config, MANIFEST)
    except Exception:  # another schema, or parts missing
        return False
    return isinstance(manifest, dict) and manifest.get("kind") == KIND

MANIFEST = "manifest"
LEXICON = "lexicon"


def doc_blob(doc_id: str) -> str:
    return f"doc:{doc_id}"


def reading_blob(doc_id: str) -> str:
    return f"reading:{doc_id}"


# rows of blobs upserted at once: at most 60 KB each, well under gRPC's 64 MB message
UPSERT_ROWS = 256


def read_readings(client: Any, config: Config, doc_ids: Sequence[str] | None = None
                  ) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """The stored reading summaries of ``doc_ids`` (None: every one) by doc_id, each
    (info, data), in paged reads; a summary with a part missing is left out (it is made
    again)."""
    if doc_ids is None:
        filters = ['name like "reading:%"']
    else:
        ids = list(doc_ids)
        filters = [in_list("name", [reading_blob(d) for d in ids[i:i + 256]])
                   for i in range(0, len(ids), 256)]
    parts: dict[str, dict[int, dict]] = {}
    for expr in filters:
        for row in query_all(client, names(config)["store"], expr, ["name", "part", "info", "data"]):
            parts.setdefault(row["name"], {})[int(row["part"])] = row
    out = {}
    for name, got in parts.items():
        first = got.get(0)
        if first is None:
            continue
        info = json.loads(first["info"] or "{}")
        n = int(info.pop("parts", -1))
        if n < 1 or any(i not in got for i in range(n)):
            continue
        out[name[len("reading:"):]] = (info, unpack("".join(got[i]["data"] for i in range(n))))
    return out


def write_readings(client: Any, config: Config,
                   items: dict[str, tuple[dict[str, Any], dict[str, Any]]]) -> None:
    """Store reading summaries (upserts: a summary's parts are named by its doc_id; a
    longer earlier one's extra parts are ignored, its first part counting the parts)."""
    rows: list[dict[str, Any]] = []
    for doc_id, (info, data) in items.items():
        mine = blob_rows(reading_blob(doc_id), data)
        mine[0]["info"] = json.dumps({**info, "parts": len(mine)}, ensure_ascii=False,
                                     separators=(",", ":"))
        rows += mine
    coll = names(config)["store"]
    for i in range(0, len(rows), UPSERT_ROWS):
        client.upsert(coll, rows[i:i + UPSERT_ROWS])


def rebuild_hint(config: Config) -> str:
    return (f"请运行 `python -m index.milvus_build --replace` 重建"
            f"（Milvus {config.milvus_uri}，集合 {config.milvus_collection}_*）。")


def read_manifest(client: Any, config: Config, encoder_id: str | None) -> dict[str, Any]:
    """The manifest stored beside the collections, checked.

    Args:
        encoder_id: the encoder the caller will encode questions with; None skips that check.

    Raises:
        IndexNotBuiltError: none of the collections exists.
        IndexMismatchError: collections of that name exist but were not made by this
            program (no or another manifest, a part missing), or by another format
            version or another encoder.
    """
    n = names(config)
    present = {p for p, name in n.items() if client.has_collection(name)}
    where = f"Milvus {config.milvus_uri} 的集合 {config.milvus_collection}_*"
    if not present:
        raise IndexNotBuiltError(where, "python -m index.milvus_build")
    if present != set(PARTS):
        raise IndexMismatchError(
            f"{where} 不完整或不是本程序建立的（只有 {sorted(present)}）。{rebuild_hint(config)}")
    try:
        manifest = get_blob(client, config, MANIFEST)
    except IndexMismatchError:
        raise
    except Exception as exc:  # another schema: the store collection is someone else's
        raise IndexMismatchError(
            f"{where} 不是本程序建立的索引（{type(exc).__name__}）。{rebuild_hint(config)}"
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("kind") != KIND:
        raise IndexMismatchError(
            f"{where} 没有本程序的索引清单，不是本程序建立的索引。{rebuild_hint(config)}")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMismatchError(
            f"{where} 的索引格式版本为 {manifest.get('format_version')!r}，本程序需要 "
            f"{FORMAT_VERSION}。{rebuild_hint(config)}")
    built_with = manifest.get("encoder", {}).get("id")
    if encoder_id is not None and built_with != encoder_id:
        raise IndexMismatchError(
            f"{where} 由编码器 {built_with!r} 建立，当前编码器为 {encoder_id!r}；"
            f"问题向量与索引不可比。{rebuild_hint(config)}")
    return manifest
