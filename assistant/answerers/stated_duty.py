"""X由谁负责 when no responsibility list holds the task: the unit a sentence of the document
says does it, cited.

Statutes, 预案 and 意见 rarely carry （责任单位：…） lists; they say who does what in prose:
``司法部负责制定统一的行政执法文书基本格式标准``, ``…由区民政部门负责``, ``市住房城乡建设局
是全市公共租赁住房保障行政主管部门``, ``办公室设在国家粮食局``. The sentence must hold what
the question names (its terms, the document's title and heading path helping); the answer is
the unit written next to the task the question asks about, in one of these four wordings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.evidence import Sentence, holds, ranked_sentences, say
from assistant.match import coverage

if TYPE_CHECKING:
    from assistant.context import QueryContext

# A unit's name ends in the kind of body it is (Simplified or Traditional script).
_BODY = r"(?:委员会|委員會|人民政府|政府|部门|部門|办事处|辦事處|机构|機構|[局委办辦厅廳部署处處院司行社])"
_UNIT = r"(?![由对在经将把])[\u4e00-\u9fff]{1,18}?" + _BODY + r"(?:[（(][\u4e00-\u9fff、]{2,12}[）)])?"
_UNITS = _UNIT + r"(?:[、和及与][\u4e00-\u9fff]{1,18}?" + _BODY + r")*"
_LEFT = r"(?:^|(?<=[，,；;：:。、]))"
_MODAL = r"(?:要|应|应当|将|主要|具体|统一|依法)?"
_DOES = r"(?:负责|牵头|主管|承担)(?!人|同志)"
# (wording, pattern): each holds a ``unit`` group and a ``task`` group
_WORDINGS = (
    ("does", re.compile(_LEFT + r"(?P<unit>" + _UNITS + r")" + _MODAL + _DOES + r"(?P<task>[^，,；;。]{2,60})")),
    ("by", re.compile(_LEFT + r"(?P<task>[^，,；;。]{2,60}?)由(?P<unit>" + _UNITS + r")" + _MODAL
                      + r"(?:负责|牵头|承担|组织|制定|实施|审批|管理)")),
    ("is", re.compile(_LEFT + r"(?P<unit>" + _UNITS + r")是(?P<task>[^，,；;。]{2,40}?(?:主管部门|主管机关|责任主体|"
                      r"第一责任人|牵头单位|责任单位))")),
    ("at", re.compile(_LEFT + r"(?P<task>[^，,；;。]{2,30}?)设在(?P<unit>" + _UNIT + r")(?=[，,；;。]|$)")),
)
# an outline number a sentence may begin with (第六条, （3）, 1.2.1): not part of a unit's name
_MARKER = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[条條章节節款]|[（(][一二三四五六七八九十\d]+[)）]"
                     r"|[一二三四五六七八九十]+、|\d+(?:[.．]\d+)*[、.．]?)\s*")
_SPLIT = re.compile(r"[、和及与](?=[\u4e00-\u9fff])")
# the question's own words for asking who: not what the task must hold
_ASKING = re.compile(r"谁|哪|什么|啥|单位|部门|机构|负责|牵头|主管|承担|担任|设在|来")
MAX_SENTENCES = 20


@dataclass(frozen=True)
class _Stated:
    sentence: Sentence
    wording: str
    units: tuple[str, ...]
    task: str
    segment: str  # the sentence's part that says it, as written
    cover: tuple[float, float, float]  # coverage with the heading path, of the task alone, the sentence's score


class StatedDutyAnswerer:
    name = "stated_duty"

    def answer(self, ctx: QueryContext) -> Answer | None:
        terms = tuple(t for t in ctx.terms if not _ASKING.search(t))
        if not terms:
            return None
        best: _Stated | None = None
        for s in ranked_sentences(ctx, terms)[:MAX_SENTENCES]:
            if not holds(ctx, s, terms):
                continue
            for found in _stated(s):
                # the task holds what is asked, the heading path and title helping
                cover = coverage(list(terms), f"{s.path} {found.task}", ctx.state.weights)
                if cover < ctx.config.score_min_stated_duty or not _touches(terms, found.task):
                    continue
                own = coverage(list(terms), found.task, ctx.state.weights)
                found = _Stated(s, found.wording, found.units, found.task, found.segment, (cover, own, s.score))
                if best is None or found.cover > best.cover:
                    best = found
        return _said(ctx, best) if best else None


def split_units(text: str) -> tuple[str, ...]:
    """Units joined by 、/和/及/与, split only where what comes before is a unit itself:
    科技和工业信息化局 and 人力资源和社会保障局 are one unit each."""
    units, start = [], 0
    for m in _SPLIT.finditer(text):
        if re.search(_BODY + r"(?:[（(][^）)]*[）)])?$", text[start:m.start()]):
            units.append(text[start:m.start()])
            start = m.end()
    units.append(text[start:])
    return tuple(u for u in units if u)


def _touches(terms: tuple[str, ...], task: str) -> bool:
    """The task's own words hold one of the question's terms (not only its heading does)."""
    return any(len(t) >= 2 and t in task for t in terms)


def _stated(s: Sentence) -> list[_Stated]:
    """Every unit the sentence says does a task, in any of the four wordings."""
    out = []
    text = _MARKER.sub("", s.text)
    for wording, pattern in _WORDINGS:
        for m in pattern.finditer(text):
            units = split_units(m.group("unit"))
            task = m.group("task").strip()
            if any(len(u) < 2 for u in units) or len(task) < 2:
                continue
            end = re.search(r"[，,；;。]|$", text[m.end():]).start() + m.end()  # …负责解释: the verb's object too
            out.append(_Stated(s, wording, units, task, text[m.start():end].strip("，,；;：: "), (0.0, 0.0, 0.0)))
    return out


def _said(ctx: QueryContext, st: _Stated) -> Answer:
    s = st.sentence
    unit = "、".join(st.units)
    where = ctx.state.place(s.doc)
    if st.wording == "is":
        text = f"{where}：{unit}是{st.task}。"
    elif st.wording == "at":
        text = f"{where}：{st.task}设在{unit}。"
    else:
        text = f"{where}：由{unit}负责（“{st.segment}”）。"
    return Answer(question=ctx.question.text, answer=say(ctx, text), found=True,
                  citations=(s.citation(highlight=st.units),), units=st.units, type="responsibility")
