"""``python -m eval feedback``: what staff said about the answers (👍/👎 and comments).

Reads the JSONL file the web app writes (``Config.feedback_file``): counts, the share of
👍, and every 👎 with its question, answer and comment, newest first, so an evaluator can
turn them into benchmark questions. ``--json`` prints the summary as JSON.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The latest judgement of each (question, answer) counts; a taken-back one does not."""
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        latest[(str(row.get("question", "")), str(row.get("answer", "")))] = row
    judged = [r for r in latest.values() if r.get("liked") is not None]
    up = [r for r in judged if r.get("liked")]
    down = [r for r in judged if not r.get("liked")]
    return {
        "records": len(rows),
        "judged": len(judged),
        "up": len(up),
        "down": len(down),
        "up_share": round(len(up) / len(judged), 3) if judged else None,
        "with_comment": sum(1 for r in judged if str(r.get("comment") or "").strip()),
        "down_items": [{k: r.get(k) for k in ("time", "question", "answer", "comment", "doc_filter")}
                       for r in sorted(down, key=lambda r: str(r.get("time", "")), reverse=True)],
    }


def format_summary(s: dict[str, Any], path: Path) -> str:
    if not s["records"]:
        return f"还没有反馈（{path}）。"
    share = "—" if s["up_share"] is None else f"{100 * s['up_share']:.1f}%"
    lines = [f"反馈文件：{path}",
             f"共 {s['records']} 条记录，{s['judged']} 个回答有评价：👍 {s['up']}，👎 {s['down']}"
             f"（👍 占 {share}），{s['with_comment']} 条附意见。"]
    if s["down_items"]:
        lines.append("\n👎 的回答（最新在前）：")
    for i, r in enumerate(s["down_items"], 1):
        lines.append(f"{i}. [{r['time']}] 问：{r['question']}")
        lines.append(f"   答：{str(r['answer'])[:200]}")
        if r.get("comment"):
            lines.append(f"   意见：{r['comment']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    from index.config import Config
    from webapp.feedback import read_feedback

    parser = argparse.ArgumentParser(prog="python -m eval feedback", description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="the feedback file (default: Config.feedback_file)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    path = args.file or Config.load().path(Config.load().feedback_file)
    s = summarise(read_feedback(path))
    print(json.dumps(s, ensure_ascii=False, indent=2) if args.json else format_summary(s, path))
    return 0
