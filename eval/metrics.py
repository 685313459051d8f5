"""Benchmark metrics: answer normalisation, per-item scoring and aggregate scores.

Everything here is a pure function over plain dicts: a QA item (one line of
``eval/qa.jsonl``, see ``eval/README.md``) and an answer dict (``Answer.to_dict()``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

FIGURE_TYPES = ("figure", "derived", "aggregation", "comparison", "docfact")
EXACT_UNIT_TYPES = ("responsibility", "followup")

_CN_DIGITS = {"零": "0", "〇": "0", "一": "1", "二": "2", "两": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?")
_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百千点\d.]+)")
_DATE_CN = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_DATE_SEP = re.compile(r"(?<!\d)(\d{4})[./](\d{1,2})[./](\d{1,2})(?!\d)")
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DOCNO_YEAR = re.compile(r"[\[［【(〔](\d{4})[\]］】)〕](?=\d+号)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_QUOTES = re.compile(r"[\"'“”‘’「」『』《》〈〉]")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified Chinese (OpenCC ``t2s``)."""
    return _t2s().convert(text)


def _cn_number(run: str) -> str:
    """One run of Chinese numerals as Arabic digits; the run itself when it is not a number."""
    if not re.search(r"[十百千点]", run):
        # digit by digit: 二〇二四 → 2024, 一 → 1
        return "".join(_CN_DIGITS[c] for c in run)
    try:
        import cn2an

        value = cn2an.cn2an(run.replace("两", "二"), "smart")
    except Exception:  # not a well-formed numeral (e.g. 三四十): leave it as written
        return run
    if isinstance(value, float) and value.is_integer() and "点" not in run:
        value = int(value)
    return str(value)


def _digits_of(text: str) -> str:
    return _CN_RUN.sub(lambda m: _cn_number(m.group(0)), text)


def normalize_answer(text: str) -> str:
    """Normalise an answer (or a gold string) so that equal figures compare equal.

    NFKC (full-width digits, ％, brackets), Traditional → Simplified, whitespace removed,
    ``百分之十`` → ``10%``, Chinese numerals → Arabic (``二十名`` → ``20名``; ``万``/``亿`` stay
    as units, so ``两万辆`` → ``2万辆``), thousands separators dropped, dates as ``YYYY-MM-DD``,
    document-number years in ``〔〕``, ``及以上`` → ``以上``, Latin letters lower-cased.

    Args:
        text: any answer text, Simplified or Traditional.

    Returns:
        The normalised text.
    """
    if not text:
        return ""
    s = unicodedata.normalize("NFKC", text)
    s = to_simplified(s)
    s = _SPACE.sub("", s)
    s = _PERCENT.sub(lambda m: _digits_of(m.group(1)) + "%", s)
    s = _digits_of(s)
    s = _THOUSANDS.sub("", s)
    s = _DATE_CN.sub(lambda m: f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}", s)
    s = _DATE_SEP.sub(lambda m: f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}", s)
    s = _DATE_ISO.sub(lambda m: f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}", s)
    s = _DOCNO_YEAR.sub(r"〔\1〕", s)
    s = s.replace("及以上", "以上")
    return s.lower()


def normalize_unit(name: str) -> str:
    """Normalise a unit (organisation) name: NFKC, Simplified, no spaces or quotes, no 等/牵头."""
    s = to_simplified(unicodedata.normalize("NFKC", name or ""))
    s = _QUOTES.sub("", _SPACE.sub("", s))
    s = re.sub(r"(牵头|等)+$", "", s)
    return s.strip("，,、。;；:：")


def _contains_figure(gold_norm: str, answer_norm: str) -> bool:
    if not gold_norm:
        return False
    start = answer_norm.find(gold_norm)
    while start >= 0:
        before = answer_norm[start - 1] if start > 0 else ""
        after = answer_norm[start + len(gold_norm): start + len(gold_norm) + 1]
        bad_before = gold_norm[0].isdigit() and (before.isdigit() or before == ".")
        bad_after = gold_norm[-1].isdigit() and (after.isdigit() or after == ".")
        if not bad_before and not bad_after:
            return True
        start = answer_norm.find(gold_norm, start + 1)
    return False


def figure_correct(gold_figure: dict[str, Any] | str, answer_text: str) -> bool:
    """Whether the answer states the gold figure: value, unit and qualifier as written.

    The gold ``text`` (e.g. ``21.31亿元``, ``16%以上``, ``不少于12场``) must occur in the
    normalised answer and must not be part of a longer number: ``21.31亿元`` does not match
    ``121.31亿元`` or ``21.315亿元``, and ``16%以上`` needs the ``以上``.

    Args:
        gold_figure: a gold figure dict (its ``text`` is used) or the text itself.
        answer_text: the answer (any script).
    """
    gold = gold_figure if isinstance(gold_figure, str) else gold_figure.get("text", "")
    return _contains_figure(normalize_answer(gold), normalize_answer(answer_text or ""))


def unit_scores(gold_units: Iterable[str], predicted_units: Iterable[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of predicted units against gold, as sets after normalisation.

    Order does not matter; extra units lower precision, missing ones lower recall. Two
    empty sets score 1.0 each.
    """
    gold = {normalize_unit(u) for u in gold_units if normalize_unit(u)}
    pred = {normalize_unit(u) for u in predicted_units if normalize_unit(u)}
    if not gold and not pred:
        return 1.0, 1.0, 1.0
    hit = len(gold & pred)
    p = hit / len(pred) if pred else 0.0
    r = hit / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def units_from_answer(answer_text: str, candidate_units: Iterable[str]) -> list[str]:
    """The candidate units named in an answer, in the order they appear.

    Longer names are matched first and their text is masked, so ``市市场监督管理局`` is not
    also read as a shorter candidate contained in it.
    """
    text = normalize_unit(answer_text or "")
    found: list[tuple[int, str]] = []
    for unit in sorted({normalize_unit(u) for u in candidate_units if normalize_unit(u)},
                       key=len, reverse=True):
        pos = text.find(unit)
        if pos >= 0:
            found.append((pos, unit))
            text = text.replace(unit, "\0" * len(unit))
    return [u for _, u in sorted(found)]


def gold_clauses(item: dict[str, Any]) -> list[str]:
    """The item's gold clause ids as a list (empty for unanswerable items)."""
    g = item.get("gold_clause")
    if not g:
        return []
    return [g] if isinstance(g, str) else list(g)


def clause_matches(cited: str, gold: str) -> bool:
    """A cited/retrieved clause id counts for ``gold`` if equal to it or a descendant."""
    return bool(cited) and (cited == gold or cited.startswith(gold + "/"))


def citation_correct(item: dict[str, Any], answer: dict[str, Any]) -> bool:
    """Whether the answer cites the right clause with a quote that supports the answer.

    Every gold clause must be cited (a cited clause id equal to it or below it), and the
    quotes of the citations must hold the evidence: a gold figure (or, for computed
    answers, one of its ``gold_inputs``) in some quote, or every gold unit across the
    quotes. Items with only items/tasks/subject as gold need only the clauses.
    """
    golds = gold_clauses(item)
    cites = answer.get("citations") or []
    if not golds or not cites:
        return False
    cited = [c.get("clause", "") for c in cites]
    if not all(any(clause_matches(c, g) for c in cited) for g in golds):
        return False
    quotes = [c.get("quote", "") or "" for c in cites]
    figures = list(item.get("gold_inputs") or []) + list(item.get("gold_figures") or [])
    units = item.get("gold_units") or []
    if figures and any(figure_correct(f, q) for f in figures for q in quotes):
        return True
    if units:
        joined = normalize_unit("".join(quotes))
        return all(normalize_unit(u) in joined for u in units)
    return not figures


def recall_at_k(golds: Sequence[str], retrieved: Sequence[str], k: int) -> float:
    """Share of gold clauses with a matching clause among the first ``k`` retrieved."""
    if not golds:
        return 0.0
    top = list(retrieved or [])[:k]
    return sum(any(clause_matches(r, g) for r in top) for g in golds) / len(golds)


def reciprocal_rank(golds: Sequence[str], retrieved: Sequence[str]) -> float:
    """1/rank of the first retrieved clause matching any gold clause; 0 if none."""
    for rank, r in enumerate(retrieved or [], start=1):
        if any(clause_matches(r, g) for g in golds):
            return 1.0 / rank
    return 0.0


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0..100) with linear interpolation; None for no values."""
    xs = sorted(v for v in values if v is not None)
    if not xs:
        return None
    pos = (len(xs) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def score_item(item: dict[str, Any], answer: dict[str, Any],
               candidate_units: Iterable[str] = ()) -> dict[str, Any]:
    """Score one answer against its QA item.

    Rules (see ``eval/README.md``): an unanswerable item is correct iff ``found`` is false;
    an answerable item needs ``found`` true and every gold field satisfied: each gold
    figure stated, the unit set exact (F1 = 1) for ``responsibility``/``followup`` items and
    complete (recall = 1) otherwise, each gold item and the gold subject named, and each
    gold task named or its clause cited.

    Args:
        item: one QA item.
        answer: the assistant's answer dict (``Answer.to_dict()``).
        candidate_units: unit names to look for in the answer text when the answer's
            ``units`` list is empty.

    Returns:
        A dict of per-item scores (``correct``, ``refused``, ``unit_p/r/f1``, ...).
    """
    text = answer.get("answer") or ""
    found = bool(answer.get("found"))
    norm = normalize_answer(text)
    golds = gold_clauses(item)
    retrieved = list(answer.get("retrieved") or [])
    res: dict[str, Any] = {
        "answerable": bool(item.get("found", True)),
        "refused": not found,
        "latency_ms": answer.get("latency_ms"),
        "answer_chars": len(text),
        "figures_ok": None,
        "unit_p": None, "unit_r": None, "unit_f1": None,
        "citation_ok": None,
        "recall@1": None, "recall@5": None, "rr": None,
        "grounded": grounded(item, answer) if found else None,
        "wrongly_refused": bool(item.get("found", True)) and not found,
    }
    if not res["answerable"]:
        res["correct"] = not found
        return res
    checks: list[bool] = [found]
    figs = item.get("gold_figures") or []
    if figs:
        # the answer text only: the ``figures`` list may hold every figure of a cited clause
        res["figures_ok"] = all(figure_correct(f, text) for f in figs)
        checks.append(res["figures_ok"])
    units = item.get("gold_units") or []
    if units:
        pred = list(answer.get("units") or []) or units_from_answer(text, list(candidate_units) + list(units))
        p, r, f = unit_scores(units, pred)
        res.update(unit_p=p, unit_r=r, unit_f1=f, predicted_units=pred)
        checks.append(f == 1.0 if item.get("type") in EXACT_UNIT_TYPES else r == 1.0)
    for it in item.get("gold_items") or []:
        checks.append(normalize_answer(it) in norm)
    if item.get("gold_subject"):
        checks.append(normalize_answer(item["gold_subject"]) in norm)
    tasks = item.get("gold_tasks") or []
    if tasks:
        cited = [c.get("clause", "") for c in answer.get("citations") or []]
        for i, t in enumerate(tasks):
            clause = golds[i] if i < len(golds) and len(golds) == len(tasks) else None
            checks.append(normalize_answer(t) in norm
                          or (clause is not None and any(clause_matches(c, clause) for c in cited)))
    res["correct"] = all(checks)
    res["citation_ok"] = citation_correct(item, answer) if golds else None
    if golds:
        res["recall@1"] = recall_at_k(golds, retrieved, 1)
        res["recall@5"] = recall_at_k(golds, retrieved, 5)
        res["rr"] = reciprocal_rank(golds, retrieved)
    return res


def grounded(item: dict[str, Any], answer: dict[str, Any]) -> bool:
    """The answer passes the assistant's grounding check: each number it states is in a
    citation (quote, clause path or title), or computed from cited numbers as shown."""
    from assistant.grounding import is_grounded

    cits = answer.get("citations") or []
    texts = [c.get(k) or "" for c in cits for k in ("quote", "path", "title")]
    years = tuple(re.findall(r"(?:19|20)\d{2}", unicodedata.normalize("NFKC", item.get("question", ""))))
    return bool(cits) and is_grounded(answer.get("answer") or "", texts, answer.get("computation"), years)


def _mean(xs: Iterable[float | bool | None]) -> float | None:
    vals = [float(x) for x in xs if x is not None]
    return sum(vals) / len(vals) if vals else None


def refusal_scores(rows: Sequence[dict[str, Any]]) -> tuple[float | None, float | None]:
    """Refusal precision and recall: a refusal is ``found`` false; positives are unanswerable."""
    refused = [r for r in rows if r["refused"]]
    unans = [r for r in rows if not r["answerable"]]
    tp = sum(1 for r in refused if not r["answerable"])
    p = tp / len(refused) if refused else None
    rc = tp / len(unans) if unans else None
    return p, rc


def summarize(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Aggregate scores of a group of scored rows (each a ``score_item`` result)."""
    answerable = [r for r in rows if r["answerable"]]
    numeric = [r for r in answerable if r.get("figures_ok") is not None]
    unit_rows = [r for r in answerable if r.get("unit_f1") is not None]
    ref_p, ref_r = refusal_scores(rows)
    lat = [r["latency_ms"] for r in rows if r.get("latency_ms") is not None]
    return {
        "n": len(rows),
        "accuracy": _mean(r["correct"] for r in rows),
        "answerable_accuracy": _mean(r["correct"] for r in answerable),
        "numeric_accuracy": _mean(r["correct"] for r in numeric),
        "unit_precision": _mean(r["unit_p"] for r in unit_rows),
        "unit_recall": _mean(r["unit_r"] for r in unit_rows),
        "unit_f1": _mean(r["unit_f1"] for r in unit_rows),
        "citation_accuracy": _mean(r["citation_ok"] for r in answerable),
        "refusal_precision": ref_p,
        "refusal_recall": ref_r,
        "recall@1": _mean(r["recall@1"] for r in answerable),
        "recall@5": _mean(r["recall@5"] for r in answerable),
        "mrr": _mean(r["rr"] for r in answerable),
        "latency_p50_ms": percentile(lat, 50),
        "latency_p95_ms": percentile(lat, 95),
        "answer_chars_mean": _mean(r["answer_chars"] for r in rows),
        "answer_chars_max": max((r["answer_chars"] for r in answerable if not r["refused"]), default=None),
        "grounded_rate": _mean(r.get("grounded") for r in rows),
        "false_refusal_rate": _mean(r.get("wrongly_refused") for r in answerable),
        "correct_cited_rate": _mean(r["citation_ok"] for r in answerable if r["correct"]),
    }


def aggregate(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Overall scores plus the same scores broken down by question type and by document.

    Each row needs the ``score_item`` fields plus ``type`` and ``doc``; rows with a ``set``
    (the QA file they came from, when several were asked together) are also grouped by it.
    """
    by_type: dict[str, list] = defaultdict(list)
    by_doc: dict[str, list] = defaultdict(list)
    for r in rows:
        by_type[r["type"]].append(r)
        by_doc[r["doc"]].append(r)
    by_set: dict[str, list] = defaultdict(list)
    for r in rows:
        if r.get("set"):
            by_set[r["set"]].append(r)
    overall = summarize(rows)
    return {
        "overall": overall,
        "score": overall["accuracy"],
        "by_type": {k: summarize(v) for k, v in sorted(by_type.items())},
        "by_doc": {k: summarize(v) for k, v in sorted(by_doc.items())},
        "by_set": {k: summarize(v) for k, v in by_set.items()},
    }
