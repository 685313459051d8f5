"""Which answerers each intent tries, in order; the first that answers wins.

A new shape of question is a new answerer module and a line here. A figure question tries
a value computed from stated ones (几倍, 平均每个, 增长率 from 增量, 从A到B增加了多少), a
difference (A比B高出多少) and a part of a whole (还剩多少, 占…比例) before the figure
itself; lists, comparisons and sums fall back to a figure when they find no group. A total
of numbered items (一共多少条, 一共列了几条措施) is counted from the numbering first; a fact in
words that asks what fills several frames (以什么为主体、什么为方向) is read as their list. The
contract's shapes (``assistant/shapes.py``): a time falls back to a figure that is a time, several
parts to any figure; a figure falls back to a fact in words (出示什么证件: no figure is asked);
a count written as a word (三级体系) answers a figure question no figure answered, and a
grade written as words (几级信用: 最高信用等级) one no numbered grade answered;
a yes/no question never does (an answer without 是/否 first is no answer to it); a fact in
words gives way to a refusal; an overview to the list of a part's sub-headings.
"""

from __future__ import annotations

from assistant.answerers import Answerer
from assistant.answerers.aggregation import AggregationAnswerer
from assistant.answerers.comparison import ComparisonAnswerer
from assistant.answerers.counted_word import CountedWordAnswerer
from assistant.answerers.counting import CountAnswerer
from assistant.answerers.difference import DifferenceAnswerer
from assistant.answerers.docfact import DocFactAnswerer
from assistant.answerers.fact import FactAnswerer, WordFactAnswerer
from assistant.answerers.figure import FigureAnswerer
from assistant.answerers.framed import FramedAnswerer
from assistant.answerers.grade_word import GradeWordAnswerer
from assistant.answerers.kind_list import KindList
from assistant.answerers.listing import ListAnswerer
from assistant.answerers.locate import LocateAnswerer
from assistant.answerers.overview import OverviewAnswerer
from assistant.answerers.part_of import PartOfAnswerer
from assistant.answerers.parts import PartsAnswerer
from assistant.answerers.ratio import DerivedAnswerer
from assistant.answerers.responsibility import NoListedUnits, ResponsibilityAnswerer
from assistant.answerers.reverse import ReverseAnswerer
from assistant.answerers.stated_duty import StatedDutyAnswerer
from assistant.answerers.time import TimeAnswerer, TimedFigure
from assistant.answerers.yesno import YesNoAnswerer

FIGURE: tuple[Answerer, ...] = (DerivedAnswerer(), DifferenceAnswerer(), PartOfAnswerer(), FigureAnswerer())

ANSWERERS: dict[str, tuple[Answerer, ...]] = {
    "docfact": (DocFactAnswerer(),),
    "reverse": (ReverseAnswerer(), KindList()),
    "responsibility": (ResponsibilityAnswerer(), StatedDutyAnswerer(), NoListedUnits()),
    "comparison": (ComparisonAnswerer(), *FIGURE),
    "aggregation": (CountAnswerer(), AggregationAnswerer(), *FIGURE),
    "list": (ListAnswerer(), FactAnswerer(), *FIGURE),
    "figure": (CountAnswerer(), *FIGURE, CountedWordAnswerer(), GradeWordAnswerer(), WordFactAnswerer()),
    "time": (TimeAnswerer(), *(TimedFigure(a) for a in FIGURE)),
    "yesno": (YesNoAnswerer(),),
    "parts": (PartsAnswerer(), *FIGURE),
    "fact": (FactAnswerer(), FramedAnswerer()),
    "overview": (OverviewAnswerer(), ListAnswerer(), CountAnswerer()),
    "locate": (LocateAnswerer(),),
}


def answerers_for(intent: str) -> tuple[Answerer, ...]:
    """The answerers an intent tries, in order (a figure's for an intent not listed)."""
    return ANSWERERS.get(intent, FIGURE)
