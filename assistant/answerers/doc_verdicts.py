"""Yes/no verdicts about whole documents: is it still in force (its 有效性 line, or a line of
its front matter marking it repealed), and do two documents give the same figure (一样吗)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.evidence import say
from assistant.compose import cite, cite_figure
from assistant.figures import normalized

if TYPE_CHECKING:
    from assistant.context import QueryContext

SAME = re.compile(r"一样|相同|一致|同样|没区别|有区别|有差别|不同")


def same_across(ctx: QueryContext) -> Answer | None:
    """一样吗 of two documents named: 是 when the figures of one period measured alike are the
    same as written (value, unit and qualifier), 否 otherwise; both stated and cited."""
    from assistant.answerers.comparison import across_documents

    q = ctx.question
    each = across_documents(ctx)
    if each is None or each.missing or each.mixed or each.rivalled or len(each.picks) != 2:
        return None  # a verdict needs the one figure of each document, beyond doubt
    (la, a, _), (lb, b, _) = each.picks
    fa, fb = a.item.fig, b.item.fig
    alike = (fa.value, fa.unit, fa.qualifier or "") == (fb.value, fb.unit, fb.qualifier or "")
    asks_differ = bool(re.search(r"不同|有区别|有差别", q.norm))
    verdict = "是" if alike != asks_differ else "否"
    text = f"{verdict}，{la}为{fa.text}，{lb}为{fb.text}，{'相同' if alike else '不同'}。"
    cits = tuple(cite_figure(x.item) for x in (a, b))
    return Answer(question=q.text, answer=say(ctx, text), found=True, citations=cits,
                  figures=(fa.text, fb.text), type="yesno")


def validity(ctx: QueryContext) -> Answer | None:
    """还有效吗: the document's 有效性 line decides (有效 → 是; 失效, 废止 → 否)."""
    from assistant.answerers.docfact import DocFactAnswerer

    ans = DocFactAnswerer().answer(ctx)
    if ans is None or not ans.figures:
        return _repealed(ctx)
    yes = "有效" in ans.figures[0] and not re.search(r"失效|无效|废止|廢止|失效", ans.figures[0])
    return replace(ans, answer=say(ctx, "是，" if yes else "否，") + ans.answer, type="yesno")


def _repealed(ctx: QueryContext) -> Answer | None:
    """还有效吗 of a document without an 有效性 line: a line of its front matter that marks it
    repealed (法规类别：…废止法规, 废止说明：…) answers 否; nothing else is assumed."""
    if len(ctx.scope) != 1:
        return None
    doc = ctx.state.document(ctx.scope[0])
    head = next((c for c in doc.clauses if c.parent is None), None)
    if head is None:
        return None
    lo, hi = head.clean_span
    at = lo
    for line in doc.clean[lo:hi].split("\n"):
        label, _, value = normalized(line).partition(":")
        if value and len(label) <= 8 and re.search(r"废止|失效", label + value):
            cit = cite(doc, head, at, at + len(line.rstrip()), sentence=False)
            return Answer(question=ctx.question.text, answer=say(ctx, f"否，{line.strip()}。"), found=True,
                          citations=(cit,), type="yesno")
        at += len(line) + 1
    return None
