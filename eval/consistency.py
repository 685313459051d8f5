"""Aggregate scores of a contract run: by document kind, refusals, paraphrase agreement,
quote citations and foreign figures.

Each row is a ``contract.score_item`` result with the runner's ``id``, ``type``, ``kind`` and
``paraphrase_of`` added.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any


def _mean(xs: Iterable[float | bool | None]) -> float | None:
    vals = [float(x) for x in xs if x is not None]
    return sum(vals) / len(vals) if vals else None


def paraphrase_pairs(rows: Sequence[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(row, the row it paraphrases) for every row whose ``paraphrase_of`` was asked too."""
    by_id = {r["id"]: r for r in rows}
    return [(r, by_id[r["paraphrase_of"]]) for r in rows
            if r.get("paraphrase_of") and r["paraphrase_of"] in by_id]


def agree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two answers to the same fact agree: both right or both wrong, stating the same figures."""
    return bool(a["correct"]) == bool(b["correct"]) and \
        list(a.get("figures_stated") or []) == list(b.get("figures_stated") or [])


def paraphrase_agreement(rows: Sequence[dict[str, Any]]) -> tuple[float | None, int, list[str]]:
    """Share of paraphrase pairs that agree, the number of pairs, and the ids that do not."""
    pairs = paraphrase_pairs(rows)
    if not pairs:
        return None, 0, []
    split = [a["id"] for a, b in pairs if not agree(a, b)]
    return 1 - len(split) / len(pairs), len(pairs), split


def group(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The contract scores of a group of rows."""
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    answered = [r for r in rows if not r["refused"]]
    return {
        "n": len(rows),
        "accuracy": _mean(r["correct"] for r in rows),
        "quote_citation": _mean(r.get("quote_ok") for r in answerable),
        "unanswerable_refused": _mean(r["refused"] for r in unanswerable),
        "answerable_wrongly_refused": _mean(r.get("wrongly_refused") for r in answerable),
        "foreign_figure_rate": _mean(bool(r.get("foreign_figures")) for r in answered),
        "yesno_verdict": _mean(r.get("yesno_ok") for r in rows),
        "lead_named": _mean(r.get("lead_ok") for r in rows),
    }


def aggregate(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Overall contract scores, by type and by document kind, with paraphrase agreement and
    the ids of the answers stating foreign figures."""
    by_type: dict[str, list] = defaultdict(list)
    by_kind: dict[str, list] = defaultdict(list)
    for r in rows:
        by_type[r["type"]].append(r)
        by_kind[r["kind"]].append(r)
    rate, n_pairs, split = paraphrase_agreement(rows)
    return {
        "overall": group(rows),
        "by_type": {k: group(v) for k, v in sorted(by_type.items())},
        "by_kind": {k: group(v) for k, v in sorted(by_kind.items())},
        "paraphrase_agreement": rate,
        "paraphrase_pairs": n_pairs,
        "paraphrase_split": split,
        "foreign_figure_ids": [r["id"] for r in rows if r.get("foreign_figures")],
    }
