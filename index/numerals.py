"""Chinese numerals: their values, and years and dates written in them (二〇二五年十二月三十一日).

Government documents of every issuer write figures in words as often as in digits
(一千二百億元, 百分之二, 九成, 五分之一, 半年); the figure reader reads both into the same records.
"""

from __future__ import annotations

import re

_CN_VALUES = {"两": "二", "兩": "二", "萬": "万", "億": "亿", "○": "〇"}
_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}

# A year written digit by digit (二〇二五年, 一九九八年): a calendar year, never 二十年.
CN_YEAR_DIGITS = "(?:一九|二[〇零○])[〇零○一二三四五六七八九]{2}"
_MONTH = "(?:十[一二]?|[一二三四五六七八九])"
_DAY = "(?:三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
# 二〇一九年十二月三十一日, 二〇二〇年一月, and a period 二〇一九年一月一日至十二月三十一日.
CN_DATE = (rf"{CN_YEAR_DIGITS}年{_MONTH}月(?:{_DAY}[日号號])?"
           rf"(?:[至到—–-](?:{CN_YEAR_DIGITS}年)?{_MONTH}月(?:{_DAY}[日号號])?)?")
HALF = "半"
_PERIODS = frozenset("日 天 周 週 个月 個月 月 年 工作日 个工作日 個工作日 小时 小時 个小时 個小時".split())


def cn_value(s: str) -> float | None:
    """Value of a Chinese numeral (``二十``, ``百``, ``两``, ``一千二百``, ``半``), via cn2an."""
    import cn2an

    if s == HALF:
        return 0.5
    t = "".join(_CN_VALUES.get(c, c) for c in s)
    if t[:1] in "十百千万":
        t = "一" + t
    try:
        return float(cn2an.cn2an(t, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def number_value(num: str) -> float | None:
    """Value of a number written in digits (``30``, ``1.5``) or in Chinese numerals (``三十``)."""
    try:
        return float(num) if num[:1].isdigit() else cn_value(num)
    except (ValueError, TypeError):
        return None


def cn_year(s: str) -> float | None:
    """The year a ``二〇二五``-style run of digits spells (its first four characters)."""
    digits = "".join(_DIGITS.get(c, "") for c in s[:4])
    return float(digits) if len(digits) == 4 else None


def years_in_digits(text: str) -> str:
    """``text`` with every year written digit by digit in Arabic digits (到二〇二五年 → 到2025年)."""
    return re.sub(CN_YEAR_DIGITS + "(?=年)", lambda m: f"{cn_year(m.group(0)):.0f}", text)


def counted_in_words(num: str, unit: str, clean: str, start: int, end: int) -> bool:
    """Whether a Chinese numeral with its unit and no qualifier before it is a quantity, by
    what follows it: 一 only as an amount of money (一万元), a period with its bound (一日内办结,
    一年内完成, not 毕业一年内的) or a doubling (增长一倍), not 一个/一年来/一元化; 千家万户 is an idiom, 二元结构 no money."""
    after = clean[end : end + 3].lstrip("以")
    if unit in ("万", "萬"):
        return False  # 千万要…
    if num == "一":
        if re.search("元", unit) and len(unit) > 1:
            return True
        if unit == "倍":
            return re.search("增长|增長|提高|增加|翻|扩大|擴大", clean[max(0, start - 4) : start]) is not None
        # 一年内完成 is a deadline; 毕业一年内的人才 says who, which the question repeats
        return unit in _PERIODS and re.match("办结|辦結|办完|辦完|[内內](?!的)", after) is not None
    if len(num) == 1 and num in "千百万萬" and (after[:1] in "万萬千百" or clean[start - 2 : start - 1] in tuple("千百万萬")):
        return False  # 千家万户
    # 二元结构, 三元里: one numeral and 元 is money only before a stop
    return unit != "元" or len(num) > 1 or re.match(r"[，,。；;、）)的以左每起]|$", after) is not None
