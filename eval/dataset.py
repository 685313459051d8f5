"""The QA set: load ``eval/qa.jsonl`` (or a file of the same schema) and validate its items.

Files in the answer contract's shapes (``eval/qa_contract.jsonl``, ``eval/qa_realdocs.jsonl``)
mark every item with a ``corpus``; they may use the contract's types and keys (see
``eval/README.md``) and may leave ``gold_clause`` out when a ``gold_quote`` says where the
answer is.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DEFAULT_QA = Path(__file__).resolve().parent / "qa.jsonl"
# the grown benchmark: the original questions plus the contract's, on the seeds and on the
# real documents (``python -m eval --grown``)
GROWN = tuple(DEFAULT_QA.parent / name for name in ("qa.jsonl", "qa_contract.jsonl", "qa_realdocs.jsonl"))

TYPES = ("figure", "responsibility", "reverse", "docfact", "comparison", "aggregation", "derived",
         "list", "both", "followup", "unanswerable")
CONTRACT_TYPES = ("time", "yesno", "parts", "fact", "overview")
SEED_DOCS = ("dongying-2021", "tengzhou-2024")
DOCS = (*SEED_DOCS, "both")
CORPORA = ("seeds", "realdocs")
YESNO = ("是", "否", "未提及")
# a realdocs file stem: genre prefix, underscore, name and year (gov_tiyu2018, tw_morakot2009)
REALDOC_STEM = re.compile(r"^[a-z]+_[a-z0-9]+$")
ITEM_TYPES = ("gold_items", "gold_lead")
SCRIPTS = ("simplified", "traditional")
REQUIRED = ("id", "question", "type", "doc", "script", "found", "gold_figures", "gold_units",
            "gold_clause", "history")
FIGURE_KEYS = ("value", "unit", "qualifier", "text")
GOLD_FIELDS = ("gold_figures", "gold_units", "gold_items", "gold_tasks", "gold_subject")
CONTRACT_GOLD = (*GOLD_FIELDS, "gold_lead", "gold_yesno")


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) and x.strip() for x in value)


def validate_item(item: dict[str, Any]) -> None:
    """Raise ``ValueError`` naming the item and the problem if ``item`` breaks the schema.

    An item with a ``corpus`` is read in the contract schema (its types, keys and doc names);
    one without is read in the original schema of ``eval/qa.jsonl``.
    """
    iid = item.get("id", "<no id>")

    def bad(msg: str) -> ValueError:
        return ValueError(f"QA item {iid!r}: {msg}")

    contract = "corpus" in item
    for key in REQUIRED:
        if key not in item and not (contract and key == "gold_clause"):
            raise bad(f"missing field {key!r}")
    if not isinstance(item["id"], str) or not item["id"]:
        raise bad("id must be a non-empty string")
    if not isinstance(item["question"], str) or not item["question"].strip():
        raise bad("question must be a non-empty string")
    types = (*TYPES, *CONTRACT_TYPES) if contract else TYPES
    if item["type"] not in types:
        raise bad(f"type {item['type']!r} must be one of {types}")
    if contract:
        _validate_contract(item, bad)
    elif item["doc"] not in DOCS:
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
    gc = item.get("gold_clause")
    if item["found"]:
        ids = [gc] if isinstance(gc, str) else gc
        if contract and gc is None and item.get("gold_quote"):
            pass  # the quote says where the answer is
        elif not ids or not isinstance(ids, list) or not all(isinstance(c, str) and "/" in c for c in ids):
            raise bad(f"gold_clause {gc!r} must be a clause id or a list of them")
        gold = CONTRACT_GOLD if contract else GOLD_FIELDS
        if not any(item.get(k) for k in gold):
            raise bad(f"an answerable item needs one of {gold}")
    elif gc or item["gold_figures"] or item["gold_units"] or any(
            item.get(k) for k in ("gold_items", "gold_lead", "gold_yesno", "gold_quote")):
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


def item_docs(item: dict[str, Any]) -> list[str]:
    """The document names an item is about: its ``doc`` as a list (``both`` = the two seeds)."""
    doc = item["doc"]
    names = [doc] if isinstance(doc, str) else list(doc)
    return [d for n in names for d in (SEED_DOCS if n == "both" else (n,))]


def doc_label(item: dict[str, Any]) -> str:
    """The item's ``doc`` as one string: a list of documents joined with ``+``."""
    doc = item["doc"]
    return doc if isinstance(doc, str) else "+".join(doc)


def _validate_contract(item: dict[str, Any], bad: Any) -> None:
    """The contract schema's own checks: corpus, doc names and the new gold keys."""
    corpus = item["corpus"]
    if corpus not in CORPORA:
        raise bad(f"corpus {corpus!r} must be one of {CORPORA}")
    doc = item["doc"]
    names = [doc] if isinstance(doc, str) else doc
    if not isinstance(names, list) or not names or not all(isinstance(d, str) for d in names):
        raise bad(f"doc {doc!r} must be a document name or a non-empty list of them")
    for d in names:
        if corpus == "seeds" and d not in DOCS:
            raise bad(f"doc {d!r} must be one of {DOCS}")
        if corpus == "realdocs" and not REALDOC_STEM.match(d):
            raise bad(f"doc {d!r} must be a realdocs file stem such as 'gov_tiyu2018'")
    if len(set(names)) != len(names):
        raise bad(f"doc {doc!r} names a document twice")
    for key in ITEM_TYPES:
        if key in item and not _strings(item[key]):
            raise bad(f"{key} must be a list of non-empty strings")
    yn = item.get("gold_yesno")
    if yn is not None and yn not in YESNO:
        raise bad(f"gold_yesno {yn!r} must be one of {YESNO}")
    if item["type"] == "yesno" and yn is None:
        raise bad("a yesno item needs gold_yesno")
    quote = item.get("gold_quote")
    if quote is not None and not (isinstance(quote, str) and quote.strip()) and not (
            _strings(quote) and quote):
        raise bad("gold_quote must be a non-empty string or a non-empty list of them")
    if item["found"] and not quote:
        raise bad("an answerable item needs a gold_quote")
    para = item.get("paraphrase_of")
    if para is not None and (not isinstance(para, str) or para == item["id"] or not para):
        raise bad(f"paraphrase_of {para!r} must be the id of another item")


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
        ids = {i["id"] for i in items}
        orphans = [i["id"] for i in items if i.get("paraphrase_of") and i["paraphrase_of"] not in ids]
        if orphans:
            raise ValueError(f"{p}: paraphrase_of names no item of the file in {orphans}")
    return items


def load_qa_files(paths: Sequence[str | Path]) -> list[dict[str, Any]]:
    """Several QA files as one set, each item marked with its file's stem (``set``).

    Raises:
        ValueError: an id is used in two files (each file is checked by ``load_qa``).
    """
    items: list[dict[str, Any]] = []
    for path in paths:
        for item in load_qa(path):
            item["set"] = Path(path).stem
            items.append(item)
    dup = [k for k, n in Counter(i["id"] for i in items).items() if n > 1]
    if dup:
        raise ValueError(f"ids used in more than one QA file: {dup}")
    return items


def counts(items: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Item counts by type, by doc and by script."""
    return {
        "type": dict(Counter(i["type"] for i in items)),
        "doc": dict(Counter(doc_label(i) for i in items)),
        "script": dict(Counter(i["script"] for i in items)),
    }
