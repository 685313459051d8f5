"""由哪些单位负责 / 谁牵头: the unit list of the task asked about, with its lead unit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, in_script, merge, strip_marker
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
                          doc_id=best.item.duty.doc_id):
            return None
        if len(ctx.scope) != 1:
            other = next((s for s in scored if s.item.duty.doc_id != best.item.duty.doc_id), None)
            named_both = len(q.docs) >= 2
            if other is not None and ((named_both and other.score >= cfg.score_min_duty)
                                      or (other.score >= cfg.score_min_both
                                          and other.score >= best.score - cfg.score_both_margin)):
                return merge(q.text, duty_answer(ctx, best.item), duty_answer(ctx, other.item))
        return duty_answer(ctx, best.item)


def _from_each_document(ctx: QueryContext) -> Answer | None:
    """The question names several documents: the best list of each."""
    answers = []
    for d in ctx.question.docs:
        t_d = tuple(ctx.state.doc_terms(ctx.terms, d))
        sc = score_duties(ctx.but(terms=t_d, scope=(d,)))
        if sc and t_d and sc[0].score >= ctx.config.score_min_duty:
            answers.append(duty_answer(ctx, sc[0].item))
    return merge(ctx.question.text, *answers) if len(answers) > 1 else (answers[0] if answers else None)


def duty_answer(ctx: QueryContext, d: DutyView) -> Answer:
    """The units of one list (the lead named when the document marks one)."""
    q = ctx.question
    duty = d.duty
    place = ctx.state.place(d.doc)
    task = strip_marker(duty.task).rstrip("。")
    units = "、".join(duty.units)
    if q.lead_only and duty.lead:
        text = f"{place}“{task}”由{'、'.join(duty.lead)}牵头，责任单位：{units}。"
    else:
        text = f"{place}“{task}”的责任单位：{units}。"
        if duty.lead:
            text += f"其中{'、'.join(duty.lead)}牵头。"
        elif q.lead_only:
            text += "文件未写明牵头单位。"
    cit = cite(d.doc, d.clause, *duty.clean_span, highlight=duty.units, sentence=False)
    return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=(cit,),
                  units=duty.units, type="responsibility")
