"""``分别``/``依次`` lists: ``城镇和农村居民收入分别增长7%左右和8%左右`` gives each figure
its own measure (``城镇居民收入增长``, ``农村居民收入增长``); bounds written together
(``1万元以上10万元以下``) are one figure."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence

from index.measures import BASE, CHANGE, FILLER, FREQUENCY, following, tidy
from index.records import Figure

_RESPECTIVELY = re.compile(r"分别|分別|依次")
_LIST_GAP = re.compile(r"^(?:[、，,]|和|及|与|與)$")
_ITEM_SEP = re.compile(r"、|以及|和|及|与|與")
# 游客人次、旅游花费: an item that already names a measure is not completed.
_MEASURE_END = re.compile(r"(?:率|额|額|量|数|數|人次|费|費|值|价|價|收入|规模|規模|比重|面积|面積)$")


def _boundaries(word: str) -> list[int]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    out, at = [], 0
    for piece in jieba.cut(word):
        at += len(piece)
        out.append(at)
    return out


def expand(items: Sequence[str]) -> list[str]:
    """Complete the leading items with the shared tail of the last one:
    ``["城镇", "农村居民收入"]`` -> ``["城镇居民收入", "农村居民收入"]``."""
    last = items[-1]
    out = []
    for item in items[:-1]:
        need = min(len(item), len(last) // 2)
        cut = next((b for b in _boundaries(last) if need <= b < len(last)), len(last))
        tail = last[cut:]
        whole = not tail or item.endswith(tail) or _MEASURE_END.search(item)
        out.append(item if whole else item + tail)
    return out + [last]


def _groups(figures: Sequence[Figure], clean: str, skip: frozenset[str]) -> list[list[int]]:
    groups: list[list[int]] = []
    for i, f in enumerate(figures):
        if f.qualifier in skip:
            continue
        if groups:
            j = groups[-1][-1]
            prev = figures[j]
            gap = clean[prev.clean_span[1] : f.clean_span[0]]
            if prev.sentence == f.sentence and _LIST_GAP.match(gap):
                groups[-1].append(i)
                continue
        groups.append([i])
    return [g for g in groups if len(g) > 1]


def split_pairs(figures: list[Figure], clean: str, skip: frozenset[str] = frozenset()) -> list[Figure]:
    """Give each figure of a ``A、B、C…分别…x、y、z`` list the measure of its own item.

    Args:
        figures: a document's figures in text order; clean: its cleaned text.
        skip: qualifiers that mark a figure as no quantity (years, dates, ...).
    """
    out = list(figures)
    named: tuple[str, list[str]] | None = None  # the last list's sentence and its items
    for group in _groups(figures, clean, skip):
        first = figures[group[0]]
        start = first.clean_span[0]
        head = clean[max(0, start - 80) : start]
        head = head[max(head.rfind(c) for c in "，,；;。：:\n") + 1 :]
        marks = list(_RESPECTIVELY.finditer(head))
        earlier = named[1] if named and named[0] == first.sentence and len(named[1]) == len(group) else None
        if not marks:
            if earlier and len({out[i].measure for i in group}) == 1 and first.measure:
                # …分别为27.1%、40.5%、30.9%，比上年提高3.9、2.0、2.9个百分点: the same items.
                for i, item in zip(group, earlier, strict=True):
                    out[i] = dataclasses.replace(out[i], measure=item + out[i].measure)
            continue
        m = marks[-1]
        subject = tidy(FREQUENCY.sub("", FILLER.sub("", head[: m.start()])))
        verb = tidy(BASE.sub("", head[m.end() :]))
        verb = verb if CHANGE.match(verb) else ""
        items = _ITEM_SEP.split(subject)
        if len(items) == 1 and earlier and (subject or verb):
            # A、B、C增加值分别增长…，占比重分别为…: the items named before, this measure
            # (营业收入和利润总额分别完成…亿元和…亿元，分别增长9.6%和29.1%: each item's 增长)
            for i, item in zip(group, earlier, strict=True):
                out[i] = dataclasses.replace(out[i], measure=item + subject + verb)
            continue
        before = _part_before(clean, start - len(head), first)
        if len(items) != len(group) and len(before) == len(group):
            # 对获得国家级一、二、三等奖的，分别给予最高…25万元、10万元、3万元一次性后补助:
            # the items are the comma part before; what is given stays the measure, apart
            for i, item in zip(group, before, strict=True):
                given = verb or (out[i].measure or "").lstrip("的")
                out[i] = dataclasses.replace(out[i], measure=f"{item} {given}".strip())
            continue
        if len(items) != len(group) or min(map(len, items)) < 2:
            continue  # 大、中、小型矿山: a series of modifiers shares one measure
        named = (first.sentence, items[:-1] + [_head(items[-1], items[:-1])])
        for i, item in zip(group, expand(items), strict=True):
            out[i] = dataclasses.replace(out[i], measure=item + verb)
    return out


# the part a list of who-gets-what is named in: 对获得…的, 对…OPC项目
_WHO = re.compile(r"^(?:对|對)")


def _part_before(clean: str, at: int, first: Figure) -> list[str]:
    """The items of the comma part just before ``at`` (where the part holding a ``分别``
    list begins) when it opens with 对 and lies in the same sentence (对获得国家级一、二、
    三等奖的，分别给予…): ``获得国家级一等奖``…, completed as ``expand`` does; [] when
    there is none."""
    text = clean[max(0, at - 60):max(0, at - 1)]
    part = text[max(text.rfind(c) for c in "，,；;。：:\n") + 1:]
    if not _WHO.match(part) or part not in first.sentence:
        return []
    items = _ITEM_SEP.split(tidy(part))
    if any(re.fullmatch(r"[\d.]+", x) for x in items):
        return []  # 对正常经营6、18、36个月以上的: thresholds of one measure, not subjects
    shared = distribute(items)
    items = shared if shared != items else expand(items)
    if len(items) < 2 or min(map(len, items)) < 2:
        return []
    # 对获得…三等奖的: the items are said of what is given after them, as the text says
    return [i + "的" for i in items] if part.endswith("的") else items


_RANK = re.compile(r"[一二三四五六七八九十]+")


def distribute(items: list[str]) -> list[str]:
    """``["获得国家级一", "二", "三等奖"]`` -> ``["获得国家级一等奖", "获得国家级二等奖",
    "获得国家级三等奖"]``: a series of ranks written as bare numerals shares the words
    before the first and after the last; other lists (thresholds such as 6、18、36个月以上
    among them) are returned as they are."""
    if len(items) < 3 or not all(_RANK.fullmatch(x) for x in items[1:-1]):
        return items
    first = re.search(r"[一二三四五六七八九十]+$", items[0])
    last = _RANK.match(items[-1])
    if not first or not last or first.start() == 0 or last.end() == len(items[-1]):
        return items
    prefix, suffix = items[0][:first.start()], items[-1][last.end():]
    return [prefix + x + suffix for x in (first.group(0), *items[1:-1], last.group(0))]


def _head(last: str, others: Sequence[str]) -> str:
    """``装备制造业增加值`` after ``战略性新兴产业``: ``装备制造业``, the item without the
    shared tail that ``expand`` gives the others."""
    tails = {e[len(o) :] for e, o in zip(expand([*others, last])[:-1], others, strict=True) if e != o}
    tail = next(iter(tails), "")
    return last[: len(last) - len(tail)] if tail and last.endswith(tail) else last


def share_units(figures: list[Figure], clean: str, skip: frozenset[str] = frozenset()) -> list[Figure]:
    """``3.9、2.0、2.9个百分点``: bare numbers of a list take the unit written after the last."""
    out = list(figures)
    for group in reversed(_groups(figures, clean, skip)):
        unit = out[group[-1]].unit
        if not unit:
            continue
        for i in group[:-1]:
            if not out[i].unit and clean[out[i].clean_span[1] : out[i].clean_span[1] + 1] == "、":
                out[i] = dataclasses.replace(out[i], unit=unit)
    return out


_LOWER, _UPPER = ("以上",), ("以下", "以内", "以內")


def join_ranges(figures: list[Figure], clean: str, skip: frozenset[str] = frozenset()) -> list[Figure]:
    """``处1万元以上10万元以下的罚款``: a lower bound written right before an upper one is one
    figure, qualified ``以上…以下``, measuring what follows it after 的 (else the first's measure).
    """
    out: list[Figure] = []
    for f in figures:
        prev = out[-1] if out else None
        if prev is not None and prev.qualifier in _LOWER and f.qualifier in _UPPER \
                and prev.qualifier not in skip and prev.clean_span[1] == f.clean_span[0] \
                and (prev.unit[-1:] == f.unit[-1:] or not prev.unit):
            end = f.clean_span[1]
            after = following(clean, end) if clean[end : end + 1] == "的" else ""
            out[-1] = dataclasses.replace(
                prev, text=prev.text + f.text, unit=prev.unit or f.unit, qualifier=f"以上…{f.qualifier}",
                time=prev.time or f.time, measure=after or prev.measure or f.measure,
                span=(prev.span[0], f.span[1]), clean_span=(prev.clean_span[0], end))
            continue
        out.append(f)
    return out
