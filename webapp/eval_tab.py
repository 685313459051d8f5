"""The 评测 tab: run a benchmark set from the web app, with progress, a cancel button, the
score per question shape and per document, latency, the failed questions, and the results
to download as CSV and JSON. Everything staff read is in Chinese."""

from __future__ import annotations

import csv
import json
import secrets
import threading
import time
from pathlib import Path
from typing import Any

from index.config import ROOT

# The sets the tab offers: those asked against the seeds (the app's own corpus). The
# real-document set needs its own corpus: ``python -m eval --qa eval/qa_realdocs.jsonl``.
QA_SETS = {
    "种子文档问答集（eval/qa.jsonl）": "eval/qa.jsonl",
    "问法契约集（eval/qa_contract.jsonl，种子文档部分）": "eval/qa_contract.jsonl",
}
KEEP_EVAL_RESULTS = 5
TYPE_NAMES = {
    "figure": "数字", "responsibility": "责任单位", "unanswerable": "无答案（应拒答）",
    "followup": "追问", "reverse": "反查（单位→任务）", "comparison": "比较", "aggregation": "汇总",
    "derived": "计算", "list": "列举", "both": "两份文档", "docfact": "文档信息", "fact": "文字事实",
    "time": "时间期限", "yesno": "是否", "parts": "多项分问", "overview": "概览",
}
METRIC_NAMES = {
    "n": "题数", "accuracy": "总体准确率", "answerable_accuracy": "可回答题准确率",
    "numeric_accuracy": "数字准确率", "unit_precision": "责任单位查准率",
    "unit_recall": "责任单位查全率", "unit_f1": "责任单位 F1", "citation_accuracy": "引用准确率",
    "refusal_precision": "拒答查准率", "refusal_recall": "拒答查全率",
    "recall@1": "检索命中率（前1）", "recall@5": "检索命中率（前5）", "mrr": "平均倒数排名 MRR",
    "latency_p50_ms": "回答用时中位数（毫秒）", "latency_p95_ms": "回答用时 P95（毫秒）",
    "answer_chars_mean": "平均答案字数", "answer_chars_max": "最长答案字数",
    "grounded_rate": "通过依据检查的比例", "false_refusal_rate": "误拒比例",
    "correct_cited_rate": "正确且引用原文的比例",
}
_NOT_SHARES = ("n", "mrr")
CSV_FIELDS = ["编号", "题型", "文档", "问题", "期望", "回答", "正确", "用时（毫秒）"]
BUSY = "已有一次评测在进行，请等它完成或先取消。"


class Cancelled(Exception):
    """The user pressed 取消."""


class EvalRunner:
    """One benchmark run at a time per app; ``cancel`` stops it after the current question."""

    def __init__(self) -> None:
        self._running = threading.Lock()
        self._cancel = threading.Event()

    def cancel(self) -> str:
        if not self._running.locked():
            return "现在没有进行中的评测。"
        self._cancel.set()
        return "正在取消：当前这道题答完就停止。"

    def run(self, bot: Any, config: Any, qa_file: str, sample: float | None,
            progress: Any = None) -> dict[str, Any]:
        """Ask all items of ``qa_file`` (seed-corpus items), or ``sample`` spread over it.
        Raises ``Cancelled`` when cancelled, RuntimeError(BUSY) when another run is going."""
        from eval.corpora import BenchCorpus
        from eval.dataset import load_qa
        from eval.runner import run_benchmark

        if not self._running.acquire(blocking=False):
            raise RuntimeError(BUSY)
        try:
            self._cancel.clear()
            items = [it for it in load_qa(ROOT / qa_file) if it.get("corpus", "seeds") == "seeds"]
            n = int(sample or 0)
            if 0 < n < len(items):
                step = -(-len(items) // n)  # ceil: every step-th item covers every type
                items = items[::step][:n]

            def callback(done: int, total: int) -> None:
                if self._cancel.is_set():
                    raise Cancelled(f"已取消：完成 {done}/{total} 题。")
                if progress is not None and total:
                    progress(min(done / total, 1.0), desc=f"评测 {done}/{total}")

            if progress is not None:
                progress(0, desc=f"评测 {len(items)} 题")
            corpus = BenchCorpus("seeds", config)
            return run_benchmark(bot, items, progress=False, progress_callback=callback,
                                 corpus=corpus)
        finally:
            self._running.release()


def pct(value: Any, key: str = "") -> str:
    """A share as a percentage, a count as is, any other number rounded to one decimal."""
    if isinstance(value, float) and 0 <= value <= 1 and key not in _NOT_SHARES:
        return f"{value:.1%}"
    if isinstance(value, float):
        return f"{value:.3f}" if key == "mrr" else f"{value:.1f}"
    return str(value)


def _gold_text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "、".join(_gold_text(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("text") or value.get("value") or value.get("task") or value)
    return str(value)


def _group_rows(groups: dict[str, Any], names: dict[str, str] | None = None) -> list[list[Any]]:
    rows = []
    for key, summary in groups.items():
        if isinstance(summary, dict) and isinstance(summary.get("accuracy"), int | float):
            rows.append([(names or {}).get(key, key), int(summary.get("n", 0)),
                         round(float(summary["accuracy"]), 3)])
    return rows


def eval_tables(result: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """The tab's tables: ``metrics`` (name, value), ``by_type`` and ``by_doc`` (name, 题数,
    准确率 as 0..1), ``failures`` (编号, 题型, 问题, 期望, 回答)."""
    metrics = result.get("metrics", {})
    overall = metrics.get("overall", {})
    metric_rows = [["题数", str(result.get("n", len(result.get("items", []))))]]
    metric_rows += [[METRIC_NAMES.get(k, k), pct(v, k)] for k, v in overall.items()
                    if k != "n" and isinstance(v, int | float | str)]
    failures = []
    for row in result.get("items", []):
        if not row.get("correct"):
            expected = "；".join(_gold_text(v) for v in (row.get("gold") or {}).values())
            got = (row.get("response") or {}).get("answer") or row.get("error") or ""
            failures.append([row.get("id", ""), TYPE_NAMES.get(row.get("type", ""), row.get("type", "")),
                             row.get("question", ""), expected, got])
    return {"metrics": metric_rows,
            "by_type": _group_rows(metrics.get("by_type", {}), TYPE_NAMES),
            "by_doc": _group_rows(metrics.get("by_doc", {})),
            "failures": failures}


def _fresh_path(folder: Path, suffix: str) -> Path:
    """A new file in the app's upload folder (which Gradio serves), keeping only the latest
    few of each kind, never a new folder in /tmp."""
    out_dir = folder / "eval-results"
    out_dir.mkdir(parents=True, exist_ok=True)
    old = sorted(out_dir.glob(f"results-*{suffix}"), key=lambda p: p.stat().st_mtime)
    for p in old[: max(0, len(old) - KEEP_EVAL_RESULTS + 1)]:
        p.unlink(missing_ok=True)
    return out_dir / f"results-{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}{suffix}"


def write_downloads(result: dict[str, Any], folder: Path) -> tuple[Path, Path]:
    """The whole result as JSON, and one CSV row per question (UTF-8 with BOM, for Excel)."""
    json_path = _fresh_path(folder, ".json")
    json_path.write_text(json.dumps(result, ensure_ascii=False, indent=2, default=str),
                         encoding="utf-8")
    csv_path = _fresh_path(folder, ".csv")
    with csv_path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(CSV_FIELDS)
        for row in result.get("items", []):
            response = row.get("response") or {}
            writer.writerow([
                row.get("id", ""), TYPE_NAMES.get(row.get("type", ""), row.get("type", "")),
                row.get("doc", ""), row.get("question", ""),
                "；".join(_gold_text(v) for v in (row.get("gold") or {}).values()),
                response.get("answer") or row.get("error") or "",
                "是" if row.get("correct") else "否",
                round(float(response.get("latency_ms") or 0), 1)])
    return json_path, csv_path
