"""是否超过… / 能过…吗 / 有没有提到… / 要…吗: 是 or 否 (or 文件未提及) first, then the figure
or passage that decides it, cited. A threshold is compared with the document's figure and
its qualifier (50%以上 asked as “60%吗” → 否; 最高10万元 asked as “能超过10万元吗” → 否)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.ages import age_numbers, asked_age, covers, rule_age
from assistant.answer import Answer
from assistant.answerers.change_check import by_change
from assistant.answerers.count_check import by_count
from assistant.answerers.doc_verdicts import SAME, same_across, validity
from assistant.answerers.duty_check import ASKS_HELPERS, helpers_verdict
from assistant.answerers.evidence import Sentence, holds, ranked_sentences, say
from assistant.answerers.figure_given import GIVES, figure_given
from assistant.answerers.provisos import lead_of, through_proviso
from assistant.answerers.time_check import by_period, by_time, stated_period, stated_time
from assistant.changes import asked_direction
from assistant.compose import cite_figure, subject_of
from assistant.conditions import after_window
from assistant.figures import FigureView, normalized
from assistant.match import missing_terms, term_hit
from assistant.negation import (
    PROHIBIT,
    action_family,
    denies,
    denies_action,
    excluded,
    family_of,
    in_asking_form,
    predicate_terms,
    sooner,
)
from assistant.scoring import score_figures, unmatched
from assistant.thresholds import (
    FORM,
    GT,
    LE,
    LOWER,
    UPPER,
    Threshold,
    base_value,
    decide,
    doc_kind,
    same_base,
    threshold,
    without_doc_numbers,
)

if TYPE_CHECKING:
    from assistant.context import QueryContext

OPPOSITE = {"增加": ("减少",), "增长": ("下降", "减少"), "提高": ("降低", "下降"), "上升": ("下降",),
            "减少": ("增加",), "下降": ("增长", "上升"), "降低": ("提高",), "扩大": ("缩小",), "缩小": ("扩大",)}
# a question that states a figure and asks whether it is so: a premise, not a threshold
PREMISE = r"对吗|对不对|是真的吗|没错吧|是这样吗|吧[？?。！!\s]*$"  # 是1500亿元吧: a premise stated
# (in the question's last clause, not negated: 居民没提出解约的话，是不是要… states a condition)
MENTION = re.compile(r"(?<![没未不])(?:提到|提及|提出|说到|说了|讲到|讲了|写到|写了|涉及|包括|包含)|有没有(说|讲|写)")


class YesNoAnswerer:
    name = "yesno"

    def answer(self, ctx: QueryContext) -> Answer | None:
        if ctx.question.docfact == "validity":
            return validity(ctx)
        if len(ctx.question.docs) >= 2 and SAME.search(ctx.question.norm):
            same = same_across(ctx)
            if same is not None:
                return same
        if ASKS_HELPERS.search(ctx.question.norm):
            helped = helpers_verdict(ctx)  # 有配合单位吗: the task's unit list decides
            if helped is not None:
                return helped
        stated = stated_time(ctx.question.norm)
        if stated is not None:
            timed = by_time(ctx, stated)  # 期限是2019年底吗: the document's deadline for it decides
            if timed is not None:
                return timed
        period = stated_period(ctx.question.norm)
        if period is not None:
            timed = by_period(ctx, period)  # 是每个月联系一次吗: the document's period for it decides
            if timed is not None:
                return timed
        counted = by_count(ctx, _asked_terms(ctx))  # 能登记两个名称吗: the bound on that count decides
        if counted is not None:
            return counted
        t = threshold(ctx.question.norm)
        if t is None and GIVES.search(ctx.question.norm):
            given = figure_given(ctx)  # 有没有给X定具体数额: whether a figure is given decides
            if given is not None:
                return given
        way = asked_direction(ctx.question.norm) if t is None else None
        if way is not None:
            changed = by_change(ctx, way)  # 比上年多了吗: the change stated with that measure
            if changed is not None:
                return changed
        if MENTION.search(re.split(r"[，,；;]", ctx.question.norm)[-1]) and t is None:
            return _by_mention(ctx)  # 说到2025年超过3万亿元吗 compares a figure
        if t is not None and _EACH.search(ctx.question.norm):
            each = _each_figure(ctx, t)  # A和B是不是都…以上: every subject's own figure decides
            if each is not None:
                return each
        if t is not None:
            return _by_figure(ctx, t) or _by_passage(ctx, t.text)
        return _by_passage(ctx, None)


# words of a document's kind: in its title they name the document, not what a figure measures
_DOC_KIND = re.compile(r"指导|意见|若干|方案|办法|通知|规划|纲要|条例|报告|公报|决定|措施|细则|规定")


def _by_figure(ctx: QueryContext, t: Threshold) -> Answer | None:
    """Compare the threshold with the figure the document gives for what is asked."""
    q, cfg = ctx.question, ctx.config
    years = [y for y in q.years if f"{y}年" in q.norm]  # 2000名 is a threshold, not a year
    titles = " ".join(ctx.state.source_by_id[d].title or "" for d in ctx.scope)
    terms = tuple(x for x in ctx.terms if x not in t.text and not re.search(r"\d", x) and not FORM.fullmatch(x)
                  and not re.fullmatch(r"[一二三四五六七八九十两]成", x)
                  and not (_DOC_KIND.fullmatch(x) and x in titles))  # 指导意见 names the document
    hint = "percent" if t.base == "%" else ("money" if "元" in t.base else None)
    q2 = replace(q, intent="figure", numbers=(), unit_hint=hint, hard_unit=False, hint_word="", years=tuple(years))
    sub = ctx.but(question=q2, terms=terms)
    scored = [s for s in score_figures(sub) if s.derived is None]
    given = [n for n in q.numbers if n not in t.text]  # 首次达到2000万元的: a condition, not the figure
    fits = [s for s in scored[:8] if s.score >= cfg.score_min_figure and not unmatched(sub, terms, s.item)
            and not any(n in normalized(s.item.fig.text).lower() for n in given)
            and (not years or any(y in s.item.years for y in years))
            and (bv := base_value(s.item)) is not None and same_base(t.base, bv[1])]
    if not fits or fits[0].score < scored[0].score - 0.3:
        return None
    fi: FigureView = fits[0].item
    value, _ = base_value(fi)  # type: ignore[misc]
    yes = decide(t, value, doc_kind(fi), normalized(fi.fig.qualifier or ""))
    place = ctx.state.place(fi.doc)
    s, e = fi.seg_span
    if not yes and re.search(PREMISE, q.norm) and not re.search(rf"{GT}|{LE}|不低于|不少于|至少|达到|能到", q.norm):
        # 增长6%对吗: a false premise is refused, with what the document does say
        said = f"文件中没有“{t.text}”的说法；{place}{subject_of(fi.clause, ctx.state.clause)}：{fi.doc.clean[s:e]}。"
        return Answer(question=q.text, answer=say(ctx, said), found=False, type="unanswerable",
                      related=(cite_figure(fi),))
    text = f"{'是' if yes else '否'}，{place}{subject_of(fi.clause, ctx.state.clause)}：{fi.doc.clean[s:e]}。"
    cit = cite_figure(fi)
    return Answer(question=q.text, answer=say(ctx, text), found=True, citations=(cit,),
                  figures=(fi.fig.text,), type="yesno")


# A和B是不是都…: every subject asked about must meet the threshold
_EACH = re.compile(r"都|均|全都|全部")
_SUBJECTS_END = re.compile(r"[，,]?(?:是不是|是否|是|都|均|全都|全部|能不能|能否|有没有)")
_AND = re.compile(r"和|与|及(?!时)|以及|、")


def _each_figure(ctx: QueryContext, t: Threshold) -> Answer | None:
    """是 when the figure of every subject the question joins (A和B, A、B) meets the
    threshold, else 否; each subject's figure stated and cited. None unless every subject
    has its own figure."""
    norm = ctx.question.norm
    end = _SUBJECTS_END.search(norm)
    subjects = [p for p in _AND.split(norm[:end.start()] if end else "") if p.strip()]
    if len(subjects) < 2:
        return None
    verdicts = []
    for k, part in enumerate(subjects):
        terms = tuple(w for w in ctx.terms if w in part or (k == 0 and w not in norm[end.start():]
                                                               and not any(w in p for p in subjects)))
        got = _by_figure(ctx.but(terms=terms), t) if terms else None
        if got is None or not got.found or any(got.answer == v.answer for v in verdicts):  # one figure for two
            return None
        verdicts.append(got)
    yes = all(v.answer.startswith("是") for v in verdicts)
    parts, last = [], None
    for v in verdicts:  # 滕州市强化企业创新主体地位：A；B — one subject named once
        where, _, seg = re.sub(r"^[是否]，", "", v.answer).rstrip("。").partition("：")
        parts.append(seg if where == last else f"{where}：{seg}")
        last = where
    text = f"{'是' if yes else '否'}，{'；'.join(parts)}。"
    return Answer(question=ctx.question.text, answer=say(ctx, text), found=True,
                  citations=tuple(v.citations[0] for v in verdicts),
                  figures=tuple(f for v in verdicts for f in v.figures), type="yesno")


def _by_mention(ctx: QueryContext) -> Answer:
    """有没有提到X: 是 with the passage that names it, or 文件未提及."""
    q = ctx.question
    terms = [t for t in ctx.content_terms(None) if not re.fullmatch(r"提到|提及|说到|写到|涉及|包括|包含", t)]
    for s in ranked_sentences(ctx, terms)[:30]:
        if terms and all(term_hit(t, s.norm) >= 0.99 or term_hit(t, s.path) >= 0.99 for t in terms):
            return _yes(ctx, s, True)
    what = "、".join(terms[:3]) or "所问内容"
    return Answer(question=q.text, answer=say(ctx, f"文件未提及“{what}”。"), found=False, type="yesno",
                  related=tuple(_yes(ctx, s, True).citations[0] for s in ranked_sentences(ctx, terms)[:2]))


# words a yes/no question says in passing (能直接作出吗, 没经过审核): not what the passage must hold
_LOOSE = re.compile(r"直接|马上|立即|立刻|先|再|还|都|就|也|一定|自己|能够?|可以|允许|需要?|要|必须|经过|随便|随意"
                    r"|(?:的)?时候|以后|之后|同时")


def _asked_terms(ctx: QueryContext) -> list[str]:
    """The question's words a passage must hold, those said in passing left out."""
    q = ctx.question.norm
    terms = [t for t in ctx.terms if not _LOOSE.fullmatch(t)] or list(ctx.terms)
    asking = [t for t in terms if in_asking_form(t, q)]  # 不能 of 能不能 asks, when a word of what is asked follows
    if asking and any(q.rfind(t) > max(q.rfind(a) for a in asking) for t in terms if t not in asking):
        terms = [t for t in terms if t not in asking]
    return terms


def _by_passage(ctx: QueryContext, quoted: str | None) -> Answer | None:
    """要…吗 / 可以…吗: the passage that holds what is asked decides; a negation of the asked
    predicate in the passage and not in the question (个人不缴费 for 要缴费吗; 不得作出决定 for
    能作出决定吗; 严禁将…挂钩 for 能…挂钩吗), or the reverse, is 否. A question of what may or
    must be done is decided by a passage that states a rule, when one of the best does."""
    terms = _asked_terms(ctx)
    age = asked_age(ctx.question.norm) if quoted is None else None
    if age is not None:
        aged = _by_age(ctx, terms, age)  # 30岁的职工要缴费吗: the rule for that age decides
        if aged is not None:
            return aged
    found = _passing(ctx, terms, quoted)
    if not found:
        return None
    acting = _acting(ctx, found)
    s, opposite = acting or found[0]
    if _MODAL_ASKED.search(ctx.question.norm) and acting is None:
        margin = ctx.config.score_yesno_rule_margin
        s, opposite = next((f for f in found if _RULE.search(f[0].norm) and f[0].score >= s.score - margin),
                           found[0])
    if opposite:
        return _yes(ctx, s, False)
    if quoted is not None:
        return _quoted(ctx, s, threshold(ctx.question.norm)) if quoted in s.norm else None
    s = _through_period(s)  # 须经审议；未经审议的，不得支出: the rule runs on past its semicolon
    if excluded(terms, s.norm, ctx.question.norm) or sooner(s.norm, ctx.question.norm):
        return _yes(ctx, s, False)  # （自建自用除外）; 在抽样后即放行 for 等检测完才放行吗
    if denies(terms, s.norm, ctx.question.norm):
        if after_window(ctx.question.norm, s.norm):  # 两年后 of 3年内不得: past the rule's window
            return _undecided(ctx, s)
        return _yes(ctx, through_proviso(s), False)  # the rule decides; its exception (但…可…) is reported
    lead = lead_of(ctx, s)
    if lead and acting is not None and s.start == acting[0].start:  # 不支付下列费用：(四)… — the lead is quoted
        said = not denies_action(normalized(lead).lower(), ctx.question.norm)
        return _yes(ctx, s, said, where=ctx.state.place(s.doc) + lead)
    if not _writes_predicate(terms, s, ctx.question.norm):
        return None  # 是不是要重新签约 of a passage under 签约服务 that says 自动续约: not what is asked
    return _yes(ctx, through_proviso(s), True)


def _writes_predicate(terms: list[str], s: Sentence, question: str) -> bool:
    """Whether the sentence itself (not only its heading) writes a word of what the question
    asks after its modal word (要重新签约: 重新 or 签约), or of that verb's family."""
    asked = [t for t in predicate_terms(terms, question) if len(t) >= 2]
    family = [v for v in action_family(question) if len(v) >= 2]
    return not asked or any(term_hit(t, s.norm) >= 0.5 for t in asked) or any(v in s.norm for v in family)


def _undecided(ctx: QueryContext, s: Sentence) -> Answer:
    """The rule holds for a time the question is past: the document does not say what follows."""
    text = f"文件未明确规定该期限之后的情形；{s.where}：{s.text.rstrip('。；;')}。"
    return Answer(question=ctx.question.text, answer=say(ctx, text), found=False, type="yesno",
                  related=(s.citation(),))


def _acting(ctx: QueryContext, found: list[tuple[Sentence, bool]]) -> tuple[Sentence, bool] | None:
    """Of the passages found, the first that writes a verb of the asked action's family
    (给报吗: 不予支付; 能换吗: 不得变更), itself or in the lead of the list it is an item of,
    within the margin of the best; None when none does."""
    family = [v for v in action_family(ctx.question.norm) if len(v) >= 2]
    margin = ctx.config.score_yesno_rule_margin
    return next((f for f in found if f[0].score >= found[0][0].score - margin
                 and any(v in f[0].norm + normalized(lead_of(ctx, f[0])).lower() for v in family)), None)


def _by_age(ctx: QueryContext, terms: list[str], age: tuple[int, int]) -> Answer | None:
    """A question about a person of some age: of the passages that hold what is asked and
    condition it on an age, the one holding most of the question's words (then one whose
    age covers the asked) decides: as it says when the asked age lies within its condition
    (未满35周岁…个人不缴费 for 30岁), the reverse when it lies outside (需年满60周岁 for 60岁以下)."""
    asked = [t for t in predicate_terms(terms, ctx.question.norm) if len(t) >= 2]
    family = [v for v in action_family(ctx.question.norm) if len(v) >= 2]  # 交…费 asked: 缴费 written
    best: tuple[int, bool, int, Sentence] | None = None
    for s in ranked_sentences(ctx, [*terms, *family])[:20]:
        rule = rule_age(s.norm)
        text = s.path + " " + s.norm
        held = [t for t in asked if term_hit(t, text) >= 0.5  # 缴纳 asked, 缴费 written: one action
                or any(v in text for v in family_of(t) if len(v) >= 2)]
        if rule is None or not held or 2 * len(held) < len(asked) or (family and not any(v in text for v in family)):
            continue  # a rule of some age, but not of what is asked
        within = covers(rule, age)
        if within is None:
            continue  # it covers some of the ages asked: no verdict from it
        hits = sum(term_hit(t, text) >= 0.5 for t in terms)
        key = (hits, within, rule[0] - rule[1], s)  # of rules alike, the narrowest age range
        if best is None or key[:3] > best[:3]:
            best = key
    if best is None:
        return None
    _, within, _, s = best
    s = _through_period(s)
    says = not denies(terms, s.norm, ctx.question.norm)
    return _yes(ctx, s, says if within else not says)


def _through_period(s: Sentence) -> Sentence:
    """The sentence run on through the parts after its semicolons, to its 。 (in its clause)."""
    text, hi = s.doc.clean, s.clause.clean_span[1]
    end = s.end
    while end < hi and text[end] in "；;":
        stops = [i for i in (text.find(c, end + 1, hi) for c in "。；;\n") if i >= 0]
        end = min(stops, default=hi)
    if end == s.end:
        return s
    end += 1 if end < hi and text[end] == "。" else 0
    whole = text[s.start:end].strip()
    return replace(s, end=s.start + len(whole), text=whole, norm=normalized(whole).lower())


# a question of what may or must be done, and a passage that states a rule
_MODAL_ASKED = re.compile(r"能|可以|可不可以|允许|会不会|要不要|需要|需不需要|必须|得")
_RULE = re.compile(rf"{PROHIBIT}|应当|应|可以|可|须|必须|要|允许|有权")


def _passing(ctx: QueryContext, terms: list[str], quoted: str | None) -> list[tuple[Sentence, bool]]:
    """The first few sentences that hold what is asked (or its opposite: 增加 → 减少), each
    with whether it holds the opposite."""
    asked = without_doc_numbers(ctx.question.norm)  # 〔2026〕78号 names the document
    years = re.findall(r"(?:19|20)\d{2}", asked)
    limit = ctx.config.score_yesno_unmatched_share
    out: list[tuple[Sentence, bool]] = []
    for s in ranked_sentences(ctx, terms)[:20]:
        s = _through_period(s)  # 不能当场登记的，应当…；情形复杂的，…可以再延长: one rule
        missing = missing_terms(terms, s.path + " " + s.norm)
        opposite = [t for t in missing if any(o in s.norm for o in OPPOSITE.get(t, ()))]
        if not terms or len(opposite) == len(terms):
            continue  # no verdict
        rest = [t for t in terms if t not in opposite]
        if len(missing) > len(opposite) and not holds(ctx, s, rest, limit=limit):
            continue  # what the question names, but for little
        if any(y not in s.norm + s.path and str(s.doc.source.year) != y for y in years):
            continue
        if quoted is None and any(n not in s.norm for n in re.findall(r"\d+(?:\.\d+)?", asked)
                                  if n not in years and n not in age_numbers(ctx.question.norm)):
            continue  # a number the question asks about decides only where it is written
        out.append((s, bool(opposite)))
        if len(out) == 3:
            break
    return out


def _quoted(ctx: QueryContext, s: Sentence, t: Threshold | None) -> Answer:
    """The passage writes the very number asked (迈上1万美元, 不超过5个): its qualifier decides."""
    if t is None:
        return _yes(ctx, s, True)
    before = s.norm[:s.norm.find(t.text)][-6:]
    asked = ctx.question.norm[:ctx.question.norm.find(t.text)][-2:]
    if asked and before.endswith(asked) and not re.search(rf"(?:不|未){asked}$", before):
        return _yes(ctx, s, True)  # the passage says it in the question's words
    qual = next((w for w in sorted(LOWER + UPPER, key=len, reverse=True) if before.endswith(w)), "")
    kind = "lower" if qual in LOWER else "upper" if qual in UPPER else ""
    return _yes(ctx, s, decide(t, t.value, kind, qual))


def _yes(ctx: QueryContext, s: Sentence, yes: bool, where: str | None = None) -> Answer:
    text = f"{'是' if yes else '否'}，{(where or s.where).rstrip('：:')}：{s.text.rstrip('。；;')}。"
    return Answer(question=ctx.question.text, answer=say(ctx, text), found=True,
                  citations=(s.citation(),), type="yesno")
