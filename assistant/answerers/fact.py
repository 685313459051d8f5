"""对标哪个城市 / 以什么为统领 / 叫什么 / 依据哪个文件 / 谁发的 / 谁作的报告 / 当好什么角色:
the phrase from the document (a name, slogan, title, 文号, role), cited.

The phrase is read off the sentence that best holds the question's words: a 《title》 when a
document is asked for, else the quoted phrase (“…”) the question does not already hold,
else the words the question's own wording points at (依托哪家研究院 → 依托…研究院).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers import slogans
from assistant.answerers.asked_phrase import (
    CUT,
    MAX_PHRASE,
    PLACEHOLDER,
    asked_class,
    bare_left,
    before_class,
    named_class,
    where_written,
)
from assistant.answerers.evidence import Sentence, clause_sentences, holds, ranked_sentences, say
from assistant.docfacts import cite_raw, fact_value
from assistant.figures import normalized
from assistant.shapes import doc_fields
from assistant.terms import COMMON, everyday_word

if TYPE_CHECKING:
    from assistant.context import QueryContext
    from index.records import ParsedDocument

LONG_SENTENCE = 80  # characters of a source sentence still repeated in the answer
TITLE_NUMBER = re.compile(r"《([^》]{2,80})》([（(][^（）()]{2,30}号[）)])?")
TITLE = re.compile(r"《([^》]{2,80})》")
QUOTED = re.compile(r"[“\"「『‘]([^”\"」』’]{1,40})[”\"」』’]")  # ‘菁才十优’ too
# a question asking for a document's title (not one naming its own document: 消费扶贫指导意见里…)
FILE_ASK = re.compile(r"(哪|什么|啥)[一二两三四几]*(个|份|部)?(文件|通知|方案|计划|意见|办法|规划|条例|规定)"
                      r"|依据|根据哪|贯彻|承接|落实")
DEFINE = re.compile(r"指什么|指啥|是什么|是啥|什么是|怎么定|如何确定|怎么算|具体指|包括什么")
REPORT = re.compile(r"谁作|谁做|(?<!工)作报告|哪次会议|什么会议|在哪.{0,4}会")
SIGNED = re.compile(r"谁签|签发人|签署人|哪位.{0,6}签")  # who signed it: the 局长：… line alone
SPEAKER = re.compile(r"(?:省长|市长|主席|区长|县长|州长|局长|书记|部长)\s*[:：]?\s*([\u4e00-\u9fff·]{2,4})$")
CLASS_BONUS = 0.1  # a phrase of the kind asked (…市 for 哪个城市) over one of another
TOP_ANCHORED = 3
TOP_CLAUSES = 5  # the ranked clauses read whole when no one sentence holds the question  # the best sentences a question's wording (对标…) can pick without its terms


class FactAnswerer:
    name = "fact"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q = ctx.question
        fields = doc_fields(q.norm)
        if fields:
            return _metadata(ctx, fields)
        if REPORT.search(q.norm) or SIGNED.search(q.norm):
            return _speaker(ctx, signed=not REPORT.search(q.norm))
        marked = slogans.find(ctx)  # 口号 / 定位: a phrase the text marks as one
        if marked is not None:
            return _said(ctx, marked[0], _written(*marked) or marked[1])
        if slogans.ASKS.search(q.norm):
            return None  # no phrase the text marks as a slogan or positioning: any quoted one is a guess
        if _unnamed_class(ctx):
            return None  # 出示什么授权书: a class of thing no document in scope names
        if DEFINE.search(q.norm):
            from assistant.definitions import definition

            defined = definition(ctx)  # “双一流”指什么 of a glossary: the definition after the name
            if defined is not None:
                return defined
        starts = _word_starts(q.norm, ctx.state.tokenize(q.norm))
        known = lambda w: q.norm.rfind(w) in starts and ctx.state.weights.df(w) > 0  # noqa: E731
        terms = fact_terms(q.norm, ctx.terms, known, used=lambda w: ctx.state.weights.df(w) > 0)
        # the kind of answer named in words no document uses (口号): the phrase must be said
        # to be of what the question names it by (“…”文化旅游品牌 for 品牌口号)
        unnamed_kind = len(terms) < len(fact_terms(q.norm, ctx.terms, known))
        noun = _class_noun(q.norm) or _last_named(q.norm, terms)
        best: tuple[float, Sentence, str | None] | None = None
        for i, s in enumerate(ranked_sentences(ctx, terms)[:30]):
            anchored = i < TOP_ANCHORED and len(terms) <= 1 and len(ctx.scope) == 1 \
                and _anchored(q.norm, s.norm) is not None
            if not (holds(ctx, s, terms) or anchored):
                continue  # a sentence among the first that holds the question's own wording counts
            if not _of_years(q.years, s):
                continue  # 2021年的涨跌格局 of a bulletin on 2022 that says none of 2021's
            phrase = phrase_in(q.norm, s.norm, ctx.terms, _own(s))
            if phrase is None and not (DEFINE.search(q.norm) and _defines(ctx, s, terms)):
                continue
            # the phrase is of the kind asked (哪个城市 → …市; 什么理念 → “…”理念)
            fits = bool(phrase and noun and (phrase.endswith(noun[-1]) or re.search(
                re.escape(phrase) + r"[”\"」』’]?[^，,。；;：:“]{0,10}?" + re.escape(noun), s.norm)))
            if unnamed_kind and not fits:
                continue
            score = s.score + (CLASS_BONUS if fits else 0.0)
            if best is None or score > best[0]:
                best = (score, s, phrase)
        return _said(ctx, best[1], best[2]) if best else None


# a figure question that asks for a thing in words (出示什么证件, 在什么口岸), no amount
WORD_ASK = re.compile(r"(什么|啥|哪种|哪类|哪个|哪家|哪项|哪里|哪儿)(?!时候|时间|时)"
                      r"|(?:怎么|怎样|如何)(?:概括|表述|描述|形容)")  # 格局是怎么表述的: a phrase
AMOUNT_ASK = re.compile(r"多少|几|多大|多高|多长|多久|多快|比例|比重|百分|增速|增幅|增长|涨幅|率")


def _unnamed_class(ctx: QueryContext) -> bool:
    """Whether the class the question asks for names a particular thing (出示什么授权书:
    授权书, a word jieba counts rarely) that no document in scope uses: asked of them, it
    is a near miss, not a phrase to find. A common word for a kind of answer (什么称号, 叫
    什么名字) need not be written."""
    from assistant.match import term_hit

    whole = asked_class(ctx.question.norm) or ""
    asked = [t for t in ctx.terms if whole.startswith(t) and not everyday_word(t, COMMON)]
    texts = [v.text for v in ctx.state.in_scope(ctx.scope)]
    return any(not any(term_hit(t, x) >= 0.5 for x in texts) for t in asked)


def _of_years(years: tuple[int, ...], s: Sentence) -> bool:
    """Whether the sentence can be of the years the question names: its document is of one,
    or its sentence, heading path or title writes one (2025年工作回顾 of a 2026 report)."""
    return not years or any(y == s.doc.source.year or str(y) in s.norm or str(y) in s.path for y in years)


def _why(norm: str) -> bool:
    """Whether the question asks why (为什么, 为啥), not a thing after a word ending in 为
    (违法行为啥清单)."""
    m = re.search(r"为什么|为啥|为何", norm)
    return bool(m) and not (m.start() and everyday_word(norm[m.start() - 1:m.start() + 1]))


class WordFactAnswerer(FactAnswerer):
    """A figure question that asks for a thing, not an amount (出示什么证件): the phrase,
    when no figure answered it."""

    name = "fact"

    def answer(self, ctx: QueryContext) -> Answer | None:
        norm = ctx.question.norm
        if not WORD_ASK.search(norm) or AMOUNT_ASK.search(norm) or _why(norm):
            return None
        from assistant.match import term_hit

        texts = [v.text for v in ctx.state.in_scope(ctx.scope)]
        if any(not any(term_hit(t, x) >= 0.5 for x in texts) for t in ctx.content_terms(None)):
            return None  # 出示什么授权书: a thing no document in scope names is not asked of it
        return super().answer(ctx)


def _defines(ctx: QueryContext, s: Sentence, terms: tuple[str, ...]) -> bool:
    """The sentence itself (not its heading or title) names what the question asks to be
    spelled out (its quoted name, most of its words)."""
    from assistant.match import coverage

    quoted = QUOTED.findall(ctx.question.norm)
    return all(t in s.norm for t in quoted) and coverage(list(terms), s.norm, ctx.state.weights) >= 0.5


def _word_starts(norm_q: str, words: list[str]) -> set[int]:
    """Where the question's words begin (an anchor must begin a word: 对标, not 体指)."""
    out, i = set(), 0
    for w in words:
        j = norm_q.find(w, i)
        if j >= 0:
            out.add(j)
            i = j + len(w)
    return out


def _bare(title: str) -> str:
    """A title without punctuation, digits and dashes (2026—2027年 = 2026-2027年)."""
    return re.sub(r"[\W\d_]+", "", title)


def _own(s: Sentence) -> str:
    return normalized(s.doc.source.title or s.doc.source.label).lower()


def _last_named(norm_q: str, terms: tuple[str, ...]) -> str:
    """The question's last term just before an ending 是什么/叫什么 (文旅品牌口号是什么,
    口号 left out: 品牌): what the phrase asked is said to be; "" for other wordings."""
    m = re.search(r"(?:是|叫|为)(?:什么|啥)[？?。！!\s]*$", norm_q)
    if m is None:
        return ""
    at = {t: norm_q.rfind(t, 0, m.start()) for t in terms}
    named = [t for t in terms if at[t] >= 0]
    return max(named, key=lambda t: at[t]) if named else ""


def _class_noun(norm_q: str) -> str:
    """What kind of thing the question asks for: the word after its placeholder (城市)."""
    sides = _sides(norm_q)
    return sides[1][:2] if sides else ""


def fact_terms(norm_q: str, terms: tuple[str, ...], known: Callable[[str], bool] = lambda w: True,
               used: Callable[[str], bool] = lambda w: True) -> tuple[str, ...]:
    """The terms a fact's sentence must hold: not the class of what is asked (哪个城市: the
    answer need not say 城市; 品牌口号是什么: 口号, when no document in scope uses the
    word, ``used``), nor a word cut across the question's wording (对|标的|是), and with
    the word the question anchors the answer to (对标)."""
    m = PLACEHOLDER.search(norm_q)
    sides = _sides(norm_q)
    if m is None or sides is None:
        return terms
    left_raw = norm_q[:m.start()]
    left = bare_left(left_raw)
    right = norm_q[m.end():]
    # the class asked (哪个城市: 城市) need not be written; a word before its head (啥预警机制:
    # 预警) says which, and must
    whole = asked_class(norm_q) or ""
    out = [t for t in terms if not (right.startswith(t) and len(t) <= 3 and len(whole) <= len(t) + 1)
           and not (t in left_raw and t not in left)]
    if m.group(0) in ("什么", "啥") and left != left_raw:
        out = _without_class(out, left, used)
    anchor = sides[0]
    if len(anchor) == 2 and anchor not in "".join(out) and known(anchor):
        out.append(anchor)
    return tuple(out)


def _without_class(terms: list[str], left: str, used: Callable[[str], bool]) -> list[str]:
    """``terms`` without the words that end ``left`` (the question before its 是什么/叫什么)
    and that no document uses: they name the kind of answer (口号, 定位口号), which the
    sentence states without naming it."""
    end = len(left)
    while end > 0:
        t = next((t for t in terms if left[:end].endswith(t)), None)
        if t is None or used(t) or len(terms) <= 1:
            break
        terms = [x for x in terms if x != t]
        end -= len(t)
    return terms


def phrase_in(norm_q: str, sentence: str, terms: tuple[str, ...] = (), own: str = "") -> str | None:
    """The phrase of a normalised sentence that a normalised question asks for, if any
    (``own``: the normalised title of the sentence's document, never the answer)."""
    if FILE_ASK.search(norm_q):
        bare = _bare(own)
        titles = [t for t in TITLE.findall(sentence) if t not in norm_q and not (bare and (_bare(t) in bare or bare in _bare(t)))]
        if titles:
            many = re.search(r"哪两|哪几|哪些", norm_q)
            if not many:
                return titles[0]
            # Each title with the 文号 written after it: 《A》(鲁办发〔2023〕13号)、《B》
            numbered = {m.group(1): m.group(2) or "" for m in TITLE_NUMBER.finditer(sentence)}
            return "、".join(f"《{t}》{numbered.get(t, '')}" for t in titles)
    quoted = [t for t in QUOTED.findall(sentence) if t not in norm_q]
    asked = [t for t in QUOTED.findall(norm_q)]
    longer = [t for t in quoted if any(a in t for a in asked)]
    if longer:
        return longer[0]  # “农是根”后面几句 → the whole “农是根、文是魂…”
    anchored = _anchored(norm_q, sentence) or before_class(norm_q, sentence, terms) or where_written(norm_q, sentence) \
        or named_class(norm_q, sentence)
    if quoted:
        near = _near(norm_q, sentence, quoted, terms)
        if anchored is None or near in anchored:
            return near
    return anchored


def _sides(norm_q: str) -> tuple[str, str] | None:
    """The question's words just before and after its placeholder (依托 | 研究院)."""
    full = asked_class(norm_q)
    if full is None:
        return None
    m = PLACEHOLDER.search(norm_q)
    left = bare_left(norm_q[:m.start()])
    return left[-2:], full[:3]


def _anchored(norm_q: str, sentence: str) -> str | None:
    """The words after the question's left anchor, up to (and with) its right noun."""
    sides = _sides(norm_q)
    if sides is None or len(sides[0]) < 2:
        return None
    left = sides[0]
    full = asked_class(norm_q) or ""
    # the whole class, its head (…追溯平台), its first words (示范县 of 示范县江阳县)
    nouns = list(dict.fromkeys([full] + [full[-n:] for n in (4, 3, 2) if n < len(full)]
                               + [full[:n] for n in (3, 2, 1) if n < len(full)]))
    best: tuple[int, str] | None = None
    # the anchor may be written several times (推广A，推广应用B): the one followed by the
    # class asked (…平台) is the one asked about
    for m in re.finditer(re.escape(left), sentence):
        rest = sentence[m.end():].lstrip("”\"」』 ")
        segment = CUT.split(rest, maxsplit=1)[0]
        noun = next((x for x in nouns if x in segment), "")
        j = segment.rfind(noun) if noun else -1  # 对标示范县江阳县 → up to the last 县
        phrase = segment[:j + len(noun)] if 0 < j <= MAX_PHRASE else segment
        phrase = phrase.strip("“”\"「」『』 ")
        if 2 <= len(phrase) <= MAX_PHRASE and (best is None or len(noun) > best[0]):
            best = (len(noun), phrase)
    return best[1] if best else None


def _near(norm_q: str, sentence: str, quoted: list[str], terms: tuple[str, ...] = ()) -> str:
    """The quoted phrase nearest the question's words in the sentence: its anchors and own
    quotes when the sentence has them, else its content terms; one holding such a word is
    nearest."""
    sides = _sides(norm_q) or ("", "")
    for words in ((*sides, *QUOTED.findall(norm_q)), terms):
        at = [(m.start(), m.end()) for w in words if len(w) >= 2 for m in re.finditer(re.escape(w), sentence)]
        if at:
            break
    else:
        return quoted[0]

    def gap(t: str) -> int:
        i = sentence.find(t)
        return min(max(0, a - (i + len(t)), i - b) for a, b in at)

    return min(quoted, key=gap)


def _said(ctx: QueryContext, s: Sentence, phrase: str | None) -> Answer:
    body = s.text.rstrip("。；;，, ")
    # The phrase first; its sentence follows when short (a long one is the citation's quote).
    shown = phrase
    if not phrase:
        text = f"{s.where}：{body}。"
    elif len(body) <= LONG_SENTENCE:
        text = f"{shown}。{s.where}：{body}。"
    else:
        text = f"{shown}。（见{s.where}）"
    cit = s.citation(highlight=tuple(h for h in (_written(s, phrase),) if h))
    return Answer(question=ctx.question.text, answer=say(ctx, text), found=True, citations=(cit,),
                  type="fact")


def _written(s: Sentence, phrase: str | None) -> str | None:
    """``phrase`` as the sentence writes it (its script), for the highlight."""
    if not phrase:
        return None
    i = s.norm.find(phrase)
    return s.text[i:i + len(phrase)] if i >= 0 and len(s.norm) == len(s.text) else None


def _docs(ctx: QueryContext) -> list[ParsedDocument]:
    """The documents the question is about: those it names, else the best hit's."""
    from assistant.match import coverage

    ids = list(ctx.question.docs)
    if not ids and ctx.hits:
        # the document whose title holds most of the question's words (2026年宁夏政府工作报告)
        docs = [ctx.state.document(d) for d in dict.fromkeys(h.clause.doc_id for h in ctx.hits[:10])]
        ids = [max(docs, key=lambda d: coverage(list(ctx.terms), normalized(
            f"{d.source.place or ''}{d.source.title or d.source.label}").lower(), ctx.state.weights)).source.doc_id]
    return [ctx.state.document(d) for d in (ids or list(ctx.scope[:1]))[:2]]


def _metadata(ctx: QueryContext, fields: list[str]) -> Answer | None:
    """谁发的、文号多少、哪天成文: each field asked, quoting the line that states it."""
    pieces, cits, figs = [], [], []
    for doc in _docs(ctx):
        for f in fields:
            label, value = fact_value(doc, f)
            cit = cite_raw(doc, value) if value else None
            if cit is None:
                continue
            value = cit.highlight[0] if cit.highlight else value  # as the quoted line writes it
            pieces.append(f"{label}：{value}")
            cits.append(cit)
            figs.append(value)
    if not pieces:
        return None
    return Answer(question=ctx.question.text, answer=say(ctx, "；".join(pieces) + "。"), found=True,
                  citations=tuple(cits), figures=tuple(figs), type="fact")


def _speaker(ctx: QueryContext, signed: bool = False) -> Answer | None:
    """谁作的报告 / 在哪次会议上: the lines before the report's text that name them; 谁签的
    (``signed``): the line that names the one who signed (局长：…) alone."""
    for doc in _docs(ctx):
        lines = [s for c in doc.clauses[:2] for s in clause_sentences(doc, c)
                 if not signed and "会议" in s.norm and len(s.norm) <= 80 or SPEAKER.search(s.norm)]
        if lines:
            text = "；".join(s.text.strip("—- ") for s in lines[:3]) + "。"
            return Answer(question=ctx.question.text, answer=say(ctx, text), found=True,
                          citations=tuple(s.citation() for s in lines[:3]), type="fact")
    return None
