"""Whether a name a user typed means a responsible unit, in either script or a short form.

Staff write units as the documents do (市统计局), in the other script (市統計局), in part
(统计局, 统计) or in the short form everyone uses (审批局 for 行政审批服务局, 卫健委 for
卫生健康委员会, 住建局, 人社局, 发改委). A short form keeps the full name's characters in
order and ends in the same kind of body (局, 委, 办, 厅…); that is the rule, not a list.
"""

from __future__ import annotations

import re

from index.clean import to_simplified

# The last character of a unit's name says what kind of body it is; 委员会 is written 委.
_BODY_TAIL = re.compile(r"(委员会|[局委办厅部处院所站室司署会行社队团校馆中心]+)$")
_NOISE = re.compile(r"[\s\u3000·・]+")


def unit_key(name: str) -> str:
    """The name compared: Simplified script, no spaces."""
    return _NOISE.sub("", to_simplified(name or ""))


def _tail(name: str) -> str:
    m = _BODY_TAIL.search(name)
    if not m:
        return ""
    return "委" if m.group(1).endswith("委员会") else m.group(1)[-1]


def _in_order(short: str, name: str) -> bool:
    pos = 0
    for ch in short:
        pos = name.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def is_short_form(short: str, name: str) -> bool:
    """``short`` (at least three characters, ending in a body such as 局/委) abbreviates
    ``name``: its characters appear in ``name`` in order, its first two next to each other
    or at the name's start, and both end in the same kind of body."""
    s, n = unit_key(short), unit_key(name)
    if len(s) < 3 or len(s) >= len(n) or not _tail(s) or _tail(s) != _tail(n):
        return False
    if not _in_order(s, n):
        return False
    first = n.find(s[0])
    # 卫健委: 卫 starts a word of the name (卫生…), not a stray character deep inside it.
    return s[:2] in n or first == 0 or n[first - 1] in "市县区省州盟旗镇乡"


def matches_unit(query: str, name: str) -> bool:
    """``query`` names ``name``: the same, a part of it (two characters or more), or its
    short form; either script."""
    q, n = unit_key(query), unit_key(name)
    if not q or not n:
        return False
    return q == n or (len(q) >= 2 and q in n) or is_short_form(q, n)


def matches_text(query: str, text: str) -> bool:
    """``query`` occurs in ``text`` whatever the script of either."""
    q = unit_key(query)
    return bool(q) and q in unit_key(text)
