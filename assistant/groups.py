"""Figures measured the same way for several subjects or items: what comparisons, sums and
differences work on (two industries the question names, the items of a ``分别`` list, or
the figures like the best match)."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.compose import strip_marker
from assistant.figures import COUNTING, coordinated_terms, item_label, normalized, similar
from assistant.match import term_hit
from assistant.scoring import Scored, score_figures, unmatched
from index.clean import normalize
from index.figures import cn_value
from index.records import Clause

if TYPE_CHECKING:
    from assistant.context import QueryContext


def subjects_of(ctx: QueryContext) -> list[Clause]:
    """Headings the question names (e.g. two industries), outermost first, not nested."""
    q, scope = ctx.question, ctx.scope
    text = q.subject_text or q.norm
    for cue in q.cues:  # a place names documents, not a heading (广州市 of 广州市…准入标准)
        text = text.replace(cue, " ")
    hits = [c for c in ctx.state.heads.named(text) if not scope or c.doc_id in scope]
    hits = [c for c in hits if not any(o.id != c.id and c.id.startswith(o.id + "/") for o in hits)]
    return hits


# 比 between two subjects (A比B高出), not a change over time (比上年多出, 比2020年增加)
_BETWEEN = r"比(?!上年|去年|上一年|前一年|(?:19|20)\d{2}年).{2,30}(高出|多出|多|高|少|低)"


def per_subject(ctx: QueryContext, every: bool = False) -> list[Scored]:
    """One figure per subject the question names, measured the same way (with ``every``,
    all such figures under each subject: 新能源 and 新材料 lines both count)."""
    q, state, terms = ctx.question, ctx.state, ctx.terms
    subjects = subjects_of(ctx)
    if len(subjects) == 1:  # a group heading: its sub-headings are the subjects
        kids = [k for k in state.children(subjects[0]) if state.children(k)]
        subjects = kids if len(kids) >= 2 else subjects
    if len(subjects) < 2:
        return []
    subject_words = {w for d in {x.doc_id for x in subjects} for c, ws in state.heads.of_doc.get(d, ())
                     for w in ws if c in subjects or any(c.id.startswith(x.id + "/") for x in subjects)}
    subject_words |= {w for c in subjects for w in state.tokenize(normalize(strip_marker(c.heading)).lower())}
    measure = [t for t in terms if not any(t in w or w in t for w in subject_words) and not COUNTING.fullmatch(t)] or terms
    # 比 between the subjects asks no change, unless the change is what is measured (增量)
    q2 = replace(q, delta=q.delta and not q.base_years and (bool(re.search(r"增量|增加额|增长量", q.norm))
                                                          or not re.search(_BETWEEN, q.norm)))
    scored = [x for x in score_figures(ctx.but(question=q2, terms=tuple(measure), hist_terms=()), subjects=subjects)
              if x.derived is None]
    floor = ctx.config.score_min_figure - 0.1
    picks = []
    for subj in subjects:
        mine = [x for x in scored if x.item.clause.id.startswith(subj.id + "/") or x.item.clause.id == subj.id]
        if not mine or mine[0].score < floor:
            continue
        picks.append(mine[0])
        if every:
            top = mine[0]
            picks.extend(x for x in mine[1:] if x.score >= top.score - 0.05 and x.item.unit == top.item.unit
                         and similar(x.item.key, top.item.key) >= 0.45 and x.item.seg_span != top.item.seg_span)
    if len({p.item.unit for p in picks}) > 1:
        unit = picks[0].item.unit
        picks = [p for p in picks if p.item.unit == unit]
    return picks


_CONTRAST = re.compile(r"(.+?)(?:是|比|相当于)(.+?)(?:的(?:几|多少)倍|(?:高|多|大|少|低|小)出?(?:多少|几))")


def contrasted_terms(norm: str, terms: tuple[str, ...]) -> list[list[str]]:
    """The pairs of items a question may set against each other with 是…的几倍 or 比…多多少,
    most likely first: each side's first word as the question spells it (首席技师的遴选人数是
    金牌工匠的几倍 → 首席技师, 金牌工匠), then the words next to 比/是 (居家护理比机构护理)."""
    m = _CONTRAST.search(norm)
    if not m:
        return []
    sides = []
    for g in (1, 2):
        part = m.group(g)
        inside = sorted((t for t in terms if t in part), key=part.find)
        if not inside:
            return []
        # the words both sides share (存款余额比贷款余额: 余额) are the measure, not the item
        own = [t for t in inside if t not in m.group(3 - g)] or inside
        near = own[-1] if g == 1 else own[0]
        sides.append(list(dict.fromkeys([_spelled(part, inside[0], tuple(inside)), near])))
    return [[a, b] for a in sides[0] for b in sides[1] if a != b and a not in b and b not in a][:4]


def named_items(ctx: QueryContext, items: list[str] | None = None) -> list[tuple[str, Scored]]:
    """Items the question coordinates (新能源和新材料, 锂电、新医药、数字经济), or ``items``,
    each with the figure that measures it."""
    q, terms = ctx.question, ctx.terms
    if items is None:
        items = coordinated_terms(q.norm, list(terms))
        if len(items) < 2 and q.intent == "aggregation":  # 个人缴费加财政补助: 加 joins what is summed
            items = coordinated_terms(re.sub(r"(?<!增)加上?(?!起|总|快|强|大|大力|以)", "和", q.norm), list(terms))
        from assistant.graded import graded_items

        graded = graded_items(ctx)  # 3级比2级多多少, 二档和三档: each under its own heading
        if graded:
            return graded
    if len(items) < 2:
        return []
    measure = [t for t in terms if t not in items and not COUNTING.fullmatch(t)]
    scored = [x for x in score_figures(ctx.but(question=replace(q, delta=False), terms=tuple(measure or terms),
                                               hist_terms=()), strict=False)
              if x.derived is None]
    out: list[tuple[str, Scored]] = []
    joined = _contracted(items, scored)
    if joined and not all(any(it in x.item.seg2 for x in scored) for it in items):
        return joined  # 存款 and 贷款 of 存贷款余额分别达…、… (贷款 inside 存贷款)
    for it in items:
        # 年销量 (the text says 年销售) of 新能源汽车年销量和汽车累计以旧换新: the words around it
        whole = _spelled(q.norm, it, terms)
        if whole != it and not any(it in x.item.seg2 for x in scored) \
                and any(term_hit(whole, x.item.seg) >= 0.5 for x in scored[:12]):
            it = whole
        # 医疗护理 of 医疗护理和设备使用: a sentence that names the item as the question spells it
        # (…医疗护理费用…限额为…1,000元) before a phrase holding only its last word (护理耗材费)
        hits = [x for x in scored if whole != it and whole in x.item.sent] \
            or [x for x in scored if it in x.item.seg2 or _labelled(x, it)]
        if not hits:  # 年销量 for the text's 年销售: most of the item's words in the figure's own phrase
            hits = [x for x in scored if x.item.doc is scored[0].item.doc and term_hit(it, x.item.seg) >= 0.5]
        if not hits:
            continue
        # figures of one phrase (20名左右的首席技师、10名左右的金牌工匠): the one by the item
        ties = [x for x in hits if x.item.seg_span == hits[0].item.seg_span and x.item.doc is hits[0].item.doc]
        best = min(ties, key=lambda x: _distance(x, it)) if len(ties) > 1 else hits[0]
        if len(ties) > 1 and _distance(best, it)[0] == 2:
            # the item is not written in the phrase (一、二、三等奖 before it): the figure whose
            # measure names it, bound by its place in the 分别 list (获得省级三等奖的 后补助)
            best = next((x for x in ties if it in normalized(x.item.fig.measure or "")), best)
        if all(best is not y for _, y in out) or _each(best, it):
            out.append((_spelled(q.norm, it, terms), best))
    if len(out) < 2 or len({x.item.unit for _, x in out}) > 1:
        return []
    return out


def _contracted(items: list[str], scored: list[Scored]) -> list[tuple[str, Scored]]:
    """Items that share their ending, written as one word of a character of each (存款和贷款:
    存贷款余额分别达38.7万亿元、29.9万亿元; 进口和出口: 进出口额分别为…), whose ``分别`` list
    gives their figures in that order: each item (as short as the word has it) with its figure."""
    tail = os.path.commonprefix([it[::-1] for it in items])[::-1]
    heads = [it[:len(it) - len(tail)] for it in items]
    if not tail or not all(heads):
        return []
    # 存贷款 of 存款、贷款; of 本外币存款 (as the question is cut) its last character before 款
    for pick in (0, -1):
        word = "".join(h[pick] for h in heads) + tail
        for x in scored[:12]:
            sent = x.item.sent
            at = sent.find(word)
            if at < 0 or "分别" not in sent[at:at + len(word) + 12]:
                continue
            listed = sorted((y for y in scored if y.item.doc is x.item.doc and y.item.sent == sent
                             and y.item.fig.clause_id == x.item.fig.clause_id and y.item.unit == x.item.unit),
                            key=lambda y: y.item.fig.clean_span)
            if len(listed) == len(items):
                return [(h[pick] + tail, y) for h, y in zip(heads, listed, strict=True)]
    return []


def _each(x: Scored, item: str) -> bool:
    """The figure is each item's (个人缴费和财政补助各为0.15%): one figure for two items."""
    return bool(re.search(r"各为|各占|各是|均为|都是|各\d", x.item.seg2)) and item in x.item.seg2


def _spelled(norm: str, item: str, terms: tuple[str, ...]) -> str:
    """The item as the question spells it, with the words written right beside it
    (技师 of 首席技师和金牌工匠 → 首席技师)."""
    start = norm.find(item)
    end = start + len(item)
    grown = True
    while grown:
        grown = False
        for t in terms:
            if t not in item and norm.startswith(t, end) and end + len(t) <= len(norm):
                end, grown = end + len(t), True
            elif t not in item and start >= len(t) and norm.startswith(t, start - len(t)):
                start, grown = start - len(t), True
        item = norm[start:end]
    return item


def _labelled(x: Scored, item: str) -> bool:
    label = item_label(x.item)
    return bool(label) and (item in label or label in item)


def _distance(x: Scored, item: str) -> tuple[int, int]:
    """How far ``item`` is written from the figure in its phrase: (separated by 、/，, characters)."""
    if _labelled(x, item):
        return (0, 0)
    s, e = x.item.seg_span
    text = normalized(x.item.doc.clean[s:e])
    fs, fe = (p - s for p in x.item.fig.clean_span)
    best = (2, len(text))
    for m in re.finditer(re.escape(item), text):
        between = text[fe:m.start()] if m.start() >= fe else text[m.end():fs]
        best = min(best, (int(bool(re.search(r"[、，,；;]", between))), len(between)))
    return best


def respective_group(ctx: QueryContext) -> list[Scored]:
    """All figures of one ``分别`` list that the question's measure matches."""
    own = tuple(t for t in ctx.terms if not COUNTING.fullmatch(t))
    floor = ctx.config.score_min_figure - 0.1
    scored = [x for x in score_figures(ctx.but(terms=own, hist_terms=()), strict=False)
              if x.derived is None and x.score >= floor and x.item.item]
    if not scored:
        return []
    top = scored[0]
    return [x for x in scored if x.item.unit == top.item.unit and similar(x.item.key, top.item.key) >= 0.3
            and x.score >= top.score - 0.45][:12]


def candidates(ctx: QueryContext) -> list[Scored]:
    """Figures measuring the same thing as the best match (for comparisons and sums)."""
    bare = ctx.but(hist_terms=())
    named = named_items(bare)
    if named:
        return [x for _, x in named]
    picks = per_subject(bare, every=ctx.question.intent == "aggregation")
    if len(picks) >= 2:
        return picks
    picks = respective_group(bare)
    if len(picks) >= 2:
        return picks
    own = [t for t in ctx.terms if not COUNTING.fullmatch(t)]  # 十强/五大 name a group, not a phrase
    # the members of a group named by its count (十强产业里…最低) do not repeat the group's name
    group = [t for t in ctx.terms if COUNTING.fullmatch(t)]
    scored = [s for s in score_figures(ctx.but(terms=tuple(own)) if own else ctx) if s.derived is None
              and not any(g in s.item.sent for g in group)]  # 十强产业…增速7%: the group's own figure
    if not scored or scored[0].score < ctx.config.score_min_figure or unmatched(ctx, own, scored[0].item):
        return []
    best = scored[0].item
    group: list[Scored] = []
    for s in scored:
        fi = s.item
        if fi.fig.unit != best.fig.unit or s.score < scored[0].score - 0.1:
            continue
        if similar(fi.key, best.key) < 0.45 and fi.seg_span != best.seg_span:
            continue
        if any(g.item.fig.clean_span == fi.fig.clean_span and g.item.doc is fi.doc for g in group):
            continue
        group.append(s)
    # a heading the question names (各重点产业): members under it, not a figure like theirs
    # elsewhere (总体目标's total increase beside each industry's)
    headed = [t for t in own if any(t in g.item.path for g in group)]
    if headed:
        group = [g for g in group if all(t in g.item.path or t in g.item.sent for t in headed)]
    m = _COUNTED.search(ctx.question.norm)
    return group[:int(cn_value(m.group(1)) or 20)] if m else group[:20]


# a group named by how many it holds (三次产业, 五大行业): that many members, the best first
_COUNTED = re.compile(r"(?<![第\d])([两二三四五六七八九十])(?:次|大|类|强)")


def sibling_value(ctx: QueryContext, best: Scored, scored: list[Scored]) -> Scored | None:
    """The other value of ``best``'s measure a heading divides into sibling items, when the
    question names the heading's measure and neither item: 长护险评估费用按以下标准执行：
    （一）失能评估费用 每人每次200元，（二）延续护理评估费用 每人每次100元, asked
    做一次评估收多少钱 — the sibling's figure of the same measure and unit, the first of its
    item (None when the question's words are not all in the heading's opening, when it names
    a word of one item's heading the other's lacks, or when there is no such sibling)."""
    fi, state = best.item, ctx.state
    parent = state.clause(fi.clause.parent) if fi.clause.parent else None
    measure = normalized(fi.fig.measure or "").strip()
    if best.derived is not None:
        return None
    if parent is None or len(measure) < 2:
        return _parallel_mate(ctx, best, scored)
    opening = normalized(f"{parent.heading} {parent.text[:SIBLING_OPENING]}").lower()
    terms = ctx.content_terms(fi.doc.source.doc_id)
    if not terms or not all(t in opening for t in terms):
        return _parallel_mate(ctx, best, scored)  # the heading does not name what is asked
    mates = [s for s in scored[1:SIBLING_RANKS] if s.item.doc is fi.doc and s.derived is None
             and s.item.clause.parent == parent.id and s.item.clause.id != fi.clause.id
             and s.item.unit == fi.unit and s.item.fig.value != fi.fig.value
             and normalized(s.item.fig.measure or "").strip() == measure]
    if len(mates) != 1 or _first_of_item(ctx, mates[0].item) is False or _first_of_item(ctx, fi) is False:
        return None

    def named(c: Clause) -> set[str]:
        return {t for t in ctx.terms if t in normalized(strip_marker(c.heading)).lower()}

    return mates[0] if named(fi.clause) == named(mates[0].item.clause) else None


SIBLING_OPENING = 60  # characters of a heading's text that may name the measure it divides
SIBLING_RANKS = 8  # how far down the scored figures a sibling item's value is looked for


def _first_of_item(ctx: QueryContext, fi: object) -> bool:
    """Whether the figure is its item's first of its unit (the fee, not a share after it)."""
    figs = [x for x in ctx.state.view(fi.doc.source.doc_id).figs  # type: ignore[attr-defined]
            if x.clause.id == fi.clause.id and x.unit == fi.unit]  # type: ignore[attr-defined]
    return bool(figs) and figs[0] is fi


def _parallel_mate(ctx: QueryContext, best: Scored, scored: list[Scored]) -> Scored | None:
    """The other of two phrases framed alike next to each other in ``best``'s sentence
    (一次性安家费，博士研究生每人15万元，硕士研究生每人10万元), when the question names neither
    item (硕博人才的安家费): the phrases differ only in the item before a shared frame, and
    no third phrase of the sentence has that frame (本科…、硕士…、博士… is a list, not a pair)."""
    fi = best.item
    clean = fi.doc.clean

    def frame(v: object) -> tuple[str, str]:
        (s, e), (a, b) = v.seg_span, v.fig.clean_span  # type: ignore[attr-defined]
        return clean[s:a], clean[b:e].strip()

    head, tail = frame(fi)
    alike = [x for x in ctx.state.view(fi.doc.source.doc_id).figs
             if x.fig.sentence == fi.fig.sentence and x.unit == fi.unit and frame(x)[1] == tail]
    if len(alike) != 2:
        return None
    for s in scored[1:SIBLING_RANKS]:
        x = s.item
        if s.derived is not None or x not in alike or x.seg_span == fi.seg_span:
            continue
        lo, hi = sorted((fi.seg_span, x.seg_span))
        other = frame(x)[0]
        common = next((head[i:] for i in range(2, len(head))
                       if other.endswith(head[i:]) and len(other) - len(head) + i >= 2), "")  # items of 2+
        items = (head[:len(head) - len(common)], other[:len(other) - len(common)])
        if clean[lo[1]:hi[0]].strip() not in ("，", ",", "；", ";") or len(common) < 2 \
                or not all(2 <= len(i) <= min(6, len(common)) for i in items):
            return None  # a short item before a frame as long (博士/硕士 研究生每人), not 计划总/年度计划 投资
        if any(normalized(i)[:2].lower() in ctx.question.norm for i in items):
            return None  # the question names one of them
        # what is asked is named once before the pair (可申请一次性安家费，博士…，硕士…), not in
        # either phrase (计划总投资…，年度计划投资…: two measures, not two items)
        start = max(clean.rfind(c, 0, lo[0] - 1) for c in "，,；;。：:\n") + 1
        lead = normalized(clean[start:lo[0]]).lower()
        terms = ctx.content_terms(fi.doc.source.doc_id)
        if not terms or terms[-1] not in lead or terms[-1] in normalized(head + other).lower():
            return None
        return s
    return None

