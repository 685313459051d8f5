"""Ages as ranges of whole years: the age a question states (30岁的职工, 60岁以下的人, 不满18岁)
and the age a rule is conditioned on (年满60周岁, 未满35周岁, 满35周岁至未满45周岁), so a
yes/no question can tell whether the rule covers the person it asks about."""

from __future__ import annotations

import re

INF = 10_000
_N = r"(\d{1,3})"
_AGE = r"周?岁"
# a rule's condition, as the law writes it (以下 and 以上 include the age itself)
_RULE = (
    (re.compile(rf"(?<![未不])满?{_N}{_AGE}(?:至|到|-|—|～|~)(?:未满|不满){_N}{_AGE}"), lambda a, b: (a, b)),
    (re.compile(rf"(?<![未不])满?{_N}{_AGE}?(?:至|到|-|—|～|~){_N}{_AGE}"), lambda a, b: (a, b + 1)),
    (re.compile(rf"(?:未满|不满|不足|未达到?){_N}{_AGE}"), lambda a: (0, a)),
    (re.compile(rf"{_N}{_AGE}(?:及|以)下"), lambda a: (0, a + 1)),
    (re.compile(rf"(?:超过){_N}{_AGE}"), lambda a: (a + 1, INF)),
    (re.compile(rf"(?:年满|(?<![未不])满|达到|已满){_N}{_AGE}|{_N}{_AGE}(?:及|以)上"), lambda *g: (_first(g), INF)),
)
# the person a question asks about, as people say it (60岁以下 is under 60)
_ASKED = (
    (re.compile(rf"(?:未满|不满|不到|不足){_N}{_AGE}|{_N}{_AGE}(?:以下|以内|之前)"), lambda *g: (0, _first(g))),
    (re.compile(rf"(?:超过|大于){_N}{_AGE}"), lambda a: (a + 1, INF)),
    (re.compile(rf"{_N}{_AGE}(?:及|以)上"), lambda a: (a, INF)),
    (re.compile(rf"{_N}{_AGE}"), lambda a: (a, a + 1)),
)


def _first(groups: tuple[int | None, ...]) -> int:
    return next(g for g in groups if g is not None)


def _match(patterns: tuple, text: str) -> tuple[int, int] | None:  # noqa: ANN401 - pattern table
    for pattern, make in patterns:
        m = pattern.search(text)
        if m:
            return make(*(int(g) if g is not None else None for g in m.groups()))
    return None


def asked_age(question: str) -> tuple[int, int] | None:
    """The ages [lo, hi) of the person a question asks about, or None when it states none."""
    return _match(_ASKED, question)


def rule_age(text: str) -> tuple[int, int] | None:
    """The ages [lo, hi) a passage's rule applies to, or None when it names no age."""
    return _match(_RULE, text)


def covers(rule: tuple[int, int], asked: tuple[int, int]) -> bool | None:
    """True when every age asked lies in the rule's, False when none does, None when some do."""
    lo, hi = max(rule[0], asked[0]), min(rule[1], asked[1])
    if lo >= hi:
        return False
    return True if rule[0] <= asked[0] and asked[1] <= rule[1] else None


def age_numbers(question: str) -> set[str]:
    """The numbers of a question that are ages (they need not be written in the passage)."""
    return set(re.findall(rf"{_N}(?={_AGE})", question))
