"""A condition a question states with a number (淹水三十公分的住户, 年满65岁的老人, 连续工作
10年的) and the one the cited passage states for the same measure (淹水达五十公分以上): when
the passage conditions on another value that does not cover the asked one, its figure is
not the answer — a near miss, refused with what the document does say."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.numerals import number_value

_CN = "零〇一二两兩三四五六七八九十百千"
# a length, age, count of days…: what a condition is measured in, with the forms written alike
_UNITS = {"公分": "公分", "厘米": "公分", "周岁": "岁", "岁": "岁", "歲": "岁", "週歲": "岁", "天": "天", "日": "天",
          "个月": "个月", "個月": "个月", "年": "年", "小时": "小时", "小時": "小时", "公里": "公里", "平方米": "平方米"}
_NUMBER = rf"(?P<num>\d+(?:\.\d+)?|[{_CN}]+)"
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_MEASURE = re.compile(rf"{_NUMBER}\s*(?P<unit>{_UNIT})(?!度|底|末|初|起|以来|前|后)")
# how a passage bounds its condition: the asked value lies on this side of it
_AT_LEAST = re.compile(r"及?以上|以后|起")
_BEFORE_AT_LEAST = re.compile(r"(?:满|年满|达|达到|(?<!不)超过|不低于|不少于|大于)$")  # 不超过: below
_BELOW = re.compile(r"以下|以内|之内|内")
_BEFORE_BELOW = re.compile(r"(?:未满|不满|不足|低于|少于|不超过|小于)$")
_STRICT = re.compile(r"未满|不满|不足|低于|少于|小于")


@dataclass(frozen=True)
class Condition:
    value: float
    unit: str
    text: str


def stated(text: str) -> list[tuple[Condition, str, str]]:
    """Every number with a condition's unit in ``text``, with the words just before and after it."""
    out = []
    for m in _MEASURE.finditer(text):
        if m.group("unit") == "年" and re.fullmatch(r"(?:19|20)\d\d", m.group("num")):
            continue  # 2026年 is a year, not a length
        value = number_value(m.group("num"))
        if value is not None:
            out.append((Condition(value, _UNITS[m.group("unit")], m.group(0)),
                        text[max(0, m.start() - 3):m.start()], text[m.end():m.end() + 3]))
    for m in _LISTED.finditer(text):  # 正常经营6、18、36个月以上的: 6 and 18 bounded as 36 is
        head = text[max(0, m.start() - 3):m.start()]
        for num in re.findall(r"\d+(?:\.\d+)?", m.group("nums")):
            value = number_value(num)
            if value is not None:
                out.append((Condition(value, _UNITS[m.group("unit")], f"{num}{m.group('unit')}"),
                            head, text[m.end():m.end() + 3]))
    return out


# numbers listed with 、 before the one that carries their unit
_LISTED = re.compile(rf"(?P<nums>(?:\d+(?:\.\d+)?、)+)\d+(?:\.\d+)?\s*(?P<unit>{_UNIT})")


def _covers(asked: float, cond: Condition, before: str, after: str) -> bool:
    """Whether the passage's condition (its value, bounded by the words around it) holds the asked value."""
    if _AT_LEAST.match(after) or _BEFORE_AT_LEAST.search(before):
        return asked >= cond.value
    if _BELOW.match(after) or _BEFORE_BELOW.search(before):
        return asked < cond.value or (asked == cond.value and not _STRICT.search(before))
    return asked == cond.value


def unmet(question: str, passage: str) -> Condition | None:
    """The condition the question states that the passage conditions otherwise (淹水三十公分
    asked, 淹水达五十公分以上 written), or None when it states none, or the passage holds it,
    or the passage says nothing of that measure."""
    written = stated(passage)
    for cond, _, _ in stated(question):
        same = [(c, b, a) for c, b, a in written if c.unit == cond.unit]
        if same and not any(_covers(cond.value, c, b, a) for c, b, a in same):
            return cond
    return None


# a time the question is set at after an event (两年后, 6个月以后) and the window a rule is
# bound to (3年内不得…, 6个月内): the rule holds within the window only
_AFTER = re.compile(rf"{_NUMBER}\s*(?P<unit>个月|個月|年|天|日)(?:以后|之后|后)")
_WITHIN = re.compile(rf"{_NUMBER}\s*(?P<unit>个月|個月|年|天|日)(?:以内|之内|内)")
_IN_DAYS = {"个月": 30, "個月": 30, "年": 365, "天": 1, "日": 1}


def after_window(question: str, passage: str) -> bool | None:
    """Whether the time the question is set at (两年后) lies past the window the passage's
    rule is bound to (3年内): True past it, False within it, None when either is not written."""
    asked, window = _AFTER.search(question), _WITHIN.search(passage)
    if asked is None or window is None:
        return None
    a, w = number_value(asked.group("num")), number_value(window.group("num"))
    if a is None or w is None:
        return None
    return a * _IN_DAYS[asked.group("unit")] >= w * _IN_DAYS[window.group("unit")]
