"""What a figure question says beside what it measures: a programme it names in quotes
(“千人百家”工程: where to look), the unit of measure it asks the figure in (多少亿斤), names
the segmenter cut (唐山港 as 唐/山港) that a figure must be of, and a unit a figure is taken
per (万元GDP能耗 is no answer about GDP)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.figures import FigureView, normalized
from assistant.match import SYNONYMS
from assistant.terms import as_asked

if TYPE_CHECKING:
    from assistant.context import QueryContext

# a programme named in quotes (“千人百家”工程, "双千"计划), not a quoted period (“十四五”期间)
KINDS = ("工程", "计划", "行动", "项目", "专项", "活动")
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,12})[”\"」』](?=[^，,。？?“\"]{0,4}?(?:" + "|".join(KINDS) + "))")


def quoted_names(norm_q: str) -> tuple[str, ...]:
    """The programmes the question names in quotes (千人百家 of “千人百家”工程)."""
    return tuple(m.group(1) for m in _QUOTED.finditer(norm_q))


# a unit of measure the question asks the figure in (多少亿斤, 几万千瓦时, 多少公里)
_ASKED_UNIT = re.compile(r"(?:多少|几)[万亿千百]?(斤|吨|千瓦时|千瓦|公里|平方米|立方米|人次|标准箱|标箱)")


def other_unit(norm_q: str, unit: str) -> bool:
    """Whether the question asks the figure in a unit of measure (多少亿斤) that the figure
    is not written in (万吨): a figure in another unit is not the one asked."""
    m = _ASKED_UNIT.search(norm_q)
    return m is not None and m.group(1) not in unit


def cut_names(ctx: QueryContext) -> tuple[str, ...]:
    """The question's words the segmenter cut off their first character (唐山港 as 唐/山港),
    whole as the documents in scope write them: a figure must be of that name, not of any
    other that shares the fragment; a name the documents' titles hold (莫拉克) says which
    document, not what its figure is of."""
    key = ("cut_names", ctx.question.norm, ctx.terms, ctx.scope)
    if key not in ctx.memo:
        q, texts = ctx.question, [v.text for v in ctx.state.in_scope(ctx.scope)]
        whole = (as_asked(t, q.norm, ctx.state.tokenize, texts) for t in ctx.terms)
        titles = " ".join(normalized(f"{s.title} {s.label}").lower() for s in
                          (ctx.state.source_by_id[d] for d in ctx.scope or ctx.state.doc_ids))
        ctx.memo[key] = tuple(w for w, t in zip(whole, ctx.terms, strict=True) if w != t and w not in titles)
    return ctx.memo[key]


def per_unit_of(ctx: QueryContext, fi: FigureView) -> bool:
    """Whether the figure measures something per unit of what the question asks (万元GDP能耗,
    每百元营业收入中的成本 when GDP or 营业收入 is asked), or its sentence names what is asked
    only as such a unit (能源消费总量…，万元GDP能耗…)."""
    measure, sent = normalized(fi.fig.measure or ""), normalized(fi.sent)
    for form in _per_unit_forms(ctx.question.norm, ctx.terms):
        if form not in measure and form not in sent:
            continue  # neither says it: nothing to read (most figures; the check is per figure)
        in_measure = _per_unit_at(measure, form)
        if in_measure and any(i + len(form) < len(measure) for i in in_measure):
            return True
        if form not in measure and 0 < len(_per_unit_at(sent, form)) == sent.count(form):
            return True
    return False


@lru_cache(maxsize=256)
def _per_unit_forms(norm: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """Each form of the question's terms (synonyms too), leaving out those the question
    itself asks per unit of (每百元营业收入 asked)."""
    return tuple(form for t in terms for form in (t, *SYNONYMS.get(t, ())) if not _per_unit_at(norm, form))


_PER_UNIT = ("万元", "亿元", "千元", "百元")  # 万元GDP; 每 before a form too (每百元营业收入)
_NUMERAL_BEFORE = "0123456789.一二三四五六七八九十百千两"
# the last character of words that make 单位 an organisation (本单位, 用人单位, 责任单位, 所在单位)
_ORGANISATION_BEFORE = "本该各其原在人任作层管个属"


def _per_unit_at(text: str, form: str) -> list[int]:
    """Where ``text`` writes ``form`` as the unit something is taken per: right after 每 or
    单位 (单位地区生产总值能耗), or after 万元/亿元/千元/百元 that no number precedes
    (3亿元技改资金 is an amount)."""
    out, i = [], text.find(form) if form else -1
    while i >= 0:
        unit = text[i - 2:i] in _PER_UNIT and (i < 3 or text[i - 3] not in _NUMERAL_BEFORE)
        # 单位地区生产总值…死亡率; 本单位/用人单位/责任单位执法人员 is an organisation's
        per = text[i - 2:i] == "单位" and (i < 3 or text[i - 3] not in _ORGANISATION_BEFORE)
        if unit or per or text[i - 1:i] == "每":
            out.append(i)
        i = text.find(form, i + 1)
    return out
