"""The words that qualify a figure as written: 以上/以下/左右/不少于/最高/超/内…"""

from __future__ import annotations

import re

_FULL = "(?<![届屆期圆圓充饱飽布])(?:满|滿)"  # 累计满183天, not 届满3个月
# Longest first where one begins another: 最高不得超过 before 最高不超过 before 最高, 不得超过
# before 超过 before 超, 未逾 before 逾, 年满 before 满, 接近 before 近.
PRE_QUALIFIERS = (
    "最高不得超过|最高不得超過|最长不得超过|最長不得超過|最长不得逾|最長不得逾|最迟不超过|最遲不超過|"
    "最高不超过|最高不超過|最高|最长|最長|最多|最低|最少|至少|"
    "不得超过|不得超過|不得少于|不得少於|不得低于|不得低於|不得高于|不得高於|"
    "不少于|不少於|不低于|不低於|不超过|不超過|不高于|不高於|不小于|不小於|不大于|不大於|低于|低於|"
    "超过|超過|超|突破|未逾|逾|不满|不滿|未满|未滿|年满|年滿|" + _FULL + "|力争|力爭|约|約|接近|近|达|達|共"
)
# The words that may end a measure's words (届满, 期满 keep their 满): the qualifiers, and
# 累计, which says the measure is a cumulative one but bounds no figure (累计旅游花费).
TRAIL_QUALIFIERS = PRE_QUALIFIERS.replace("|" + _FULL, "") + "|累计|累計"
POST_QUALIFIERS = "以上|以下|左右|以内|以內|内|內|多|余|餘"
# 在一千二百億元限額內, 在100万元额度内: a cap written after the figure, kept as written.
WITHIN_CAP = re.compile(r"限额内|限額內|额度内|額度內|额度以内|額度以內")
_LIMITS = (
    "最高不得超过|最高不得超過|最长不得超过|最長不得超過|最高不超过|最高不超過|最高|最长|最長|最多|至少|"
    "不得超过|不得超過|不超过|不超過|不少于|不少於|不低于|不低於|不高于|不高於|不小于|不小於|不大于|不大於|低于|低於"
)
# 最高可获得3000元, 最长放宽至3个月, 至少有2名: the qualifier a verb or two before the figure;
# 不超过本市2个月最低生活保障标准, 不高于每人每天35元: before the place or the head count.
_VERB_AWAY = re.compile(
    rf"({_LIMITS})"
    r"(?:可获得|可獲得|可申请|可申請|可获|可獲|获得|獲得|支持|给予|給予|补贴|補貼|补助|補助|奖励|獎勵|资助|資助|可"
    r"|放宽至|放寬至|放宽到|放寬到|延长至|延長至|延长到|延長到|选择其中|選擇其中|以[\u4e00-\u9fff]{0,4}|有"
    r"|(?:发给|發給|发放|發放)?(?:新臺幣|新台幣|新台币|人民币|人民幣)|发给|發給|发放|發放"
    r"|本市|本省|本区|本區|本县|本縣|当地|當地|全市|全省"
    r"|(?:每(?:人|户|戶|家|个|個|月|年|天|日|次)){1,2})$"
)
# 不超过算力购买费用的60%: the qualifier before the base of a share.
_OF_BASE = re.compile(rf"({_LIMITS})[^，,；;。：:、\d]{{1,12}}的$")


def qualifier_at(text: str, start: int) -> tuple[str, int] | None:
    """A qualifier written a little before the figure at ``start`` (not attached to it),
    and where it starts in ``text``."""
    lo = max(0, start - 10)
    m = _VERB_AWAY.search(text[lo:start])
    if not m:
        lo = max(0, start - 18)
        m = _OF_BASE.search(text[lo:start])
    return (m.group(1), lo + m.start(1)) if m else None


def qualifier_before(text: str, start: int) -> str | None:
    """A qualifier written a little before the figure at ``start`` (not attached to it)."""
    found = qualifier_at(text, start)
    return found[0] if found else None
