"""Items a sentence lists as parallel phrases rather than with 、: a bulletin writes “参加城镇
基本养老保险人数为60400人，参加失业保险人数为18000人，…”, each phrase the same frame (参加 …
人数为 N) around its item, in one sentence or sentence after sentence. The frame's opening word is one the question uses (参加了哪些)."""

from __future__ import annotations

import re
from collections.abc import Sequence

_PHRASE = re.compile(r"[^，,；;。]+")
# the figure that closes a phrase, and what stands between it and the item (人数为, 产量)
_FIGURE = re.compile(r"\d[\d.,，]*\s*[^\d，,；;。]{0,4}$")
MIN_ITEMS = 3


def parallel_items(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """The spans (in ``text``) of the items of the longest run of at least three phrases
    framed alike (others may stand between them: 比上年末增加…): each holds the same opening
    word (one of ``words``), then the item, then the same closing words before a figure.
    Empty when there is none."""
    phrases = [(m.start(), m.group(0)) for m in _PHRASE.finditer(text)]
    best: list[tuple[int, int]] = []
    for word in (w for w in words if len(w) >= 2):
        run: list[tuple[int, str]] = []  # (item start, the phrase from the item on, before its figure)
        for at, phrase in [*phrases, (len(text), "")]:
            i = phrase.find(word)
            figure = _FIGURE.search(phrase)
            if i >= 0 and figure and figure.start() > i + len(word):
                run.append((at + i + len(word), phrase[i + len(word):figure.start()]))
            elif not phrase:  # the end: a phrase between (比上年末增加…, 其中) does not cut the run
                best = max(best, _framed(run, words), key=len)
    return best


def _framed(run: list[tuple[int, str]], words: Sequence[str]) -> list[tuple[int, int]]:
    """The items of a run whose phrases end alike before their figures (人数为): each item
    is its phrase less that ending; the run is cut where the ending changes. An ending that
    opens with the end of a word of the question (保险人数为, asked 哪些社会保险) keeps that
    part in the items (失业保险, 工伤保险)."""
    best: list[tuple[int, int]] = []
    i = 0
    while i < len(run):
        j, end = i + 1, ""
        for k in range(len(run) - 1, i, -1):  # the longest run from i that shares an ending
            end = _common_end([s for _, s in run[i:k + 1]])
            if len(end) >= 1 and all(len(s) > len(end) for _, s in run[i:k + 1]):
                j = k + 1
                break
        end = _own_words_out(end, words)
        if j - i >= MIN_ITEMS and len(end) >= 1:
            items = [(a, a + len(s) - len(end)) for a, s in run[i:j]]
            best = max(best, items, key=len)
        i = j
    return best


def _own_words_out(end: str, words: Sequence[str]) -> str:
    cut = max((n for w in words for n in range(2, min(len(w), len(end)) + 1) if end.startswith(w[-n:])), default=0)
    return end[cut:]


def _common_end(texts: list[str]) -> str:
    end = texts[0]
    for t in texts[1:]:
        while end and not t.endswith(end):
            end = end[1:]
    return end


# 以什么为主体、什么为方向: the words after 为 that the question asks to be filled
_ASKED_FRAME = re.compile(r"(?:什么|啥|哪些?|哪个|谁)(?:作)?为([\u4e00-\u9fff]{2,4}?)(?=[、，,和及与？?]|$|呢|啊)")


def asked_frames(norm: str) -> list[str]:
    """The frames a question asks to be filled, in order (以什么为主体、什么为方向、什么为特色 →
    主体, 方向, 特色); fewer than two is no such question."""
    frames = _ASKED_FRAME.findall(norm)
    return frames if len(frames) >= 2 else []


def framed_items(text: str, frames: Sequence[str]) -> list[tuple[int, int]] | None:
    """The spans (in ``text``) of what fills each frame where one phrase runs through them
    all in order (以生物医药制造业为主体，康复智能辅助医疗器械为发展方向，医养健康、中医药为特色):
    X为<up to three characters>frame, the next one after a pause; None when no phrase does."""
    item = r"以?([^，,；;。：:以]{1,30}?)为[^，,；;。、]{0,3}?"
    pattern = r"[，,、]\s*".join(item + re.escape(f) for f in frames)
    m = re.search(pattern, text)
    if m is None:
        return None
    return [m.span(i + 1) for i in range(len(frames))]
