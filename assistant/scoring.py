"""How well a figure or a responsibility list answers a question: weighted term coverage,
bonuses and penalties named in ``Config`` (``score_*``), and the checks that keep an answer
from stating something the question did not ask about."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.binding import rebind
from assistant.figures import (
    FigureView,
    derive_earlier,
    item_group,
    measure_named,
    normalized,
    unit_fit,
)
from assistant.match import coverage, missing_terms, term_hit, written_around
from assistant.question import OWN_YEAR
from assistant.terms import is_thing
from index.records import Clause

if TYPE_CHECKING:
    from assistant.context import QueryContext


@dataclass
class Scored:
    """A candidate with its score (a FigureView or a DutyView)."""

    score: float
    item: object
    derived: tuple[float, str, str] | None = None  # (value, computation, delta text)


def score_figures(ctx: QueryContext, subjects: list[Clause] | None = None,
                  strict: bool = True) -> list[Scored]:
    """The figures in scope that could answer ``ctx``'s question, best first.

    Args:
        ctx: the question, its terms, the conversation's terms, the scope and search ranks.
        subjects: the headings the question names (None: found from the question).
        strict: leave out a phrase that measures something other than the question asks.
    """
    from assistant.groups import subjects_of

    q, state = ctx.question, ctx.state
    measure_terms = [t for t in ctx.terms if state.weights.df(t) and is_thing(t)] if strict and not q.borrowed else None
    if subjects is None:
        subjects = subjects_of(ctx)
    inside = tuple(c.id + "/" for c in subjects)
    text = q.subject_text or q.norm
    named = [w for c in subjects for w in state.heads.words.get(c.id, ()) if w in text]
    out = []
    for fi in (fi for v in state.in_scope(ctx.scope) for fi in v.figs):
        if (fi.fig.qualifier == "日期") != q.when:
            continue  # dates answer 什么时候; amounts answer everything else
        if ctx.places and said_elsewhere(ctx, fi):
            continue  # the question asks about another place than this figure's
        outside = bool(inside) and not (fi.clause.id + "/").startswith(inside) \
            and not any(w in fi.sent or w in fi.path for w in named)
        if outside and q.subject_text and not any(w in q.norm for w in named) and not re.search(OWN_YEAR, q.norm):
            continue  # a follow-up stays with the subject the conversation is about (not 那它去年呢)
        if _measures_else(ctx, fi, measure_terms):
            continue
        scored = _score_figure(ctx, fi, outside)
        if scored is not None:
            out.append(scored)
    scores = rebind(ctx, [(s.score, s.item) for s in out])
    out = [Scored(v, s.item, s.derived) for s, v in zip(out, scores, strict=True) if v is not None]
    out.sort(key=lambda s: -s.score)
    return out


# a question asking by how much something changed (增长多少, colloquially 降了多少, 涨了几个点)
CHANGE_ASKED = r"增长|提高|下降|降低|减少|降了|涨|升了|增了|减了|增幅|降幅|跌|少了|多了|增产|减产"


def _measures_else(ctx: QueryContext, fi: FigureView, measure_terms: list[str] | None) -> bool:
    """Whether the figure is of another kind than the question asks for."""
    q = ctx.question
    if unit_fit(q.unit_hint, fi.unit) < 0 and q.hard_unit:
        return True  # the question names its unit (亿元, %, 个…); this figure has another
    if fi.unit == "%" and q.unit_hint != "percent" and not _level_named(ctx, fi) and (
            re.search(r"比重|占比|率", fi.seg) or not (re.search(CHANGE_ASKED, q.norm) or _growth_target(q.norm, fi))):
        return True  # a percentage does not answer a question about an amount
    if re.search(r"(?:增长|增速|增幅|涨幅|上涨|下降)[^，,。？?]{0,4}(?:最?快|最?慢|更快|更慢)", q.norm) \
            and "%" not in fi.unit and "百分点" not in fi.unit:
        return True  # which grew fastest asks rates (9.2%, 12.3%), not levels (626858万元)
    if re.search(r"增速|增幅|增长率", q.norm) and not re.search(r"比重|占比|份额", q.norm) \
            and re.search(r"比重|占比", fi.seg) and not re.search(r"增速|增幅|增长", fi.seg):
        return True  # a rate of growth asked (GDP增速), a share written (占GDP比重达到53%)
    if q.actual and (re.search(_TARGET_WORDS, fi.seg) or re.search(_TARGET_LEAD, fi.seg2)):
        return True  # a plan states targets, not what was actually achieved
    if re.search(r"新增|增加了?多少|多出", q.norm) and q.unit_hint != "percent" and _one_ask(q.norm) \
            and not re.search(r"新增|增加|新建|新培育|新认定|新开|引进|净增|增长|提高|提升|扩大|比|较", fi.seg2):
        return True  # an addition asked (新增多少家), a level written (达到350家)
    if _LEVEL_AFTER.search(q.norm) and _CHANGED.search(normalized(fi.fig.measure or "")):
        return True  # 提高到多少 asks the level reached; 每月提高25元 states the change
    if re.search(r"(?:比上年|比去年|同比|较上年)[^，,。？?]{0,4}(?:增长|增加|提高|上升|下降|减少|降低)了?多少", q.norm) \
            and _one_ask(q.norm) and fi.unit != "%" and not re.search(_CHANGE_STATED, fi.seg):
        return True  # a change on the year before asked (比上年增长多少), a level written (174吨)
    if "年度" in q.norm and not q.relative_only and "年度" not in fi.seg2 and "每年" not in fi.seg2:
        return True  # asked for a year's share of a total the phrase does not split
    if measure_terms is not None:
        item_terms = [t for t in ctx.terms if fi.item and fi.item in t]
        # the question's content words for this document that name a thing; when every thing
        # it names names the document (莫拉克台风灾后重建特别条例里特别预算…), there is no measure to check
        content = [t for t in ctx.content_terms(fi.doc.source.doc_id) if t in measure_terms]
        mt = [t for t in content if t not in item_terms and term_hit(t, fi.path) < 0.5]
        # the question names what the record measures (先行先试的区域): the words that say
        # which may lie anywhere in its sentence (…等8个区域…先行先试)
        text = fi.sent + " " + fi.seg2 if measure_named(q.norm, fi) or counts_later(fi) else fi.seg2
        if mt and coverage(mt, text, ctx.state.weights) < ctx.config.score_min_measure:
            return True  # what the question measures is not what this phrase measures
    return False


def _level_named(ctx: QueryContext, fi: FigureView) -> bool:
    """Whether the figure's own phrase names the question's last word right before the
    figure, as its level and not its change (远景开发强度控制在30%: 开发强度 is a share; not
    地区生产总值增长5.5% for GDP是多少)."""
    terms = [t for t in ctx.content_terms(fi.doc.source.doc_id) if len(t) >= 2]
    if not terms:
        return False
    seg, fig = fi.seg, normalized(fi.fig.text).lower()
    at, end = seg.rfind(terms[-1]), seg.find(fig)
    return 0 <= at < end and re.fullmatch(_LEVEL_WORDS, seg[at + len(terms[-1]):end]) is not None


# what may stand between a measure and its level (控制在, 稳定在, 保持, 为, 达到): no change
_LEVEL_WORDS = r"(?:要|应|将|需)?(?:控制在|稳定在|保持在?|维持在?|为|是|达到?|在)?"


# words of a target in a figure's own phrase; and the ones that set a whole sentence as targets
# (力争…, 主要预期目标是…) where the sentence opens: 深入实施…行动，…突破80%，…27微克 reports
_TARGET_WORDS = r"达到|控制|力争|确保|新增|实施|计划|突破|不低于|不少于|(?<!规模)以上|以内|左右"
_TARGET_LEAD = r"力争|确保|计划|预期|目标"


def _growth_target(norm: str, fi: FigureView) -> bool:
    """A target asked of what grows (增加值目标) that the figure's own phrase sets as that
    measure's growth (一产、二产、三产增加值分别增长5%左右…): the growth is the target."""
    m = re.search(r"(\w\w)的?(?:预期)?目标", norm)
    return bool(m) and bool(re.search(m.group(1) + r"[^，,；;。]{0,6}(增长|增速)", normalized(fi.seg)))


# a question asking the level a change reaches (提高到多少, 增至), and a record measuring a
# change (…标准提高 of 每月提高25元)
_LEVEL_AFTER = re.compile(r"(?:提高|提升|增加|增长|上调|下调|降低|下降|减少|扩大)(?:到|至)|增至|降至")
_CHANGED = re.compile(r"(?:提高|提升|增加|增长|上调|下调|降低|下降|减少|扩大|上升)$")


# a count made by a verb alone (建成20个以上、…，…的标杆社区): what it counts is named later
_MAKES = re.compile(r"(?:建成|建设|新建|培育|打造|新增|认定|引进|创建|布局|形成|建立|设立|组建|开展|举办)$")
_COUNTER = re.compile(r"^(?:个|家|所|座|项|场|处|条|支|批|名|期|届|类|种)$")


def counts_later(fi: FigureView) -> bool:
    """Whether the figure counts things its sentence names after it: its unit is a counter
    and its record's measure only the verb that makes them (全市建成)."""
    return bool(_COUNTER.match(fi.unit or "") and _MAKES.search(normalized(fi.fig.measure or "")))


# words that state a change (增长5%, 比上年减产849吨), not a level
_CHANGE_STATED = r"增长|增加|提高|上升|上涨|下降|减少|降低|减产|增产|回落|比上年|同比|较上年|增减|±"


def _one_ask(norm: str) -> bool:
    """The question asks for one figure (not A和B分别多少: 新增 may be another part's)."""
    return not re.search(r"分别|各", norm) and len(re.findall(r"多少|几", norm)) <= 1


def _score_figure(ctx: QueryContext, fi: FigureView, outside: bool) -> Scored | None:
    """One figure's score (None: the text gives it for another year)."""
    q, w, weights, terms = ctx.question, ctx.config, ctx.state.weights, ctx.terms
    content, naming = ctx.split_terms(fi.doc.source.doc_id)
    cov_ctx = coverage(content, fi.ctx, weights, naming, w.score_naming_share)
    cov_sent = coverage(content, fi.sent, weights, naming, w.score_naming_share)
    # 对全年登记数据产品达10个以上的，给予最高3万元…: a grant's phrase is read with the condition before it
    seg = fi.seg2 if _GRANT.match(fi.seg) else fi.seg
    cov_seg = coverage(content, seg, weights, naming, w.score_naming_share)
    score = w.score_figure_context * cov_ctx + w.score_figure_sentence * cov_sent + w.score_figure_phrase * cov_seg
    for n in q.numbers:  # a figure the question quotes (过10亿元项目) pins the phrase
        score += w.score_quoted_number if n in fi.seg else 0.0
    if q.relative and "年度" in fi.seg:
        score += w.score_year_share  # 今年/当年 asks for the year's own figure (年度计划投资)
    if outside:
        score -= w.score_outside_heading  # the question names a heading; the answer should lie under it
    if q.delta or q.base_years:
        score += w.score_change_phrase if re.search(r"比(19|20)\d{2}年|比上年|同比", fi.seg) else -w.score_no_change_phrase
    for y in q.base_years:
        if f"比{y}年" in fi.seg:
            score += w.score_base_year
    if ctx.hist_terms:
        score += w.score_figure_history * coverage(ctx.hist_terms, fi.ctx, weights)
    item = fi.item
    if item:
        # named by a term, or by the terms written together (低保 标准 name 低保标准)
        score += w.score_item if item in "".join(terms) or [t for t in terms if item in t] else -w.score_item
    if q.hint_word and q.unit_hint == "percent" and q.hint_word in fi.seg:
        score += w.score_hint_word  # the word that says what kind of figure is asked (增速, 比重…)
    score += unit_fit(q.unit_hint, fi.unit)
    score += rank_bonus(ctx, fi)
    derived = None
    if q.derive and q.years:
        derived = derive_earlier(fi, q.years)
        if derived is None:
            return None
        score += w.score_derived
    elif q.years:
        # 按2015年公报，2014年…: a figure of one year asked for the year before that its
        # sentence gives the change from (比上年增加)
        earlier = tuple(y for y in q.years if fi.years and y < min(fi.years))
        derived = derive_earlier(fi, earlier) if earlier and len(q.years) > 1 else None
        if derived is not None:
            score += w.score_derived
        elif any(y in fi.years for y in q.years):
            score += w.score_year
        else:
            derived = derive_earlier(fi, q.years)
            if derived is None:
                if fi.years:
                    return None  # the text gives this figure for another year
                score -= w.score_no_year
    return Scored(score, fi, derived=derived)


def score_duties(ctx: QueryContext) -> list[Scored]:
    """The responsibility lists in scope, best match first."""
    w, weights = ctx.config, ctx.state.weights
    out = []
    for d in (d for v in ctx.state.in_scope(ctx.scope) for d in v.duties):
        terms, naming = ctx.split_terms(d.duty.doc_id)
        score = w.score_duty_task * coverage(terms, d.head, weights, naming, w.score_naming_share) \
            + w.score_duty_clause * coverage(terms, d.head + d.body, weights, naming, w.score_naming_share)
        if ctx.hist_terms:
            score += w.score_duty_history * coverage(ctx.hist_terms, d.head + d.body, weights)
        r = ctx.rank.get(d.clause.id)
        if r is not None:
            score += w.score_duty_rank / (1 + r)
        out.append(Scored(score, d))
    out.sort(key=lambda s: -s.score)
    return out


# a grant's verb opening its phrase (给予最高3万元…; 奖励5万元), not a noun (补贴期限不超过3年)
_GRANT = re.compile(r"\s*(?:并|再|可|均|一次性)?(?:给予|予以|发放|(?:奖励|补助|补贴|资助)(?=[\d最不每按一]))")


def rank_bonus(ctx: QueryContext, fi: FigureView) -> float:
    """The share of a figure's score its clause's search rank gives (``score_figure_rank``)."""
    r = min((ctx.rank[c] for c in ancestors(fi.clause.id) if c in ctx.rank), default=None)
    return ctx.config.score_figure_rank / (1 + r) if r is not None else 0.0


def ancestors(clause_id: str) -> list[str]:
    """The clause's id and those of the clauses above it, innermost first."""
    parts = clause_id.split("/")
    return ["/".join(parts[:i]) for i in range(len(parts), 1, -1)]


def unmatched(ctx: QueryContext, terms: Sequence[str], fi: FigureView) -> bool:
    """The question names something specific the figure's heading path and phrase never mention."""
    item = fi.item
    terms = [t for t in terms if not (item and item in t)]
    text = fi.ctx + " " + fi.seg + " " + item_group(fi)  # 化 of “化机”: 化工和新材料产业
    return unmatched_text(ctx, terms, text, doc_id=fi.doc.source.doc_id) \
        or other_kind(ctx.question.norm, ctx.content_terms(fi.doc.source.doc_id, terms),
                      normalized(text))  # 生活补贴 of a title the question repeats asks no kind


# the nouns that head a measure of money or output, which the word before them specifies
# (消费支出, 住房支出; 安居补贴, 生活补贴)
_KIND_HEAD = re.compile(r"支出|收入|补贴|补助|奖励|资助|费用|保费|产量|贷款|存款")


def other_kind(norm: str, terms: Sequence[str], text: str) -> bool:
    """The question asks a kind of a measure ``text`` (a figure's heading, sentence and phrase)
    never names: 住房支出 asked, only 消费支出 or 可支配收入 written; 生活补贴 asked, 安居补贴
    written (the word that says which kind is missing)."""
    return any(len(kind) >= 2 and kind + head in norm and kind not in text and _KIND_HEAD.fullmatch(head)
               for kind, head in zip(terms, terms[1:], strict=False))


def unmatched_text(ctx: QueryContext, terms: Sequence[str], text: str, limit: float | None = None,
                   doc_id: str | None = None) -> bool:
    """The question names something specific ``text`` never mentions: the missing terms
    weigh more than ``limit`` (default ``score_unmatched_share``) of all. Words that name
    the document (``doc_id``'s, else those in scope) are not required."""
    weights = ctx.state.weights
    terms = ctx.content_terms(doc_id, terms) if terms else terms
    limit = ctx.config.score_unmatched_share if limit is None else limit
    miss = [t for t in missing_terms(list(terms), text) if weights.df(t) or is_thing(t)]
    if not miss:
        return False
    quoted = re.findall(r"[“\"「『]([^”\"」』]{1,16})[”\"」』]", ctx.question.norm)
    if any(t in x for t in miss for x in quoted):
        return True  # the question quotes the name of what it asks about (“四新”)
    total = sum(weights.idf(t) for t in terms) or 1.0
    lost = sum(weights.idf(t) for t in miss)
    return lost / total > limit


def said_elsewhere(ctx: QueryContext, fi: FigureView) -> bool:
    """The question names a place (``ctx.places``) that is neither the figure's document's
    place nor named where the figure is stated: the figure is another place's."""
    src = fi.doc.source
    own = " ".join(x for x in (src.place, src.title, src.label) if x).lower()
    # the phrase that states the figure (or its heading) must say it is that place's: a
    # sentence can name a place only to learn from it (学标对标张家港市, …GDP突破1000亿元)
    return any(p not in own and not _names_place(p, fi.seg) and not _names_place(p, fi.path)
               and not written_around(p, ctx.question.norm, fi.sent) for p in ctx.places)


def _names_place(place: str, text: str) -> bool:
    """``text`` names ``place`` itself, not an area named after it (兰州新区, 苏州工业园区)."""
    return any(not re.match(r"(新区|开发区|高新区|工业园区|园区|港区|片区|自贸区)", text[m.end():])
               for m in re.finditer(re.escape(place), text))


# the ending of a word for what a figure measures (出口额, 产量, 覆盖率, 人数, 规模…)
_MEASURE = re.compile(r"(额|量|率|数|值|比重|占比|规模|收入|面积|人次)$")


def unknown_measure(ctx: QueryContext) -> str | None:
    """A word for what the question measures (出口额) that no document in scope uses, nor
    any two characters of it: no figure there measures it, whatever else the question's
    words match."""
    texts = [v.text for v in ctx.state.in_scope(ctx.scope)]
    for t in ctx.content_terms(None):
        if len(t) >= 3 and _MEASURE.search(t) and not any(term_hit(t, x) > 0 for x in texts):
            return t
    return None
