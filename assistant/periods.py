"""The period a figure belongs to, read against its own document, and the period a question
asks about in each document: a report of 2026 says 今年 for 2026 and 过去一年 for 2025,
“十五五” is 2026–2030, and a 全年 figure takes the year its paragraph opens with
(刚刚过去的2025年，…全年…增长5.8%). Comparisons, sums and differences across documents
pair figures of the same period only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.figures import FigureView, normalized
from assistant.question import WITHIN_THIS_YEAR
from index.figures import cn_value

if TYPE_CHECKING:
    from assistant.question import Question
    from index.records import Source

# the N-th five-year plan (十四五, 十五五): from the third (1966–1970) on, five years each
_PLAN = re.compile(r"(?<![比较“\"])(?<![比较][“\"])[“\"]?十([一二三四五六七八九])五[”\"]?(末|期末)?")
_SPAN = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*年")
_YEAR = re.compile(r"(?<![比较与同\d])((?:19|20)\d{2})\s*年(?!以来|以前|之前|前)")
_THIS = re.compile(rf"今年|本年|当年|{WITHIN_THIS_YEAR}|this year")  # 一年内 is a length, not this year
_LAST = re.compile(r"(?<![比较])(?:去年|上年|上一年|前一年|过去一年|一年来|刚刚过去的一年|last year)")
_FIVE = re.compile(r"这五年|五年来|过去五年|五年间|五年里")
_AVERAGE = re.compile(r"年均|平均每年|每年平均")
# the words before a figure that say when its paragraph speaks of (a year, a plan, 今年…)
_ANY_TIME = re.compile("|".join(p.pattern for p in (_SPAN, _PLAN, _YEAR, _THIS, _LAST, _FIVE)))


@dataclass(frozen=True)
class Period:
    """When a figure holds, or when a question asks about.

    Attributes:
        first, last: the years it covers (equal for one year; None when not known).
        average: a yearly average over the years (年均), not one year's own figure (a
            single year's 年均浓度 is that year's own).
        label: how an answer names it, as the document writes it where it can (今年,
            “十五五”时期); empty when not known.
    """

    first: int | None = None
    last: int | None = None
    average: bool = False
    label: str = ""

    @property
    def known(self) -> bool:
        return self.first is not None

    @property
    def one_year(self) -> int | None:
        """The year, for a period of one year that is not an average."""
        return self.first if self.known and self.first == self.last and not self.average else None

    def same(self, other: Period) -> bool:
        return (self.first, self.last, self.average) == (other.first, other.last, other.average)


UNKNOWN = Period()


def read_period(text: str, year: int | None, average: bool = False) -> Period:
    """The period ``text`` (normalised: a figure's time, a question) names, read against the
    document's ``year`` (its 今年); UNKNOWN when it names none."""
    label = text.strip()
    m = _PLAN.search(text)
    if m:
        n = 10 + int(cn_value(m.group(1)) or 0)
        first = 1966 + 5 * (n - 3)
        if m.group(2):  # 十三五末: the plan's last year
            return Period(first + 4, first + 4, False, label)
        return Period(first, first + 4, average, label)
    m = _SPAN.search(text)
    if m:
        return Period(int(m.group(1)), int(m.group(2)), average, label)
    m = _YEAR.search(text)
    if m:
        return Period(int(m.group(1)), int(m.group(1)), False, label)  # a year's 年均浓度 is its own
    if year is None:
        return UNKNOWN
    if _LAST.search(text):
        return Period(year - 1, year - 1, False, label)
    if _THIS.search(text):
        return Period(year, year, False, label)
    if _FIVE.search(text):
        return Period(year - 5, year - 1, average, label)
    return UNKNOWN


def figure_period(fi: FigureView) -> Period:
    """The period ``fi`` belongs to: its own time as the parser read it, else the time its
    paragraph names before it (刚刚过去的2025年，…), else its heading's; UNKNOWN for a
    recurring figure (每年, 每月) or one nothing dates."""
    year = fi.doc.source.year
    time = normalized(fi.fig.time or "").lower()
    average = bool(_AVERAGE.search(fi.seg) or _AVERAGE.search(time))
    if re.search(r"每[年月天日季]|每\d", time):
        return UNKNOWN
    own = read_period(time, year, average) if time not in ("全年", "年末", "年底", "年度") else UNKNOWN
    if own.known:
        return own
    start = fi.fig.clean_span[0]
    text = fi.doc.clean
    lo = max(fi.clause.clean_span[0], text.rfind("\n", 0, start) + 1)
    before = normalized(text[lo:start]).lower()
    # the time its own sentence names, else the one its paragraph opens with (刚刚过去的2025年，
    # …实现“十四五”圆满收官。…增长5.8%: 2025, the plan only mentioned on the way)
    own_sentence = before[max(before.rfind("。"), before.rfind("；"), before.rfind(";")) + 1:]
    found = [m.group(0) for m in _ANY_TIME.finditer(own_sentence)][-1:] or \
        [m.group(0) for m in _ANY_TIME.finditer(before)][:1]
    said = read_period(found[0], year, average) if found else UNKNOWN
    if said.known:
        return said
    heads = {m.group(0) for m in _ANY_TIME.finditer(fi.path)}
    if len(heads) == 1:
        return read_period(heads.pop(), year, average)
    return UNKNOWN


def asked_period(q: Question, source: Source) -> Period:
    """The period the question asks about in the document ``source``: a year it names, or
    its 今年/去年/“十五五” read against the document's own year; UNKNOWN when it names none."""
    average = bool(_AVERAGE.search(q.norm))
    if len(set(q.years)) == 1:
        return Period(q.years[0], q.years[0], False, f"{q.years[0]}年")
    if q.years:
        return UNKNOWN
    found = [m.group(0) for m in _ANY_TIME.finditer(q.norm)]
    return read_period(found[0], source.year, average) if found else UNKNOWN


def fit(period: Period, asked: Period) -> int:
    """How well a figure's period answers the asked one: 2 the same period, 1 not known
    either way (or nothing asked), 0 another period (another year, an average over a plan
    against one year's figure)."""
    if not asked.known:
        return 1
    if not period.known:
        return 1
    return 2 if period.same(asked) else 0


# a time the question words relative to its document (今年, 去年, “十五五”), not by number
_RELATIVE = re.compile("|".join(p.pattern for p in (_PLAN, _THIS, _LAST, _FIVE)))


def off_period(fi: FigureView, q: Question) -> bool:
    """Whether ``fi`` is of another period than the one ``q`` asks with 今年/去年/“十五五”,
    read in the figure's own document (a report's 过去五年 answers no 去年)."""
    if not _RELATIVE.search(q.norm):
        return False
    return fit(figure_period(fi), asked_period(q, fi.doc.source)) == 0


def asked_years(q: Question, source: Source) -> list[Period]:
    """The single years a question names, in its order, read in the document ``source``
    (今年比去年, 2026年…比2025年): what a comparison of one measure over time sets apart."""
    found = [read_period(m.group(0), source.year) for m in _ANY_TIME.finditer(q.norm)]
    found += [Period(y, y, False, f"{y}年") for y in q.base_years]
    if source.year and re.search(r"比(?:去年|上年|上一年)", q.norm):  # 比去年: the base, last year
        found.append(Period(source.year - 1, source.year - 1, False, "去年"))
    out: list[Period] = []
    for p in found:
        if p.one_year and not any(o.one_year == p.one_year for o in out):
            out.append(p)
    return out


def names_period(word: str) -> bool:
    """Whether a question's word only says when (这五年, “十四五”, 今年, 五年, 2025年)."""
    return bool(_ANY_TIME.fullmatch(word) or _PLAN.fullmatch(word) or re.fullmatch(r"[一二三四五六七八九十两\d]+年", word))
