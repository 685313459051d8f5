"""A count a yes/no question asks about (能登记两个名称吗, 可以选4个病种吗, 派一个人去可以吗)
and the bound a passage sets on that count (只能登记一个名称, 最多选择其中3个病种, 不少于2人,
不受病种选定数量限制): whether the asked count lies within the bound."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.numerals import number_value

_CN = "零〇一二两兩三四五六七八九十百千"
_NUM = rf"(?:\d+|[{_CN}]+)"
# what things are counted in (not 类/级/种: 一类门特, 二级医院 name a kind, not a count)
_COUNTER = "个家项名人件场座处所套台辆户次条份张位"
# where the counted thing's name stops: a particle, a verb of the question, a mark
_NOUN = r"[\u4e00-\u9fff]{0,6}"
_NOUN_END = re.compile(r"吗|么|呢|吧|啊|去|来|用|行|可|能|呀|的|并|和|或|及|享|以|不")
_COUNT = re.compile(rf"(?P<num>{_NUM})(?P<ctr>[{_COUNTER}])(?P<noun>{_NOUN})")
# a question that compares (超过3个, 5个以上) asks a threshold, read elsewhere
_COMPARED_BEFORE = re.compile(r"(?:超过|超出|多于|少于|高于|低于|大于|小于|以上|以内|以下|不到|至少|最多|不少于|不超过|达到)$")
_COMPARED_AFTER = re.compile(r"^(?:以上|以内|以下|之内|及以上)")
# the words before a question's predicate: the count after them is the one asked
_MODAL = re.compile(r"能不能|可不可以|可以|能够|(?<![功可])能|允许|可否|能否|是否")

# a passage's bound: an upper one (只能…一个, 最多…3个, 仅限一次, 不超过5个, 3个以内),
# a lower one (不少于2人, 至少3家, 2人以上), or none (不受…数量限制, 不限次数)
_GAP = rf"[^，,；;。：:\d{_CN}]{{0,8}}?"
_UPPER = re.compile(rf"(?:只能|仅能|只可|仅可|只允许|只限|仅限|限于?|最多|至多|不超过|不得超过|不多于|最多不超过)"
                    rf"{_GAP}(?P<num>{_NUM})(?P<ctr>[{_COUNTER}])(?P<noun>{_NOUN})")
_UPPER_AFTER = re.compile(rf"(?P<num>{_NUM})(?P<ctr>[{_COUNTER}])(?P<noun>)(?:以内|之内|以下|为限)")
_LOWER = re.compile(rf"(?:不少于|不低于|至少|最少|不得少于){_GAP}(?P<num>{_NUM})(?P<ctr>[{_COUNTER}])(?P<noun>{_NOUN})")
_LOWER_AFTER = re.compile(rf"(?P<num>{_NUM})(?P<ctr>[{_COUNTER}])(?P<noun>)(?:及?以上)")
_UNBOUND = re.compile(r"不受(?P<noun>[^，,；;。]{0,12}?)(?:数量|次数|个数|名额)限制|不限(?:数量|次数|个数|名额)")


@dataclass(frozen=True)
class Count:
    value: float
    counter: str  # 个, 次, 人…
    noun: str  # what is counted, as the text names it after the counter ("" when not named)
    text: str  # as written


@dataclass(frozen=True)
class Bound:
    kind: str  # upper / lower / none
    count: Count | None  # None for kind "none"
    text: str  # the words that set it
    start: int  # where they stand in the passage


def _noun(raw: str) -> str:
    m = _NOUN_END.search(raw)
    return raw[:m.start()] if m else raw


def _count(m: re.Match[str]) -> Count | None:
    value = number_value(m.group("num"))
    if value is None:
        return None
    ctr, noun = m.group("ctr"), _noun(m.group("noun"))
    if ctr == "个" and noun[:1] in ("人", "户"):  # 一个人: counted in 人
        ctr, noun = noun[0], noun[1:]
    return Count(value, ctr, noun, m.group(0))


def asked_count(norm: str) -> Count | None:
    """The count a yes/no question asks about: the one after its modal word (能登记两个名称吗:
    两个名称, not the subject's 一个), else its last; None when it asks none or compares one
    (能超过3个吗 is a threshold)."""
    found = [m for m in _COUNT.finditer(norm) if not re.fullmatch(r"(?:19|20)\d\d", m.group("num"))]
    if not found or any(_COMPARED_BEFORE.search(norm[:m.start()]) or _COMPARED_AFTER.match(norm[m.end():])
                        for m in found):
        return None  # 一个园区主导产业能超过5个吗: the 5个 compared is asked, not the subject's 一个
    modal = list(_MODAL.finditer(norm))
    after = [m for m in found if modal and m.start() >= modal[-1].end()]
    return _count((after or found)[-1])


def bounds(passage: str) -> list[Bound]:
    """Every bound on a count the passage sets, in order."""
    out = []
    for kind, pattern in (("upper", _UPPER), ("upper", _UPPER_AFTER), ("lower", _LOWER), ("lower", _LOWER_AFTER)):
        for m in pattern.finditer(passage):
            c = _count(m)
            if c is not None and not any(b.start <= m.start() < b.start + len(b.text) for b in out):
                out.append(Bound(kind, c, m.group(0), m.start()))
    out += [Bound("none", None, m.group(0), m.start()) for m in _UNBOUND.finditer(passage)]
    return sorted(out, key=lambda b: b.start)


def _same_thing(asked: Count, bound: Bound, passage: str) -> bool:
    """Whether the bound counts what the question counts: the same counter (个 stands for
    any) and, when the question names the thing, the passage names it there too."""
    if bound.count is None:  # 不受病种选定数量限制: the thing is named inside the words
        return not asked.noun or asked.noun[:2] in bound.text
    written = bound.count
    if not (asked.counter == written.counter or "个" in (asked.counter, written.counter)):
        return False
    if not asked.noun:
        return asked.counter == written.counter
    key = asked.noun[:2]
    return key in written.noun or (not written.noun and asked.counter == written.counter and asked.counter != "个") \
        or (len(key) == 2 and key in passage[max(0, bound.start - 12):bound.start + len(bound.text)])


def verdict(asked: Count, passage: str) -> tuple[bool, Bound] | None:
    """Whether the passage's bound on what the question counts lets the asked count through
    (an upper bound: at most; a lower one: at least; none: any), with the bound; None when
    the passage bounds no such count."""
    for b in bounds(passage):
        if not _same_thing(asked, b, passage):
            continue
        if b.count is None:
            return True, b
        if b.kind == "upper":
            return asked.value <= b.count.value + 1e-9, b
        return asked.value >= b.count.value - 1e-9, b
    return None


def count_words(norm: str) -> list[str]:
    """The counts a question writes (两个, 4个, 一个人), to leave out of the words a passage must hold."""
    return [m.group("num") + m.group("ctr") for m in _COUNT.finditer(norm)]
