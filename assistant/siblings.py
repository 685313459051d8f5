"""Siblings of a subject: what a question counts or ranks its subject by (4级待遇, 二类,
市级) and whether a text gives its figure only for another of them (1级、2～3级; 区级), a
near miss to refuse, not an answer."""

from __future__ import annotations

import re
from functools import lru_cache

# Classifiers after a number that tell a subject from its siblings (4级待遇 is not 3级待遇,
# 二类 not 一类); thresholds (35周岁, 36个月以上) are not among them: a value past one is
# still under it.
COUNTED = "级|类|档|星|批"
_NUM = r"\d+|[一二三四五六七八九十两]+"
_COUNTED = re.compile(rf"(?<![\d.])({_NUM})\s*({COUNTED})(?!以上|以下|及以上|及以下)")
_SERIES = re.compile(rf"((?:(?:{_NUM})\s*(?:[、，,和及或至到~～-]|以及)\s*)*(?:{_NUM}))\s*({COUNTED})(以上|及以上|以下|及以下)?")
# administrative levels, highest first: 省级以上 covers 国家级, not 市级
LEVELS = ("国家级", "省级", "市级", "区级", "县级", "乡级", "镇级", "村级")
_LEVEL = re.compile("|".join(LEVELS))


def counts_asked(norm_q: str) -> list[tuple[str, str]]:
    """The grades or classes a question names (3级, 二类), each with its classifier, in order."""
    return [(m.group(0).replace(" ", ""), m.group(2)) for m in _COUNTED.finditer(norm_q)]


def counts_by(text: str, cls: str) -> bool:
    """Whether ``text`` writes any count of the classifier ``cls`` (1级、2～3级)."""
    return any(s.group(2) == cls for s in _SERIES.finditer(text))


def _count(word: str) -> float | None:
    if word.isdigit():
        return float(word)
    from index.figures import cn_value

    return cn_value(word)


def miscounted(norm_q: str, text: str) -> str | None:
    """What the question counts or ranks its subject by (4级, 二类, 市级) when ``text``
    gives its figure only for siblings of it (1级、2～3级; 区级): another subject, not the
    one asked; None when ``text`` has it, or counts by nothing of that kind.
    """
    for m in _COUNTED.finditer(norm_q):
        value, cls = _count(m.group(1)), m.group(2)
        series = [s for s in _SERIES.finditer(text) if s.group(2) == cls]
        if value is None or not series:
            continue
        if not any(_covers(s, value) for s in series):
            return m.group(0)
    for m in _LEVEL.finditer(norm_q):
        asked = LEVELS.index(m.group(0))
        found = [(LEVELS.index(x.group(0)), text[x.end():x.end() + 3]) for x in _LEVEL.finditer(text)]
        if found and not any(lv == asked or (lv >= asked and after.startswith(("以上", "及以上")))
                             or (lv <= asked and after.startswith(("以下", "及以下"))) for lv, after in found):
            return m.group(0)
    return None


def _covers(series: re.Match[str], value: float) -> bool:
    """Whether a written count (2～3级, 6、18、36, 3级以上) takes in ``value``."""
    nums = [_count(x) for x in re.findall(_NUM, series.group(1))]
    nums = [n for n in nums if n is not None]
    if value in nums:
        return True
    if series.group(3):
        bound = nums[-1] if nums else None
        return bound is not None and (value >= bound if "上" in series.group(3) else value <= bound)
    ranged = re.search(r"[至到~～-]", series.group(1))
    return bool(ranged and len(nums) == 2 and min(nums) <= value <= max(nums))


NOUN = 2  # characters after a grade or level that say what it is of (待遇, 社区)
NEAR = 8  # characters before that noun in which a document writes its grade or level


@lru_cache(maxsize=256)  # asked of every figure of a document
def miscounted_in(norm_q: str, doc_text: str) -> str | None:
    """What the question counts or ranks its subject by (市级 of 市级opc社区) when the
    document writes that subject only with siblings of it (区级opc社区), wherever the
    figure that answers otherwise lies; None when it writes the one asked, or none."""
    for m in (*_COUNTED.finditer(norm_q), *_LEVEL.finditer(norm_q)):
        noun = norm_q[m.end():m.end() + NOUN]
        if len(noun) < NOUN or not re.fullmatch(r"[\u4e00-\u9fffa-z]+", noun):
            continue
        near = " | ".join(doc_text[max(0, i - NEAR):i + NOUN]
                          for i in (x.start() for x in re.finditer(re.escape(noun), doc_text)))
        if miscounted(m.group(0) + noun, near):
            return m.group(0)
    return None


# words that name one of two exclusive halves (城镇居民 / 农村居民, 出口 / 进口): a figure
# said of the other half is not of the one asked. Everyday Chinese, not from a document.
HALVES = (("城镇", "农村"), ("城市", "农村"), ("城镇", "乡村"), ("出口", "进口"))


def other_half(norm_q: str, phrase: str) -> str | None:
    """The half the question asks (城镇) when ``phrase`` (the words stating a figure) names
    only the other half (农村居民人均生活费支出); None otherwise."""
    for a, b in HALVES:
        for asked, other in ((a, b), (b, a)):
            if asked in norm_q and other not in norm_q and other in phrase and asked not in phrase:
                return asked
    return None


# an amount that sets the class a count is of (亿元以上项目, 超五千万元的乡镇): marked by
# 超/超过/过 before it or 以上 after it
_AMOUNT = re.compile(r"(超过|超|过)?(\d+(?:\.\d+)?|[一二三四五六七八九十两百千]+)?(万亿|亿|万)元(以上)?")


def _amounts(text: str) -> set[float]:
    out = set()
    for m in _AMOUNT.finditer(text):
        if not (m.group(1) or m.group(4)):
            continue
        n = _count(m.group(2)) if m.group(2) else 1.0
        if n is not None:
            out.add(n * {"万亿": 1e12, "亿": 1e8, "万": 1e4}[m.group(3)])
    return out


def other_threshold(norm_q: str, phrase: str) -> bool:
    """The question counts a class by an amount (十亿元以上项目, 超五千万元的乡镇) that the
    figure's phrase (with its headings) sets at another (亿元以上项目48个, 超亿元的乡镇6个)
    or never sets (省级以上科技项目5个)."""
    asked = _amounts(norm_q)
    return bool(asked) and not asked & _amounts(phrase)


# a thing asked on its own: 光新材料, 只算新材料, 新材料单独的
_ALONE_BEFORE = r"(?:光|只|仅|单单|单独)(?:是|看|算|说)?"
_ALONE_AFTER = r"[\u4e00-\u9fff]{0,3}?单独"


def alone_of_joined(norm_q: str, terms: tuple[str, ...], seg: str, clause_text: str) -> bool:
    """Whether the question asks one thing on its own (光新材料营收) that the clause writes
    only joined to another (化工和新材料产业) and the figure's phrase does not name alone
    (“化机”产业集群营收…700亿元): the figure is the pair's, a near miss."""
    for t in terms:
        if len(t) < 2 or t in seg:
            continue
        e = re.escape(t)
        if not (re.search(_ALONE_BEFORE + e, norm_q) or re.search(e + _ALONE_AFTER, norm_q)):
            continue
        if re.search(rf"[\u4e00-\u9fff]{{1,6}}[和与及]{e}|{e}[和与及][\u4e00-\u9fff]", clause_text):
            return True
    return False
