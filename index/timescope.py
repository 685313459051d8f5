"""The time a figure belongs to: the nearest time phrase that scopes it, as written.

Looked for, in order: the figure's own comma part (where 每年/每月/年度/首期 also count),
its semicolon part and its sentence (nearest phrase before it), its comma part after it,
its paragraph before it, the nearest unmarked heading line or lead-in ending with a colon
(``“十五五”时期，要努力实现以下目标任务：``), and the headings of its clause
(``三、2026年工作安排``). Comparison bases (``比上年``, ``较2023年``, ``同比``) are never a
figure's time; ``2020年的`` names the time of the figure right after it only; 今年/当年 are
kept as written (the assistant reads them as the document's year).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.numerals import CN_YEAR_DIGITS
from index.tablecells import table_top

_D = "[0-9０-９]"
_PLAN = "“十[一二三四五六七八九]五”"
_Y = rf"(?:(?:19|20){_D}{{2}}|{CN_YEAR_DIGITS})"  # 2025 or 二〇二五
TIME = re.compile(
    rf"(?P<cmp>比|较|較|与|與|同|对比|對比)?"
    rf"(?:自(?:19|20){_D}{{2}}年{_D}{{1,2}}月{_D}{{1,2}}日起(?:施行|实施|實施|执行|執行|生效)?"
    rf"|(?:到|至|截至|截止|自|从|從|由)?(?:19|20){_D}{{2}}\s*[-—–~～至到]\s*(?:19|20){_D}{{2}}年度?"
    rf"|(?:到|至|截至|截止)?{_Y}年(?:{_D}{{1,2}}月(?:{_D}{{1,2}}日)?)?"
    rf"(?:年?底前|底|末|前|内|內|以来|以來|度)?"
    rf"|{_PLAN}(?:期间|期間|时期|時期|期末|末|以来|以來|(?=[，,：:]))"
    r"|过去一年|過去一年|过去五年|過去五年|这五年|這五年|五年来|五年來|一年来|一年來"
    r"|(?:每一|一个|一個|1个|1個)(?:纳税|納稅|自然|会计|會計)?年度(?:内|內)?"
    r"|今年|当年|當年|明年|全年|上年度"
    # 自本会计年度终了之日起90日内: the year whose end starts a period is no time scope.
    r"|(?<![上去前的0-9０-９一二两三四五六七八九十])(?:年末|年底前|年底|年内|年內|年度(?!终了|終了|结束|結束))"
    r"|首期|每年|每月|每季度|每周|每週|每天|每日)"
)
_WEAK = frozenset({"年度", "年内", "年內"})  # 年度计划投资: a year nearby says more
# How often or which instalment: these scope their own comma part only.
_LOCAL = frozenset({"每年", "每月", "每季度", "每周", "每週", "每天", "每日", "年度", "上年度", "首期", "当年", "當年"})
# A review paragraph opens with 过去一年; its 全年 is that same year.
_REVIEW = re.compile(r"过去一年|過去一年|过去五年|過去五年|这五年|這五年|五年来|五年來|一年来|一年來")
_ITEM = re.compile(r"\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)]|\d+[.、．])")
_SCOPE_ENDS = "。！？!?\n"
_INLINE_ITEM = re.compile(r"\s*(?:[一二三四五六七八九十]+是|[①-⑳])")  # items inside a sentence
_PART_ENDS = "；;"


def _phrases(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """Time phrases in ``text[lo:hi]`` that can scope a figure (no comparison bases)."""
    out = []
    for m in TIME.finditer(text, lo, hi):
        if m.group("cmp") or text[m.end() : m.end() + 1] == "的" and not m.group(0).startswith("每"):
            continue
        out.append(m)
    return out


def _attributive(text: str, start: int) -> str | None:
    """``2020年的3.68万亿元``, ``较“十三五”末的9323.1亿元``: the time right before the
    figure, joined by 的 (its own time even after 较)."""
    m = re.search(rf"((?:19|20){_D}{{2}}年(?:末|底)?|{_PLAN}(?:末|期末))的$", text[max(0, start - 12) : start])
    return m.group(1) if m else None


def _heading_line(text: str, lo: int, para: int) -> list[re.Match[str]]:
    """Time phrases of the nearest short line without a full stop (a sub-heading the outline
    did not mark: ``“十四五”时期工作回顾``) or line ending with a colon before ``para``: in
    the clause, or before it across the items of its list (``…目标任务：`` / ``一是…``)."""
    b = para - 1
    while b > 0:
        a = text.rfind("\n", 0, b) + 1
        line = text[a:b]
        lead_in = line.rstrip().endswith(("：", ":"))  # “十五五”时期，要努力实现以下目标任务：
        if line.strip() and (lead_in or len(line) <= 40 and not re.search("[。；;，,]", line)):
            if lead_in:  # …于2017年印发通知。现就有关事项通知如下： only its last sentence leads in
                a += max(line.rfind(c) for c in "。！？!?") + 1
            return _latest([m for m in _phrases(text, a, b) if m.group(0) not in _LOCAL],
                           text, text[a:b], para)
        if a < lo and not _ITEM.match(line):
            return []
        b = a - 1
    return []


def time_of(text: str, start: int, end: int, lo: int, hi: int, headings: Sequence[str] = ()) -> str | None:
    """The time scope of the figure ``text[start:end]``.

    Args:
        text: the cleaned text.
        start, end: where the figure is.
        lo, hi: the region its sentence is looked for in (its clause).
        headings: the headings of its clause, innermost first.

    Returns:
        The time phrase as written (``到2025年``, ``今年``, ``“十四五”时期``) or None.
    """
    own = _attributive(text, start)
    found = _scope(text, start, end, lo, hi, headings)
    plan = _plan_review(text, lo, start, found, headings)
    if plan:
        return own or plan
    para = text.rfind("\n", 0, start) + 1
    named = _NAMED_YEAR.match(text, para)
    if found in ("今年", "當年", "当年") and named and named.end() <= start:
        return own or named.group(1)  # 2026年是…。今年…目标是: the year the paragraph names
    if found == "全年":
        found = _whole_year(text, para, start, headings) or found
    return own or found


_YEAR_ONLY = re.compile(rf"{_Y}年度?")


def _whole_year(text: str, para: int, start: int, headings: Sequence[str]) -> str | None:
    """The year a 全年 names: a review phrase of its paragraph (过去一年), else the last year
    its paragraph names before it (刚刚过去的2025年，…完成全年目标任务), else the one year its
    clause's headings name (二、2025年工作回顾). None when nothing says (今年's 全年)."""
    phrases = _phrases(text, para, start)
    review = [m for m in phrases if _REVIEW.fullmatch(m.group(0))]
    if review:
        return review[-1].group(0)
    years = [m for m in phrases if _YEAR_ONLY.fullmatch(m.group(0))]
    if years:
        return years[-1].group(0)
    named = {y for h in headings for y in re.findall(rf"(?:19|20){_D}{{2}}年", h)}
    return named.pop() if len(named) == 1 else None


# A paragraph that opens by naming its year (2026年是“十五五”第一年): its 今年 is that year.
_NAMED_YEAR = re.compile(rf"({_Y}年)是")
_FIVE_YEARS = re.compile(r"过去五年|過去五年|这五年|這五年|五年来|五年來")
_HEADING_PLAN = re.compile(rf"{_PLAN}(?:时期|時期|期间|期間)?")


def _plan_review(text: str, lo: int, start: int, found: str | None, headings: Sequence[str]) -> str | None:
    """``一、2025年和“十四五”时期工作回顾`` … ``五年来，…``: after a five-year review phrase of
    its clause, a figure whose time is that phrase or only comes from the heading belongs to
    the plan period the heading names beside the year (as the heading writes it)."""
    # Only a heading that covers two periods (a year and the plan) needs the review phrase
    # read as the plan; under a heading of the plan alone 这五年 says it as written.
    plans = [m.group(0) for h in headings if re.search(rf"(?:19|20){_D}{{2}}年", h)
             for m in _HEADING_PLAN.finditer(h)]
    if not plans:
        return None
    review = [m for m in _phrases(text, lo, start) if _REVIEW.fullmatch(m.group(0))]
    if not review or not _FIVE_YEARS.fullmatch(review[-1].group(0)):
        return None
    para = table_top(text, text.rfind("\n", 0, start) + 1)
    own = [m for m in _phrases(text, para, start) if not _REVIEW.fullmatch(m.group(0))]
    if found is None or _FIVE_YEARS.fullmatch(found) or (not own and any(found in h for h in headings)):
        return plans[0]
    return None


def _scope(text: str, start: int, end: int, lo: int, hi: int, headings: Sequence[str]) -> str | None:
    s = start
    while s > lo and text[s - 1] not in _SCOPE_ENDS:
        s -= 1
    e = end
    while e < hi and text[e] not in _SCOPE_ENDS:
        e += 1
    p = start
    while p > s and text[p - 1] not in _PART_ENDS:
        p -= 1
    before = [m for m in _phrases(text, s, start) if m.end() <= start]
    c = start
    while c > p and text[c - 1] not in "，,：:":
        c -= 1
    local = [m for m in before if m.start() >= c]
    before = [m for m in before if m.group(0) not in _LOCAL]
    in_part = [m for m in before if m.start() >= p]
    # another semicolon part's time scopes this one only when it opens its comma part
    # (2022年，…；…); 获得2021年度省级科技奖励10项；认定…210家: it is the awards' own
    before = in_part + [m for m in before if m.start() < p and _opens_part(text, s, m.start())]
    f = end  # a phrase after the figure scopes it only within its comma part
    while f < e and text[f] not in "，,；;：:":
        f += 1
    after = [m for m in _phrases(text, end, e) if m.group(0) not in _LOCAL
             and (m.start() < f or m.group(0).startswith("自"))]  # 有效期2年，自…起施行
    para = table_top(text, s)  # a table row's paragraph is its table, caption included
    if para < lo and not _INLINE_ITEM.match(text, lo):
        para = lo  # a clause that starts inside a line (a layout without line breaks)
    earlier = [m for m in _phrases(text, para, s) if m.group(0) not in _LOCAL]
    levels = [local[::-1], in_part[::-1], before[::-1], after, earlier[::-1], _heading_line(text, lo, para)]
    # A clause that is all text has its first sentence as heading: that is no outer scope.
    outer = [h for h in headings if h[-12:] not in text[para:e]]
    # 二、“十五五”发展的主要考虑: in a heading the plan's name alone scopes its section.
    levels += [_latest([m for m in _phrases(h, 0, len(h)) if m.group(0) not in _LOCAL]
                       or list(_HEADING_PLAN.finditer(h)), text, h, para) for h in outer]
    for found in levels:
        strong = [m for m in found if m.group(0) not in _WEAK]
        if strong or found:
            return (strong or found)[0].group(0)
    return opening_year(text)


def _opens_part(text: str, s: int, at: int) -> bool:
    """Whether the time phrase at ``at`` opens its comma part (words like 在 / 于 aside)."""
    c = at
    while c > s and text[c - 1] not in "，,：:；;":
        c -= 1
    return re.fullmatch(r"\s*(?:在|于|於|截至|截止)?\s*", text[c:at]) is not None


_CORE = re.compile(rf"{_PLAN}|(?:19|20){_D}{{2}}年")


def _latest(found: list[re.Match[str]], text: str, heading: str, para: int) -> list[re.Match[str]]:
    """A heading naming two periods (``二、“十四五”时期发展成就和“十五五”时期主要目标任务``):
    first the one its section's text has named last before the figure's paragraph (the text
    has moved on to it); the heading's order when the text names neither."""
    cores = [_CORE.search(m.group(0)) for m in found]
    if len({c.group(0) for c in cores if c}) < 2:
        return found
    at = text.rfind(heading, 0, para)
    if at < 0:
        return found
    since = at + len(heading)
    last = [text.rfind(c.group(0), since, para) if c else -1 for c in cores]
    if max(last) < 0:
        return found
    return [m for _, m in sorted(zip(last, found, strict=True), key=lambda p: -p[0])]


_OPENING = re.compile(rf"(?:^|\n)((?:19|20){_D}{{2}}年)[，,]")


def opening_year(text: str) -> str | None:
    """``2015年，全县人民…``: the year a bulletin's opening paragraph (within its first few
    lines) starts with scopes every figure that names no time of its own."""
    head = "\n".join(text[:600].split("\n")[:4])
    m = _OPENING.search(head)
    return m.group(1) if m else None
