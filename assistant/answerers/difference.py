"""``A比B高出多少``: two items measured the same way, subtracted, the computation shown."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, in_script, subject_of
from assistant.figures import item_label, with_basis
from assistant.groups import (
    contrasted_terms,
    named_items,
    per_subject,
    respective_group,
    subjects_of,
)
from assistant.magnitudes import common_unit
from assistant.question import DIFFERENCE
from assistant.scoring import Scored

if TYPE_CHECKING:
    from assistant.context import QueryContext


class DifferenceAnswerer:
    name = "difference"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q = ctx.question
        if not re.search(DIFFERENCE, q.norm) and not MINUS.search(q.norm) and not GAP.search(q.norm):
            return None
        from assistant.answerers.comparison import (
            across_documents,
            apart,
            compared_value,
            over_time,
        )

        if q.base_years:
            # 2026年的目标比2025年实际高多少: one measure in the two years; a change the text
            # states (比2025年增加) is the figure's, not computed here
            over = [] if re.search(r"增加|增长|提高|新增|减少|下降|降低", q.norm) else over_time(ctx)
            if not over:
                return None
            where = f"{ctx.state.place(over[0][1].item.doc)}："
            return _two(ctx, sorted(over, key=lambda p: -p[1].item.fig.value), where)

        across = across_documents(ctx)
        if across is None and not re.search(r"增加|增长了|提高|新增|减少|下降|降低", q.norm):
            over = over_time(ctx)  # 今年的目标比去年实际低多少
            if over:
                return _two(ctx, sorted(over, key=lambda p: -p[1].item.fig.value),
                            f"{ctx.state.place(over[0][1].item.doc)}：")
        if across is not None and (across.missing or across.mixed):
            return apart(ctx, across, "相减")
        if across is not None and len(across.picks) == 2:
            # two documents: the larger less the smaller, in the words 高/多 of either
            unit = common_unit([x.item.unit for _, x in across.labelled()])
            pair = sorted(across.labelled(), key=lambda p: -compared_value(p[1], unit))
            where = ""
        else:
            pair = ordered_pair(ctx.but(hist_terms=()))
            if pair is None:
                return None
            where = f"{ctx.state.place(pair[0][1].item.doc)}："
        return _two(ctx, pair, where)


def _two(ctx: QueryContext, pair: list[tuple[str, Scored]], where: str) -> Answer:
    """The first of ``pair`` less the second, both stated and cited, the computation shown."""
    from assistant.answerers.comparison import compared_value, difference

    q = ctx.question
    (la, a), (lb, b) = pair
    unit = common_unit([a.item.unit, b.item.unit])
    less = compared_value(a, unit) < compared_value(b, unit)  # 进口减出口: the first is the smaller
    v, unit, computation = difference(*((b, a) if less else (a, b)))  # percentages differ by 个百分点
    word = ("低" if less else "高") if where == "" or unit == "个百分点" else ("少" if less else "多")
    text = (f"{where}{la}为{with_basis(a.item)}，{lb}为{with_basis(b.item)}，"
            f"{la}比{lb}{word}{v}{unit}（{computation}）。")
    cits = tuple(cite(p.item.doc, p.item.clause, *p.item.fig.clean_span, highlight=(p.item.fig.text,)) for p in (a, b))
    return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits,
                  figures=(f"{v}{unit}",), type="derived", computation=computation)


def ordered_pair(ctx: QueryContext) -> list[tuple[str, Scored]] | None:
    """The two items the question names with their figures, in the order it names them
    (the first is the minuend of a difference, the numerator of a ratio)."""
    pairs = _pairs(ctx)
    return None if pairs is None else sorted(pairs, key=lambda p: _position(ctx, *p))


def _pairs(ctx: QueryContext) -> list[tuple[str, Scored]] | None:
    """The two items with their figures: named by the question, two headings it names, or
    two items of one ``分别`` list."""
    named = named_items(ctx)
    if len(named) == 2:
        return [(label, x) for label, x in named]
    if len(subjects_of(ctx)) == 2:
        picks = per_subject(ctx)
        if len(picks) == 2:
            return [(subject_of(x.item.clause, ctx.state.clause), x) for x in picks]
    picks = [x for x in respective_group(ctx)
             if any(item_label(x.item) and (item_label(x.item) in t or t in item_label(x.item)) for t in ctx.terms)]
    if len(picks) == 2:
        return [(item_label(x.item), x) for x in picks]
    for items in contrasted_terms(ctx.question.norm, ctx.terms) + _subtracted(ctx.question.norm, ctx.terms):
        named = named_items(ctx, items)
        if len(named) == 2:
            return named
    return None


# A和B差几个点 / 相差几个百分点: the gap between two items, with no 比
GAP = re.compile(r"差几个?(?:百分)?点|相差几")
# A减B (出口减进口): a subtraction the question asks for itself, not 减少/减税/减排…
MINUS = re.compile(r"(?<![削缩裁递增消])减(?:去|掉)?(?![少排税免量负持半轻缓速弱低])")


def _subtracted(norm: str, terms: tuple[str, ...]) -> list[list[str]]:
    """The two items of ``A减B``: the last word before 减, the first after it."""
    m = MINUS.search(norm)
    if not m:
        return []
    left = sorted((t for t in terms if norm.rfind(t, 0, m.start()) >= 0 and norm.rfind(t, 0, m.start()) + len(t) <= m.start()),
                  key=lambda t: norm.rfind(t, 0, m.start()) + len(t))
    right = sorted((t for t in terms if norm.find(t, m.end()) >= 0), key=lambda t: norm.find(t, m.end()))
    return [[left[-1], right[0]]] if left and right and left[-1] != right[0] else []


def _position(ctx: QueryContext, label: str, x: Scored) -> int:
    """Where the question first names the item (by its label or its heading's words)."""
    norm = ctx.question.norm
    keys = [label] + [w for c, ws in ctx.state.heads.of_doc.get(x.item.clause.doc_id, ())
                      if x.item.clause.id.startswith(c.id + "/") for w in ws]
    found = [norm.find(k) for k in keys if k and k in norm]
    return min(found) if found else 99
