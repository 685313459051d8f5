"""哪年 / 到哪一年 / 什么时候 / 最晚啥时候 / 跟哪年比 / 几年行动: the year, date, deadline
or period as the document writes it (到2026年, 2025年6月底前, 较2023年, 2023-2025年), with
the sentence it scopes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.answer import Answer
from assistant.answerers.evidence import Sentence, clause_sentences, holds, ranked_sentences, say
from assistant.durations import (
    DEADLINE,
    PERIOD_ASK,
    W_STRETCH,
    asked_terms,
    bound_asked,
    bound_fits,
    bound_said,
    deadline_answers,
    how_often,
    lead_fits,
    length_asked,
    period_fits,
    quoted_numbers,
    stretch_cover,
)

if TYPE_CHECKING:
    from assistant.context import QueryContext
    from index.records import Clause

_Y = r"(?:19|20)\d{2}"
_N = r"[一二三四五六七八九十两\d]+"
# a count of days, months or years (30个工作日, 三年, 1—3年), never a year's own number
_COUNT = r"(?<![\d.])(?:(?<!\d月)\d{1,3}(?![\d.])|[一二三四五六七八九十两半]+)"
# each kind of time expression, as normalised text writes it; the first alternative that
# matches at a place wins, so the longer forms come first
KINDS = (
    ("base", rf"(?:比|较|与|同|相比)(?:{_Y}年(?:末|底)?|上年末?|去年|上一年)"),
    ("period", rf"{_Y}\s*(?:年)?\s*[-—–~〜至到]\s*{_Y}\s*年?"),
    ("date", rf"(?:自|从|于)?(?:到|至|截至|截止到?)?{_Y}年\d{{1,2}}月(?:\d{{1,2}}日|底|末|中旬|上旬|下旬)?(?:前|以前|之前|起|开始)?"
             # a day of every year (于每年1月31日前公开): a month with its day or end, no year
             rf"|(?<!\d)\d{{1,2}}月(?:\d{{1,2}}日|底|末|中旬|上旬|下旬)(?:前|以前|之前|起)?"),
    ("year", rf"(?:到|至|截至|截止到?|在)?{_Y}年(?:底|末|年底|年末|上半年|下半年)?(?:前|以前|之前|起)?"),
    ("span", rf"{_N}(?:年|个月)(?:攻坚|专项)?(?:行动计划|行动|计划|规划)"
             rf"|(?:有效期|期限为?|适用期间为?|观察期为?|最长|最多|最短|不超过|不得超过|不少于|不低于|次月|次年)*"
             rf"(?<![上下同]){_COUNT}(?:\s*[-—–~至到]\s*{_COUNT})?\s*(?:个?工作日|个?自然日|个月|年(?!度)|周|天|日|个?小时)(?:内|以内)?"),
    ("relative", r"(?<![\d一二三四五六七八九十])[^\W\d_在于从到自][\u4e00-\u9fff]{1,5}(?:日|节)(?:前后|期间|当天)|(?:上|下|本|当)一?年度(?:\d{1,2}月\s*[至到—-]\s*\d{1,2}月)?|自(?:发布|印发|公布|颁布)之日起|(?:今年|年底|年内|当年|上半年|下半年)(?:前)?"),
    # how often (每一保险年度, 每季度, 每3年, 两年一次): a when-question's last resort
    ("frequency", rf"每一?个?(?:[\u4e00-\u9fff]{{2}})?年度|每(?:隔)?{_COUNT}?个?(?:季度?|月|周|星期|年|半年|天)"
                  rf"|{_COUNT}(?:个月|年|周|天)(?:一次|1次)|年均"),
)
_EXPR = re.compile("|".join(f"(?P<{k}>{p})" for k, p in KINDS))

# what the question asks for decides which kinds answer it, best first
WANTS = (
    (r"跟哪|和哪|与哪|同哪|较哪|比哪|基数|基期|基准|比较的|相比|以哪一?年为", ("base",)),
    (r"哪一?天|哪一?日|几月几|日期|施行|生效|落款|到什么时候|到啥时候|到何时", ("date", "year")),
    (r"哪几年|管到|管的是|哪些年|期间|时段|周期", ("period", "year", "date")),
    (r"几年|多长|多久|有效期|最长|期限|时限|(多少|几)个?(工作日|自然日|天|日|月|周|小时)", ("span", "period")),
)
# a question for the day itself, which only a date answers
DAY = r"哪一?天|哪一?日|几月几[日号]|具体日期"
# when a document (or a rule of it) takes or loses effect: 什么时候施行 / 有效期到哪天 / 何时失效
EFFECT_ASK = r"施行|生效|有效期(?!内)|失效(?![后前])|到期(?![后前])|废止|(?:开始|正式|起)(?:实施|执行)|(?:什么时候|啥时候|何时|哪天|哪一天)(?:实施|执行)"
# a sentence that says when something takes or loses effect (本办法自…起施行, 有效期截至…)
EFFECT_SAID = r"施行|生效|有效期|(?:起|开始)(?:实施|执行)|失效|废止"
# the document's own effect (本办法自…起施行): the answer to any when-effective question
# scoped to it, whatever words of its body the question names
WHOLE_DOCUMENT = r"本(?:办法|措施|政策|意见|通知|方案|规定|细则|条例|决定|文件|计划|规则|实施细则)(?:自|有效期|施行|从)"
# the end of a span asked (到什么时候失效, 有效期到哪天) or its start (什么时候开始施行)
END_ASK = r"失效(?![后前])|到期(?![后前])|截止|截至|为止|结束|终止|废止|有效期(?:到|至)|到(?:什么时候|啥时候|何时|哪)"
START_ASK = r"开始|起(?:施行|实施|执行)|施行|生效|(?:什么时候|啥时候|何时|哪天|哪一天)(?:实施|执行)"
# beside a start asked, 有效期 asks the span's end (施行日期和有效期是)
END_TOO_ASK = rf"{END_ASK}|有效期(?!内)"
# a span's length asked (有效期多长), which a start and an end answer
LENGTH_ASK = r"有效期(?:是|有)?(?:多长|多久|几年)"
END_EXPR, START_EXPR = r"^(?:到|至|截至|截止)|(?:前|止)$", r"^(?:自|从)|(?:起|开始)$"
DEFAULT = ("date", "year", "period", "relative", "span", "frequency")
# a time written next to the question's words (自…起施行 for 啥时候施行) is the one it asks for
NEAR_BONUS, NEAR_CHARS = 0.1, 6
OTHER_KIND = 0.15  # a time of a kind the wording does not ask for answers only without a better one


@dataclass(frozen=True)
class Found:
    sentence: Sentence
    expr: str
    kind: str
    score: float


def time_expressions(norm: str) -> list[tuple[str, str, int]]:
    """The time expressions of a normalised text: (kind, text, position), in order."""
    return [(m.lastgroup or "", m.group(0), m.start()) for m in _EXPR.finditer(norm)]


def wanted(norm_question: str) -> tuple[str, ...]:
    """Every kind of time, those the question's wording asks for first."""
    first = next((kinds for pat, kinds in WANTS if re.search(pat, norm_question)), DEFAULT)
    return first + tuple(k for k in DEFAULT + ("base",) if k not in first)


class TimeAnswerer:
    name = "time"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q = ctx.question
        kinds = wanted(q.norm)
        ctx = ctx.but(terms=asked_terms(ctx.terms, q.norm))  # not 一次 of 多久…一次, nor 天内 of 多少天内
        if how_often(q.norm) and not bound_asked(q.norm):  # 多久计算一次: a period (每一保险年度), never a date or a length
            kinds = ("frequency",)
        elif length_asked(q.norm):  # 几个工作日内 / 公示期多长: a length, never a year (2024年)
            # a bound (最长多久) or a named period (公示期多长) asks a length, never how often (每月)
            kinds = ("span", "period") if bound_asked(q.norm) or PERIOD_ASK.search(q.norm) \
                else ("span", "period", "frequency")
            kinds += ("year", "date") if deadline_answers(q.norm) else ()  # 建成要多长时间: 到2027年底
        day = re.search(DAY, q.norm)
        if day:  # 哪天办: a year (2021年) is no answer; 哪天前后: a named day (扶贫日前后)
            # 哪天开始施行: the day it takes effect may be named (自发布之日起)
            kinds = ("date", "relative") if re.search(rf"前后|期间|当天|{EFFECT_ASK}", q.norm) else ("date",)
        best = _best(ctx, kinds, durational=how_often(q.norm) or length_asked(q.norm))
        if best is None:
            return None
        s = best.sentence
        # 于每年1月31日前: the day of every year as written (每年 is its own expression, how often)
        every = "每年" + best.expr if best.kind == "date" and "每年" + best.expr in s.norm else best.expr
        exprs = _both_ends(s, q.norm) or (every,)
        expr = "，".join(exprs)
        text = f"{expr}。{s.where}：{excerpt(s.text, exprs[-1], ctx.terms)}。"
        cits = (s.citation(highlight=tuple(_as_written(s, x) for x in exprs)),)
        return Answer(question=q.text, answer=say(ctx, text), found=True, citations=cits,
                      figures=(expr,), type="time")


def time_parts(ctx: QueryContext, parts: list[tuple[str, str]], terms: list[list[str]],
               own: list[list[str]]) -> Answer | None:
    """适用几年？最多能延长多久: every part a time, each answered from its own words and
    cited; None unless every part asks a time and some part is answered."""
    from dataclasses import replace

    q = ctx.question
    if not all(re.search(TIME_ASK, text + tail) for text, tail in parts):
        return None
    pieces, cits, figs, said = [], [], [], False
    for (text, tail), t, o in zip(parts, terms, own, strict=True):
        asked = text + tail
        kinds = wanted(asked)
        best = _best(ctx.but(question=replace(q, norm=asked), terms=tuple(t)), kinds) if t else None
        if best is None:
            pieces.append(f"文件未给出“{text.strip()}”")
            continue
        said = True
        s, expr = best.sentence, best.expr
        if o:  # in a sentence that gives each part its own (周转金最长一年，资本性融资最长三年)
            exprs = [(k, x, p) for k, x, p in time_expressions(s.norm) if k == best.kind]
            expr = min(exprs, key=lambda e: _gap(s.norm, e[2], len(e[1]), o), default=(0, expr, 0))[1]
        pieces.append(f"{text.strip()}：{expr}（{excerpt(s.text, expr, tuple(t))}）")
        cits.append(s.citation(highlight=(_as_written(s, expr),)))
        figs.append(expr)
    if not said:
        return None
    return Answer(question=q.text, answer=say(ctx, "；".join(pieces) + "。"), found=True,
                  citations=tuple(cits), figures=tuple(figs), type="parts")


def _gap(norm: str, pos: int, size: int, words: list[str]) -> int:
    """Characters between a time expression and the nearest of ``words`` (one after its
    word, 资本性融资最长三年, is nearer than one before it)."""
    gaps = []
    for w in words:
        for m in re.finditer(re.escape(w), norm):
            a, b = m.start(), m.end()
            gaps.append(pos - b if pos >= b else a - (pos + size) + 1 if a >= pos + size else 0)
    return min(gaps, default=pos)


# a part that asks a time or a length of time
TIME_ASK = r"几年|多久|多长|什么时候|啥时候|何时|哪一?年|哪一?天|几月|期限|时限|工作日|个月内|天内|日内"


def _best(ctx: QueryContext, kinds: tuple[str, ...], durational: bool = False) -> Found | None:
    """The best sentence holding what the question names and a time of a wanted kind (or
    inheriting one from its clause's opening sentence: 到2026年，…；…); for a length or a
    period asked (``durational``), of the bound and unit asked, a date only as a deadline."""
    q = ctx.question
    first = next((k for pat, k in WANTS if re.search(pat, q.norm)), DEFAULT)
    asked = set(re.findall(rf"{_Y}", re.sub(_DOC_NUMBER_YEAR, "", q.norm)))
    found: list[Found] = []
    effect = re.search(EFFECT_ASK, q.norm)
    ranked = ranked_sentences(ctx)[:40]
    if effect:
        seen = {(s.clause.id, s.start) for s in ranked}
        ranked += [s for s in ranked_sentences(ctx, clauses=_effect_clauses(ctx)) if (s.clause.id, s.start) not in seen]
    numbers = quoted_numbers(q.norm)
    for s in ranked:
        if not all(re.search(rf"(?<![\d.]){re.escape(n)}(?![\d.])", s.norm) for n in numbers):
            continue  # 开放工位1000个以上是哪年的目标: a clause stating 500个 is another target's
        if not holds(ctx, s) and not (effect and ctx.scope and re.search(WHOLE_DOCUMENT, s.norm)) \
                and not _holds_after(ctx, s):
            continue
        exprs = [(k, t, p) for k, t, p in time_expressions(s.norm) if k in kinds and t not in q.norm
                 and not (k in ("year", "date") and asked and set(re.findall(_Y, t) or ["-"]) <= asked)]
        inherited = 0.0
        # a day asked of a sentence that names its own (年底前, 自发布之日起): not one inherited
        own_day = "relative" not in kinds and any(k == "relative" and re.search(r"年底|年末|之日", t)
                                                  for k, t, _ in time_expressions(s.norm))
        if not exprs and not own_day:
            exprs, inherited = _inherited(s, kinds, q.norm), 0.1
        if not exprs:
            continue
        # the side of a span asked (自…起 for 什么时候施行, 至… for 有效期到) before its kind
        side = (lambda t: not _of_end(t, q.norm)) if (effect or re.search(END_ASK, q.norm)) \
            and {"date", "year"} & set(first) else (lambda t: False)
        cover = [0.0] * len(exprs)
        if durational:  # a length or a period: of the bound asked, the one whose stretch names the subject
            exprs = [e for e in exprs if bound_fits(q.norm, s.norm, e[2], e[1])
                     and (e[0] not in ("year", "date") or DEADLINE.search(e[1]))
                     and (e[0] != "span" or period_fits(q.norm, s.norm, e[2], e[1])
                          and lead_fits(q.norm, s.norm, e[2], e[1]))]
            cover = stretch_cover(ctx.content_terms(s.clause.doc_id), s.norm, [p for _, _, p in exprs], ctx.state.weights)
        if not exprs:
            continue
        (kind, expr, pos), cov = min(zip(exprs, cover, strict=True), key=lambda ec: (
            side(ec[0][1]), kinds.index(ec[0][0]), -bound_said(q.norm, s.norm, ec[0][2], ec[0][1]),
            -round(ec[1], 2), _distance(s, ec[0][2], ctx.terms)))
        near = NEAR_BONUS if _distance(s, pos, ctx.terms) <= len(expr) + NEAR_CHARS else 0.0
        rank = kinds.index(kind)
        found.append(Found(s, expr, kind, s.score - inherited - 0.02 * rank - OTHER_KIND * (rank >= len(first))
                           + near + W_STRETCH * cov))
    if effect:  # a sentence saying when something takes effect answers, when there is one;
        # the document's own when the question names nothing but the document
        said = [f for f in found if re.search(EFFECT_SAID, f.sentence.norm)]
        whole = [f for f in said if re.search(WHOLE_DOCUMENT, f.sentence.norm)]
        found = whole if whole and _names_only_documents(ctx) else said or found
    return max(found, key=lambda f: f.score, default=None)


# the year of a 文号 the question names its document by (国办发〔2019〕4号): not a year asked
_DOC_NUMBER_YEAR = rf"[〔\[［(（]\s*{_Y}\s*[〕\]］)）]"


def _holds_after(ctx: QueryContext, s: Sentence) -> bool:
    """Whether the sentence, read after the one before it in its clause, holds what the
    question names: a rule's second sentence (…可以在以后纳税年度…补扣。补扣期限最长不得超过
    五年。) states the time of what the first says, without repeating it; the sentence
    itself must hold some of the question's words."""
    from dataclasses import replace

    if not any(t in s.norm for t in ctx.terms):
        return False
    prev = None
    for x in clause_sentences(s.doc, s.clause):
        if x.start >= s.start:
            break
        prev = x
    return prev is not None and holds(ctx, replace(s, norm=prev.norm + s.norm))


def _effect_clauses(ctx: QueryContext) -> list[Clause]:
    """A when-does-it-take-effect question's own clauses: those of the documents in scope
    (else of the best hit's) that say when something takes or loses effect, which the
    search may not rank when the question names only the document (宿迁OPC十条什么时候施行)."""
    from assistant.figures import normalized

    docs = ctx.scope or tuple(h.clause.doc_id for h in ctx.hits[:1])
    return [c for d in docs for c in ctx.state.document(d).clauses if re.search(EFFECT_SAID, normalized(c.text))]


def _both_ends(s: Sentence, norm_question: str) -> tuple[str, ...]:
    """The start and the end a sentence gives a span (自…起施行，有效期截至…) when the
    question asks both (什么时候开始施行，到什么时候失效), or asks how long and the sentence
    gives no length (有效期多长 of 自…起施行，有效期至…); else nothing."""
    if not (re.search(END_TOO_ASK, norm_question) and re.search(START_ASK, norm_question)
            or re.search(LENGTH_ASK, norm_question) and not re.search(r"有效期为?[\d一二三四五六七八九十两]", s.norm)):
        return ()
    dates = [t for k, t, _ in time_expressions(s.norm) if k in ("date", "year", "relative")]
    start = next((t for t in dates if re.search(START_EXPR, t)), None)
    end = next((t for t in dates if re.search(END_EXPR, t)), None)
    return (start, end) if start and end else ()


def _names_only_documents(ctx: QueryContext) -> bool:
    """Whether every word of the question (less the when-effective words) names a document
    in scope (穗医保规字〔2024〕1号的有效期多长), not a thing in it (评估结果的有效期)."""
    terms = [t for t in ctx.terms if not re.fullmatch(rf"(?:{EFFECT_SAID}|实施|执行)+", t)]
    return all(t in ctx.state.titles.naming(terms, d, ctx.question.norm) for t in terms for d in ctx.scope[:1]) \
        if ctx.scope else not terms


def _of_end(expr: str, norm_question: str) -> bool:
    """Whether the expression is the side of a span the question asks: its end (截至…,
    …前) for 到什么时候 / 失效, its start (自…起) otherwise."""
    return bool(re.search(END_EXPR if re.search(END_ASK, norm_question) else START_EXPR, expr))


def _inherited(s: Sentence, kinds: tuple[str, ...], norm_q: str) -> list[tuple[str, str, int]]:
    """The time the clause's earlier sentences set for the rest (到2026年，…；…)."""
    if not {"year", "date"} & set(kinds):
        return []
    for prev in clause_sentences(s.doc, s.clause):
        if prev.start >= s.start:
            break
        lead = [(k, t, p) for k, t, p in time_expressions(prev.norm)
                if k in ("year", "date") and k in kinds and p == 0 and t not in norm_q]
        if lead:
            return [(k, t, 0) for k, t, _ in lead[:1]]
    return []


# a sentence longer than this is quoted from the part holding the time, not whole
EXCERPT_CHARS = 80


def excerpt(text: str, expr: str, terms: tuple[str, ...]) -> str:
    """The part of a sentence that scopes the time expression ``expr`` (normalised): its
    comma-separated piece, with the pieces before it back to one naming the question's
    words, and the year an earlier piece sets; the whole sentence when it is short."""
    from assistant.figures import normalized

    text = text.rstrip("。；;")
    if len(text) <= EXCERPT_CHARS:
        return text
    pieces = re.split(r"(?<=[，,；;：:])", text)
    norms = [normalized(p).lower() for p in pieces]
    at = next((i for i, n in enumerate(norms) if expr in n), None)
    if at is None:
        return text
    lo = at
    while lo > 0 and not any(t in norms[lo] for t in terms) \
            and sum(len(p) for p in pieces[lo - 1:at + 1]) <= EXCERPT_CHARS:
        lo -= 1
    out = "".join(pieces[lo:at + 1]).rstrip("，,；;：: ")
    # the year the sentence sets for what follows (到2026年，…较2023年增长) stays with it
    lead = next((i for i in range(lo - 1, -1, -1)
                 if any(k in ("year", "date") for k, _, _ in time_expressions(norms[i]))), None)
    if lead is not None:
        out = pieces[lead] + ("" if lead == lo - 1 else "……") + out
    return out


def _distance(s: Sentence, pos: int, terms: tuple[str, ...]) -> int:
    """How far a time expression lies from the question's words in the sentence."""
    at = [s.norm.find(t) for t in terms if t in s.norm and not _EXPR.fullmatch(t)]  # not 每年 itself
    return min((abs(a - pos) for a in at), default=pos)


def _as_written(s: Sentence, expr: str) -> str:
    """The expression in the sentence's own script (for the quote's highlight)."""
    from assistant.figures import normalized

    for i in range(len(s.text)):
        for j in range(i + len(expr) - 2, min(len(s.text), i + len(expr) + 3) + 1):
            if normalized(s.text[i:j]) == expr:
                return s.text[i:j]
    return expr


# a figure that is a time: a date or a length of time (5年, 30个工作日, 2025年6月底前)
_TIMELY = re.compile(rf"{_Y}年|(?:年|个月|月|日|天|周|小时|工作日)(?:内|以内|以上|以下|前|底|末)?$")


class TimedFigure:
    """A time question's figure fallback (``inner``, a figure answerer): its answer only
    when every figure it states is a time (几年内完成 is not answered by the 1121 of
    “1121”工程, nor 哪天办 by 第十届)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name

    def answer(self, ctx: QueryContext) -> Answer | None:
        ans = self.inner.answer(ctx)
        if ans is None or not ans.found:
            return ans
        if not (ans.figures and all(_TIMELY.search(f) for f in ans.figures)):
            return None
        return ans if all(_fits_bound(ctx, f, c.quote) for f in ans.figures for c in ans.citations[:1]) else None


def _fits_bound(ctx: QueryContext, figure: str, quote: str) -> bool:
    """Whether a length the figure answerer gives has the bound asked (最长30天 answers no
    至少能住几天), read where the cited quote states it."""
    from assistant.figures import normalized

    norm, fig = normalized(quote).lower(), normalized(figure).lower()
    at = norm.find(fig)
    return at < 0 or bound_fits(ctx.question.norm, norm, at, fig)
