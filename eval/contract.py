"""Scoring of the answer contract's shapes (``docs``: ANSWER_CONTRACT.md) on top of ``metrics``.

An item in the contract schema (``eval/qa_contract.jsonl``, ``eval/qa_realdocs.jsonl``) is
scored by ``metrics.score_item`` first (figures, units, items, subject, refusal), then:

- ``yesno``: the answer's first clause states ``gold_yesno`` (是 / 否 / 未提及);
- ``gold_lead``: every lead unit is named as the lead (``牵头`` next to it);
- ``gold_quote``: some cited quote, or the text of some cited clause, contains each gold
  quote (whitespace removed, Traditional = Simplified);
- foreign figures: a figure the answer states is quoted only from documents other than the
  item's.

Everything is a pure function of plain dicts, like ``metrics``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from eval import metrics

# clause id → (its text, the text of the clause after it in its document); None if unknown
ClauseText = Callable[[str], "tuple[str, str] | None"]

# the first clause of an answer ends at the first of these
_CLAUSE_END = re.compile(r"[，,。.;；:：!！?？\n（(]")
_LEAD_IN = re.compile(r"^[\s\"'“”「」【】\[\]*#>-]*(?:答[:：]?|回答[:：]?)?")
NOT_MENTIONED = ("未提及", "没有提及", "未提到", "没有提到", "未写明", "没有写明", "未明确", "没有明确",
                 "未涉及", "没有涉及", "没有找到", "未找到")
_NO = re.compile(r"^(?:否|不是|不能|不会|不超过|不到|没有|未达到|达不到|不)")
# the lead-unit reading: a unit followed by 牵头 within its list, or listed after 牵头单位
_LEAD_BRACKET = re.compile(r"^\(牵头")
_AFTER_END = re.compile(r"[，,；;。:：\n(]")
_BEFORE_END = re.compile(r"[；;。\n]")
_LIST_TAIL = re.compile(r"(?:[、和及与].*)?(?:为|是|负责)?")
_OTHER_ROLE = re.compile(r"配合|参与|协同|会同|责任")
_OTHER_LABEL = re.compile(r"(?:责任|配合|参与|协同|协办)(?:单位|部门)")
_LAYOUT = re.compile(r"[\s|:]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?%?")


def compact(text: str) -> str:
    """Text compared for quotes: NFKC, Simplified, lower-case, without whitespace, table
    cell separators and colons (layout: a metadata cell ``成文日期：`` is cited as
    ``成文日期 | …``; PDF text breaks lines mid-sentence)."""
    s = unicodedata.normalize("NFKC", text or "")
    return metrics.to_simplified(_LAYOUT.sub("", s)).lower()


def gold_quotes(item: dict[str, Any]) -> list[str]:
    """The item's gold quote(s) as a list (empty for unanswerable items)."""
    q = item.get("gold_quote")
    if not q:
        return []
    return [q] if isinstance(q, str) else [x for x in q if x]


def yesno_verdict(answer_text: str) -> str | None:
    """What the answer's first clause states: ``是``, ``否``, ``未提及`` or None.

    The contract puts the verdict first (``否，文件写的是8%以上``). A first clause naming
    the document's silence (``文件未提及…``) is ``未提及``; one opening with a negation
    (否, 不是, 不能, 没有 …) is ``否``; one opening with ``是`` (or ``对``/``能``) is ``是``.
    """
    text = _LEAD_IN.sub("", unicodedata.normalize("NFKC", answer_text or "").strip())
    first = metrics.to_simplified(_CLAUSE_END.split(text, maxsplit=1)[0]).replace(" ", "")
    if any(p in first for p in NOT_MENTIONED):
        return "未提及"
    first = first.replace("是否", "")
    if _NO.match(first):
        return "否"
    if first.startswith(("是", "对", "能", "会", "可以", "有")):
        return "是"
    return None


def yesno_correct(item: dict[str, Any], answer: dict[str, Any]) -> bool | None:
    """Whether the answer states the gold verdict first; None when the item has none."""
    gold = item.get("gold_yesno")
    if not gold:
        return None
    return yesno_verdict(answer.get("answer") or "") == gold


def names_lead(lead: str, answer_text: str) -> bool:
    """Whether the answer names ``lead`` as a lead unit.

    Read after ``normalize_unit`` (NFKC, Simplified, no spaces or quotes): ``X牵头``,
    ``X(牵头)``, ``X为牵头单位``, ``由X、Y牵头`` (each of X and Y), ``牵头单位：X、Y`` —
    but not a unit listed after another label (``责任单位：``, ``配合单位：``).
    """
    text = metrics.normalize_unit(answer_text or "")
    unit = metrics.normalize_unit(lead)
    if not unit:
        return False
    for m in re.finditer(re.escape(unit), text):
        after = text[m.end():]
        if _LEAD_BRACKET.match(after):
            return True
        seg = _AFTER_END.split(after, maxsplit=1)[0]
        k = seg.find("牵头")
        if k >= 0 and _LIST_TAIL.fullmatch(seg[:k]) and not _OTHER_ROLE.search(seg[:k]):
            return True
        before = _BEFORE_END.split(text[: m.start()])[-1]
        label = max(before.rfind("牵头单位"), before.rfind("牵头部门"))
        if label >= 0 and not _OTHER_LABEL.search(before[label + 4:]):
            return True
    return False


def lead_correct(item: dict[str, Any], answer: dict[str, Any]) -> bool | None:
    """Every gold lead named as the lead; None when the item marks no lead."""
    leads = item.get("gold_lead") or []
    if not leads:
        return None
    return all(names_lead(u, answer.get("answer") or "") for u in leads)


def _in_clause(quote: str, cid: str, clause_text: ClauseText) -> bool:
    """``quote`` starts inside the cited clause's text (it may run on into the next clause,
    as a heading followed by its first sub-heading does)."""
    texts = clause_text(cid)
    if not texts or not texts[0]:
        return False
    own = compact(texts[0])
    joined = own + compact(texts[1])
    start = joined.find(quote)
    while start >= 0:
        if start < len(own):
            return True
        start = joined.find(quote, start + 1)
    return False


def clause_texts(clauses: Iterable[Any]) -> ClauseText:
    """A ``ClauseText`` over clause objects (``id``, ``doc_id``, ``text``) in document order,
    e.g. a ``SearchIndex``'s ``clauses``."""
    rows = [(c.id, c.doc_id, c.text or "") for c in clauses]
    table: dict[str, tuple[str, str]] = {}
    for i, (cid, doc, text) in enumerate(rows):
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        table[cid] = (text, nxt[2] if nxt and nxt[1] == doc else "")
    return table.get


def quote_cited(item: dict[str, Any], answer: dict[str, Any],
                clause_text: ClauseText | None = None) -> bool | None:
    """Whether each gold quote is held by a cited quote or a cited clause's text.

    Args:
        item: a QA item with ``gold_quote``.
        answer: the answer dict (its ``citations``: ``quote`` and ``clause``).
        clause_text: clause id → (the clause's text, the text of the clause after it in its
            document, for quotes that run on from a heading into its first sub-heading);
            None for an unknown id.

    Returns:
        None when the item has no gold quote, else whether every quote is covered.
    """
    quotes = [compact(q) for q in gold_quotes(item)]
    if not quotes:
        return None
    cites = answer.get("citations") or []
    cited_quotes = [compact(c.get("quote") or "") for c in cites]
    clauses = [c.get("clause") or "" for c in cites]
    return all(
        any(q in cq for cq in cited_quotes)
        or (clause_text is not None and any(_in_clause(q, cid, clause_text) for cid in clauses if cid))
        for q in quotes
    )


def stated_figures(answer: dict[str, Any]) -> list[str]:
    """The figures an answer states, normalised and sorted: its ``figures`` list, or the
    Arabic numbers written in its text when the list is empty; none when it refuses.

    The fallback reads digits only: Chinese numerals in words (一项, 二是) are not figures.
    """
    if not answer.get("found"):
        return []
    figs = [metrics.normalize_answer(f) for f in answer.get("figures") or [] if f]
    if not figs:
        figs = _NUMBER.findall(unicodedata.normalize("NFKC", answer.get("answer") or ""))
    return sorted(set(figs))


def foreign_figures(answer: dict[str, Any], docs: Iterable[str]) -> list[str]:
    """Figures the answer states whose every quoting citation is from another document.

    Args:
        answer: the answer dict (``found``, ``figures``/``answer``, ``citations``).
        docs: the doc_ids the item is about.

    Returns:
        Those figures (normalised); empty when the answer refuses or states none.
    """
    own = set(docs)
    cites = [(c.get("doc_id") or "", c.get("quote") or "")
             for c in answer.get("citations") or []]
    out = []
    for fig in stated_figures(answer):
        holders = [d for d, q in cites if metrics.figure_correct(fig, q)]
        if holders and not own.intersection(holders):
            out.append(fig)
    return out


def score_item(item: dict[str, Any], answer: dict[str, Any], candidate_units: Sequence[str] = (),
               clause_text: ClauseText | None = None, docs: Sequence[str] = ()) -> dict[str, Any]:
    """Score one answer to a contract item.

    ``correct`` is ``metrics.score_item``'s verdict with the shape's own checks added: the
    yes/no verdict first, and each gold lead named as the lead. A 是/否 verdict is right only
    with its evidence: the gold quote cited (``quote_ok``) or written in the answer (a right
    verdict read from an unrelated passage is a lucky guess). A ``未提及`` yes/no item is
    right when the verdict is stated, whether or not the answer counts as found. For the
    other shapes the quote citation (``quote_ok``) and foreign figures are reported beside
    the verdict, not in it, as the clause citation is in ``metrics``.

    Args:
        item: one contract item.
        answer: the answer dict.
        candidate_units: unit names to look for in the answer text (``metrics``).
        clause_text: clause id → text, for the quote check (see ``quote_cited``).
        docs: the doc_ids the item is about (for foreign figures).

    Returns:
        ``metrics.score_item``'s fields plus ``yesno_ok``, ``lead_ok``, ``quote_ok``,
        ``foreign_figures``, ``figures_stated``.
    """
    res = metrics.score_item(item, answer, candidate_units)
    res["yesno_ok"] = yesno_correct(item, answer)
    res["lead_ok"] = lead_correct(item, answer)
    res["quote_ok"] = quote_cited(item, answer, clause_text) if res["answerable"] else None
    res["figures_stated"] = stated_figures(answer)
    res["foreign_figures"] = foreign_figures(answer, docs)
    if res["answerable"]:
        ok = res["correct"]
        if item.get("gold_yesno") == "未提及":
            rest = dict(answer, found=True)  # a refusal that says so is the answer
            ok = metrics.score_item(item, rest, candidate_units)["correct"]
            res["wrongly_refused"] = False
        res["correct"] = ok and res["yesno_ok"] is not False and res["lead_ok"] is not False
        if item.get("gold_yesno") in ("是", "否") and res["correct"] and res["quote_ok"] is False:
            # a verdict is right with the passage that decides it: cited, or quoted in the answer
            said = compact(answer.get("answer") or "")
            res["correct"] = all(q in said for q in (compact(x) for x in gold_quotes(item)))
    return res
