"""口号是什么 / 定位是什么 / 要打造成什么: a slogan or a positioning, found by what marks one in
the text — not any quoted phrase. A quoted phrase is a slogan when the words right after it
say what kind of thing it is (“黄河入海、我们回家”文化旅游品牌, “…‘合伙人’城市”定位, “作示范、
勇争先”目标定位), when a verb that launches one comes before it (打响、叫响、提出、定位为), or
when it names the document's own place (加快“中华善城、现代滕州”建设). A positioning may also be
written without quotes after 定位为 / 打造成为 / 建设成为 (将南充打造成为全省…发展高地)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.answerers.evidence import Sentence, clause_sentences
from assistant.terms import COMMON, everyday_word

if TYPE_CHECKING:
    from assistant.context import QueryContext

# the question asks for a slogan or a positioning
ASKS = re.compile(r"口号|标语|提法|定位|打造成|建设成")
_KINDS = r"品牌|口号|定位|目标定位|理念|名片|标语"
# “…” then (a few words and) the kind it is: “黄河入海、我们回家”文化旅游品牌
_QUOTED_KIND = re.compile(rf"“(?P<phrase>[^“”]{{2,30}})”(?P<gap>[^，,。；;：:“”、]{{0,8}}?)(?P<kind>{_KINDS})")
# a verb that launches a slogan, then “…”
_LAUNCHED = re.compile(r"(?:打响|叫响|唱响|擦亮|提出|定位为|定位是|口号为|口号是)“(?P<phrase>[^“”]{2,30})”")
_QUOTED = re.compile(r"“(?P<phrase>[^“”]{2,30})”")
# a positioning written without quotes: 定位为X / 打造成为X / 建设成为X, X up to a pause (not a
# bare 打造成: 打造成渝城市群, 打造成都平原 are other words)
_POSITIONED = re.compile(r"(?:定位为|定位是|打造成为|建设成为)(?P<phrase>[^，,。；;：:“”]{3,60})")
# A、B、C“一点两地”全新定位: the items the name stands for are written before it
_NAMED_ITEMS = re.compile(r"(?:紧扣|围绕|聚焦|确立|按照|立足|锚定|坚持|建设|打造)?(?P<items>[^，,。；;：:“”]{4,60}、[^，,。；;：:“”]{2,60})$")


WEAK = 0.5  # what the everyday words of the question add to a candidate they are written with


@dataclass(frozen=True)
class Slogan:
    sentence: Sentence
    phrase: str
    kind: str  # the kind the text gives it (品牌, 定位), "place" or "positioned"


def candidates(sentence: Sentence, place: str) -> list[Slogan]:
    """The slogans and positionings one sentence marks as such."""
    norm = sentence.norm
    out = [Slogan(sentence, _with_items(norm, m), m.group("kind")) for m in _QUOTED_KIND.finditer(norm)]
    out += [Slogan(sentence, m.group("phrase"), "口号") for m in _LAUNCHED.finditer(norm)]
    if place:
        out += [Slogan(sentence, m.group("phrase"), "place") for m in _QUOTED.finditer(norm)
                if place in m.group("phrase") and "、" in m.group("phrase")]  # 中华善城、现代滕州: a couplet
    out += [Slogan(sentence, m.group("phrase"), "positioned") for m in _POSITIONED.finditer(norm)]
    seen: dict[str, Slogan] = {}
    for s in out:  # one phrase once, with the first (most telling) kind
        seen.setdefault(s.phrase, s)
    return list(seen.values())


def _with_items(norm: str, m: re.Match[str]) -> str:
    """The phrase, with the items written just before it when it names them (A、B、C“一点两地”)."""
    before = _NAMED_ITEMS.search(norm[:m.start()])
    return f"{before.group('items')}“{m.group('phrase')}”" if before else m.group("phrase")


def _kind_fit(norm_q: str, kind: str) -> float:
    """How far the kind the text gives a phrase is what the question asks for."""
    if kind in norm_q:
        return 1.0
    asks_position = re.search(r"定位|打造成|建设成", norm_q)
    if kind == "positioned":
        return 0.8 if asks_position else 0.0
    if kind in ("口号", "place"):
        return 0.8 if re.search(r"口号|标语|提法", norm_q) else 0.0
    if "定位" in kind:
        return 0.9 if asks_position else 0.5
    return 0.0  # a 品牌 answers 品牌口号 (its kind is in the question), not a bare 口号


def _said(term: str, text: str) -> bool:
    """A term is written, whole, around a quote (加快建设 of 加快“…”建设) or as an
    abbreviation (文旅 of 文化旅游: its characters in order)."""
    if term in text or term in _QUOTED.sub("", text):
        return True
    if len(term) != 2:
        return False
    i = text.find(term[0])
    return i >= 0 and 0 < text.find(term[1], i + 1) - i <= 3


def find(ctx: QueryContext) -> tuple[Sentence, str] | None:
    """The sentence and phrase of the slogan or positioning the question asks for, from the
    documents in scope; None when the question asks for none or no marked one fits it."""
    q, state = ctx.question, ctx.state
    if not ASKS.search(q.norm):
        return None
    docs = list(dict.fromkeys([h.clause.doc_id for h in ctx.hits] + list(ctx.scope or q.docs)))
    if ctx.scope:
        docs = [d for d in docs if d in ctx.scope]
    kind_words = re.compile(rf"{_KINDS}|打造|建设成|是什么|叫什么|城市")
    best: tuple[float, int, Slogan] | None = None
    for rank, d in enumerate(docs[:ctx.config.slogan_docs]):
        doc = state.document(d)
        place = (doc.source.place or "").rstrip("市县区省")
        terms = [t for t in ctx.content_terms(d) if not kind_words.search(t) and not (place and place in t)]
        # everyday words (发展, 加快) only tell candidates apart; the others must be written
        strong = [t for t in terms if not everyday_word(t, COMMON)]
        weak = [t for t in terms if t not in strong]
        for c in doc.clauses:
            for s in clause_sentences(doc, c):
                for cand in candidates(s, place):
                    fit = _kind_fit(q.norm, cand.kind)
                    if not fit:
                        continue
                    held = sum(_said(t, s.norm) for t in strong) / len(strong) if strong else 1.0
                    if held < ctx.config.slogan_min_terms:
                        continue
                    score = fit + held + WEAK * (sum(t in s.norm for t in weak) / len(weak) if weak else 0.0)
                    if best is None or (score, -rank) > (best[0], -best[1]):
                        best = (score, rank, cand)
    return (best[2].sentence, best[2].phrase) if best else None
