"""The grounding check: every number an answer states must be in a cited quote, or be the
result of a shown computation over cited numbers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer import Answer

if TYPE_CHECKING:
    from assistant.question import Question

_NUM = re.compile(r"\d+(?:\.\d+)?")
_FACTOR = re.compile(r"\d+(?:\.\d+)?\*(10+)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_CALC = re.compile(r"(\d+(?:\.\d+)?)\s*([+\-−×÷*/])\s*(?=\d)")


def numbers(text: str) -> list[str]:
    """The numbers of ``text``, a thousands separator read as part of its number (1,000 → 1000)."""
    return _NUM.findall(_THOUSANDS.sub("", unicodedata.normalize("NFKC", text)))


def _arith(expr: str) -> float | None:
    """Evaluate ``a op b op c`` with + - * / (no parentheses); None if malformed."""
    tokens = re.findall(r"\d+(?:\.\d+)?|[+\-*/]", expr)
    if not tokens or "".join(tokens) != re.sub(r"\s+", "", expr):
        return None
    terms: list[float] = []
    sign, pending, operand = 1.0, None, None
    for tok in tokens:
        if tok in "+-":
            if operand is None:
                return None
            terms.append(sign * operand)
            sign, operand, pending = (1.0 if tok == "+" else -1.0), None, None
        elif tok in "*/":
            if operand is None:
                return None
            pending = tok
        else:
            v = float(tok)
            if pending == "*":
                operand, pending = operand * v, None
            elif pending == "/":
                if v == 0:
                    return None
                operand, pending = operand / v, None
            elif operand is None:
                operand = v
            else:
                return None
    if operand is None or pending:
        return None
    terms.append(sign * operand)
    return sum(terms)


def _check_computation(computation: str, quoted: set[str]) -> set[str]:
    """Verify ``a+b-c=r`` style arithmetic; return the numbers it legitimately produces."""
    made: set[str] = set()
    for part in re.split(r"[;；,，]", computation or ""):
        part = unicodedata.normalize("NFKC", part).replace("−", "-").replace("×", "*").replace("÷", "/")
        if "=" not in part:
            continue
        lhs, rhs = part.rsplit("=", 1)
        lhs_nums = _NUM.findall(lhs)
        rhs_nums = _NUM.findall(rhs)
        if not lhs_nums or len(rhs_nums) != 1 or not re.fullmatch(r"[\d.+\-*/ ]+", lhs.strip()):
            continue
        # ×100 turns a ratio into a percentage: the one constant a computation may bring
        # a step may use what an earlier step of the same computation made (a base, then a rate)
        # and a power of ten converts a unit (5.2万亿元 in 亿元: 5.2*10000=52000)
        factor = _FACTOR.fullmatch(lhs.replace(" ", ""))
        if not all(n in quoted or n in made or (n == "100" and "*100" in lhs.replace(" ", ""))
                   or (factor is not None and n == factor.group(1)) for n in lhs_nums):
            continue
        value = _arith(lhs)
        if value is None:
            continue
        decimals = len(rhs_nums[0].split(".")[1]) if "." in rhs_nums[0] else 0
        if abs(round(value, decimals) - float(rhs_nums[0])) < 10 ** (-decimals) / 2 + 1e-9:
            made.add(rhs_nums[0])
            made.update(n for n in lhs_nums if n in quoted)
    return made


def is_grounded(answer_text: str, quotes: list[str], computation: str | None = None,
                allowed: tuple[str, ...] = ()) -> bool:
    """True when every number in ``answer_text`` is quoted or computed from quoted numbers.

    Args:
        answer_text: the answer as shown (citations excluded).
        quotes: the cited quotes.
        computation: arithmetic shown with the answer, e.g. ``21.31−2.94=18.37``.
        allowed: numbers that come from the question itself or a citation's clause number
            (e.g. a year the user asked about), which need no quote.
    """
    quoted = set()
    for q in quotes:
        quoted.update(numbers(q))
    quoted.update(_check_computation(computation or "", quoted))
    quoted.update(allowed)
    body = answer_text
    if computation:
        body = body.replace(computation, "")
    return all(n in quoted for n in numbers(body))


def grounded(ans: Answer, q: Question) -> Answer:
    """``ans`` when it is grounded (years the question names need no quote); otherwise the
    first citation quoted as the answer, which always is."""
    if not ans.found:
        return ans
    allowed = tuple(str(y) for y in q.years)
    # a citation shows its document title and clause path too, so their numbers count
    quotes = [t for c in ans.citations for t in (c.quote, c.path, c.title)]
    if is_grounded(ans.answer, quotes, ans.computation, allowed):
        return ans
    c = ans.citations[0]
    text = f"{c.title} › {c.path}：“{c.quote}”"
    return replace(ans, answer=text, extra={**ans.extra, "grounding": "fallback"})
