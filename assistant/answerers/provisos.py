"""The words around a rule a yes/no answer quotes: the proviso right after it that makes an
exception (…的除外, 但…可…, 除…外), kept with the rule so that the verdict comes with its
condition (不得以市场主体名义从事经营活动。法律、行政法规规定无需办理登记的除外。); and the lead
of the list it is an item of (有下列情形之一的，不予批准：), which says what the item is for."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answerers.evidence import Sentence
from assistant.compose import strip_marker
from assistant.figures import normalized

if TYPE_CHECKING:
    from assistant.context import QueryContext

_ENDS = "。；;\n"
# a sentence that qualifies the one before it
PROVISO = re.compile(r"^(?:但|但是|不过|除[^，,。；;]{1,40}外)|(?:的|者)?除外[。；;]?$|另有规定的?[，,]?从其规定")
_MAX = 2  # provisos read after a rule


def _next_sentence(text: str, start: int, hi: int) -> tuple[int, int] | None:
    """The span of the sentence starting at ``start`` (blanks skipped), its end mark included."""
    while start < hi and text[start] in " \u3000\t":
        start += 1
    if start >= hi:
        return None
    stops = [i for i in (text.find(c, start, hi) for c in _ENDS) if i >= 0]
    end = min(stops, default=hi)
    return start, min(end + 1, hi) if end < hi and text[end] != "\n" else end


def through_proviso(s: Sentence) -> Sentence:
    """``s`` run on through the provisos that follow it in its clause (none: ``s`` itself)."""
    text, hi = s.doc.clean, s.clause.clean_span[1]
    end = s.end
    for _ in range(_MAX):
        span = _next_sentence(text, end + (1 if end < hi and text[end] in "。；;" else 0), hi)
        if span is None or not PROVISO.search(text[span[0]:span[1]].strip()):
            break
        end = span[1]
    if end == s.end:
        return s
    whole = text[s.start:end].strip()
    return replace(s, end=s.start + len(whole), text=whole, norm=normalized(whole).lower())


def lead_of(ctx: QueryContext, s: Sentence) -> str:
    """The words that lead into a list the sentence is an item of (有下列情形之一的，…不予批准：),
    in its own clause before it or as its parent's text; "" when it is no list item."""
    lo = s.clause.clean_span[0]
    lines = s.doc.clean[lo:s.start].rstrip().split("\n")
    while lines and _ITEM.match(lines[-1].strip()):
        lines.pop()  # the items before this one
    if len(lines) < len(s.doc.clean[lo:s.start].rstrip().split("\n")) or _ITEM.match(s.text):
        own = lines[-1].strip() if lines else ""
        if own.endswith((":", "：")):
            return strip_marker(_ARTICLE.sub("", own)).rstrip(":：")
    parent = ctx.state.clause(s.clause.parent) if s.clause.parent else None
    lead = strip_marker(_ARTICLE.sub("", parent.text.strip())) if parent else ""
    return lead.rstrip(":：") if lead.endswith((":", "：")) else ""


_ITEM = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|[①-⑳])")
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+条\s*")
