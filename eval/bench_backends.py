"""The local and the Milvus backend side by side: ``python -m eval.bench --backend milvus``.

For each corpus size (``--sizes``; 2 = the seeds), in one process: build from scratch
(the clauses embedded once, by the local build; Milvus is built from the same vectors),
search latency per question (hybrid ``search`` k=5 plus ``search_facts`` k=10, what
answering asks of the index; warm, three passes), the top-5 overlap of Milvus (exact) with
the local index as built and with an exact scan of the same vectors, and, when the local
index is HNSW, how near exact each efSearch comes and at what latency; then through an ``Assistant`` on each
backend: how long it takes to start, answer latency and accuracy (the generated questions
with known answers), 8 clients asking at once (threads in this process), and adding one
generated document and removing it again as the web app does (``Assistant.add_documents`` /
``remove_document``: journalled; on Milvus only that document's rows are written). Milvus is
milvus-lite 2.5.1's server (Milvus' C++ engine) on 127.0.0.1, reached over TCP as a
standalone server or a cluster would be. The JSON is written after each size.
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


def _questions(work: Path, size: int) -> list[dict[str, Any]]:
    from eval.bench import prepare_corpus, question_set

    items = question_set(prepare_corpus(work, size))
    if size == 2:  # the seeds: the benchmark's own questions as well
        qa = (ROOT / "eval" / "qa.jsonl").read_text(encoding="utf-8").splitlines()
        items += [{"question": json.loads(x)["question"]} for x in qa[::6] if x.strip()]
    return items


def _answered(item: dict[str, Any], text: str) -> bool | None:
    """Whether an answer holds the item's gold figure or unit (None: nothing to check)."""
    from eval.bench import _num
    from index.clean import normalize

    if not item.get("gold"):
        return None
    if item.get("units"):
        return normalize(item["units"][0]) in normalize(text)
    return item.get("value") is not None and _num(item["value"]) in text


def _answers(bot: Any, items: list[dict[str, Any]], passes: int) -> dict[str, Any]:
    """Warm answer latency and accuracy through the assistant."""
    from eval.bench import _percentile

    for item in items[:3]:
        bot.ask(item["question"])
    lat, marks = [], []
    for p in range(passes):
        for item in items:
            t = time.perf_counter()
            text = bot.ask(item["question"]).answer
            lat.append((time.perf_counter() - t) * 1000)
            if p == 0 and (ok := _answered(item, text)) is not None:
                marks.append(ok)
    return {"answer_p50_ms": _percentile(lat, 50), "answer_p95_ms": _percentile(lat, 95),
            "accuracy": sum(marks) / len(marks) if marks else None}


def _clients(bot: Any, questions: list[str], clients: int = 8) -> dict[str, Any]:
    """``clients`` threads each asking every question once, all at the same time."""
    from concurrent.futures import ThreadPoolExecutor

    from eval.bench import _percentile

    def client(i: int) -> tuple[list[float], int]:
        lat, errors = [], 0
        for q in questions[i:] + questions[:i]:  # each starts elsewhere in the list
            t = time.perf_counter()
            try:
                bot.ask(q)
            except Exception:  # counted: a client sees an error
                errors += 1
            lat.append((time.perf_counter() - t) * 1000)
        return lat, errors

    with ThreadPoolExecutor(clients) as pool:
        done = list(pool.map(client, range(clients)))
    lat = [x for d in done for x in d[0]]
    return {"clients": clients, "clients_p50_ms": _percentile(lat, 50),
            "clients_p95_ms": _percentile(lat, 95), "clients_errors": sum(d[1] for d in done)}


def _through_the_assistant(cfg: Config, items: list[dict[str, Any]], path: Path, doc: Any,
                           passes: int) -> dict[str, Any]:
    from assistant.core import Assistant

    bot, ready = _timed(lambda: Assistant(cfg))
    _, warm = _timed(bot.warm_up)  # what the web app loads in the background once it listens
    # A second start: its warm-up reads the reading summaries the first one stored.
    again, out_ready = _timed(lambda: Assistant(cfg))
    _, warm_stored = _timed(again.warm_up)
    del again
    out: dict[str, Any] = {"ready_s": ready, "warm_up_s": warm, "ready_again_s": out_ready,
                           "warm_up_stored_s": warm_stored, **_answers(bot, items, passes),
                           **_clients(bot, [i["question"] for i in items])}
    added, out["add_s"] = _timed(lambda: bot.add_documents([path]))
    doc_id = added[0].doc_id
    question = next(q for q in doc.questions if q.value is not None)
    out["added_answered"] = question.gold in bot.ask(question.question).answer
    _, out["delete_s"] = _timed(lambda: bot.remove_document(doc_id))
    out["deleted_gone"] = doc_id not in bot.index.doc_ids()
    return out


EF_SWEEP = (128, 256, 512, 1024)  # local HNSW efSearch values compared with an exact scan


def _overlap(a: Any, b: Any, questions: list[str]) -> float:
    """Mean share of the top-5 clauses (hybrid search) that two indexes have in common."""
    shares = []
    for q in questions:
        x = [h.clause.id for h in a.search(q, k=5)]
        y = [h.clause.id for h in b.search(q, k=5)]
        shares.append(len(set(x) & set(y)) / max(len(x), len(y), 1))
    return sum(shares) / len(shares)


def _dense_p50(index: Any, questions: list[str], passes: int) -> float:
    from eval.bench import _percentile

    lat = []
    for _ in range(passes):
        for q in questions:
            t = time.perf_counter()
            index.search(q, k=5, retriever="dense")
            lat.append((time.perf_counter() - t) * 1000)
    return _percentile(lat, 50)


def _exactness(local: Any, milvus: Any, questions: list[str], passes: int) -> dict[str, Any]:
    """Top-5 overlap of Milvus (FLAT: exact) with the local index as built (HNSW above
    ``hnsw_threshold`` clauses) and with the same vectors scanned exactly; when the local
    index is HNSW, its overlap with the exact scan and its dense search p50 at each
    efSearch of ``EF_SWEEP`` (the price of being nearer exact)."""
    import copy

    import faiss

    from index import dense

    out: dict[str, Any] = {"top5_overlap": _overlap(local, milvus, questions),
                           "local_index": "hnsw" if isinstance(local.vectors, faiss.IndexHNSW)
                           else "flat", "local_ef_search": local.config.hnsw_ef_search}
    if out["local_index"] == "flat":
        out["top5_overlap_exact"] = out["top5_overlap"]
        return out
    n = local.vectors.ntotal
    exact = copy.copy(local)
    exact.vectors = dense.build_faiss(local.vectors.reconstruct_n(0, n), hnsw_threshold=n)
    out["top5_overlap_exact"] = _overlap(exact, milvus, questions)
    sweep = [{"ef_search": "exact", "top5_vs_exact": 1.0,
              "dense_p50_ms": _dense_p50(exact, questions, passes)}]
    # One query on a few threads pays OpenMP's wake-up on a busy machine: also one thread.
    dense.set_threads(1)
    sweep.append({"ef_search": "exact, 1 thread", "top5_vs_exact": 1.0,
                  "dense_p50_ms": _dense_p50(exact, questions, passes)})
    dense.set_threads(local.config.n_threads)
    for ef in EF_SWEEP:
        tuned = copy.copy(local)
        tuned.config = local.config.replace(hnsw_ef_search=ef)
        sweep.append({"ef_search": ef, "top5_vs_exact": _overlap(tuned, exact, questions),
                      "dense_p50_ms": _dense_p50(tuned, questions, passes)})
    out["hnsw_sweep"] = sweep
    return out


def bench_backends(work: Path, size: int, passes: int = 3, log: Any = print) -> dict[str, Any]:
    """Build, search, add and delete on both backends for one corpus size.

    The clauses are embedded once: the local build embeds them (its ``embed`` phase,
    reported as ``embed_s``), the Milvus build takes the vectors from the local index's
    vector cache; both ``build_s`` are without embedding.
    """
    from eval.bench import _new_document
    from index.build import build_index, parse_corpus
    from index.encoders import make_encoder
    from index.milvus_build import build_milvus
    from index.milvus_server import LiteServer
    from index.store import load_index

    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    items = _questions(work, size)
    questions = [i["question"] for i in items]
    local_cfg = Config(corpus_dir=str(work / "corpus"), user_dir=str(work / "user"),
                       index_dir=str(work / "index"))
    encoder = make_encoder(local_cfg)
    encoder.encode(["预热"])  # the model load is not part of any timing
    result: dict[str, Any] = {"size": size, "loadavg_before": os.getloadavg()[0],
                              "questions": len(questions), "shared_embedding": True}
    server = LiteServer(work / "milvus").wait()
    try:
        # Milvus is built from the local index's vectors (same index_dir): one embedding.
        build_cfg = local_cfg.replace(backend="milvus", milvus_uri=server.uri,
                                      user_dir=str(work / "milvus-user"))
        # The assistant on Milvus: a folder of its own, nothing local to lean on.
        milvus_cfg = build_cfg.replace(index_dir=str(work / "milvus-index"))
        log(f"[{size}] local build (embeds every clause)…")
        _, local_build = _timed(lambda: build_index(local_cfg, progress=False, encoder=encoder))
        local = load_index(local_cfg, encoder=encoder)
        result["embed_s"] = float(local.manifest.get("phases", {}).get("embed", 0.0))
        result["loadavg_after_embed"] = os.getloadavg()[0]
        log(f"[{size}] milvus build (from the same vectors)…")
        milvus, milvus_build = _timed(lambda: build_milvus(
            build_cfg, parse_corpus(build_cfg), encoder=encoder))
        log(f"[{size}] search…")
        result.update(_exactness(local, milvus, questions, passes))
        result["clauses"] = len(local.clauses)
        rows = {"local": {"build_s": local_build - result["embed_s"],
                          "build_total_s": local_build, **_latency(local, questions, passes)},
                "milvus": {"build_s": milvus_build, **_latency(milvus, questions, passes)}}
        del local, milvus
        path, doc = _new_document(work, size)
        for name, cfg in (("local", local_cfg), ("milvus", milvus_cfg)):
            log(f"[{size}] {name}: the assistant (answers, 8 clients, add and delete)…")
            rows[name].update(_through_the_assistant(cfg, items, path, doc, passes))
        result["backends"] = rows
    finally:
        server.stop()
    result["loadavg_after"] = os.getloadavg()[0]
    return result


def markdown(results: list[dict[str, Any]]) -> str:
    lines = ["| docs | clauses | backend | build s (embedding apart) | search+facts p50 / p95 ms "
             "| assistant ready / warm-up s (first / from stored summaries) | answer p50 / p95 ms | accuracy | 8 clients p50 / "
             "p95 ms, errors | add one doc s | delete it s | top-5 overlap (vs local / vs "
             "local exact) | load before / after |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        for name, b in r["backends"].items():
            acc = "—" if b["accuracy"] is None else f"{b['accuracy']:.0%}"
            overlap = ""
            if name == "milvus":
                overlap = f"{r['top5_overlap']:.3f}"
                if "top5_overlap_exact" in r:
                    overlap += f" / {r['top5_overlap_exact']:.3f}"
            build = f"{b['build_s']:.1f}"
            if "embed_s" in r and name == "local":
                build += f" (+ embed {r['embed_s']:.0f})"
            lines.append(
                f"| {r['size']} | {r['clauses']:,} | {name} | {build} | "
                f"{b['p50_ms']:.1f} / {b['p95_ms']:.1f} | {b['ready_s']:.1f} / {b['warm_up_s']:.1f}"
                f" / {b.get('warm_up_stored_s', float('nan')):.2f} | "
                f"{b['answer_p50_ms']:.1f} / {b['answer_p95_ms']:.1f} | {acc} | "
                f"{b['clients_p50_ms']:.0f} / {b['clients_p95_ms']:.0f}, {b['clients_errors']} | "
                f"{b['add_s']:.2f} | {b['delete_s']:.2f} | {overlap} | "
                f"{r['loadavg_before']:.1f} / {r['loadavg_after']:.1f} |")
    for r in results:
        if r.get("hnsw_sweep"):
            lines += ["", f"Local HNSW at {r['clauses']:,} clauses: efSearch against an exact scan",
                      "", "| efSearch | top-5 overlap with exact | dense search p50 ms |",
                      "|---|---|---|"]
            lines += [f"| {x['ef_search']} | {x['top5_vs_exact']:.3f} | {x['dense_p50_ms']:.1f} |"
                      for x in r["hnsw_sweep"]]
    return "\n".join(lines)


def _build_total(result: dict[str, Any], name: str) -> float:
    """Build time with embedding, for either kind of run: a shared embedding (``embed_s``)
    counts for each backend, as if each had embedded anew as the older runs did."""
    return result["backends"][name]["build_s"] + result.get("embed_s", 0.0)


def plot(results: list[dict[str, Any]], path: Path) -> None:
    """Build, add, delete and answer time against clauses, both backends."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
    x = [r["clauses"] for r in results]
    for name, style in (("local", "o-"), ("milvus", "s--")):
        b = [r["backends"][name] for r in results]
        axes[0].plot(x, [_build_total(r, name) for r in results], style, label=name)
        axes[1].plot(x, [v["add_s"] for v in b], style, label=f"{name} add")
        axes[1].plot(x, [v["delete_s"] for v in b], style, alpha=0.5, label=f"{name} delete")
        axes[2].plot(x, [v["answer_p50_ms"] for v in b], style, label=f"{name} p50")
        axes[2].plot(x, [v["answer_p95_ms"] for v in b], style, alpha=0.5, label=f"{name} p95")
    for ax, title in zip(axes, ("build from scratch, embedding included (s)", "add / delete one document (s)",
                                "answer latency (ms)"), strict=True):
        ax.set_xscale("log")
        ax.set_xlabel("clauses")
        ax.set_title(title)
        ax.legend(fontsize=7)
    loads = [r["loadavg_before"] for r in results] + [r["loadavg_after"] for r in results]
    fig.suptitle(f"local vs Milvus (milvus-lite 2.5.1, TCP); {os.cpu_count()} cores, "
                 f"load {min(loads):.1f}–{max(loads):.1f}", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def run(sizes: list[int], work_root: Path, out_dir: Path, passes: int = 3,
        log: Any = print) -> int:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = out_dir / f"bench-backends-{stamp}.json"
    results: list[dict[str, Any]] = []
    for size in sizes:
        results.append(bench_backends(work_root / f"backends-{size}", size, passes, log))
        shutil.rmtree(work_root / f"backends-{size}", ignore_errors=True)
        path.write_text(json.dumps({"created": stamp, "cpu_count": os.cpu_count(),
                                    "results": results}, ensure_ascii=False, indent=1),
                        encoding="utf-8")  # after each size: a long run keeps what it measured
        plot(results, path.with_suffix(".png"))
        log(markdown(results))
    print(markdown(results))
    log(f"\n→ {path}")
    return 0
