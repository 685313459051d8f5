"""A number a yes/no question compares with (能过60%吗, 破千亿, 不超过5个工作日), and whether
a document's figure, with its qualifier, is on the asked side of it (50%以上 asked as “60%吗”
→ 否; 最高10万元 asked as “能超过10万元吗” → 否)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.figures import FigureView, normalized
from index.numerals import number_value

_MAG = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3, "百": 1e2}
_CN = "零一二两三四五六七八九十百千"
# a number the question asks about: 60%, 3.25亿立方米, 千亿, 六成, 1万美元
_THRESHOLD = re.compile(
    rf"(?P<num>\d+(?:\.\d+)?|[{_CN}]+(?=成|万|亿|个月|个?工作日|天|周(?!岁)|年(?!度|底|末|初|起)))?\s*"
    r"(?P<mag>万亿|千亿|百亿|亿|千万|百万|万|千(?!瓦))?\s*"
    r"(?P<unit>成|%|个百分点|个?工作日|个月|周(?!岁)|天|日|年(?!度|底|末|初|起)|(?:立方|平方)?(?:美元|元|人|家|个|亩|辆|处|名|项|件|场|吨|米|千瓦时?|次|小时|公里|座|户|所|套|台)"
    r"|[a-z]{1,3}(?![a-z]))?(?![\d])"
)
# the words that ask 是否, not what is asked about
FORM = re.compile(r"是不是|是否|有没有|能不能|能否|会不会|可不可以|(不)?(低于|高于|少于|多于|超过|达到)|以上|以内|以下")
GT = r"超过|超出|高于|多于|大于|过|突破|破|超|迈上|跨过"
GE = r"不低于|不少于|至少|达到|能到|到|有|上|达|满|实现"
LE = r"以内|以下|不超过|不高于|(?<!不)低于|(?<!不)少于|控制在|小于|之内"
LOWER = ("以上", "不低于", "不少于", "超过", "超", "突破", "逾", "多", "余", "力争", "达")
UPPER = ("最高", "最高不超过", "最长", "最多", "不超过", "不高于", "以内", "内", "以下")
@dataclass(frozen=True)
class Threshold:
    value: float  # in base units (亿元 → 元)
    base: str  # the unit without its magnitude ("" when the question gives none)
    relation: str  # gt / ge / le / eq
    kind: str  # the qualifier kind asked (lower / upper / ""), for eq
    text: str  # as the question writes it




def without_doc_numbers(norm: str) -> str:
    """The question without the 文号 it names a document by (粤发改高技〔2026〕78号): its numbers
    say where to look, not what is asked."""
    return re.sub(r"〔\d+〕\d+号|\[\d+\]\d+号|\d+号", " ", norm)


def threshold(norm: str) -> Threshold | None:
    """The number a yes/no question compares with, its unit and the relation asked."""
    text = re.sub(r"(?:19|20)\d{2}\s*年", " ", without_doc_numbers(norm))
    text = re.sub(r"一半|半数", "50%", text)  # 能超过一半吗: half is 50%
    text = re.sub(r"半年", "6个月", re.sub(r"半个?月", "15天", text))  # 公示期是不是半年: a length asked
    # 首次达到2000万元的…奖励超过10万元吗: the number after a word that compares is asked
    found = list(_THRESHOLD.finditer(text))
    cued = [m for m in found if re.search(rf"(?:{GT}|{LE}|不低于|不少于|至少|能到|能过)\s*$", text[:m.start()])
            or re.match(r"\s*(以上|以内|以下)", text[m.end():])]
    for m in cued[::-1] + [m for m in found[::-1] if m not in cued]:  # the last, next to 吗
        num, mag, unit = m.group("num"), m.group("mag") or "", m.group("unit") or ""
        if not (mag or unit) or not (num or mag):
            continue  # a bare number (an age, 5G) is no threshold
        if (unit in DAYS or "工作日" in unit) and re.match(r"\s*(?:以后|之后|后)", text[m.end():]):
            continue  # 两年后能再申请吗: a time the question is set at, not a length compared
        if not num and not unit and not re.search(rf"(?:{GT}|{GE})\s*$", text[:m.start()]):
            continue  # 破千亿 is a threshold; 万 of a name (万载县, 千岛湖) is not
        if not num and mag:  # 千亿: the magnitude is the number
            num, mag = "1", mag
        value = number_value(num)
        if value is None:
            continue
        if unit == "成":
            value, unit = value * 10, "%"
        value *= _MAG.get(mag, 1)
        base = unit
        for k, v in _MAG.items():  # 万元 → 元
            if base.startswith(k) and len(base) > len(k):
                base, value = base[len(k):], value * v
                break
        value, base = in_days(value, base)
        before, after = text[max(0, m.start() - 6):m.start()], text[m.end():m.end() + 4]
        wider = text[max(0, m.start() - 14):m.start()]
        return Threshold(value, base, _relation(before, after, wider), _kind(before + after), m.group(0).strip())
    return None


# lengths of time compared in days (一个月 asked, 30天 written)
DAYS = {"天": 1, "日": 1, "周": 7, "个月": 30, "月": 30, "年": 365}


def in_days(value: float, unit: str) -> tuple[float, str]:
    """A length of time in days (天); another quantity as it is."""
    return (value * DAYS[unit], "天") if unit in DAYS else (value, unit)


def _relation(before: str, after: str, wider: str = "") -> str:
    if re.search(LE, after) or re.search(LE, before):
        return "le"
    if after.startswith("以上") and re.search(r"是|为|要求", before):
        return "eq"
    # 超过实付利息的一半: the comparing word before the whole the share is of
    if re.search(rf"(?:{GT})$", before) or re.search(rf"(?:{GT})[\u4e00-\u9fff]{{1,8}}的$", wider):
        return "gt"
    if re.search(rf"(?:{GE})$", before) or after.startswith("以上"):
        return "ge"
    return "eq" if re.search(r"(是|为|等于|都是)$", before) else "ge"


def _kind(around: str) -> str:
    if re.search(r"以上|不低于|不少于", around):
        return "lower"
    if re.search(r"以内|以下|不超过|最高|最多", around):
        return "upper"
    return ""


def doc_kind(fi: FigureView) -> str:
    q = normalized(fi.fig.qualifier or "")
    return "lower" if q in LOWER else "upper" if q in UPPER else ""


def decide(t: Threshold, value: float, kind: str, qualifier: str) -> bool:
    """Whether the document's figure (value in base units, its qualifier kind) answers 是."""
    if t.relation == "le":
        return value <= t.value and kind != "lower"
    if t.relation == "eq":
        return abs(value - t.value) < 1e-9 and (kind == t.kind or not t.kind)
    if t.relation == "gt":
        return value > t.value or (abs(value - t.value) < 1e-9 and qualifier in ("突破", "超过", "超", "逾"))
    return value >= t.value - 1e-9


def base_value(fi: FigureView) -> tuple[float, str] | None:
    if fi.fig.value is None:
        return None
    unit, value = fi.unit.lower(), float(fi.fig.value)
    for k, v in _MAG.items():
        if unit.startswith(k):
            unit, value = unit[len(k):], value * v
            break
    return in_days(value, unit)


# what one counts things in: 个 is the everyday word for any of them (100个以上 of 企业 written 家)
COUNTERS = frozenset("个家项名人件场座处所套台辆户次条")


def same_base(asked: str, written: str) -> bool:
    """Whether a document's unit (without magnitude) measures what the asked one does."""
    return not asked or not written or asked == written or (asked == "个" and written in COUNTERS)

