"""How long and how often: a question that asks a length of time (多久以内, 多长时间, 几个 /
多少个工作日, 公示期多长, 最多能开多长时间) or a period (多久计算一次, 每隔多久), the bound it
asks (最长 / 最短), and which of a sentence's time expressions answers it: the one whose own
stretch of the sentence holds the question's words (…20个工作日内，向社会公布…；行政许可、
行政处罚的执法决定信息要在…7个工作日内公开: 行政处罚 asks the second)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.match import coverage

if TYPE_CHECKING:
    from assistant.match import TermWeights

# a period asked: how often something is done or counted (多久计算一次, 多长时间算一次, 每隔多久)
HOW_OFTEN = re.compile(r"(?:多久|多长时间|多长的?时间|几年|几个月|几天)[^，,。？?；;]{0,12}?[一1](?:次|回|轮)"
                       r"|(?:每隔|隔|每)(?:多久|多长时间)|(?:什么|啥|多大的?)频[次率]|频[次率]是?(?:多少|怎样|如何)")
# the count in a how-often question (一次): the period answers it; the sentence need not repeat it
ONCE = re.compile(r"[一1](?:次|回|轮)")
# a length of time asked (not a day or a year: 哪天, 哪年)
LENGTH_ASK = re.compile(r"多久|多长时间|多长的?时间|(?:多长|多久)(?=[？?。，,]|$|呢|啊)|[期限]多长"
                        r"|(?:几|多少)个?(?:工作日|自然日|天|日|月|周|星期|小时)")
# a date asked beside it (到什么时候, 哪天): a length alone is no answer then
DATE_ASK = re.compile(r"什么时候|啥时候|何时|哪一?年|哪一?天|哪一?日|几月|几号|日期")
# the bound a question asks of a length (不满多少天: less than), and the bound a document
# writes before one (最长不得逾六个月, 累计满183天) or after it (30日内, 3年以上)
UPPER_ASK = r"最长|最多|最久|(?:不|不能|不得|不可)超过|不满|不足|上限"
LOWER_ASK = r"最短|最少|至少|起码|不少于|不低于|下限"
UPPER_SAID = r"最长|最多|最高|不(?:得|能|应|宜)?(?:超过|逾|长于|满|足)|上限"
LOWER_SAID = r"最短|最少|最低|至少|不少于|不低于|不得少于|不短于|(?<!不)满$|(?<!不)超过$|下限"
UPPER_AFTER, LOWER_AFTER = r"(?:以内|之内|内)$", r"以上$"
# the unit a length is asked in (几个工作日, 多少天, 几个月): another unit's length is no answer
UNITS = (("day", r"工作日|自然日|天|日"), ("month", r"个?月"), ("year", r"年"),
         ("week", r"周|星期"), ("hour", r"小时"))
BOUND_CHARS = 8  # how far before a length its bound is written (最长放宽至3个月)
# how much the question's words in a time expression's own stretch of its sentence weigh
W_STRETCH = 0.3
_PIECE = re.compile(r"(?<=[，,；;：:])")


def how_often(norm_question: str) -> bool:
    """Whether the question asks how often (多久计算一次, 每隔多久)."""
    return bool(HOW_OFTEN.search(norm_question))


def length_asked(norm_question: str) -> bool:
    """Whether the question asks a length of time and no date (几个工作日内, 公示期多长)."""
    return bool(LENGTH_ASK.search(norm_question)) and not DATE_ASK.search(norm_question)


# the wording of the length asked left among the question's words (多少天内 → 天内, 几个工作日内 →
# 工作日内): the document may write it otherwise (30日内), and it names no subject
LENGTH_WORDS = re.compile(r"(?:个?工作日|个?自然日|天|日|个?月|周|星期|年|个?小时)?(?:内|以内|之内)")


def asked_terms(terms: Sequence[str], norm_question: str) -> tuple[str, ...]:
    """A length or how-often question's words less those that only ask it: its count of
    times (一次: 每季度至少主动联系1次 answers 多久联系一次) and the wording of the length
    (天内: 自公示期届满之日起20日内 answers 多少天内); the rest when nothing is left."""
    often, length = how_often(norm_question), length_asked(norm_question)
    kept = tuple(t for t in terms if not (often and ONCE.fullmatch(t)) and not (length and LENGTH_WORDS.fullmatch(t)))
    return kept or tuple(terms)


def bound_asked(norm_question: str) -> bool:
    """Whether the question asks a bound of a length (最长多久, 至少几天): a period
    (每月) has none, so it answers no such question."""
    return _asked_bound(norm_question) is not None


def quoted_numbers(norm_question: str) -> list[str]:
    """The numbers a time question quotes of its subject (开放工位1000个以上是哪年的目标: 1000),
    not a year, a length or a 文号's: the sentence that answers must state them."""
    norm = re.sub(r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d*号?", "", norm_question)
    return [m.group(1) for m in re.finditer(
        r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])(?!\s*(?:年|个?工作日|个?自然日|天|日|个?月|周|个?小时|号|条|款|项|章|节))",
        norm)]


def _asked_bound(norm_question: str) -> str | None:
    return "upper" if re.search(UPPER_ASK, norm_question) else "lower" if re.search(LOWER_ASK, norm_question) else None


def _said_bound(norm: str, pos: int, expr: str) -> str | None:
    before = norm[max(0, pos - BOUND_CHARS):pos]
    if re.search(UPPER_SAID, before + expr) or re.search(UPPER_AFTER, expr):
        return "upper"
    if re.search(LOWER_SAID, before) or re.search(LOWER_AFTER, expr):
        return "lower"
    return None


def bound_said(norm_question: str, norm: str, pos: int, expr: str) -> bool:
    """Whether a length is written with the very bound the question asks (住院时间不超过
    48小时 for 不能超过多久, not the 1日（24小时）内 of the sentence's definition)."""
    asked = _asked_bound(norm_question)
    return asked is not None and _said_bound(norm, pos, expr) == asked


def bound_fits(norm_question: str, norm: str, pos: int, expr: str) -> bool:
    """Whether a length written at ``pos`` of a sentence has the bound and the unit the
    question asks: 最长不得超过3年 answers no 最短多久, 累计满183天 no 不满多少天, 六年 no
    多少天; a question asking no bound or unit takes any."""
    asked = _asked_bound(norm_question)
    said = _said_bound(norm, pos, expr) if asked else None
    return (said is None or said == asked) and unit_fits(norm_question, expr)


_UNIT_ASK = re.compile(r"(?:几|多少)个?(工作日|自然日|天|日|月|年|周|星期|小时)")
# a deadline (到2027年底, 2025年6月底前): what 多久完成 / 多长时间建成 may be answered with
DEADLINE = re.compile(r"^(?:到|至|截至|截止)|(?:前|底|末)$")


def deadline_answers(norm_question: str) -> bool:
    """Whether a length question may be answered with a deadline (建成20个社区要多长时间:
    到2027年底): not when it asks a unit (几个工作日), a bound (最长多久) or how often."""
    return not (_UNIT_ASK.search(norm_question) or bound_asked(norm_question) or how_often(norm_question))


# the length of a named period asked (公示期多长, 保障期限是多久), and a length stated as one
# (公示期为20日, 期限最长不得超过3年, 有效期3年; not 保障期限届满3个月前: a lead time)
PERIOD_ASK = re.compile(r"期(?:限|间)?(?:是|为|有)?(?:多长|多久)")
_STATED_AS_PERIOD = re.compile(r"期(?:限|间)?(?:为|是|[:：])?(?:最长|最短|一般|原则上)?(?:不得?(?:超过|少于|低于|逾))?$")


def period_fits(norm_question: str, norm: str, pos: int, expr: str) -> bool:
    """Whether a length answers the length of the period the question names: it must be
    stated as a period's (…期为 / 期限最长不得超过 before its number); any length when the
    question names no period."""
    if not PERIOD_ASK.search(norm_question):
        return True
    m = re.search(r"[\d一二三四五六七八九十两半]", expr)
    lead = norm[max(0, pos - BOUND_CHARS):pos] + (expr[:m.start()] if m else expr)
    return bool(_STATED_AS_PERIOD.search(lead))


def lead_fits(norm_question: str, norm: str, pos: int, expr: str) -> bool:
    """Whether a length is no lead time the question does not ask: 届满1个月前 answers
    期满前多久 / 提前多久, not 最少要发多长时间."""
    return not re.match(r"(?:以|之)?前", norm[pos + len(expr):]) or "前" in norm_question


def unit_fits(norm_question: str, expr: str) -> bool:
    """Whether a length is in the unit family the question asks in (几天 / 多少个工作日 /
    几个月 / 几年 / 几个小时), or the question names none (多久, 多长时间)."""
    m = _UNIT_ASK.search(norm_question)
    if m is None or re.search(r"\d", expr) is None and not re.search(r"[一二三四五六七八九十两半]", expr):
        return True
    unit = next(name for name, pat in UNITS if re.fullmatch(pat, m.group(1)))
    said = [name for name, pat in UNITS if re.search(rf"(?:{pat})(?:内|以内|以上|一次|1次)?$", expr)]
    return not said or unit in said


def stretches(norm: str, positions: Sequence[int]) -> list[tuple[str, str]]:
    """Each time expression's own comma piece of a sentence, and its stretch: the piece
    with those between it and its neighbours (which may belong to either: …20个工作日内，
    向社会公布…信息，接受社会监督，行政许可、行政处罚…7个工作日内公开: 行政处罚 is the 7's
    alone) and the pieces before the first and after the last."""
    pieces = _PIECE.split(norm)
    ends, at = [], 0
    for p in pieces:
        at += len(p)
        ends.append(at)
    owner = [next((i for i, e in enumerate(ends) if pos < e), len(pieces) - 1) for pos in positions]
    out = []
    for k, own in enumerate(owner):
        lo = 0 if k == 0 else min(own, owner[k - 1] + 1)
        hi = len(pieces) if k + 1 == len(owner) else max(own + 1, owner[k + 1])
        out.append((pieces[own], "".join(pieces[lo:hi])))
    return out


def stretch_cover(terms: Sequence[str], norm: str, positions: Sequence[int], weights: TermWeights) -> list[float]:
    """How much of the question's words each expression's piece and stretch hold (0..1;
    the piece weighs half: 改善期限最长不得逾六个月 is the 六个月's, whatever the sentence
    said before its 三个月内)."""
    return [(coverage(list(terms), own, weights) + coverage(list(terms), stretch, weights)) / 2
            for own, stretch in stretches(norm, positions)]
