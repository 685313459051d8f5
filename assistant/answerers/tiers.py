"""X按Y怎么分档，各是多少: the tiers a rule sets, each its own numbered item under one
heading ((1)未满35周岁…不缴费；(2)满35周岁至未满45周岁…为0.02%；…), said in turn and
each cited."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.evidence import say
from assistant.compose import cite, strip_marker
from assistant.figures import FigureView

if TYPE_CHECKING:
    from assistant.context import QueryContext

TIERED = re.compile(r"(?:怎么|如何|怎样)分档|分(?:几|哪几|哪些)档|分成几档")
MAX_TIER_CHARS = 120  # a tier is a short item, not a paragraph


def tiers(ctx: QueryContext, fi: FigureView) -> Answer | None:
    """The numbered items under the heading above ``fi``'s own item, when it is one of two
    or more short ones (None otherwise)."""
    state = ctx.state
    parent = state.clause(fi.clause.parent) if fi.clause.parent else None
    items = state.children(parent) if parent is not None else []
    if len(items) < 2 or fi.clause.id not in {c.id for c in items} \
            or any(len(c.text.strip()) > MAX_TIER_CHARS for c in items):
        return None
    said = "；".join(c.text.strip().rstrip("；;。") for c in items)
    head = strip_marker(parent.heading).rstrip("：:。")
    text = f"{state.place(fi.doc)}{head}：{said}。"
    cits = tuple(cite(fi.doc, c, *c.clean_span, sentence=False) for c in items)
    figs = tuple(f.fig.text for f in state.view(fi.doc.source.doc_id).figs if f.clause.id in {c.id for c in items})
    return Answer(question=ctx.question.text, answer=say(ctx, text), found=True, citations=cits,
                  figures=figs, type="parts")
