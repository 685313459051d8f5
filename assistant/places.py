"""The places a question names: the part of it the POS tagger may read (bounded: the HMM is
slow on characters no document uses), a place no document mentions (the question is refused
before searching), and places documents mention but no document is about (张家港 in
滕州's 学标对标张家港市: a figure must be said of them)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.match import STOP

if TYPE_CHECKING:
    from assistant.state import State
    from index.config import Config


def tagged_part(norm: str, state: State, config: Config) -> str:
    """The start of a question the POS tagger reads: at most ``max_tagged_chars``, and no
    further than ``max_tagged_rare_chars`` characters no document uses (jieba's HMM takes
    5-9 ms for each character it does not know; a 2,000-character random question took
    3-7 s, one 48-character window still 0.4 s)."""
    part = norm[:config.max_tagged_chars]
    rare = 0
    for i, ch in enumerate(part):
        # only CJK ideographs reach the HMM; other characters are tagged by a regex
        if "\u4e00" <= ch <= "\u9fff" and not state.weights.uses(ch):
            rare += 1
            if rare > config.max_tagged_rare_chars:
                return part[:i]
    return part


def _place_words(norm: str, state: State) -> list[tuple[str, str]]:
    """The words the POS tagger reads as names (``ns``, and ``nr``/``nz``: it takes 张家港
    for a person's), unit names left out."""
    import jieba.posseg as pseg

    norm = state.catalogue.without_units(norm)  # 文件里市行政审批局: the unit, not a place 里市
    return [(w, flag) for w, flag in pseg.lcut(norm) if len(w) >= 2 and flag in ("ns", "nr", "nz")]


def unknown_place(norm: str, state: State) -> str | None:
    """A place the question names (jieba tags it ``ns``) that no document mentions."""
    known = state.catalogue.cues
    for word, flag in _place_words(norm, state):
        if flag != "ns" or known.in_text(word) or known.inside(word) or word in STOP:
            continue  # 哪些东西: a form word jieba reads as a place (东西), not one
        if not state.weights.df(word):
            return word
    return None


def other_places(norm: str, state: State) -> tuple[str, ...]:
    """Places the question names that documents mention but no document is about (张家港
    in 滕州's 学标对标张家港市): a figure must be said of them, not of the document's place."""
    known = state.catalogue.cues
    return tuple(dict.fromkeys(w for w, _ in _place_words(norm, state)
                               if not known.in_text(w) and not known.inside(w) and state.weights.df(w)
                               and not state.titles.names(w)  # a document's title is about it
                               and (w.endswith(_PLACE_SUFFIXES) or _written_as_place(w, state.weights.joined))
                               and not _kind_of_area(w)))


@lru_cache(maxsize=4096)
def _written_as_place(word: str, joined: str) -> bool:
    """Whether a document writes ``word`` with a place suffix (张家港市), not as the start of
    another word (中国市场, 重点区域: 中国 and 重点 are no places)."""
    for suffix in _PLACE_SUFFIXES:
        form = word + suffix
        at = joined.find(form)
        while at >= 0:
            if joined[at + len(form):at + len(form) + 1] not in _SUFFIX_WORD_ENDS.get(suffix, ""):
                return True
            at = joined.find(form, at + 1)
    return False


def _kind_of_area(word: str) -> bool:
    """A suffix after one character names a kind of area, not a place (城镇, 社区, 景区)."""
    return len(word) == 2 and word.endswith(_PLACE_SUFFIXES)


# a name is a place where a document writes it as one (张家港市, 兰州新区)
_PLACE_SUFFIXES = ("市", "县", "区", "省", "州", "镇", "新区")
# the characters that make a suffix the start of another word (市场, 区域, 县域, 省级)
_SUFFIX_WORD_ENDS = {"市": "场", "区": "域间别分", "县": "域", "省": "级份"}
