"""由哪些单位负责 / 谁牵头: the unit list of the task asked about, with its lead unit; asked of
documents that list no units, a refusal that says they list none."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, in_script, merge, strip_marker
from assistant.figures import normalized
from assistant.match import content_terms, coverage, term_hit
from assistant.scoring import score_duties, unmatched_text
from assistant.views import DutyView

if TYPE_CHECKING:
    from assistant.context import QueryContext


class ResponsibilityAnswerer:
    name = "responsibility"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q, cfg = ctx.question, ctx.config
        if len(q.docs) >= 2:
            return _from_each_document(ctx)
        scored = score_duties(ctx)
        if not scored or scored[0].score < cfg.score_min_duty:
            return None
        best = scored[0]
        if unmatched_text(ctx, ctx.terms, best.item.head + best.item.body, limit=cfg.score_duty_unmatched_share,
                          doc_id=best.item.duty.doc_id) or unlisted_thing(ctx, best.item):
            return None
        if len(ctx.scope) != 1:
            other = next((s for s in scored if s.item.duty.doc_id != best.item.duty.doc_id), None)
            named_both = len(q.docs) >= 2
            if other is not None and ((named_both and other.score >= cfg.score_min_duty)
                                      or (other.score >= cfg.score_min_both
                                          and other.score >= best.score - cfg.score_both_margin)):
                return merge(q.text, duty_answer(ctx, best.item), duty_answer(ctx, other.item))
        return measure_answer(ctx, best.item) or duty_answer(ctx, best.item)


def _from_each_document(ctx: QueryContext) -> Answer | None:
    """The question names several documents: the best list of each."""
    answers = []
    for d in ctx.question.docs:
        t_d = tuple(ctx.state.doc_terms(ctx.terms, d))
        sc = score_duties(ctx.but(terms=t_d, scope=(d,)))
        if sc and t_d and sc[0].score >= ctx.config.score_min_duty:
            answers.append(duty_answer(ctx, sc[0].item))
    return merge(ctx.question.text, *answers) if len(answers) > 1 else (answers[0] if answers else None)


def unlisted_thing(ctx: QueryContext, best: DutyView) -> bool:
    """The question names a thing other documents speak of that the list's document never
    writes (OPC出海服务 of measures without 出海: the word is dropped from its terms), and what
    else it names is in several of that document's lists with other units, and is not the heading
    of one measure: no list is the one asked about, the best of them is a guess."""
    state, norm, doc_id = ctx.state, ctx.question.norm, best.duty.doc_id
    text = state.view(doc_id).text
    corpus = state.scoped(()).weights
    asked = [w for w in content_terms(norm, state.tokenize, state.catalogue.cues.to_blank(norm))
             if corpus.df(w) and not _UNITS_ASKED.search(w)]
    for t in sorted(ctx.terms, key=len, reverse=True):  # what the terms kept of a word (出海支持: 支持)
        asked = [w.replace(t, " ") for w in asked]
    if not any(len(p) >= 2 and term_hit(p, text) < 0.5 and not _miscut(norm, p, text) for w in asked for p in w.split()):
        return False
    rest = [t for t in ctx.content_terms(doc_id) if not _UNITS_ASKED.search(t)]
    duties = state.view(doc_id).duties
    headed = {d.clause.id for d in duties if all(term_hit(t, normalized(d.clause.path_text).lower()) >= 0.5 for t in rest)}
    if rest and len(headed) == 1:
        return False  # the rest is one measure's heading (强化科技金融支撑这一条): that measure is asked
    holding = {d.duty.units for d in duties  # each list's own sentences when it closes some
               if all(term_hit(t, d.head if d.closes else d.head + " " + d.body) >= 0.5 for t in rest)}
    return len(holding) > 1


def _miscut(norm: str, word: str, text: str) -> bool:
    """The word is a cut across what the text writes: 在线 of 在线上社区 (the text's 线上),
    a pair of Chinese characters over one of its edges is in the text."""
    i = norm.find(word)
    if i < 0:
        return False
    return any(re.fullmatch(r"[\u4e00-\u9fff]{2}", b) and b in text for b in (norm[max(i - 1, 0):i + 1] if i else "",
                                                   norm[i + len(word) - 1:i + len(word) + 1]))


def measure_answer(ctx: QueryContext, best: DutyView) -> Answer | None:
    """The question names a measure (its words are all in the heading path) that holds several
    lists, each closing its own sentences (``DutyView.closes``): every list, with the sentence
    it opens with, not the first alone (加大场景资源开放由哪些单位负责 of a measure with four)."""
    if best.closes is None:
        return None
    lists = [d for v in ctx.state.in_scope((best.duty.doc_id,)) for d in v.duties
             if d.clause.id == best.clause.id and d.closes is not None]
    terms = [t for t in ctx.content_terms(best.duty.doc_id) if not _UNITS_ASKED.search(t)]
    path = normalized(best.clause.path_text).lower()
    if len(lists) < 2 or not terms or any(term_hit(t, path) < 0.5 for t in terms):
        return None
    q, doc = ctx.question, best.doc
    parts, cits, units = [], [], []
    for d in lists:
        lo, hi = d.closes
        end = re.search(r"[。！？!?]|$", doc.clean[lo:hi]).end()
        first = cite(doc, d.clause, lo, lo + end, sentence=False)  # the sentence the list opens with
        name = re.split(r"[，,；;：:。]", strip_marker(d.duty.task))[0]
        lead = f"，{'、'.join(d.duty.lead)}牵头" if d.duty.lead else ""
        parts.append(f"“{name}”等：{'、'.join(d.duty.units)}{lead}")
        cits += [cite(doc, d.clause, *d.duty.clean_span, highlight=d.duty.units, sentence=False), first]
        units += [u for u in d.duty.units if u not in units]
    heading = strip_marker(best.clause.heading).rstrip("。")
    text = f"{ctx.state.place(doc)}“{heading}”各项的责任单位——" + "；".join(parts) + "。"
    return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=tuple(cits),
                  units=tuple(units), type="responsibility")


def duty_answer(ctx: QueryContext, d: DutyView) -> Answer:
    """The units of one list (the lead named when the document marks one)."""
    q = ctx.question
    duty = d.duty
    place = ctx.state.place(d.doc)
    said = asked_sentence(ctx, d)
    task = d.doc.clean[said[0]:said[1]] if said else strip_marker(duty.task)
    task = task.rstrip("。；;")
    units = "、".join(duty.units)
    if q.lead_only and duty.lead:
        text = f"{place}“{task}”由{'、'.join(duty.lead)}牵头，责任单位：{units}。"
    else:
        text = f"{place}“{task}”的责任单位：{units}。"
        if duty.lead:
            text += f"其中{'、'.join(duty.lead)}牵头。"
        elif q.lead_only:
            text += "文件未写明牵头单位。"
    cits = (cite(d.doc, d.clause, *duty.clean_span, highlight=duty.units, sentence=False),)
    if said:  # the sentence named, quoted too: what it states is grounded
        cits += (cite(d.doc, d.clause, *said, sentence=False),)
    return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits,
                  units=duty.units, type="responsibility")


def asked_sentence(ctx: QueryContext, d: DutyView) -> tuple[int, int] | None:
    """Of the sentences a list closes (``DutyView.closes``), the one the question's words
    cover best (the first on a tie): the task the answer names."""
    if d.closes is None:
        return None
    lo, hi = d.closes
    spans, start = [], lo
    for m in re.finditer(r"[。！？!?]", d.doc.clean[lo:hi]):
        spans.append((start, lo + m.end()))
        start = lo + m.end()
    if d.doc.clean[start:hi].strip():
        spans.append((start, hi))
    cover = [coverage(ctx.terms, normalized(d.doc.clean[a:b]).lower(), ctx.state.weights) for a, b in spans]
    return spans[cover.index(max(cover))] if spans else None


# the task as the question names it, before it asks who does it (胶州OPC创业社区建设 | 由哪些部门负责)
_TASK = re.compile(r"^(?P<task>.+?)(?:的?工作)?(?:主要|具体|都|应|要|该)?(?:由|归|是|找)?(?:谁|哪些|哪个|哪几个|什么)")


# the words that name the document before the task: 报告里 / 方案中 / 文件中提到的
_IN_DOC = re.compile(r"里面?的?|中提到的|(?<=[告件案见划法例知则])中的?")
_UNITS_ASKED = re.compile(r"部门|单位|机关|厅局|部委|负责|牵头|主责|承办")


class NoListedUnits:
    """由哪些部门负责 asked of documents that list no responsible units at all (a report, a
    plan without 责任单位): a refusal that says so, not the generic one."""

    name = "no_listed_units"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q, state = ctx.question, ctx.state
        docs = q.docs or (ctx.scope if len(ctx.scope) == 1 else ())
        if not docs or not _UNITS_ASKED.search(q.norm) or any(v.duties for v in state.in_scope(docs)):
            return None  # 召集人由谁兼任 asks for a person, not a unit list
        asked = re.sub(r"[？?！!。\s]+$", "", q.norm)
        m = _TASK.search(asked)
        # the task as typed (OPC, not opc), when the normalised question keeps its length
        typed = q.text.strip() if len(q.text.strip()) >= len(asked) else asked
        task = _IN_DOC.split(typed[:m.end("task")])[-1] if m else ""  # 报告里稳就业 → 稳就业
        labels = "、".join(f"《{state.document(d).source.label}》" for d in docs)
        what = f"“{task}”由哪些单位负责" if task else "各项任务的责任单位"
        text = f"{labels}没有列出责任单位，文件未写明{what}。"
        related = tuple(cite(state.document(h.clause.doc_id), h.clause, h.clause.clean_span[0],
                             min(h.clause.clean_span[1], h.clause.clean_span[0] + 1))
                        for h in ctx.hits[:3] if h.clause.doc_id in docs)
        return Answer(question=q.text, answer=in_script(text, q.script), found=False, related=related,
                      type="unanswerable")
