"""Which question words name things, and the language tools the answering stage loads once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.once import Once
from index.clean import detect_script


def term_scale(term: str) -> float:
    """A term's weight factor: names of things and numbers count fully, other words less."""
    return 1.0 if is_thing(term) or re.search(r"\d", term) else 0.4


@lru_cache(maxsize=4096)
def is_thing(word: str) -> bool:
    """Whether a word names a thing (noun, name, verbal noun) rather than an action or manner.

    Tagged from the dictionary alone (no HMM): a word it does not know is tagged by its
    parts. jieba's HMM costs ~25 ms on each unknown word, which a question of random
    characters turns into seconds."""
    import jieba.posseg as pseg

    tags = [flag for _, flag in pseg.lcut(word, HMM=False)]
    return any(t[0] in "nj" or t in ("vn", "eng", "l", "i") for t in tags)


# a word jieba's everyday dictionary counts less often than this is no everyday word
EVERYDAY = 10


# a word this common (人才, 项目, 名额) is read whole, a counting word never its first character
COMMON = 1000


# the ends of words that name people (人才, 执法人员, 专家, 志愿者, 教师)
PERSON = r"(?:人才|人员|干部|专家|员|者|师)"
# 几个 / 多少个 before such a word ending the question (几个持证执法人员？, 多少个人才参加): people
PEOPLE_COUNTED = (r"(?:多少|几)个(?=[^，,。？?；、]{0,10}?" + PERSON
                  + r"(?:参加|参与|到场|在场)?(?:[？?，,。；吗呢啊]|$))")


def everyday_word(word: str, least: int = EVERYDAY) -> bool:
    """Whether jieba's everyday dictionary knows ``word`` (年龄, 额度): not a short form;
    counted at least ``least`` times (``COMMON``: a common word)."""
    import jieba

    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(word, 0) >= least


def everyday_pieces(word: str) -> list[str]:
    """``word`` cut by jieba's everyday dictionary alone (全年地区生产总值 → 全年, 地区,
    生产总值): the words of a compound the corpus' dictionary holds whole."""
    import jieba

    return [w for w in jieba.dt.lcut(word, HMM=False) if w.strip()]


def _load_tools() -> None:
    is_thing("文件")  # jieba's POS tagger
    detect_script("預熱")  # OpenCC's converters, both ways


# Loaded on first use by whichever thread comes first; the others wait for it.
TOOLS = Once(_load_tools)


WINDOW = 8  # characters before a term read to find the word it follows

# counting words and the ends of place names (白川县人民政府: 县 ends 白川县), which stand
# before a noun without being part of its name
COUNTING = frozenset("个家名户人项件条处场次元亿万千百十年月日位只头台套座间所省市县区镇乡村州旗")


def as_asked(term: str, norm_q: str, tokenize, texts: Sequence[str] = ()) -> str:  # noqa: ANN001 - str → words
    """``term`` in the question's own words: joined again to a character the segmenter cut
    off it as a word of its own (唐山港 cut 唐/山港: 山港 → 唐山港), which no user wrote; only
    when the documents (``texts``) write the two together and the character is no year's
    年 (2022年车险)."""
    from assistant.match import FORM_CHARS

    at = norm_q.find(term)
    if at <= 0:
        return term
    tokens = tokenize(norm_q[max(0, at - WINDOW):at])  # the words just before it, not a long question's all
    last = tokens[-1] if tokens else ""
    if len(last) != 1 or not "\u4e00" <= last <= "\u9fff" or last in FORM_CHARS or norm_q[at - 1] != last:
        return term
    if at >= 2 and norm_q[at - 2].isdigit() or last in COUNTING or not "\u4e00" <= term[0] <= "\u9fff":
        return term  # 2022年车险, 多少户OPC, 白川县人民政府: not a name's start
    joined = last + term
    return joined if any(joined in t for t in texts) else term


def as_typed(word: str, text: str) -> str:
    """``word`` (read lower-cased) as the user typed it in ``text`` (gdp → GDP)."""
    if not word.isascii():
        return word
    m = re.search(re.escape(word), text, re.IGNORECASE)
    return m.group(0) if m else word

