"""Binding each figure to its own subject: of the figures a question could be answered
with, the ones a sentence states for another subject than the one asked (a sibling in a
分别 list, a group beside its member, a part written with 其中, an addition beside a level,
another age band) lose score or are left out. ``assistant.scoring`` applies it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.ages import asked_age, covers, rule_age
from assistant.figures import FigureView, normalized

if TYPE_CHECKING:
    from assistant.context import QueryContext

Pair = tuple[float, FigureView]  # a candidate's score and its figure


def rebind(ctx: QueryContext, scored: list[Pair]) -> list[float | None]:
    """Each candidate's score after binding (None: left out), in the order given."""
    bound = _bound(ctx, scored)
    return _of_age(ctx, [(b, fi) for b, (_, fi) in zip(bound, scored, strict=True)])


def _of_age(ctx: QueryContext, scored: list[Pair]) -> list[float | None]:
    """The age a question states is its subject (35岁到45岁之间的人…费率): a figure whose own
    phrase is said of an age band that covers it gains ``score_item``; one said of another
    band is left out; when a document has a figure of the band asked, its figures said of
    no age lose ``score_group_member`` (年缴费费率…各为0.15% is not the 35–45 band's)."""
    asked = asked_age(ctx.question.norm)
    if asked is None:
        return [score for score, _ in scored]
    w = ctx.config
    bands = {i: rule_age(fi.seg) for i, (_, fi) in enumerate(scored) if not fi.unit.endswith("岁")}
    fits = {fi.doc.source.doc_id for i, (_, fi) in enumerate(scored) if bands.get(i) and covers(bands[i], asked)}
    out: list[float | None] = []
    for i, (score, fi) in enumerate(scored):
        band = bands.get(i)
        if band is not None and covers(band, asked) is False:
            out.append(None)  # another age band's figure
        elif band is not None and covers(band, asked):
            out.append(score + w.score_item)
        elif i in bands and fi.doc.source.doc_id in fits:
            out.append(score - w.score_group_member)
        else:
            out.append(score)
    return out


def _bound(ctx: QueryContext, scored: list[Pair]) -> list[float]:
    """Binding within a sentence: the question's words a figure's own measure names
    (``bound_terms``). A figure loses ``score_figure_measure`` × the share of the words a
    sibling of its sentence binds beyond all of its own (城乡居民基础养老金、低保标准每月分别
    提高25元、50元: 低保 asked, 25元 loses), and ``score_group_member`` when it is a group's
    whose list only names a member that a sibling binds (…锂电新能源、生物医药…等八大重点产业
    增长9.6%，其中锂电新能源产业增长91.6%) or a part written with 其中 after its whole when
    the question names the whole (``part_of_earlier``), and ``score_figure_measure`` when it is an
    addition (新增运营里程30公里) beside a level (总里程达909公里) and the question asks no
    addition, its unit is not the one the question asks in (多少公里) and a sibling's is,
    or it is a level beside its change when the question it follows asked a change. Penalties only: no figure passes a threshold it did not pass before."""
    w, weights = ctx.config, ctx.state.weights
    added = bool(_ADDED.search(ctx.question.norm))
    conv = ctx.conversation
    # 覆盖率提高多少？那核心产业营业收入呢？: a follow-up that names no measure asks what the
    # question it follows asked, a change (a question's own wording has its own hints)
    change = bool(conv is not None and conv.used and conv.user and _CHANGE_ASKED.search(conv.user[-1])
                  and not _ASKS.search(ctx.question.norm))
    asked = _ASKED_UNIT.search(ctx.question.norm)
    per = asked.group(1) if asked else ""  # the unit the question asks its figure in
    by_sentence: dict[tuple[str, str], list[int]] = {}
    for i, (_, fi) in enumerate(scored):
        by_sentence.setdefault((fi.doc.source.doc_id, fi.fig.sentence), []).append(i)
    out = [score for score, _ in scored]
    for members in by_sentence.values():
        if len(members) < 2:
            continue
        fi0 = scored[members[0]][1]
        said = [t for t in ctx.split_terms(fi0.doc.source.doc_id)[0] if t in fi0.sent and not FREQUENCY.fullmatch(t)]
        total = sum(weights.idf(t) for t in said) or 1.0
        bound = {i: bound_terms(said, scored[i][1]) for i in members}
        for i in members:  # 60亿元，年均增长12%以上: a bare change measures what was said before it
            before = [j for j in members if scored[j][1].fig.clean_span[0] < scored[i][1].fig.clean_span[0]]
            if before and _BARE_CHANGE.fullmatch(own_measure(scored[i][1])):
                bound[i] = bound[i] | bound[max(before, key=lambda j: scored[j][1].fig.clean_span[0])]
        for i in members:
            more = [bound[j] - bound[i] for j in members if bound[j] > bound[i]]
            lost = max((sum(weights.idf(t) for t in extra) for extra in more), default=0.0) / total
            penalty = w.score_figure_measure * lost
            if any(in_group_only(list(bound[j] - bound[i]), scored[i][1]) for j in members if j != i):
                penalty += w.score_group_member
            if part_of_earlier(ctx.question.norm, scored[i][1], [scored[j][1] for j in members if j != i]):
                penalty += w.score_group_member  # …限额1,000元，其中护理耗材费…限额300元: the whole asked
            unit = scored[i][1].unit
            if per and not unit.endswith(per) and any(scored[j][1].unit.endswith(per) for j in members):
                penalty += w.score_figure_measure  # 多少公里 asked: 开通3条…新增…30公里
            if change and not _CHANGED.search(own_measure(scored[i][1])) and any(
                    bound[j] >= bound[i] and _CHANGED.search(own_measure(scored[j][1])) for j in members if j != i):
                penalty += w.score_figure_measure  # a change asked: 60亿元 beside its 年均增长12%以上
            if not added and _ADDED.search(own_measure(scored[i][1])) \
                    and any(bound[j] and not _ADDED.search(own_measure(scored[j][1])) for j in members):
                penalty += w.score_figure_measure  # 总里程 asked: 新增运营里程30公里，总里程达909公里
            out[i] -= penalty
    return out


# a measure that names only a change (年均增长, 比上年增长, 同比下降): of the figure before it
_BARE_CHANGE = re.compile(r"(?:年均|同比|环比|比上年|较上年)?(?:增长|增加|下降|提高|降低|减少|上升|回落)")


# a question asking how much something changes, and a measure that is a change
_CHANGE_ASKED = re.compile(r"(?:提高|提升|增长|增加|下降|降低|减少|上涨|涨)了?(?:多少|几)|增速|增幅|涨幅")
_CHANGED = re.compile(r"(?:增长|增加|下降|提高|提升|降低|减少|上升|回落|上涨)$")
_ASKS = re.compile(r"多少|几|多大|多高|增速|增幅|涨幅|比重|比例")


# 多少公里, 几亩: the unit written after the question's 多少
_ASKED_UNIT = re.compile(r"(?:多少|几)(公里|千米|平方米|平方公里|亩|公顷|吨|千瓦|万千瓦|小时|天)")


# what was added (新增运营里程30公里) rather than the level reached (总里程达909公里)
_ADDED = re.compile(r"新增|新开|新建|净增|增加了?|多了")


# a figure's time, not its subject (每年发放…算力券 and 同一企业每年…金额 are both yearly)
FREQUENCY = re.compile(r"每年|每月|每日|每天|年度|当年|全年")


def bound_terms(terms: Sequence[str], fi: FigureView) -> frozenset[str]:
    """The terms the figure's own measure writes, as they are (not by similarity)."""
    measure = own_measure(fi)
    return frozenset(t for t in terms if t in measure)


# a list of members closed by the group they make up (A、B、C…等八大重点产业, A、B和C等行业)
_GROUP = re.compile(r"[^，,；;：:。（）()]{1,14}(?:[、和及与][^，,；;：:。、（）()]{1,14}){2,}等")


def in_group_only(terms: Sequence[str], fi: FigureView) -> bool:
    """Whether a question's term is written in the figure's phrase only as one member of a
    list that makes up a group (锂电新能源 in 锂电新能源、生物医药…等八大重点产业), while the
    figure's own measure does not name it: the figure is the group's, not that member's."""
    lists = [m.group(0) for m in _GROUP.finditer(fi.seg)]
    if not lists:
        return False
    measure = own_measure(fi)
    return any(len(t) >= 2 and t not in measure and any(t in x for x in lists)
               and t not in _GROUP.sub(" ", fi.seg) for t in terms)


def part_of_earlier(norm_q: str, fi: FigureView, siblings: list[FigureView]) -> bool:
    """Whether the figure is a part written with 其中 after the whole it is part of, in
    the same words plus its own (…基金最高支付限额为职工参保人员每人每月1,000元，其中护理耗材费
    基金最高支付限额为…300元), and the question does not name the part (most of the words it
    adds are missing from the question)."""
    if not fi.seg.startswith("其中"):
        return False
    mine = own_measure(fi)
    for x in siblings:
        whole = own_measure(x)
        if len(whole) < MIN_SHARED or whole not in mine or x.fig.clean_span[0] >= fi.fig.clean_span[0]:
            continue
        extra = mine.replace(whole, "")
        grams = [extra[k:k + 2] for k in range(len(extra) - 1)]
        if grams and sum(g in norm_q for g in grams) * 2 < len(grams):
            return True
    return False


MIN_SHARED = 4  # a whole's measure this long, written again in its part's, is the same measure


def own_measure(fi: FigureView) -> str:
    """The record's measure, normalised: the words bound to this figure alone."""
    return normalized(fi.fig.measure or "").lower()
