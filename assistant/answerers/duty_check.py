"""有配合单位吗: the unit list of the task asked about decides; 是 with the units besides the
lead the document marks, 否 when the list holds the lead alone (or one unit). A list of
several units with no lead marked gives no verdict (which of them assist is not written)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.evidence import say
from assistant.compose import cite, strip_marker
from assistant.scoring import score_duties, unmatched_text

if TYPE_CHECKING:
    from assistant.context import QueryContext

ASKS_HELPERS = re.compile(r"(?:有没有|有无|是否有|有)(?:其他|别的)?(?:配合|协助|协同|参与|配合的)(?:单位|部门)")
_FORM = re.compile(r"有没有|有无|是否|配合|协助|协同|参与|单位|部门|其他|别的")


def helpers_verdict(ctx: QueryContext) -> Answer | None:
    """The verdict on 有配合单位吗, or None when no list of the task is found beyond doubt."""
    cfg = ctx.config
    terms = tuple(t for t in ctx.terms if not _FORM.fullmatch(t))
    if not terms:
        return None
    sub = ctx.but(terms=terms)
    scored = score_duties(sub)
    if not scored or scored[0].score < cfg.score_min_duty:
        return None
    d = scored[0].item
    duty = d.duty
    if unmatched_text(sub, terms, d.head + d.body, limit=cfg.score_duty_unmatched_share, doc_id=duty.doc_id):
        return None
    lead = [u for u in duty.units if u in duty.lead]
    others = [u for u in duty.units if u not in duty.lead] if lead else duty.units[1:]
    if not lead and others:
        return None  # several units, none marked as the lead
    task = strip_marker(duty.task).rstrip("。")
    place = ctx.state.place(d.doc)
    if others:
        text = f"是，{place}“{task}”由{'、'.join(lead)}牵头，配合单位：{'、'.join(others)}。"
    else:
        text = f"否，{place}“{task}”只写了{'、'.join(duty.units)}{'牵头' if lead else ''}负责，没有配合单位。"
    cit = cite(d.doc, d.clause, *duty.clean_span, highlight=duty.units, sentence=False)
    return Answer(question=ctx.question.text, answer=say(ctx, text), found=True, citations=(cit,),
                  units=duty.units, type="yesno")
