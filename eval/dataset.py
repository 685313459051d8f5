"""The QA set: load ``eval/qa.jsonl`` (or a file of the same schema) and validate its items."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

DEFAULT_QA = Path(__file__).resolve().parent / "qa.jsonl"

TYPES = ("figure", "responsibility", "reverse", "docfact", "comparison", "aggregation", "derived",
         "list", "both", "followup", "unanswerable")
DOCS = ("dongying-2021", "tengzhou-2024", "both")
SCRIPTS = ("simplified", "traditional")
REQUIRED = ("id", "question", "type", "doc", "script", "found", "gold_figures", "gold_units",
            "gold_clause", "history")
FIGURE_KEYS = ("value", "unit", "qualifier", "text")
GOLD_FIELDS = ("gold_figures", "gold_units", "gold_items", "gold_tasks", "gold_subject")


def validate_item(item: dict[str, Any]) -> None:
    """Raise ``ValueError`` naming the item and the problem if ``item`` breaks the schema."""
    iid = item.get("id", "<no id>")

    def bad(msg: str) -> ValueError:
        return ValueError(f"QA item {iid!r}: {msg}")

    for key in REQUIRED:
        if key not in item:
            raise bad(f"missing field {key!r}")
    if not isinstance(item["id"], str) or not item["id"]:
        raise bad("id must be a non-empty string")
    if not isinstance(item["question"], str) or not item["question"].strip():
        raise bad("question must be a non-empty string")
    if item["type"] not in TYPES:
        raise bad(f"type {item['type']!r} must be one of {TYPES}")
    if item["doc"] not in DOCS:
        raise bad(f"doc {item['doc']!r} must be one of {DOCS}")
    if item["script"] not in SCRIPTS:
        raise bad(f"script {item['script']!r} must be one of {SCRIPTS}")
    if not isinstance(item["found"], bool):
        raise bad("found must be true or false")
    if (item["type"] == "unanswerable") == item["found"]:
        raise bad("found must be false exactly for type 'unanswerable'")
    for f in item["gold_figures"]:
        if not isinstance(f, dict) or any(k not in f for k in FIGURE_KEYS) or not f["text"]:
            raise bad(f"gold figure {f!r} needs keys {FIGURE_KEYS} and a non-empty text")
    if not all(isinstance(u, str) and u for u in item["gold_units"]):
        raise bad("gold_units must be a list of non-empty strings")
    gc = item["gold_clause"]
    if item["found"]:
        ids = [gc] if isinstance(gc, str) else gc
        if not ids or not isinstance(ids, list) or not all(isinstance(c, str) and "/" in c for c in ids):
            raise bad(f"gold_clause {gc!r} must be a clause id or a list of them")
        if not any(item.get(k) for k in GOLD_FIELDS):
            raise bad(f"an answerable item needs one of {GOLD_FIELDS}")
    elif gc or item["gold_figures"] or item["gold_units"]:
        raise bad("an unanswerable item has no gold")
    hist = item["history"]
    if not isinstance(hist, list) or any(
        not isinstance(h, dict) or h.get("role") not in ("user", "assistant") or not h.get("content")
        for h in hist
    ):
        raise bad("history must be a list of {role: user|assistant, content} turns")
    if item["type"] == "followup" and not hist:
        raise bad("a followup item needs a history")
    if item.get("gold_tasks") is not None and not isinstance(item["gold_tasks"], list):
        raise bad("gold_tasks must be a list")


def load_qa(path: str | Path | None = None, *, validate: bool = True) -> list[dict[str, Any]]:
    """Read a QA JSONL file, one item per line (blank lines skipped).

    Args:
        path: the file; ``eval/qa.jsonl`` by default.
        validate: check every item (``validate_item``) and that ids are unique.

    Returns:
        The items, in file order.
    """
    p = Path(path) if path else DEFAULT_QA
    if not p.is_file():
        raise FileNotFoundError(f"QA file {str(p)!r} not found")
    items = []
    with p.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{p}:{lineno}: not JSON ({e})") from e
            item.setdefault("history", [])
            item.setdefault("gold_figures", [])
            item.setdefault("gold_units", [])
            if validate:
                validate_item(item)
            items.append(item)
    if validate:
        dup = [k for k, n in Counter(i["id"] for i in items).items() if n > 1]
        if dup:
            raise ValueError(f"{p}: duplicate ids {dup}")
    return items


def counts(items: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Item counts by type, by doc and by script."""
    return {
        "type": dict(Counter(i["type"] for i in items)),
        "doc": dict(Counter(i["doc"] for i in items)),
        "script": dict(Counter(i["script"] for i in items)),
    }
