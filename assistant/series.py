"""A contracted series written out: a run of numerals before the noun they share names one
item for each numeral (一二三产 → 一产、二产、三产; 省级一二三等奖 → 一等奖、二等奖、三等奖;
一二三产业 → 第一产业、第二产业、第三产业), so that sums, comparisons and parts find each item."""

from __future__ import annotations

import re

_DIGITS = "一二三四五六七八九十"
# what a numeral counts directly (一等奖, 一级, 一类, 一产 for 第一产业, 一线);
# before any other noun a bare numeral is an ordinal (一二三产业 → 第一产业、第二产业、第三产业)
_COUNTERS = "等级級类類档檔星批期号號产產线線"
_RUN = re.compile(rf"(第?)([{_DIGITS}]{{2,}})(?=[\u3400-\u9fff])")


def _ascending(run: str) -> bool:
    """一二三, 二三四: each numeral one more than the one before (not 十一 or 二十)."""
    return all(_DIGITS.index(b) == _DIGITS.index(a) + 1 for a, b in zip(run, run[1:], strict=False))


def _noun(text: str, at: int) -> str:
    """The noun the numerals share, starting at ``at``: a counter (with 奖 after 等), else the
    two characters of a word (产业)."""
    first = text[at]
    if text[at:at + 2] in ("产业", "產業"):
        return text[at:at + 2]
    if first in _COUNTERS:
        return text[at:at + 2] if first == "等" and text[at + 1:at + 2] in ("奖", "獎") else first
    return text[at:at + 2]


def expand_series(text: str) -> str:
    """``text`` with each contracted series written out, item by item, joined by 、."""
    out, pos = [], 0
    for m in _RUN.finditer(text):
        ordinal, run = m.group(1), m.group(2)
        before = text[m.start() - 1] if m.start() else ""
        if not _ascending(run) or (before and before in _DIGITS) or m.start() < pos:
            continue
        noun = _noun(text, m.end())
        if noun[0] in _DIGITS + "十百千万亿":
            continue
        lead = ordinal or ("" if len(noun) == 1 or noun[1] in "奖獎" else "第")
        out.append(text[pos:m.start()])
        out.append("、".join(f"{lead}{d}{noun}" for d in run))
        pos = m.end() + len(noun)
    out.append(text[pos:])
    return "".join(out)
