"""A figure: the phrase (or sentence) that states it, with unit, qualifier and year; from
each document the question names or that answers it equally well."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.figure_context import (
    KINDS,
    cut_names,
    other_unit,
    per_unit_of,
    quoted_names,
)
from assistant.answerers.figure_labels import by_asked_verb, own_label
from assistant.answerers.rank import rank_answer
from assistant.compose import cite, in_script, merge, segment_bounds, sentence_bounds, subject_of
from assistant.figures import (
    MIN_NAMED_MEASURE,
    FigureView,
    kind_words,
    measure_words,
    normalized,
    numbers_in,
)
from assistant.groups import sibling_value
from assistant.match import STOP, term_hit
from assistant.periods import _RELATIVE as RELATIVE_TIME  # the test off_period opens with
from assistant.periods import Period, asked_period, figure_period, fit
from assistant.ranks import asks_rank, is_record
from assistant.scoring import Scored, rank_bonus, score_figures, unknown_measure, unmatched
from assistant.siblings import (
    alone_of_joined,
    miscounted,
    miscounted_in,
    other_half,
    other_threshold,
)

if TYPE_CHECKING:
    from assistant.context import QueryContext
    from assistant.question import Question


class FigureAnswerer:
    name = "figure"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q, cfg = ctx.question, ctx.config
        if any(t + "总量" in q.norm for t in ctx.terms if t != "总量"):
            # GDP总量 asks the level of GDP: 总量 is no measure of its own (能源消费总量)
            ctx = ctx.but(terms=tuple(t for t in ctx.terms if t != "总量"))
        if any(is_record(t) for t in ctx.terms):  # 创历史新高: how the figure stands, not what it is
            ctx = ctx.but(terms=tuple(t for t in ctx.terms if not is_record(t)))
        if unknown_measure(ctx):
            return None  # what it measures is written nowhere in scope
        if asks_rank(q.norm):
            ranked = rank_answer(ctx)
            if ranked is not None:
                return ranked
        if named_apart(ctx):
            return _from_each_document(ctx)
        # 去年 asked of a report: not its 2026年 target (a value derived for the year asked stays)
        other_period = _other_period(q)
        scored = [s for s in score_figures(ctx) if not near_miss(ctx, s.item)
                  and (s.derived is not None or not other_period(s.item))]
        named = quoted_names(q.norm)
        if named and not any(all(n in s.item.sent for n in named) for s in scored):
            ctx, scored = _in_named(ctx, named) or (ctx, scored)
        if not scored or not ctx.terms and not ctx.hist_terms:
            return None
        best = scored[0]
        if best.score < cfg.score_min_figure or unmatched(ctx, ctx.terms, best.item):
            return None
        if q.numbers and not any(n in best.item.sent for n in q.numbers):
            return None  # the figure the question quotes (按95%报销) is not where it points
        # Both documents answer: give both when the question names neither (or both).
        if len(ctx.scope) != 1:
            other = next((s for s in scored if s.item.fig.doc_id != best.item.fig.doc_id), None)
            named_both = len(q.docs) >= 2
            if other is not None and not unmatched(ctx, ctx.terms, other.item) and (
                    (named_both and other.score >= cfg.score_min_figure)
                    or (other.score >= cfg.score_min_both and other.score >= best.score - cfg.score_both_margin)):
                return merge(q.text, figure_answer(ctx, best, scored), figure_answer(ctx, other, scored))
        aspect = other_aspect(ctx, best)
        if aspect is not None:
            return _both_aspects(ctx, best.item, aspect)
        twin = _same_measure(ctx, best, scored) or sibling_value(ctx, best, scored)
        if twin is not None:
            return merge(q.text, figure_answer(ctx, best, scored), figure_answer(ctx, twin, scored))
        return figure_answer(ctx, best, scored)


def _other_period(q: Question) -> Callable[[FigureView], bool]:
    """periods.off_period for one question, the period asked read once per document (a long
    question's words are not searched again for each figure)."""
    if not RELATIVE_TIME.search(q.norm):
        return lambda fi: False
    asked: dict[str, Period] = {}

    def other(fi: FigureView) -> bool:
        src = fi.doc.source
        if src.doc_id not in asked:
            asked[src.doc_id] = asked_period(q, src)
        own, want = figure_period(fi), asked[src.doc_id]
        # a period's target is reached by its end: “十五五”末 asks what “十五五”时期 sets
        at_end = own is not None and want is not None and want.first == want.last == own.last
        return fit(own, want) == 0 and not at_end

    return other


def _in_named(ctx: QueryContext, named: tuple[str, ...]) -> tuple[QueryContext, list[Scored]] | None:
    """The figures of the sentences that name the quoted programme, scored on the question's
    other words (the clause words it longer: 实施“千人百家”淬炼提升工程…力争培训约1000名):
    the name says where to look, the figure's own words what it is; None when no figure
    of such a sentence is found."""
    named_ctx = ctx.but(terms=tuple(t for t in ctx.terms if not any(t in n or t in KINDS for n in named)))
    scored = [s for s in score_figures(named_ctx) if not near_miss(named_ctx, s.item)
              and all(n in s.item.sent for n in named)]
    return (named_ctx, scored) if scored and named_ctx.terms else None


def _same_measure(ctx: QueryContext, best: Scored, scored: list[Scored]) -> Scored | None:
    """Another figure of ``best``'s document that its record says measures the same thing
    (在中国境内居住: 累计不超过90天…, 累计满183天…) in another sentence, with another value
    and no other time stated for it (not 2026年's 30万人 beside the review's 全年 31.7万人),
    and answers the question nearly as well (within ``score_twin_margin``; for sibling clauses
    their search rank aside: it says nothing of what the figure is): the document states both, and
    the question does not say which; None when there is none."""
    fi, cfg = best.item, ctx.config
    measure = normalized(fi.fig.measure or "").strip()
    if best.derived is not None or len(measure) < MIN_NAMED_MEASURE:
        return None
    own = best.score - rank_bonus(ctx, fi)
    for s in scored[1:]:
        if s.score < best.score - cfg.score_twin_margin - cfg.score_figure_rank:
            return None  # no later one can be within the margin, rank aside
        near = s.score >= best.score - cfg.score_twin_margin
        if not near and not (s.item.clause.parent == fi.clause.parent
                             and s.score - rank_bonus(ctx, s.item) >= own - cfg.score_twin_margin):
            continue  # rank aside only between sibling clauses (（一）…（二）… of one heading)
        x = s.item
        if x.doc is fi.doc and s.derived is None and x.fig.sentence != fi.fig.sentence \
                and normalized(x.fig.measure or "").strip() == measure and x.fig.value != fi.fig.value \
                and (x.fig.time == fi.fig.time or not (x.fig.time and fi.fig.time)) \
                and not unmatched(ctx, ctx.terms, x):
            return s
    return None


# the question asks a share and a cap of one grant (补贴比例和每家每年上限是多少)
_SHARE_ASKED = re.compile(r"比例|比率|百分之|几成|百分比")
_CAP_ASKED = re.compile(r"上限|最高|最多|封顶|限额|额度")
_CAP = re.compile(r"最高|不超过|上限|最多|封顶")


def other_aspect(ctx: QueryContext, best: Scored) -> FigureView | None:
    """The question asks both the share and the cap of one grant and ``best`` is one of
    them: the other, written in the same sentence (按…的20%给予补贴，每家每年最高50万元:
    the cap after the share, or the share before the cap); None otherwise."""
    q, fi = ctx.question, best.item
    if best.derived is not None or not (_SHARE_ASKED.search(q.norm) and _CAP_ASKED.search(q.norm)):
        return None
    is_share = fi.unit == "%"
    if not is_share and not _CAP.search(fi.fig.qualifier or ""):
        return None
    same = [x for x in ctx.state.view(fi.doc.source.doc_id).figs
            if x.fig.sentence == fi.fig.sentence and x.clause.id == fi.clause.id and x is not fi]
    if is_share:
        caps = [x for x in same if x.unit != "%" and "元" in x.unit and _CAP.search(x.fig.qualifier or "")
                and x.fig.clean_span[0] > fi.fig.clean_span[0]]
        return min(caps, key=lambda x: x.fig.clean_span[0], default=None)
    shares = [x for x in same if x.unit == "%" and x.fig.clean_span[0] < fi.fig.clean_span[0]]
    return max(shares, key=lambda x: x.fig.clean_span[0], default=None)


def _both_aspects(ctx: QueryContext, a: FigureView, b: FigureView) -> Answer:
    """The words from the first figure's phrase to the second's: the share and the cap."""
    q = ctx.question
    first, last = sorted((a, b), key=lambda x: x.fig.clean_span[0])
    body = first.doc.clean[first.seg_span[0]:last.seg_span[1]]
    subject = subject_of(first.clause, ctx.state.clause).rstrip("：:")
    figs = (first.fig.text, last.fig.text)
    text = f"{ctx.state.place(first.doc)}{subject}：{body}。"
    cit = cite(first.doc, first.clause, first.fig.clean_span[0], last.fig.clean_span[1], highlight=figs)
    return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=(cit,),
                  figures=figs, type="figure")


def near_miss(ctx: QueryContext, fi: FigureView) -> bool:
    """Whether the figure is of a sibling of what the question asks (4级 asked, 1级 and
    2～3级 stated; 市级 asked, 区级 stated) or of a whole the question asks one part of
    (新能源新材料产业里新能源产业: a figure of 新能源新材料 alone)."""
    q = ctx.question
    if miscounted(q.norm, fi.ctx) or miscounted_in(q.norm, ctx.state.view(fi.doc.source.doc_id).text) \
            or other_half(q.norm, _up_to(fi)):
        return True
    if other_threshold(q.norm, f"{fi.path} {_up_to(fi)}"):
        return True  # 十亿元以上项目 asked, 亿元以上项目48个 stated
    if other_measure(ctx, fi) or per_unit_of(ctx, fi):
        return True  # 消费支出 asked, 可支配收入 stated; GDP asked, 万元GDP能耗 stated
    if other_unit(q.norm, fi.unit):
        return True  # 多少亿斤 asked, 1300万吨 stated: another unit of measure
    if any(w not in f"{fi.ctx} {fi.seg}" for w in cut_names(ctx)):
        return True  # 唐山港 asked (cut 唐/山港): not 九江港's figure
    if alone_of_joined(q.norm, ctx.terms, fi.seg, normalized(fi.clause.text)):
        return True  # 光新材料 asked, a figure of 化工和新材料 stated
    return any(part_only_in_whole(q.norm, t, whole, fi.ctx) for t, whole in _parts_of_wholes(ctx.terms))


@lru_cache(maxsize=256)
def _parts_of_wholes(terms: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The pairs of the question's terms where one is a part of another (新能源, 新能源新材料)."""
    return tuple((t, w) for t in terms for w in terms if len(t) >= 2 and t != w and t in w)


def other_measure(ctx: QueryContext, fi: FigureView) -> bool:
    """Whether the question ends on a word for what it measures (消费支出多少) that the words
    stating the figure (or the headings above them) never say."""
    q = ctx.question
    several = re.search(r"分别|各|、", q.norm)  # several parts asked: the measure is each's
    head = None if several else asked_measure(q.norm, tuple(t for t in ctx.terms if t not in STOP))
    if head and fi.unit == "%" and re.search(r"(率|比例|比重|占比)$", head):
        # a share asked, a percentage stated: 比例 need not be written, 覆盖率 is 覆盖…60%
        head = head[:-1] if head.endswith("率") and len(head) > 2 else None
    if head is None or not MEASURE_WORD.search(head):
        return False  # the question ends on a subject (重大项目), not on what is measured
    own = _up_to(fi)
    if RELATIVE.match(own):  # 比2020年增加2.46亿元: the measure is said before (产业增加值)
        own = _up_to(fi, whole=True)
    # the headings above it (a table's column, a section on 居民收入), not an article's own text
    above = "" if own in fi.path else fi.path
    # the kind of quantity its unit is says it too (面积 of 2.5万亩)
    return term_hit(head, f"{own} {above} {kind_words(fi.unit)}") < MATCHED


# the end of a figure stated before another in one sentence (…45000元，农村居民…), or of
# a clause (…创业补贴；对毕业5年内…)
_EARLIER = re.compile(r"(?<![\d.])(?!(?:19|20)\d{2}年)\d[\d.]*[^\d\s，,。；;、]{0,3}[，,；;、]|[；;]")


def _up_to(fi: FigureView, whole: bool = False) -> str:
    """The words of the figure's sentence that state it: from the end of the figure before
    it (if any; ``whole``: from the sentence's start) to the end of its phrase; where what
    it measures is written (覆盖率…，其他功能园区达到60%以上), not what later figures measure."""
    phrase = normalized(fi.doc.clean[fi.seg_span[0]:fi.seg_span[1]]).lower()
    i = fi.sent.find(phrase)
    if i < 0:
        return fi.seg2
    ends = [] if whole else [m.end() for m in _EARLIER.finditer(fi.sent, 0, i)]
    return fi.sent[(ends[-1] if ends else 0):i + len(phrase)]


MATCHED = 0.5  # a term_hit this high finds a word
# a word for what a figure measures (消费支出, 增加值, 覆盖率, 补贴), not for its subject
MEASURE_WORD = re.compile(r"(支出|收入|额|量|率|数|值|比重|占比|比例|规模|面积|人次|补贴|补助|奖励|资金|费用|价格"
                          r"|指数|系数|浓度|产值|营收|上限|期限|就业|人口|投资|增速|增幅|涨幅)$")
# a phrase that states a change of what its sentence measured before it
RELATIVE = re.compile(r"(比|同比|较|增长|增加|下降|提高|年均|其中)")
# the question ends on what it asks (…人均消费支出多少钱？): nothing named after it
_ASK_AT_END = re.compile(r"(?:多少|几|多大|多高|多快|多长)[钱元亿万个家名人项次%]*[？?。！!呢啊呀吗\s]*$")


def asked_measure(norm_q: str, terms: tuple[str, ...]) -> str | None:
    """The word the question names just before its closing 多少 (人均消费支出多少钱 → 支出):
    what the figure must measure; None when the question goes on after its 多少 (几个持证
    执法人员) or names nothing before it."""
    m = _ASK_AT_END.search(norm_q)
    if m is None:
        return None
    at = {t: norm_q.rfind(t, 0, m.start()) for t in terms if not re.search(r"\d", t)}
    named = [t for t in at if at[t] >= 0]
    return max(named, key=lambda t: at[t] + len(t)) if named else None


def part_only_in_whole(norm_q: str, part: str, whole: str, text: str) -> bool:
    """The question names a whole (新能源新材料), then a part of it on its own after it
    (…产业里新能源产业), and ``text`` names the part only inside the whole: the question
    asks for the part, the text is of the whole."""
    if len(part) < 2 or part == whole or part not in whole or whole not in text \
            or part in text.replace(whole, " "):
        return False
    first = norm_q.find(whole)
    return norm_q.replace(whole, " " * len(whole)).find(part, first + len(whole)) > first >= 0


def named_apart(ctx: QueryContext) -> bool:
    """Whether the question names several documents one by one (东营和滕州), not several
    at once by a place they share (广州市: every document of that city is in scope, and the
    one that answers is the one whose figure fits)."""
    q = ctx.question
    if len(q.docs) < 2:
        return False
    cues = ctx.state.catalogue.doc_cues
    return not any(all(c in cues.get(d, ()) for d in q.docs) for c in q.cues)


def _from_each_document(ctx: QueryContext) -> Answer | None:
    """The question names several documents: answer from each."""
    q = ctx.question
    answers, partial = [], False
    for d in q.docs:
        t_d = tuple(ctx.state.doc_terms(ctx.terms, d))
        one = ctx.but(terms=t_d, scope=(d,))
        sc = [s for s in score_figures(one) if not near_miss(one, s.item)]
        if sc and t_d and sc[0].score >= ctx.config.score_min_figure and not unmatched(ctx, t_d, sc[0].item):
            answers.append(figure_answer(one, sc[0], sc))
            partial |= len(t_d) < len(ctx.terms)
    if len(answers) > 1:
        return merge(q.text, *answers)
    # one place answers only by ignoring words the other place alone uses: not an answer
    return answers[0] if answers and not partial else None


def figure_answer(ctx: QueryContext, best: Scored, scored: list[Scored]) -> Answer:
    """The answer that states ``best`` (or the sentence it shares with figures that tie)."""
    q = ctx.question
    fi: FigureView = best.item
    place = ctx.state.place(fi.doc)
    subject = subject_of(fi.clause, ctx.state.clause).rstrip("：:")  # the answer puts its own colon
    if best.derived is not None:
        return _derived_answer(ctx, best, place, subject)
    # Several figures in one phrase tie (a general question): state the whole sentence.
    same = [s for s in scored[:6] if s.item.clause.id == fi.clause.id and s.item.fig.sentence == fi.fig.sentence
            and s.score >= best.score - 0.02 and s.derived is None]
    same = by_asked_verb(ctx, same)
    if len(same) > 1 and q.unit_hint is None:
        s, e = sentence_bounds(fi.doc, fi.clause, *fi.fig.clean_span)
        body = fi.doc.clean[s:e].rstrip("。")
        figs = tuple(dict.fromkeys(x.item.fig.text for x in same))
    else:
        body = _phrase(fi)
        figs = (fi.fig.text,)
        label = own_label(ctx, fi, body)
        if label:  # 城乡居民基础养老金、低保标准每月分别提高25元、50元: say which is asked
            body = f"{label}{fi.fig.text}（{body}）"
    text = f"{place}{subject}：{body.rstrip('：:')}。"  # …以下14个方面的工作： ends the phrase
    cit = cite(fi.doc, fi.clause, *fi.fig.clean_span, highlight=figs)
    return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=(cit,),
                  figures=figs, type="figure")


def _phrase(fi: FigureView) -> str:
    """The phrase stating the figure, with what it is about and its time when they lie outside."""
    s, e = fi.seg_span
    body = fi.doc.clean[s:e]
    ss, _ = sentence_bounds(fi.doc, fi.clause, *fi.fig.clean_span)
    if re.match(r"(力争|确保|达到|实现|并|力爭|確保|達到|實現)", body) and s - 1 > ss:
        # the phrase says what is to be reached; what it is about comes just before
        ps = segment_bounds(fi.doc, fi.clause, s - 1, s - 1)[0]
        lead = re.sub(r"^[一二三四五六七八九十]+是", "", fi.doc.clean[ps:s - 1])
        body = f"{lead}，{body}"
    if fi.fig.time and fi.fig.time not in body and not re.search(r"(19|20)\d{2}年", body):
        body = f"{fi.fig.time}，{body}"
    return body


def _derived_answer(ctx: QueryContext, best: Scored, place: str, subject: str) -> Answer:
    """A value for an earlier year the text implies (X, 比Y年增加D → X−D), said to be computed."""
    q = ctx.question
    fi: FigureView = best.item
    value, computation, _ = best.derived
    year = q.years[0]
    measure = measure_words(fi)
    unit = fi.fig.unit
    text = f"{place}{subject}：{year}年{measure}为{value}{unit}（由{computation}推算，文件未直接给出）。"
    cit = cite(fi.doc, fi.clause, *fi.fig.clean_span, highlight=numbers_in(computation))
    return Answer(question=q.text, answer=in_script(text, q.script), found=True,
                  citations=(cit,), figures=(f"{value}{unit}",), type="derived",
                  computation=computation)
