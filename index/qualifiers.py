"""The words that qualify a figure as written: 以上/以下/左右/不少于/最高/超/内…"""

from __future__ import annotations

import re

# Longest first where one begins another: 最高不超过 before 最高, 超过 before 超, 接近 before 近.
PRE_QUALIFIERS = (
    "最高不超过|最高不超過|最高|最长|最長|最多|最低|不少于|不少於|不低于|不低於|不超过|不超過|不高于|不高於|"
    "超过|超過|超|突破|累计|累計|力争|力爭|约|約|接近|近|逾|达|達|共"
)
POST_QUALIFIERS = "以上|以下|左右|以内|以內|内|內|多|余|餘"
# 最高可获得3000元: the qualifier a verb or two before the figure.
_VERB_AWAY = re.compile(
    r"(最高不超过|最高不超過|最高|最长|最長|最多|不超过|不超過|不少于|不少於|不低于|不低於|不高于|不高於)"
    r"(?:可获得|可獲得|可申请|可申請|可获|可獲|获得|獲得|支持|给予|給予|补贴|補貼|补助|補助|奖励|獎勵|资助|資助|可)$"
)
# 不超过算力购买费用的60%: the qualifier before the base of a share.
_OF_BASE = re.compile(r"(最高不超过|不超过|不超過|不低于|不低於|不少于|不少於|不高于|不高於)[^，,；;。：:、\d]{1,12}的$")


def qualifier_before(text: str, start: int) -> str | None:
    """A qualifier written a little before the figure at ``start`` (not attached to it)."""
    m = _VERB_AWAY.search(text[max(0, start - 8) : start]) or _OF_BASE.search(text[max(0, start - 16) : start])
    return m.group(1) if m else None
