"""A measure's stated change, read with its measure: a statistics bulletin lists measures
and their changes in one sentence (“出栏生猪427246头，比上年减少0.9%，羊出栏12.94万头，比上年
增长2.4%”), so a change belongs to the measure whose phrase it follows, never to the next one;
and the direction a question asks about (比上年多了吗 / 下降了吗 / 同比增长了吗)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.figures import normalized
from assistant.match import term_hit

# 增加值 is a measure (工业增加值), not a rise
_VERB = re.compile(r"(?P<up>增长|增加(?!值)|提高|上升|上涨|增产|增多|扩大|攀升|回升)|"
                   r"(?P<down>下降|减少|降低|回落|下滑|下跌|减产|缩小|收窄)")
# what a change is measured against: 比上年, 较2010年, 同比, 比年初, 与上年相比
_BASE = r"(?:比|较|与|同比|环比|相比)"
_SEG = re.compile(r"[^，,]+")
# a phrase that only states a change (its measure is the phrase before it)
_CHANGE_ONLY = re.compile(
    rf"^(?:按可比价(?:格)?计算)?\s*(?:分别)?(?:{_BASE}(?:\d{{4}}年[末底]?|[^，\d]{{0,8}}?))?"
    rf"(?:略有|有所|分别|继续|持续|大幅|小幅|稳步)?(?:{_VERB.pattern})")
_NEUTRAL = re.compile(r"^(?:按可比价(?:格)?计算|据[^，]{1,8}统计|初步核算|全年|(?:\d{4}年)?[末底]?)$")
# the question's direction: a change verb at its end (增长了吗, 减少了没有), or a plain word of
# more or less after a comparison (比上年多了吗, 同比高吗)
_ASK_END = r"了?(?:吗|么|嘛|没有|没|不|呢)?[？?。！!\s]*$"
_ASK_VERB = re.compile(rf"(?:{_VERB.pattern}){_ASK_END}")
# (A比B高吗 compares two measures, not a measure over time: the base must be a time)
_TIME_BASE = r"(?:同比|环比|(?:比|较|与)(?:上年末?|去年|上一年|年初|上年同期|同期|上月|\d{4}年[末底]?))"
_ASK_PLAIN = re.compile(rf"{_TIME_BASE}.{{0,10}}?(?:(?P<up>多|高|涨|升|增)|(?P<down>少|低|跌|降|减))(?:了)?{_ASK_END}")
_ASK_WHETHER = re.compile(rf"(?:是不是|是否|有没有|有无){_TIME_BASE}[^，]{{0,8}}?(?:{_VERB.pattern})")


@dataclass(frozen=True)
class Change:
    """A measure's phrase and the phrases stating its change, as written."""

    start: int  # clean-text span of the measure's phrase through its last change phrase
    end: int
    measure: str  # the measure's phrase
    changes: tuple[str, ...]  # the phrases that state its change
    direction: str  # up / down / flat / "" (none stated)

    @property
    def text(self) -> str:
        return "，".join((self.measure, *self.changes))


def asked_direction(norm: str) -> str | None:
    """``up`` or ``down`` when a yes/no question asks whether something rose or fell."""
    for pattern in (_ASK_VERB, _ASK_PLAIN, _ASK_WHETHER):
        m = pattern.search(norm)
        if m:
            return "up" if m.group("up") else "down"
    return None


def direction_of(phrase: str) -> str:
    """The direction a change phrase states: 增长-3.2% is down, 持平 flat."""
    m = _VERB.search(phrase)
    if m is None:
        return "flat" if re.search(r"持平|不变|相当", phrase) else ""
    way = "up" if m.group("up") else "down"
    if re.match(r"\s*(?:了)?\s*[-−－]\s*\d", phrase[m.end():]):
        way = "down" if way == "up" else "up"
    return way


def measure_change(text: str, offset: int, terms: Sequence[str], context: str = "") -> Change | None:
    """The change a sentence states for the measure ``terms`` name.

    Args:
        text: the sentence as written.
        offset: its clean-text start.
        terms: the words naming the measure (not the words of change).
        context: the clause's heading path (normalised): a term found there, or in the
            sentence before the phrase (全年粮食总产量…，其中：早稻…), need not be in it.

    Returns:
        The measure's phrase (the comma phrase holding the most terms), the change phrases
        that follow it up to the next measure, and their direction; None when no phrase
        holds a term or a term is nowhere.
    """
    segs = [(m.start(), m.group(0)) for m in _SEG.finditer(text)]
    best, best_i = 0, -1
    for i, (at, seg) in enumerate(segs):
        norm = normalized(seg).lower()
        if _CHANGE_ONLY.match(norm) or not re.search(r"\d", norm):
            continue  # a measure's phrase states its figure (not 分轻重工业看)
        before = normalized(text[:at]).lower() + " " + context
        own = [t for t in terms if term_hit(t, norm) >= 0.99]
        if own and len(own) > best and all(t in own or term_hit(t, before) >= 0.99 for t in terms):
            best, best_i = len(own), i
    if best_i < 0:
        return None
    at, measure = segs[best_i]
    own = _own_change(measure, terms)
    changes: list[str] = []
    end = at + len(measure)
    for pos, seg in segs[best_i + 1:]:
        norm = normalized(seg).lower().strip()
        if _NEUTRAL.match(norm):
            continue
        if not _CHANGE_ONLY.match(norm):
            break
        changes.append(seg.strip().rstrip("。；;"))
        end = pos + len(seg.rstrip("。；;"))
    if not changes and not own:
        shared = _shared_change(segs, best_i)
        if shared:
            changes, end = [shared[1]], shared[0] + len(shared[1])
    way = _overall([own, *changes] if own else changes, segs, best_i)
    return Change(offset + at, offset + end, measure.strip().rstrip("。；;"), tuple(changes), way)


def _own_change(measure: str, terms: Sequence[str]) -> str:
    """The change the measure's own phrase states after its words (出口额同比增长13.3%)."""
    norm = normalized(measure).lower()
    last = max((norm.find(t) + len(t) for t in terms if t in norm), default=-1)
    if last < 0:
        return ""
    m = _VERB.search(norm, last)
    return measure.strip() if m and re.search(rf"{_BASE}|\d", norm[last:]) else ""


def _shared_change(segs: list[tuple[int, str]], i: int) -> tuple[int, str] | None:
    """A 分别 phrase after a run of measures (A N，B M，C K，分别比上年增长a、b、c)."""
    for pos, seg in segs[i + 1:]:
        norm = normalized(seg).lower().strip()
        if _NEUTRAL.match(norm):
            continue
        if _CHANGE_ONLY.match(norm):
            return (pos, seg.strip().rstrip("。；;")) if "分别" in norm else None
    return None


def _overall(changes: Sequence[str], segs: list[tuple[int, str]], i: int) -> str:
    """The direction of the changes: the first that states one; in a 分别 phrase, the value
    in the measure's place in the run."""
    for c in changes:
        if "分别" in c:
            return _respective(c, segs, i)
        way = direction_of(c)
        if way:
            return way
    return ""


def _respective(phrase: str, segs: list[tuple[int, str]], i: int) -> str:
    m = _VERB.search(phrase)
    if m is None:
        return ""
    values = re.split(r"[、和及]", phrase[m.end():])
    run = 0  # the measure's place among the measures the 分别 phrase follows
    for _, seg in segs[:i][::-1]:
        norm = normalized(seg).lower().strip()
        if _NEUTRAL.match(norm) or _CHANGE_ONLY.match(norm) or not re.search(r"\d", norm):
            break
        run += 1
    if run >= len(values):
        return ""
    way = "up" if m.group("up") else "down"
    if re.match(r"\s*[-−－]", values[run]):
        way = "down" if way == "up" else "up"
    return way
