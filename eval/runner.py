"""Run the QA benchmark against the assistant and write results, a summary and a chart."""

from __future__ import annotations

import argparse
import json
import shutil
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from eval import consistency, contract, metrics
from eval.corpora import BenchCorpus, doc_kind, prepare
from eval.dataset import GROWN, doc_label, item_docs, load_qa, load_qa_files
from eval.report import console_table, markdown_summary, write_chart

RESULTS_DIR = Path(__file__).resolve().parent / "results"
RETRIEVERS = ("bm25", "dense", "hybrid")
GOLD_KEYS = ("gold_figures", "gold_units", "gold_items", "gold_tasks", "gold_subject", "gold_clause",
             "gold_lead", "gold_yesno", "gold_quote")
KEEP_ANSWER_KEYS = ("answer", "found", "figures", "units", "citations", "retrieved", "latency_ms", "type",
                    "computation")


def _answer_dict(ans: Any) -> dict[str, Any]:
    d = ans.to_dict() if hasattr(ans, "to_dict") else dict(ans)
    return d


def candidate_units(items: Sequence[dict[str, Any]]) -> list[str]:
    """Every gold unit in the set: the names looked for in answer text."""
    seen: dict[str, None] = {}
    for it in items:
        for u in it.get("gold_units") or []:
            seen.setdefault(u, None)
    return list(seen)


def _clause_texts(bot: Any) -> contract.ClauseText | None:
    """Clause id → texts from the bot's index (``Assistant.index``), when it has one."""
    clauses = getattr(getattr(bot, "index", None), "clauses", None)
    return contract.clause_texts(clauses) if clauses is not None else None


def evaluate_item(bot: Any, item: dict[str, Any], units: Sequence[str] = (),
                  corpus: BenchCorpus | None = None,
                  clause_text: contract.ClauseText | None = None) -> dict[str, Any]:
    """Ask one question and score the answer; an exception is recorded, scored as wrong.

    Items in the contract schema (with a ``corpus``) are scored by ``contract.score_item``;
    ``corpus`` maps their document names to doc_ids and ``clause_text`` gives the cited
    clauses' text for the quote check.
    """
    t0 = time.perf_counter()
    error = None
    try:
        ans = bot.ask(item["question"], history=item.get("history") or None, doc_filter=None)
        d = _answer_dict(ans)
    except Exception as e:  # one broken answer must not stop the run
        error = f"{type(e).__name__}: {e}"
        d = {"answer": "", "found": False, "citations": [], "retrieved": [], "figures": [], "units": []}
    wall_ms = (time.perf_counter() - t0) * 1000
    if d.get("latency_ms") is None:
        d["latency_ms"] = wall_ms
    names = item_docs(item)
    docs = [corpus.doc_id(n) if corpus else n for n in names]
    if "corpus" in item:
        row = contract.score_item(item, d, units, clause_text, docs)
    else:
        row = metrics.score_item(item, d, units)
    if error:
        row["correct"] = False
        row["refused"] = False
    row.update(
        id=item["id"], type=item["type"], doc=doc_label(item), script=item.get("script"), set=item.get("set"),
        docs=docs, kind="+".join(sorted({doc_kind(n) for n in names})),
        paraphrase_of=item.get("paraphrase_of"),
        question=item["question"], history=item.get("history") or [], error=error,
        gold={k: item[k] for k in GOLD_KEYS if item.get(k)},
        response={k: d.get(k) for k in KEEP_ANSWER_KEYS},
    )
    return row


def run_benchmark(
    bot: Any,
    items: Sequence[dict[str, Any]],
    progress: bool = True,
    progress_callback: Callable[[int, int], None] | None = None,
    corpus: BenchCorpus | None = None,
) -> dict[str, Any]:
    """Ask every item's question and score the answers.

    Args:
        bot: anything with ``ask(question, history=..., doc_filter=...)`` returning an object
            with ``to_dict()`` (or a dict) in the Answer contract (see ``eval/README.md``).
        items: QA items (``eval.dataset.load_qa``).
        progress: show a tqdm progress bar.
        progress_callback: called as ``progress_callback(i, n)`` after each item (1-based i).
        corpus: the corpus asked (``eval.corpora``): maps the items' document names to
            doc_ids; None when they are doc_ids already.

    Returns:
        ``{"items": [per-item rows], "metrics": aggregate(...), "n": len(items)}``; when
        items are in the contract schema, ``metrics["contract"]`` holds
        ``consistency.aggregate(...)`` of their rows.
    """
    units = candidate_units(items)
    clause_text = _clause_texts(bot) if any("corpus" in it for it in items) else None
    rows = []
    n = len(items)
    iterator: Any = items
    if progress:
        from tqdm import tqdm

        iterator = tqdm(items, total=n, desc="eval", unit="q")
    for i, item in enumerate(iterator, start=1):
        rows.append(evaluate_item(bot, item, units, corpus, clause_text))
        if progress_callback is not None:
            progress_callback(i, n)
    result = {"n": n, "items": rows, "metrics": metrics.aggregate(rows)}
    contract_rows = [r for r, it in zip(rows, items, strict=True) if "corpus" in it]
    if contract_rows:
        result["metrics"]["contract"] = consistency.aggregate(contract_rows)
    return result


def write_results(result: dict[str, Any], out_dir: Path, stamp: str | None = None) -> dict[str, Path]:
    """Write ``<stamp>.json``/``.md``/``.png`` under ``out_dir`` and copy them to ``latest.*``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = stamp or datetime.now().strftime("%Y%m%d-%H%M%S")
    paths = {ext: out_dir / f"{stamp}.{ext}" for ext in ("json", "md", "png")}
    paths["json"].write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    paths["md"].write_text(markdown_summary(result), encoding="utf-8")
    write_chart(result, paths["png"])
    for ext, p in paths.items():
        if p.exists():
            shutil.copyfile(p, out_dir / f"latest.{ext}")
    return paths


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m eval", description=__doc__)
    ap.add_argument("--qa", type=Path, action="append", default=None,
                    help="QA JSONL file (default: eval/qa.jsonl); give it again to ask several files as one set")
    ap.add_argument("--grown", action="store_true",
                    help="the grown benchmark: eval/qa.jsonl, qa_contract.jsonl and qa_realdocs.jsonl as one "
                         "set, asked against the seeds plus ../shared/realdocs")
    ap.add_argument("--retriever", choices=RETRIEVERS, default=None,
                    help="override the configured retriever")
    ap.add_argument("--limit", type=int, default=None, help="only the first N items")
    ap.add_argument("--min-score", type=float, default=None,
                    help="exit 1 when the overall accuracy is below this (0..1)")
    ap.add_argument("--out", type=Path, default=RESULTS_DIR, help="results folder (default: eval/results)")
    ap.add_argument("--no-progress", action="store_true", help="no progress bar")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m eval``: returns 0, or 1 when the score is below ``--min-score`` or on errors."""
    args = parse_args(argv)
    files = list(GROWN) if args.grown else (args.qa or [])
    try:
        items = load_qa_files(files) if len(files) > 1 else load_qa(files[0] if files else None)
    except (FileNotFoundError, ValueError) as e:
        print(f"error: {e}")
        return 1
    if args.limit is not None:
        items = items[: max(args.limit, 0)]
    try:
        from index.config import Config

        config = Config.load()
        if args.retriever:
            config = config.replace(retriever=args.retriever)
        corpus = prepare(items, config, progress=not args.no_progress)
        config = corpus.config
        from assistant.core import Assistant

        bot = Assistant(config)
    except Exception as e:  # the user sees what went wrong and what to do, not a traceback
        print(f"error: could not start the assistant: {type(e).__name__}: {e}\n"
              "Build the index first: python -m index build")
        return 1
    result = run_benchmark(bot, items, progress=not args.no_progress, corpus=corpus)
    result["config"] = {"qa": ", ".join(str(f) for f in files) or "eval/qa.jsonl", "limit": args.limit, "corpus": corpus.name,
                        "retriever": getattr(config, "retriever", args.retriever),
                        "min_score": args.min_score}
    paths = write_results(result, args.out)
    print(console_table(result))
    print(f"\nresults: {paths['json']}\nsummary: {paths['md']}\nchart:   {paths['png']}")
    score = result["metrics"]["score"] or 0.0
    if args.min_score is not None and score < args.min_score:
        print(f"score {score:.3f} is below --min-score {args.min_score}")
        return 1
    return 0
