"""One figure from each document a question names (北京和河北…哪个高), of the period the
question asks about read in each document (今年: each report's own year), and of one
period for all when it names none; a document without the figure of that period is named
as missing, never answered with a figure of another period."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from assistant.figures import FigureView, measure_words, normalized, similar
from assistant.magnitudes import common_unit
from assistant.periods import UNKNOWN, Period, asked_period, asked_years, figure_period, fit
from assistant.scoring import Scored, score_figures, unmatched
from assistant.terms import is_thing

if TYPE_CHECKING:
    from assistant.context import QueryContext

_LOOKED = 12  # candidates of one document weighed for their period, best first
# how a document names its whole area (地区生产总值, 全省生产总值, 全市…): one measure
_FRAMING = frozenset({"目标", "目标值", "实际", "实际值", "预期", "计划", "完成", "完成值"})
_WHOLE_AREA = frozenset({"地区", "全省", "全市", "全区", "全县", "全州", "全盟", "本省", "本市", "本区", "本县"})


@dataclass(frozen=True)
class DocumentFigures:
    """The figures picked, one per document the question names.

    Attributes:
        picks: (the document's place or label, its figure, the figure's period), in the
            order the question names the documents.
        missing: (the place or label, the asked period, the best figure of another period
            or None) for documents that give the measure only for another period.
        asked: the period asked in the first document (UNKNOWN when none is asked).
        rivalled: some document has another figure of the same period and unit, of another
            value, scoring within ``score_period_margin`` of its pick (which one is meant
            is not clear).
    """

    picks: tuple[tuple[str, Scored, Period], ...] = ()
    missing: tuple[tuple[str, Period, Scored | None], ...] = ()
    asked: Period = UNKNOWN
    rivalled: bool = False

    @property
    def mixed(self) -> bool:
        """The figures picked are of periods known to differ (a year's target against a plan's
        yearly average or last year's actual)."""
        known = [p for _, _, p in self.picks if p.known]
        return any(not p.same(known[0]) for p in known[1:])

    def labelled(self) -> list[tuple[str, Scored]]:
        return [(label, x) for label, x, _ in self.picks]


def per_document(ctx: QueryContext) -> DocumentFigures:
    """One figure from each document the question names, measured alike and of one period;
    empty unless every document uses the question's words and one of them answers."""
    docs = ctx.question.docs
    used = {d: ctx.state.doc_terms(ctx.terms, d) for d in docs}
    # phrasing (更高, 加起来) and words no document named uses (盘子, 额度) ask nothing of one
    aside = {t for t in ctx.terms if not is_thing(t) or not any(t in used[d] for d in docs)}
    # phrasing only some of them happen to use (加起来's 起来) weighs no figure
    odd = {t for t in aside if any(t in used[d] for d in docs) and not all(t in used[d] for d in docs)}
    spans = _spans(ctx, docs)
    found: list[tuple[str, list[Scored], Period]] = []
    for d in docs:
        label, ranked, asked = _ranked(ctx, d, used[d], aside, odd)
        if ranked is None:
            # a document lacks a word of the question: named as missing when the question asks
            # it of that document in so many words (郑州的研发资助), else each names its own
            # subject (东营精品旅游和滕州文旅产业) and no figure is set against another
            if not any(t in spans[d] and t not in used[d] and t not in aside for t in ctx.terms):
                return DocumentFigures()
            ranked = []
        found.append((label, ranked, asked))
    if not any(ranked for _, ranked, _ in found):
        return DocumentFigures()
    picks, missing, rivalled = [], [], False
    for label, ranked, asked in found:
        best = _best(ranked, asked, slack=ctx.config.score_period_margin)
        if best is None:
            missing.append((label, asked, ranked[0] if ranked else None))
            continue
        period = figure_period(best.item)
        picks.append((label, best, period))
        rivalled = rivalled or _rivalled(best, period, ranked, ctx.config.score_period_margin)
    out = DocumentFigures(tuple(picks), tuple(missing), found[0][2], rivalled)
    if not missing and out.mixed and not out.asked.known:
        out = _aligned(ctx, found) or out
    if out.picks and common_unit([x.item.unit for _, x, _ in out.picks]) is None:
        return DocumentFigures()  # of different kinds (5.2万亿元 and 67665亿元 are one kind)
    return out


def _spans(ctx: QueryContext, docs: tuple[str, ...]) -> dict[str, str]:
    """The words the question writes after each document's place, up to the next one's."""
    norm = ctx.question.norm
    at = {}
    for d in docs:
        place = re.sub(r"(市|县|区|省|自治区)$", "", ctx.state.place(ctx.state.document(d)) or "")
        i = norm.find(place) if len(place) >= 2 else -1
        at[d] = (i, i + len(place))
    starts = sorted(i for i, _ in at.values() if i >= 0)
    out = {}
    for d, (i, j) in at.items():
        if i < 0:
            out[d] = ""
            continue
        out[d] = norm[j:next((k for k in starts if k > i), len(norm))]
    # 东营和滕州的GDP年均增速: a place joined to the next by 和 alone shares the words after it
    for d in sorted((d for d in docs if at[d][0] >= 0), key=lambda d: -at[d][0]):
        if re.fullmatch(r"[和与及、跟同]", out[d]):
            after = min((k for k in starts if k > at[d][0]), default=-1)  # none: the question ends on 和
            nxt = next((e for e in docs if at[e][0] == after), None)
            out[d] += out.get(nxt, "")
    return out


def _ranked(ctx: QueryContext, d: str, used: list[str], aside: set[str],
            odd: set[str]) -> tuple[str, list[Scored] | None, Period]:
    """The document's place or label, its figures that could answer (best first; None when
    the document lacks a word of the question that another document named uses), and the
    period asked in it."""
    state = ctx.state
    doc = state.document(d)
    label = state.place(doc) or doc.source.label
    asked = asked_period(ctx.question, doc.source)
    if not used or any(t not in used and t not in aside for t in ctx.terms):
        return label, None, asked  # a place answers only by leaving out words the question asks with
    # 地区生产总值 is a province's 全省生产总值: the word for the whole area weighs nothing
    terms = tuple(t for t in used if t not in odd and t not in _WHOLE_AREA) or tuple(used)
    # the period is weighed by its own rule below, not by the scoring's years (a report's
    # 过去一年 figure is dated by the report's year there)
    one = ctx.but(terms=terms, scope=(d,))
    ranked = _passing(one, terms)
    if asked.one_year and not any(fit(figure_period(x.item), asked) for x in ranked):
        # none that may be of the asked year: 去年 scored as the year it means here (2025), or
        # 2025年 scored without the year the parser dated a 过去一年 figure by (the report's)
        years = () if ctx.question.years else (asked.one_year,)
        ranked = _passing(one.but(question=replace(ctx.question, years=years)), terms)
    return label, _by_measure(ranked, terms, ctx.config.score_period_margin), asked


def _passing(one: QueryContext, terms: tuple[str, ...]) -> list[Scored]:
    """The document's figures scoring at least ``score_min_figure`` that hold ``terms``."""
    return [x for x in score_figures(one)[:_LOOKED] if x.derived is None
            and x.score >= one.config.score_min_figure and not unmatched(one, terms, x.item)]


def _by_measure(ranked: list[Scored], terms: tuple[str, ...], margin: float) -> list[Scored]:
    """Those of the best's unit within ``margin`` of it first, the ones whose own phrase holds more of
    the question's words before the others (一般公共预算收入增长2%左右 before 地区生产总值增长
    5%以上 when a list of targets opens with 主要预期目标是 and so scores alike)."""
    if not ranked:
        return ranked
    top = ranked[0].score

    def held(x: Scored) -> int:
        phrase = normalized(x.item.seg).lower()
        return sum(len(t) for t in terms if t in phrase)

    unit = ranked[0].item.unit
    near = [x for x in ranked if x.score >= top - margin and x.item.unit == unit]
    return sorted(near, key=held, reverse=True) + [x for x in ranked if x not in near]


def _rivalled(best: Scored, period: Period, ranked: list[Scored], margin: float) -> bool:
    """Another figure of the document, phrased alike (创业者 or 主体 的创业担保贷款), of the same
    unit and period and of another value, scores within ``margin`` of ``best``."""
    return any(y is not best and y.score >= best.score - margin and y.item.unit == best.item.unit
               and y.item.fig.value != best.item.fig.value and fit(figure_period(y.item), period) > 0
               and similar(y.item.key, best.item.key) >= 0.45 for y in ranked)


def _best(ranked: list[Scored], asked: Period, margin: float | None = None, slack: float = 0.2) -> Scored | None:
    """The best figure of the asked period (of one not known when none is of it); with
    ``margin``, only the asked period's, within ``margin`` of the best score; without, one of
    another unit than the best undated one only within ``slack`` of it."""
    if not ranked:
        return None
    fits = [(fit(figure_period(x.item), asked), x) for x in ranked]
    if margin is not None:
        top = ranked[0].score
        return next((x for f, x in fits if f == 2 and x.score >= top - margin), None)
    unknown = next((x for f, x in fits if f == 1), None)
    # one dated the asked year, unless far below one not dated at all of another unit (人均
    # GDP 69876元 undated, above the year's 2.53平方米 of something else)
    dated = next((x for f, x in fits if f == 2 and (unknown is None or x.item.unit == unknown.item.unit
                                                     or x.score >= unknown.score - slack)), None)
    return dated or unknown


def _aligned(ctx: QueryContext, found: list[tuple[str, list[Scored], Period]]) -> DocumentFigures | None:
    """With no period asked and the best figures of different periods: one figure of each
    document of a period they all give (the first document's best's first), if any."""
    margin = ctx.config.score_period_margin
    periods: list[Period] = []
    for _, ranked, _ in found:
        p = figure_period(ranked[0].item)
        if p.known and not any(p.same(o) for o in periods):
            periods.append(p)
    for p in periods:
        picks = [(label, _best(ranked, p, margin)) for label, ranked, _ in found]
        if all(x is not None for _, x in picks):
            return DocumentFigures(tuple((label, x, p) for label, x in picks if x is not None))
    return None


def period_note(fi: FigureView, period: Period) -> str:
    """How an answer says which period a figure belongs to: （今年）, （“十五五”时期年均）."""
    if not period.known:
        return ""
    label = period.label or (f"{period.first}年" if period.first == period.last else f"{period.first}—{period.last}年")
    if period.average and "年均" not in label:
        label += "年均"
    return f"（{label}）"


def missing_text(ctx: QueryContext, label: str, asked: Period, other: Scored | None) -> str:
    """``label``没有给出<asked>的<measure>, and which period the figure it gives belongs to."""
    when = asked.label or ""
    if other is not None:
        text = f"{label}的文件中没有找到{when + '的' if when else ''}{measure_words(other.item)}"
    else:
        terms = ctx.content_terms(None)
        doc = next((d for d in ctx.question.docs if label in (ctx.state.place(ctx.state.document(d)),
                                                               ctx.state.document(d).source.label)), None)
        absent = [t for t in terms if doc and t not in ctx.state.doc_terms([t], doc)]
        # name only words the document lacks; when it writes them all, the figure is what it lacks
        text = f"{label}的文件中没有找到{'、'.join(absent[:2])}" if absent or not doc else \
            f"{label}的文件没有给出{when + '的' if when else ''}{''.join(terms[:3])}的数字"
    if other is not None:
        text += f"（文件给出的{other.item.fig.text}属于{period_note(other.item, figure_period(other.item)).strip('（）') or '其他时期'}）"
    return text



def per_period(ctx: QueryContext) -> list[tuple[str, Scored, Period]]:
    """One figure of the measure asked for each of the two single years the question names
    in its one document (2026年的目标比2025年实际高还是低; 今年比去年), each dated that year
    by its own rule; empty unless both are found, of one unit."""
    docs = ctx.question.docs or ctx.scope
    if len(docs) != 1:
        return []
    doc = ctx.state.document(docs[0])
    years = asked_years(ctx.question, doc.source)
    if len(years) != 2:
        return []
    used = ctx.state.doc_terms(ctx.terms, docs[0])
    # 目标 and 实际 say which of the two years' figures is meant, not what is measured
    terms = tuple(t for t in used if t not in _WHOLE_AREA and t not in _FRAMING and is_thing(t)) or tuple(used)
    if not terms:
        return []
    one = ctx.but(terms=terms, scope=(docs[0],), hist_terms=(),
                  question=replace(ctx.question, years=(), base_years=(), delta=False, actual=False))
    ranked = _passing(one, terms)
    out = []
    for p in years:
        x = next((x for x in ranked if fit(figure_period(x.item), p) == 2), None)
        if x is None:
            return []
        out.append((p.label or f"{p.one_year}年", x, p))
    if len({x.item.unit for _, x, _ in out}) > 1 or out[0][1] is out[1][1]:
        return []
    return out
