"""A rank asked (排全国第几, 居第几位, 排世界第几) and where a document states one (居全国第3位,
稳居世界第二, 位居全国前列, 数量全国第一): what the words just before a rank measure is what
ranks so, within its sentence, after the rank before it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from index.clean import normalize

# the question asks a position in a ranking (not 第几次修订, 第几条, 第几批)
# (安排多少, 安排名额: no rank)
RANK_ASKED = re.compile(
    r"(?:(?<![安编彩])排|居|位|名列|列|处于|在)[^，,。？?]{0,6}第几(?![次条章节款项批届个年期号])|第几(?:位|名)"
    r"|(?<![安编彩])排名(?!额|单)|名次|(?<![安编彩])排(?:在)?(?:全国|世界|全球|全省|国内)?(?:多少位|多少名|哪一?位|哪一?名)")
# the field a rank is taken in; 全球 and 世界 are one
AREAS = ("全国", "世界", "全球", "全省", "国内", "中西部", "西部", "内地", "全市", "全区")
_SAME_AREA = {"全球": "世界", "国内": "全国"}
_ORDINAL = r"第[一二三四五六七八九十\d]+(?:位|名)?|首位|榜首|前列|之首|前[一二三四五六七八九十\d]+(?:位|名)?"
# a rank as documents write it: 居全国第3位, 稳居世界第二, 位居全国前列, 全国第一, 全国区域碳市场首位
# (分别居全国第二、第七、第九: one rank for each item named before)
RANK = re.compile(r"(?:分别)?(?:稳居|位居|跃居|居于|保持|升至|位列|名列|进入|居|排|列)?"
                  rf"(?:{'|'.join(AREAS)})(?:[^，,。；;、]{{0,8}}?)(?:{_ORDINAL})(?:、(?:{_ORDINAL}))*")
_ONE = re.compile(_ORDINAL)
# words of the question that ask the rank, not what ranks
RANK_WORDS = re.compile(r"^(?:排|排名|名次|第几位?|几位|位|居|位居|全国|世界|全球|全省|国内|在全国|排全国|全国排名"
                        r"|增速排名|多少位|第几名)$")
_SENTENCE = re.compile(r"[。；;！!？?\n]")
# a rank this far into a run-on phrase (…稳居世界第二，石家庄…) still ends what its words measure
MATCHED = 0.5


@dataclass(frozen=True)
class RankSpan:
    """One rank a document states: the words before it that say what ranks (``stem``), the
    rank as written (``rank``) and their clean-text spans."""

    stem: str
    stem_start: int
    rank: str
    start: int
    end: int
    area: str

    @property
    def ordinals(self) -> tuple[str, ...]:
        """The positions it states: one, or one per item (分别居全国第二、第七、第九)."""
        return tuple(m.group(0) for m in _ONE.finditer(self.rank))

    def items(self) -> tuple[str, ...]:
        """The items a 分别 rank ranks in turn (一产、二产、三产增加值…分别居…), as many as its
        positions; () when it states one position or its items are not listed so."""
        n = len(self.ordinals)
        if n < 2:
            return ()
        for m in re.finditer(r"[^，,、。；;：:\d]+(?:、[^，,、。；;：:\d]+)+", self.stem):  # not 6%、5.2%
            parts = [re.sub(r"^(?:其中|全区|全省|全市)", "", x) for x in m.group(0).split("、")]
            if len(parts) == n:
                return tuple(parts)
        return ()


def asks_rank(norm_q: str) -> bool:
    """Whether the question asks a position in a ranking."""
    return bool(RANK_ASKED.search(norm_q))


def asked_area(norm_q: str) -> str | None:
    """The field the question asks the rank in (全国, 世界…), None when it names none."""
    m = re.search("|".join(AREAS), norm_q)
    return _SAME_AREA.get(m.group(0), m.group(0)) if m else None


def ranks_in(text: str, offset: int = 0) -> Iterator[RankSpan]:
    """Every rank ``text`` states, each with the words since the sentence's start or the
    rank before it."""
    last = 0
    for m in RANK.finditer(text):
        begin = max(last, _sentence_start(text, m.start()))
        stem = text[begin:m.start()]
        area = next(a for a in AREAS if a in m.group(0))
        yield RankSpan(stem=stem, stem_start=offset + begin, rank=m.group(0), start=offset + m.start(),
                       end=offset + m.end(), area=_SAME_AREA.get(area, area))
        last = m.end()


def _sentence_start(text: str, pos: int) -> int:
    ends = [m.end() for m in _SENTENCE.finditer(text, 0, pos)]
    return ends[-1] if ends else 0


def item_asked(items: Sequence[str], norm_q: str) -> int | None:
    """Which of a 分别 rank's items the question names (二产 of 一产、二产、三产增加值: each read
    as long as the shortest, where the words they share begin); None unless exactly one."""
    if not items:
        return None
    n = min(len(x) for x in items)
    named = [i for i, x in enumerate(items) if x[:n] in norm_q]
    return named[0] if len(named) == 1 else None


def measure_terms(terms: Sequence[str]) -> list[str]:
    """The question's terms that say what ranks (not 排, 全国, 第几)."""
    return [t for t in terms if not RANK_WORDS.match(t)]


def stem_hit(terms: Sequence[str], stem: str, term_hit) -> float:  # noqa: ANN001 - match.term_hit
    """How well the words before a rank say what the question ranks: the least hit of its
    terms (every term must be there), 0 when there are none."""
    s = normalize(stem).lower()
    hits = [term_hit(t, s) for t in terms]
    return min(hits) if hits else 0.0


def phrase_start(terms: Sequence[str], stem: str, term_hit, least: float) -> int:  # noqa: ANN001
    """Where the phrase that says what ranks begins in ``stem``: the last comma-delimited
    start from which every term is still found (…取得新突破，唐山港沿海货物吞吐量稳居…)."""
    starts = [0] + [m.end() for m in re.finditer(r"[，,、：:]", stem)]
    for s in reversed(starts):
        if stem_hit(terms, stem[s:], term_hit) >= least:
            return s
    return 0


# a record a question describes (粮食产量创历史新高，达到了多少): how the figure stands, not
# words the clause that states it must repeat
RECORD = re.compile(r"(?:再?创(?:下|了)?|刷新)?(?:历史)?(?:新高|新低|最好水平|最高水平|纪录|记录|之最)")


def is_record(term: str) -> bool:
    """Whether a question's term only says the figure is a record (创历史新高, 新高)."""
    return bool(RECORD.fullmatch(term))
