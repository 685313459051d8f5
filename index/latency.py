"""Query latency of an index backend on this machine: ``python -m index.latency --bench``
(also ``python -m index.hybrid --bench``).

Works on any ``IndexBackend`` (``backend: local`` or ``milvus``): the questions are made
from the index's own headings, figures and 责任单位 lists.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from index.config import RETRIEVERS, Config


def sample_questions(index: Any, n: int = 20) -> list[str]:
    """Benchmark queries made from the index itself (clause headings with a figure's measure
    or a task's name), so the benchmark works on any corpus, not just the seeds."""
    docs = [index.document(d) for d in index.doc_ids()]
    by_id = {c.id: c for d in docs for c in d.clauses}
    figures = [f for d in docs for f in d.figures]
    duties = [r for d in docs for r in d.duties]
    out: list[str] = []
    step = max(1, len(figures) // n)
    for f in figures[::step]:
        clause = by_id.get(f.clause_id)
        if clause is not None and f.measure:
            out.append(f"{clause.path[-1]}{f.measure}是多少？")
    step = max(1, len(duties) // max(1, n // 4))
    out += [f"{d.task}由哪些单位负责？" for d in duties[::step]]
    return out[:n] or [c.heading for d in docs for c in d.clauses][:n]


def bench(index: Any, questions: Sequence[str] | None = None, repeat: int = 5,
          retrievers: Sequence[str] = RETRIEVERS) -> dict[str, dict[str, float]]:
    """Query latency in milliseconds per retriever: first (uncached encoding) and warm p50/p95.

    The first pass over the questions is timed on its own (query vectors not yet cached);
    later passes hit the query-vector cache, as repeated questions do in the app.
    """
    questions = list(questions) if questions is not None else sample_questions(index)
    index.encode_query.cache_clear()
    index.search("预热", k=1)  # loads the encoder model
    index.encode_query.cache_clear()
    out: dict[str, dict[str, float]] = {}
    for retriever in retrievers:
        cold: list[float] = []
        warm: list[float] = []
        for rep in range(repeat):
            for q in questions:
                t = time.perf_counter()
                index.search(q, k=5, retriever=retriever)
                (cold if rep == 0 else warm).append((time.perf_counter() - t) * 1000)
        index.encode_query.cache_clear()
        out[retriever] = {
            "cold_p50": float(np.percentile(cold, 50)), "cold_p95": float(np.percentile(cold, 95)),
            "warm_p50": float(np.percentile(warm, 50)) if warm else float("nan"),
            "warm_p95": float(np.percentile(warm, 95)) if warm else float("nan"),
        }
    t = time.perf_counter()
    for q in questions:
        index.search_facts(q)
    out["facts"] = {"p50": (time.perf_counter() - t) * 1000 / len(questions)}
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    import index  # noqa: F401  (offline environment)
    from index.backend import open_backend

    parser = argparse.ArgumentParser(prog="python -m index.latency", description=__doc__)
    parser.add_argument("--bench", action="store_true", help="time queries made from the index's own headings")
    parser.add_argument("--query", help="print the hits for one question")
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--backend", choices=("local", "milvus"), help="default: the configured one")
    args = parser.parse_args(argv)
    config = Config.load()
    if args.backend:
        config = config.replace(backend=args.backend)
    t = time.perf_counter()
    idx = open_backend(config)
    load_ms = (time.perf_counter() - t) * 1000
    if args.query:
        for h in idx.search(args.query, k=args.k):
            print(f"{h.score:.4f} bm25={h.bm25_rank} dense={h.dense_rank} {h.clause.id} "
                  f"{h.clause.path_text} | {h.clause.text[:60]}")
        for f in idx.search_facts(args.query, k=args.k):
            print(f"  {f.kind} {f.score:.2f} {f.record.clause_id} {getattr(f.record, 'text', '')[:60]}")
    if args.bench:
        result = bench(idx)
        result["load_ms"] = {"value": load_ms}
        result["encoder"] = {"id": idx.encoder.id}  # type: ignore[dict-item]
        print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
