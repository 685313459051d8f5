"""X和Y分别是多少 / 各多少 / X多少、Y多少: every part with its own figure and citation; a
part the documents do not give is named as missing and the others are still answered.

A question leaves out what its parts share (高端装备产业增加值和增速: 增速 of 高端装备产业;
锂电和新医药产业集群营收: 营收 of 锂电产业集群): a short part borrows the longest part's
words at the end it leaves out.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.evidence import say
from assistant.answerers.figure_context import per_unit_of
from assistant.answerers.parts_compose import compose_parts
from assistant.answerers.parts_split import (
    ASK,
    JOIN,
    RATE,
    RESPECTIVELY,
    align,
    labels_of,
    split_parts,
)
from assistant.answerers.parts_turn import in_turn
from assistant.answerers.tiers import TIERED, tiers
from assistant.answerers.time import time_parts
from assistant.compose import cite_figure
from assistant.figures import FigureView, measure_words, normalized
from assistant.match import content_terms
from assistant.periods import off_period
from assistant.question import UNIT_HINTS
from assistant.ranks import asks_rank
from assistant.scoring import Scored, other_kind, score_figures, unmatched, unmatched_text
from assistant.shortforms import scope_forms
from assistant.terms import is_thing

if TYPE_CHECKING:
    from assistant.context import QueryContext

# a part that asks only the cap of what the first part names (…多少比例，最高多少), and the share words it drops
_CAP_ONLY = re.compile(r"(?:每年|每家|单个|一年)?(?:最高|最多|上限|封顶)(?:能?给|能?补|能?拿|是|为)?")
_SHARE_WORD = re.compile(r"比例|比率|比重|百分比")
# a share of something rather than its growth (贡献率, 比重)
_OTHER_RATE = re.compile(r"贡献率|比重|占比|份额")


class PartsAnswerer:
    name = "parts"

    def answer(self, ctx: QueryContext) -> Answer | None:
        if len(ctx.question.docs) >= 2:
            each = _each_document(ctx)  # 北京和河北…分别: one figure of each document named
            if each is not None or len(set(ctx.state.catalogue.documents(ctx.question.norm)[1])) >= 2:
                return each  # else one place with two documents (广东's scheme and report): its parts
        if asks_rank(ctx.question.norm):
            return None  # 突破了多少？排全国第几？: the figure and its rank, read from one sentence
        parts = split_parts(ctx.question.norm)
        if len(parts) < 2:
            return _breakdown(ctx)
        labels = labels_of([text for text, _ in parts])  # each part without the lead all share
        terms = align([_terms(ctx, p) for p, _ in parts], lambda w: bool(ctx.state.heads.named(w)))
        turn = in_turn(ctx, parts, terms)  # 6个月和36个月以上的分别: the figures given 依次
        if turn is not None:
            return turn
        own = [_terms(ctx, label) for label in labels]
        timed = time_parts(ctx, [(label, tail) for label, (_, tail) in zip(labels, parts, strict=True)],
                           terms, own)  # 适用几年？最多能延长多久
        lacking = len(re.findall(r"未[给給]出", timed.answer)) if timed is not None else 0
        # one time said for two parts from one phrase (收到…30个工作日内…，处理完结后5个工作日内…):
        # the figures tell them apart when they find every part its own
        said = list(zip(timed.figures, (c.quote for c in timed.citations), strict=False)) if timed is not None else []
        repeated = len(set(said)) < len(said)
        if timed is not None and not lacking and not repeated:
            return timed
        found = _by_figures(ctx, parts, terms, own, labels)
        if repeated and found is not None and all(fi is not None for _, fi in found):
            return compose_parts(ctx, found)
        if found is None or (timed is not None and sum(fi is None for _, fi in found) >= lacking):
            return timed  # the figures find no more parts than the times did
        return compose_parts(ctx, found)


# 一共几个，怎么分的: a total and how it divides
_DIVIDED = re.compile(r"(?:怎么|如何|怎样)(?:分|划分|构成|组成)|由哪些构成|分成哪些")


def _breakdown(ctx: QueryContext) -> Answer | None:
    """A total asked with how it divides (国家监测指标一共几个，怎么分的): the total and the
    figures its sentence divides it into after it (其中15个…，9个…，2个…), when they add
    up to it; tiers asked (费率按年龄怎么分档，各是多少): the numbered items its figure is
    one of; None otherwise."""
    norm = ctx.question.norm
    divided = _DIVIDED.search(norm)
    asks = list(ASK.finditer(norm, 0, divided.start())) if divided else []
    tiered = TIERED.search(norm)
    if not (len(asks) == 1 or tiered and not asks):
        return None
    text = JOIN.sub(" ", norm[:asks[0].start() if asks else tiered.start()]).strip()  # type: ignore[union-attr]
    total = _figure(ctx, text, asks[0].group(0) if asks else "多少", tuple(_terms(ctx, text)), set())
    if total is None or total.fig.value is None:
        return None
    if not asks:
        return tiers(ctx, total)
    rest = [x for x in ctx.state.view(total.doc.source.doc_id).figs if x.fig.sentence == total.fig.sentence
            and x.fig.unit == total.fig.unit and x.fig.clean_span[0] > total.fig.clean_span[1]]
    if len(rest) < 2 or abs(sum(x.fig.value or 0 for x in rest) - total.fig.value) > 1e-9:
        return None  # not its parts: they do not add up to it
    return compose_parts(ctx, [(text, total), *(("", x) for x in rest)])


def _by_figures(ctx: QueryContext, parts: list[tuple[str, str]], terms: list[list[str]], own: list[list[str]],
                labels: list[str]) -> list[tuple[str, FigureView | None]] | None:
    """Each part with the figure that answers it (None: not given); None when none is found."""
    found: list[tuple[str, FigureView | None]] = []
    used: set[tuple[int, int]] = set()
    wanted: list[tuple[str, ...]] = []
    asks: list[str] = []
    for k, ((text, tail), t, o, label) in enumerate(zip(parts, terms, own, labels, strict=True)):
        cap = not t and k > 0 and not RATE.search(text) and _CAP_ONLY.fullmatch(text.strip()) is not None
        if not t and k > 0 and RATE.search(text):
            t = [w for w in terms[0] if not RATE.fullmatch(w)] + ["增长"]  # 涨了多少: its rise
        elif cap:
            t = [w for w in terms[0] if not _SHARE_WORD.fullmatch(w)]  # 按多少比例给，最高多少: its cap
        bare = label
        for cue in ctx.state.catalogue.cues.in_text(label):  # not 滕州 of 滕州大
            bare = bare.replace(cue, " ")
        if not t and len(re.findall(r"[\u4e00-\u9fff]", bare)) >= 3:
            found.append((label, None))  # words no document uses (一般公共预算收入): not given
            wanted.append(())
            asks.append(tail)
            continue
        if not t:
            continue  # 大、中、小型…: a part with no words of its own is one item of a list
        # with the words it shares with the others first, else with its own alone beside
        # a part already found (引进人才 beside 专项资金, under the same heading)
        said = {fi.fig.sentence for _, fi in found if fi is not None}
        best = _figure(ctx, text, tail, tuple(t), used, said)
        near = {fi.clause.parent for _, fi in found if fi is not None} - {None}
        if best is None and o and o != t:
            alone = _figure(ctx, text, tail, tuple(o), used, said)
            best = alone if alone is not None and alone.clause.parent in near else None
        if best is None and near:
            best = _sibling(ctx, text, tail, tuple(t), used, near)
        if best is None and cap:
            continue  # a cap asked of the first part's grant (…，最高多少) that its phrase does not split off
        if best is not None:
            used.add(best.fig.clean_span)
        found.append((label, best))
        wanted.append(tuple(t))
        asks.append(tail)
    if all(fi is None for _, fi in found):
        return None
    return _mates(ctx, found, wanted, asks, used)


def _mates(ctx: QueryContext, found: list[tuple[str, FigureView | None]], wanted: list[tuple[str, ...]],
           asks: list[str], used: set[tuple[int, int]]) -> list[tuple[str, FigureView | None]]:
    """A part not found takes the one other figure of its unit in the sentence that states a
    part asked beside it in the same words (``asks``: 分别是多少, not 多少场 beside 多少人次),
    when that sentence holds most of the part's (two or more) words and the two
    figures stand in the order the parts are asked (在收到移交材料的30个工作日内，将…整改方案
    上报…，并在处理完结后5个工作日内报送书面报告: 整改方案's and 书面报告's)."""
    out = list(found)
    for k, (label, fi) in enumerate(found):
        if fi is not None or len(wanted[k]) < 2:
            continue  # one word is too little to take a figure by its place
        for j, (_, n) in enumerate(found):
            if n is None or _ask_form(asks[j]) != _ask_form(asks[k]) or sum(w in normalized(n.fig.sentence).lower() for w in wanted[k]) * 3 < len(wanted[k]) * 2:
                continue
            same = [x for x in ctx.state.view(n.doc.source.doc_id).figs if x.fig.sentence == n.fig.sentence
                    and x.fig.unit == n.fig.unit and x.fig.clean_span != n.fig.clean_span]
            if len(same) == 1 and same[0].fig.clean_span not in used \
                    and (k < j) == (same[0].fig.clean_span[0] < n.fig.clean_span[0]):
                out[k] = (label, same[0])
                used.add(same[0].fig.clean_span)
                break
    return out


def _ask_form(ask: str) -> str:
    """An ask with 几 read as 多少 (多少个工作日 and 几个工作日 ask alike)."""
    return re.sub(r"^几", "多少", ask.strip())


def _terms(ctx: QueryContext, text: str) -> list[str]:
    state = ctx.state
    cues = state.catalogue.cues.to_blank(text)
    text = re.sub(r"个数|数量|数目|目标值?|总量", " ", text)  # how a part is asked, not what
    terms = [t for t in content_terms(text, state.tokenize, cues) if state.weights.df(t) or is_thing(t)]
    return scope_forms(state, terms, ctx.scope)  # 科创券 where the scope writes 科技创新券


def _figure(ctx: QueryContext, text: str, tail: str, terms: tuple[str, ...],
            used: set[tuple[int, int]], said: frozenset[str] | set[str] = frozenset(),
            floor: float | None = None) -> FigureView | None:
    """The figure that answers one part (None: the documents do not give it); of figures
    that answer it equally well, one in a sentence ``said`` (holding another part's figure:
    parts asked together are stated together) first."""
    if not terms:
        return None
    asked = text + tail
    hint = next(((u, m.group(0)) for pat, u in UNIT_HINTS if (m := re.search(pat, asked))), (None, ""))
    if hint[0] is None and _AMOUNT.search(text):
        hint = ("money", "")  # 单笔额度上限: an amount, whatever kind the other parts ask
    fits = _fits(ctx, text, tail, terms, used, floor, hint[0])
    if not fits and hint[0] is None and re.search(r"最高|最多|上限|封顶", asked):
        # 风险补偿最高多少 of 给予最高80%的风险补偿: a cap the document states only as a
        # share, its own phrase naming what the part asks
        head = next((t for t in reversed(terms) if not RATE.fullmatch(t)), terms[-1])
        fits = [s for s in _fits(ctx, text, tail, terms, used, floor, "percent")
                if len(head) >= 2 and head in normalized(s.item.fig.measure or "").lower()]
    if not fits:
        return None
    fits = _head_first(fits, terms, ctx.config.score_parts_head_margin)
    beside = [s for s in fits if s.item.fig.sentence in said and s.score >= fits[0].score - ctx.config.score_both_margin]
    fits = beside + [s for s in fits if s not in beside]
    # figures of one sentence score alike: the one whose own phrase holds the part's words
    # (26个指标为国家监测指标, not 2个指标由医院填报 of the same sentence), else the phrase
    # before it (创办小微企业的OPC，…可申请最高400万元担保贷款)
    tied = [s for s in fits if s.score >= fits[0].score - 0.05 and s.item.sent == fits[0].item.sent]
    return max(tied, key=lambda s: (sum(len(t) for t in terms if t in _phrase(s.item)),
                                    sum(len(t) for t in terms if t in s.item.seg2))).item


# a part asking an amount in words UNIT_HINTS does not read as money (单笔额度上限)
_AMOUNT = re.compile(r"额度|金额|多少钱")


def _fits(ctx: QueryContext, text: str, tail: str, terms: tuple[str, ...], used: set[tuple[int, int]],
          floor: float | None, unit: str | None) -> list[Scored]:
    """The figures that may answer one part asking a figure of kind ``unit``, best first."""
    q, cfg = ctx.question, ctx.config
    asked = text + tail
    hint = (unit, "")
    if hint[0] is None and RESPECTIVELY.search(tail) and not RATE.search(q.norm):
        # 覆盖率和满意度分别: one ask of them all, of the kind the others name (not 总量和增速's)
        hint = (q.unit_hint, "")
    if re.search(r"(项目|企业|人|家)?(个数|数量|数目)|项目数|家数|人数", text) and hint[0] in (None, "money"):
        hint = ("个", "")
    if hint[0] is None and re.search(r"增长|增幅|涨|提高", text):
        hint = ("percent", "")  # 增长多少 without a unit asks for the rate
    years = tuple(int(y) for y in re.findall(r"((?:19|20)\d{2})年", text)) or q.years
    delta = bool(re.search(r"增量|多出|高出|增加了?多少|比(上年|去年|上一年)", asked))
    q2 = replace(q, intent="figure", unit_hint=hint[0], hint_word="", years=years, delta=delta,
                 base_years=tuple(y for y in q.base_years if str(y) in text), when=False,
                 numbers=tuple(n for n in q.numbers if n in text),
                 relative=bool(re.search(r"今年|当年|本年|年内|年度", asked)),
                 relative_only=not re.search(r"(?:19|20)\d{2}\s*年度|年度计划|年度投资|年度目标", asked),
                 hard_unit=bool(re.search(r"多少[个家名项件条处场人亿万元辆亩]|几[个家名项件条处场人]|%", asked)))
    sub = ctx.but(question=q2, terms=terms)
    scored: list[Scored] = [s for s in score_figures(sub) if s.derived is None]
    fits: list[Scored] = []
    for s in scored[:6]:
        fi: FigureView = s.item
        if s.score < (cfg.score_min_figure if floor is None else floor):
            break
        if fi.fig.clean_span in used or off_period(fi, q2) or _unmatched(sub, terms, fi) or per_unit_of(sub, fi) \
                or _stated(fi, text) or _other_grade(ctx, fi, text) or _in_formula(fi):
            continue  # used by another part, of another period than 今年/去年 asks, of something else, or the part's own condition
        if re.search(r"多少钱|几块钱", asked) and "元" not in (fi.unit or ""):
            continue  # 多少钱 asks an amount of money: not a count or a number without a unit
        if _condition_kind(fi, text, asked):
            continue  # 经营6个月的补多少: 18个月以上 is another case's condition, not what is given
        if _other_head(text, fi):
            continue  # 收入 asked, 城乡社区支出 stated
        if fi.unit == "个百分点" and re.search(r"达到|[要到]到", asked) and not RATE.search(text):
            continue  # a level asked (覆盖率要达到多少): 每年增加1-3个百分点 is how it changes
        if RATE.search(text) and not re.search(r"增长|增速|增幅|涨|提高|下降", fi.seg):
            continue  # a rate asked (增速, 涨了多少): a phrase that says how it grows
        if RATE.search(text) and (m := _OTHER_RATE.search(normalized(fi.fig.measure or ""))) and m.group(0) not in text:
            continue  # 增速 asked: not the 贡献率 or 比重 of what grows (对GDP增长的贡献率)
        fits.append(s)
    return fits


def _condition_kind(fi: FigureView, text: str, asked: str) -> bool:
    """Whether the figure is of the kind the part states its own condition in (6个月, 65岁)
    and the part does not ask a length or age: another case's condition, not an answer."""
    units = set(re.findall(r"\d+(?:\.\d+)?\s*(个月|周岁|岁|小时|天)", text))
    return fi.unit in units and not re.search(r"多久|多长|(?:几|多少)个?(?:月|岁|周岁|小时|天)", asked)


# the nouns that head a measure of money of one side of an account (收入, 支出)
_HEADS = re.compile(r"收入|支出|存款|贷款|产量|利润")


def _other_head(text: str, fi: FigureView) -> bool:
    """Whether the part asks a measure headed by one noun (收入) and the figure's phrase and
    record name only others (城乡社区支出): another measure of the same words."""
    asked = set(_HEADS.findall(text))
    stated = set(_HEADS.findall(fi.seg + " " + normalized(fi.fig.measure or "")))
    return bool(asked and stated) and not asked & stated and not any(h in fi.seg2 for h in asked)


# a phrase that grants what the one before it says it is for (对发生的贷款本金损失，给予最高80%的风险补偿)
_GIVES = re.compile(r"\s*(?:并|再|可|均|一次性)?(?:给予|予以|发放)")


def _unmatched(ctx: QueryContext, terms: tuple[str, ...], fi: FigureView) -> bool:
    """Whether the figure's heading path and phrase miss what the part names; a grant's
    phrase is read with the phrase before it (what it is granted for)."""
    if not unmatched(ctx, terms, fi):
        return False
    if not _GIVES.match(fi.seg):
        return True
    text = fi.ctx + " " + fi.seg2
    return unmatched_text(ctx, terms, text, doc_id=fi.doc.source.doc_id) \
        or other_kind(ctx.question.norm, ctx.content_terms(fi.doc.source.doc_id, terms), normalized(text))


def _sibling(ctx: QueryContext, text: str, tail: str, terms: tuple[str, ...],
             used: set[tuple[int, int]], near: set[str]) -> FigureView | None:
    """A part's figure scored a little under the floor, taken when its clause sits under the
    same heading as another part's and its own heading names the part (研发资助和资质奖励:
    （一）研发资助 and （二）资质奖励 of one 第六条)."""
    floor = ctx.config.score_min_figure - ctx.config.score_parts_sibling_margin
    fi = _figure(ctx, text, tail, terms, used, floor=floor)
    if fi is None or fi.clause.parent not in near:
        return None
    return fi if normalized(fi.clause.heading).lower().find(terms[-1]) >= 0 else None


def _head_first(fits: list[Scored], terms: tuple[str, ...], margin: float) -> list[Scored]:
    """A figure whose own phrase holds the part's last word (what it asks: 一次性创业补贴)
    first, within ``margin`` of the best of its sentence whose phrase does not (1年以上 of
    正常运营1年以上的离校2年内高校毕业生, 给予最高1万元一次性创业补贴: whom it is for)."""
    # a rate asked of what another part names (利润总额多少？增长多少？): that noun is the head
    head = next((t for t in reversed(terms) if not RATE.fullmatch(t)), terms[-1])

    def holds(s: Scored) -> bool:  # its phrase, or its record's measure (增长11.6%: 利润总额增长)
        return head in _phrase(s.item) or head in normalized(s.item.fig.measure or "").lower()

    if len(head) < 2 or holds(fits[0]):
        return fits
    held = [s for s in fits if holds(s) and s.item.sent == fits[0].item.sent and s.score >= fits[0].score - margin]
    return held[:1] + [s for s in fits if s not in held[:1]]


_GRADE = re.compile(r"(\d+|[一二三四五六七八九十]+)\s*(级|級|档|檔|类|類)")


def _other_grade(ctx: QueryContext, fi: FigureView, text: str) -> bool:
    """Whether the part names a grade (3级待遇) that the figure's clause or the clause above
    it sets otherwise (第十五条 享受长护险2级待遇的…: its figures are of grade 2)."""
    asked = {(n, normalized(u)) for n, u in _GRADE.findall(text)}
    if not asked:
        return False
    parent = ctx.state.clause(fi.clause.parent) if fi.clause.parent else None
    around = normalized(" ".join(c.text[:80] for c in (fi.clause, parent) if c is not None))
    written = {(n, u) for n, u in _GRADE.findall(around)}
    return any(u == au for _, u in written for _, au in asked) and not written & asked


def _in_formula(fi: FigureView) -> bool:
    """Whether the figure is a constant of a formula (覆盖率=签约人数/常住人口数*100%)."""
    start = fi.fig.clean_span[0]
    return fi.doc.clean[max(0, start - 1):start] in ("*", "×", "/", "÷", "=") and "=" in fi.fig.sentence


def _stated(fi: FigureView, text: str) -> bool:
    """Whether the part writes the figure itself (离校2年内毕业生的补贴: 2年内 is who gets it,
    not what is asked)."""
    value = fi.fig.value
    return value is not None and f"{value:g}{fi.unit}" in text


def _phrase(fi: FigureView) -> str:
    """The figure's own phrase as the document writes it (its seg adds the list's words)."""
    s, e = fi.seg_span
    return normalized(fi.doc.clean[s:e]).lower()


def _each_document(ctx: QueryContext) -> Answer | None:
    """One figure of each document the question names, of the period it asks (each with its
    period said, each cited); a document without it is named as missing."""
    from assistant.answerers.comparison import across_documents
    from assistant.per_document import missing_text, period_note

    across = across_documents(ctx)
    if across is None or not across.picks:
        return None
    stated = [f"{label}{measure_words(x.item)}{x.item.fig.text}{period_note(x.item, p)}"
              for label, x, p in across.picks]
    lacking = [missing_text(ctx, label, asked, None) for label, asked, _ in across.missing]
    text = "；".join(stated + lacking) + "。"
    return Answer(question=ctx.question.text, answer=say(ctx, text), found=True,
                  citations=tuple(cite_figure(x.item) for _, x, _ in across.picks),
                  figures=tuple(x.item.fig.text for _, x, _ in across.picks), type="parts")
