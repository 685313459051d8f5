"""Two measures a question joins (数据券补贴加数据产品挂牌交易奖励, 社区运营补贴和贷款贴息):
each side of the joining word, as the question writes it, with the figure of the part of a
sentence (up to its ；) that names that side. Used to add two caps up (一共最多能拿多少) or
to compare them (哪个上限高). A side the documents never name (模型券 where only 算力券 and
大模型 are written) is reported, so that nothing is added to or compared with it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import in_script
from assistant.magnitudes import common_unit
from assistant.match import term_hit
from assistant.scoring import Scored, score_figures
from index.clean import normalize

if TYPE_CHECKING:
    from assistant.context import QueryContext
    from assistant.figures import FigureView

# the word joining the two measures (加 as in A加B, not 加强/加快/增加)
_JOIN = re.compile(r"加上|以及|(?<=[，,])再|(?<![增追参附施更叠])加(?![强快大以入工速剧紧重码倍起总在一])|[和与及跟同]")
# a character that ends a side's word the terms cut short (模型券: the term 模型, then 券)
_CUT = re.compile(r"[券费金款额奖证卡险](?![\u4e00-\u9fff])|[券费金款额奖证卡险](?=一共|合计|总共|加起|最|哪|谁|分别|各|上限|封顶|额度|每|能|可|都|是|有|的)")
_LEAD = re.compile(r"[新原老各全总]")  # a one-character word a side may open with (新认定)
_PART_END = re.compile(r"[。；;！!？?\n]")
_PART_CHARS = 300  # a part is read no further than this either side of its figure
_BARE = ("万", "亿", "千", "百万")  # a magnitude with no unit
_MONEY = re.compile(r"元|金额|资金|补贴|补助|奖励|奖金|贴息|资助")
_FULL = 0.9  # a side's word found whole, or as its pieces apart (贷款贴息: 贷款…贴息)


@dataclass(frozen=True)
class Side:
    """One joined measure: its words as written, its content terms, its last written word."""

    text: str
    terms: tuple[str, ...]
    tail: str


@dataclass(frozen=True)
class Joined:
    """The two sides with their figures (``picks``), and the sides no document in scope names."""

    sides: tuple[Side, Side]
    picks: tuple[tuple[str, Scored], ...] = ()
    absent: tuple[Side, ...] = ()


def joined_sides(norm: str, terms: tuple[str, ...]) -> tuple[Side, Side] | None:
    """The two runs of terms written either side of one joining word (None unless exactly
    one joining word has a term right before it and one right after it)."""
    spans = sorted({(m.start(), m.start() + len(t)) for t in terms if t for m in re.finditer(re.escape(t), norm)})
    found = []
    for m in _JOIN.finditer(norm):
        left = _run_back(norm, spans, m.start() - (1 if norm[m.start() - 1:m.start()] in "，," else 0))
        right = _run_on(norm, spans, m.end())
        if left and right:
            found.append((m.group(0), left, right))
    if len(found) > 1:  # A和B、C: 、 lists inside a side when another word joins the two
        found = [f for f in found if f[0] != "、"]
    if len(found) != 1:
        return None
    _, (ls, le, lterms), (rs, re_, rterms) = found[0]
    ls, lterms = _listed_back(norm, spans, ls, lterms)
    re_, rterms = _listed_on(norm, spans, re_, rterms)
    tail_end = re_ + 1 if _CUT.match(norm, re_) else re_
    left = Side(norm[ls:le], tuple(lterms), lterms[-1])
    right = Side(norm[rs:tail_end], tuple(rterms), rterms[-1] + norm[re_:tail_end])
    if set(left.terms) == set(right.terms):
        return None
    return left, right


def _listed_back(norm: str, spans: list[tuple[int, int]], start: int, terms: list[str]) -> tuple[int, list[str]]:
    """The side extended back over items listed with 、 before it."""
    while norm[start - 1:start] == "、" and (run := _run_back(norm, spans, start - 1)):
        start, terms = run[0], run[2] + terms
    return start, terms


def _listed_on(norm: str, spans: list[tuple[int, int]], end: int, terms: list[str]) -> tuple[int, list[str]]:
    """The side extended over items listed with 、 after it (孵化器、众创空间)."""
    while norm[end:end + 1] == "、" and (run := _run_on(norm, spans, end + 1)):
        end, terms = run[1], terms + run[2]
    return end, terms


def _run_back(norm: str, spans: list[tuple[int, int]], pos: int) -> tuple[int, int, list[str]] | None:
    end, out = pos, []
    while True:
        ending = [s for s in spans if s[1] == pos]
        if not ending:
            break
        s = min(ending)  # the longest term ending here
        out.insert(0, norm[s[0]:s[1]])
        pos = s[0]
    return (pos, end, out) if out else None


def _run_on(norm: str, spans: list[tuple[int, int]], pos: int) -> tuple[int, int, list[str]] | None:
    start, out = pos, []
    if not any(s[0] == pos for s in spans) and _LEAD.match(norm, pos) and any(s[0] == pos + 1 for s in spans):
        pos += 1  # 新认定孵化器: a one-character word before the side's first term
    while True:
        starting = [s for s in spans if s[0] == pos]
        if not starting:
            break
        s = max(starting, key=lambda s: s[1])
        out.append(norm[s[0]:s[1]])
        pos = s[1]
    return (start, pos, out) if out else None


def part_of(fi: FigureView) -> str:
    """The part of the figure's sentence, between semicolons, that holds it (normalised)."""
    clean, (s, e) = fi.doc.clean, fi.fig.clean_span
    start = max((m.end() for m in _PART_END.finditer(clean, max(0, s - _PART_CHARS), s)), default=max(0, s - _PART_CHARS))
    nxt = _PART_END.search(clean, e, e + _PART_CHARS)
    return normalize(clean[start:nxt.start() if nxt else e + _PART_CHARS]).lower()


def _names(side: Side, fi: FigureView) -> float:
    """How fully the figure's part names the side: 0 unless its last word and every term are
    found in it; else the number of characters of the side found."""
    part = part_of(fi)
    if term_hit(side.tail, part) < _FULL or any(term_hit(t, part) < _FULL for t in side.terms):
        return 0.0
    return float(sum(len(t) for t in side.terms if t in part))


def joined(ctx: QueryContext) -> Joined | None:
    """The question's two joined measures with their figures (None when it joins none)."""
    sides = joined_sides(ctx.question.norm, ctx.terms)
    if sides is None:
        return None
    # only a word the terms cut short (模型券 read as 模型) is looked for as written
    absent = tuple(s for s in sides if s.tail != s.terms[-1] and not _written(ctx, s.tail))
    if absent:
        return Joined(sides, absent=absent)
    cands = [_candidates(ctx, s) for s in sides]
    if not all(cands):
        return Joined(sides)
    picks = _best_pair(ctx, *cands) or _shared(ctx, sides, cands)
    if picks is None:
        return Joined(sides)
    return Joined(sides, picks=tuple((_as_written(ctx, s.text), x) for s, x in zip(sides, picks, strict=True)))


def _as_written(ctx: QueryContext, label: str) -> str:
    """The side as the question writes it (OPC, not the normalised opc), when it can be told."""
    q = ctx.question
    at = q.norm.find(label)
    text = q.text.strip()
    if at >= 0 and len(text) == len(q.norm) and normalize(text[at:at + len(label)]).lower() == label:
        return text[at:at + len(label)]
    return label


def _best_pair(ctx: QueryContext, left: list[tuple[float, Scored]],
               right: list[tuple[float, Scored]]) -> tuple[Scored, Scored] | None:
    """Two different figures of one unit (of one document unless the question names
    several), the parts naming their sides most fully, the better ranked first."""
    one_doc = len(ctx.question.docs) < 2
    pairs = [(na + nb, -(i + j), a, b) for i, (na, a) in enumerate(left) for j, (nb, b) in enumerate(right)
             if not _same(a, b) and common_unit([a.item.unit, b.item.unit]) is not None
             and not (one_doc and a.item.doc is not b.item.doc)]
    if not pairs:
        return None
    _, _, a, b = max(pairs, key=lambda p: p[:2])
    return a, b


def _shared(ctx: QueryContext, sides: tuple[Side, Side],
            cands: list[list[tuple[float, Scored]]]) -> tuple[Scored, Scored] | None:
    """One figure named by both sides: the side its part names more fully keeps it, the
    other takes the one other figure of that unit in the same sentence."""
    (na, a), (nb, b) = cands[0][0], cands[1][0]
    if not _same(a, b):
        return None
    keep = 0 if na >= nb else 1
    pick = _other_in_sentence(ctx, sides[1 - keep], a)
    if pick is None:
        return None
    return (a, pick) if keep == 0 else (pick, a)


def _candidates(ctx: QueryContext, side: Side) -> list[tuple[float, Scored]]:
    scored = score_figures(ctx.but(terms=side.terms, hist_terms=()), strict=False)[:ctx.config.joined_candidates]
    out = [(_names(side, x.item), _as_money(x)) for x in scored if x.derived is None]
    return [(n, x) for n, x in out if n > 0]


def _as_money(x: Scored) -> Scored:
    """不超过100万 of 支持金额不超过100万: an amount of money written without its 元 (so that
    it adds to, and compares with, 500万元)."""
    fi = x.item
    if fi.unit not in _BARE or not _MONEY.search(part_of(fi)):
        return x
    unit = fi.unit + "元"
    return replace(x, item=replace(fi, unit=unit, fig=replace(fi.fig, unit=unit)))


def _same(a: Scored, b: Scored) -> bool:
    return a.item.doc is b.item.doc and a.item.fig.clean_span == b.item.fig.clean_span


def _other_in_sentence(ctx: QueryContext, side: Side, taken: Scored) -> Scored | None:
    """The one other figure of the taken one's unit in its sentence, when its part holds the
    side's last word (政府救助 of 每户最高发给二万元；另由…财团法人再发放救助金二万元)."""
    fi = taken.item
    view = ctx.state.view(fi.doc.source.doc_id)
    others = [f for f in view.figs if f.fig.sentence == fi.fig.sentence and f.fig.clause_id == fi.fig.clause_id
              and f.unit == fi.unit and f.fig.clean_span != fi.fig.clean_span]
    if len(others) != 1 or term_hit(side.tail, part_of(others[0])) < _FULL:
        return None
    return replace(taken, item=others[0])


def _written(ctx: QueryContext, word: str) -> bool:
    """Whether any document in scope writes the word (its pieces apart will do)."""
    return any(term_hit(word, v.text) >= _FULL for v in ctx.state.in_scope(ctx.scope))


def unnamed(ctx: QueryContext, j: Joined, verb: str) -> Answer:
    """A refusal: a side no document in scope writes (胶州's 模型券) is not added or compared."""
    q = ctx.question
    what = "、".join(f"“{s.tail}”" for s in j.absent)
    text = f"文件中没有找到{what}的规定，无法{verb}。"
    return Answer(question=q.text, answer=in_script(text, q.script), found=False, type=q.intent,
                  extra={"absent": [s.tail for s in j.absent]})


_OWN = re.compile(r"[，,；;：:。]")
_WHO = re.compile(r"^(?:每|单个|单家|单项|单笔|同一)")  # the phrase says whom or what the cap is per
_OWN_CHARS = 24
_CURRENCY = re.compile(r"(?:新台币|新臺幣|人民币|人民幣|美元|港元|港币|港幣|欧元|歐元)$")


def stated_as(fi: FigureView) -> str:
    """A joined measure's figure as its own phrase writes it when that phrase says whom it is
    per (每家OPC每年最高50万元, 单个OPC年度最高2万元), else the figure with its rate basis."""
    from assistant.figures import with_basis

    clean, (s, e) = fi.doc.clean, fi.fig.clean_span
    start = max((m.end() for m in _OWN.finditer(clean, max(0, s - _OWN_CHARS), s)), default=-1)
    phrase = clean[start:e] if start >= 0 else ""
    return phrase if _WHO.match(phrase) else with_basis(fi)


def currency(fi: FigureView) -> str:
    """The currency written just before the figure (新臺幣二萬元), or ''."""
    s = fi.fig.clean_span[0]
    m = _CURRENCY.search(fi.doc.clean[max(0, s - 4):s])
    return m.group(0) if m else ""


def alike(inputs: list[tuple[str, Scored]]) -> bool:
    """Two items a group names alike (担保贷款 and 担保贷款): the joined sides tell them apart."""
    return len(inputs) == 2 and inputs[0][0] == inputs[1][0]
