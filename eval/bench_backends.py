"""The local and the Milvus backend side by side: ``python -m eval.bench --backend milvus``.

For each corpus size (``--sizes``; 2 = the seeds), in one process: build from scratch
(parse, embed, index; each backend embeds anew), search latency per question (hybrid
``search`` k=5 plus ``search_facts`` k=10, what answering asks of the index; warm, three
passes), add one generated document to the loaded index, delete it again, and the top-5
overlap of the two backends. Milvus is milvus-lite 2.5.1's server (Milvus' C++ engine) on
127.0.0.1, reached over TCP as a standalone server or a cluster would be.

Answer latency through the assistant is not measured here: the assistant does not open a
Milvus backend yet (it loads the local index itself).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

from index.config import ROOT, Config


def _timed(fn: Any) -> tuple[Any, float]:
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def _latency(backend: Any, questions: list[str], passes: int = 3) -> dict[str, float]:
    from eval.bench import _percentile

    for q in questions[:3]:
        backend.search(q, k=5)
    lat = []
    for _ in range(passes):
        for q in questions:
            t = time.perf_counter()
            backend.search(q, k=5)
            backend.search_facts(q, k=10)
            lat.append((time.perf_counter() - t) * 1000)
    return {"p50_ms": _percentile(lat, 50), "p95_ms": _percentile(lat, 95), "n": len(lat)}


def _questions(work: Path, size: int) -> list[str]:
    from eval.bench import prepare_corpus, question_set

    items = question_set(prepare_corpus(work, size))
    if size == 2:  # the seeds: the benchmark's own questions as well
        qa = (ROOT / "eval" / "qa.jsonl").read_text(encoding="utf-8").splitlines()
        items += [json.loads(x) for x in qa[::6] if x.strip()]
    return [q["question"] for q in items]


def bench_backends(work: Path, size: int, passes: int = 3, log: Any = print) -> dict[str, Any]:
    """Build, search, add and delete on both backends for one corpus size."""
    from eval.bench import _new_document
    from index.build import build_index, extend_index, parse_corpus
    from index.collection import remove_document
    from index.encoders import make_encoder
    from index.ingest import parse_file
    from index.milvus_build import build_milvus
    from index.milvus_server import LiteServer
    from index.store import load_index

    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    questions = _questions(work, size)
    local_cfg = Config(corpus_dir=str(work / "corpus"), user_dir=str(work / "user"),
                       index_dir=str(work / "index"))
    encoder = make_encoder(local_cfg)
    encoder.encode(["预热"])  # the model load is not part of any timing
    result: dict[str, Any] = {"size": size, "loadavg_before": os.getloadavg()[0],
                              "questions": len(questions)}
    server = LiteServer(work / "milvus").wait()
    try:
        # An index_dir of its own: Milvus must not reuse the local build's vectors.
        milvus_cfg = local_cfg.replace(backend="milvus", milvus_uri=server.uri,
                                       index_dir=str(work / "milvus-index"))
        log(f"[{size}] local build…")
        _, local_build = _timed(lambda: build_index(local_cfg, progress=False, encoder=encoder))
        local = load_index(local_cfg, encoder=encoder)
        log(f"[{size}] milvus build…")
        milvus, milvus_build = _timed(lambda: build_milvus(
            milvus_cfg, parse_corpus(milvus_cfg), encoder=encoder))
        log(f"[{size}] search…")
        overlap = []
        for q in questions:
            a = [h.clause.id for h in local.search(q, k=5)]
            b = [h.clause.id for h in milvus.search(q, k=5)]
            overlap.append(len(set(a) & set(b)) / max(len(a), len(b), 1))
        result["top5_overlap"] = sum(overlap) / len(overlap)
        result["clauses"] = len(local.clauses)
        rows = {"local": {"build_s": local_build, **_latency(local, questions, passes)},
                "milvus": {"build_s": milvus_build, **_latency(milvus, questions, passes)}}
        log(f"[{size}] add and delete one document…")
        path, _ = _new_document(work, size)
        added, rows["local"]["add_s"] = _timed(
            lambda: extend_index(local_cfg, [path], encoder=encoder, base=local))
        doc_id = added.sources[0].doc_id
        _, rows["local"]["delete_s"] = _timed(
            lambda: remove_document(local_cfg, doc_id, encoder=encoder, base=added.index))
        source = added.sources[0]  # the same doc_id in both
        _, rows["milvus"]["add_s"] = _timed(
            lambda: milvus.add_documents([parse_file(path, source, config=milvus_cfg)]))
        _, rows["milvus"]["delete_s"] = _timed(lambda: milvus.delete_documents([doc_id]))
        result["backends"] = rows
    finally:
        server.stop()
    result["loadavg_after"] = os.getloadavg()[0]
    return result


def markdown(results: list[dict[str, Any]]) -> str:
    lines = ["| docs | clauses | backend | build s | search+facts p50 / p95 ms | add one doc s | "
             "delete it s | top-5 overlap |", "|---|---|---|---|---|---|---|---|"]
    for r in results:
        for name, b in r["backends"].items():
            lines.append(f"| {r['size']} | {r['clauses']} | {name} | {b['build_s']:.1f} | "
                         f"{b['p50_ms']:.1f} / {b['p95_ms']:.1f} | {b['add_s']:.2f} | "
                         f"{b['delete_s']:.2f} | {r['top5_overlap']:.3f} |")
    return "\n".join(lines)


def run(sizes: list[int], work_root: Path, out_dir: Path, passes: int = 3,
        log: Any = print) -> int:
    results = [bench_backends(work_root / f"backends-{size}", size, passes, log) for size in sizes]
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = out_dir / f"bench-backends-{stamp}.json"
    path.write_text(json.dumps({"created": stamp, "cpu_count": os.cpu_count(),
                                "results": results}, ensure_ascii=False, indent=1),
                    encoding="utf-8")
    print(markdown(results))
    log(f"\n→ {path}")
    return 0
