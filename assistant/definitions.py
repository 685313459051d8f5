"""“210”一站式开办服务具体指啥 / “两改”指哪两改 / “产业链改造”是什么意思: what a quoted name
stands for, as the document defines it right after the name — in brackets (“210”一站式开办
服务（一表申请、一窗发放2个环节，1日内办结，全流程0费用）), or with 即 / 是指 / 指 / 包括 up to
the end of the sentence (“两改”工程，即露天种植改设施栽培，老旧大棚改新棚), or after a colon
as a glossary writes it (“两新”：是指…). The whole
definition is the answer, not its first item."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, in_script

if TYPE_CHECKING:
    from assistant.context import QueryContext
    from index.records import ParsedDocument

_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{1,16})[”\"」』]")
# the question asks what the name stands for or holds
_ASKS = re.compile(r"指|是什么|什么意思|啥意思|含义|具体|包括|包含|哪[几些一二两三四五六七八九十]|是哪")
# after the name: a few characters naming what it is (工程, 一站式开办服务), then the definition
_AFTER = re.compile(r"[\u4e00-\u9fffA-Za-z]{0,10}?(?:（(?P<bracket>[^（）]{4,120})）"
                    r"|[，,：:]?\s*(?:即|是指|指的是|指|主要包括|包括)(?P<said>[^。；;]{4,120}))")


def definition(ctx: QueryContext) -> Answer | None:
    """The definition of a name the question quotes and asks about (具体指啥, 指哪两改),
    from the first document in scope that writes one right after the name; None when none
    does."""
    q, state = ctx.question, ctx.state
    names = _QUOTED.findall(q.norm)
    if not names or not _ASKS.search(_QUOTED.sub("", q.norm)):
        return None
    for d in ctx.scope or q.docs or state.doc_ids:
        doc = state.document(d)
        for name in names:
            found = _defined(doc, name)
            if found is not None:
                return _said(ctx, doc, name, *found)
    return None


def _defined(doc: ParsedDocument, name: str) -> tuple[int, int, int] | None:
    """(where the name's quote closes, definition start, end) of the first place the
    document defines ``name`` right after writing it, in either script."""
    for spelled in dict.fromkeys((name, in_script(name, "traditional"))):
        for m in re.finditer(r"[“\"「『]" + re.escape(spelled) + r"[”\"」』]", doc.clean):
            after = _AFTER.match(doc.clean, m.end())
            if after is None:
                continue
            group = "bracket" if after.group("bracket") else "said"
            return m.end(), after.start(group), after.end(group)
    return None


def _said(ctx: QueryContext, doc: ParsedDocument, name: str, closed: int, start: int, end: int) -> Answer:
    q, state = ctx.question, ctx.state
    clause = next((c for c in doc.clauses if c.clean_span[0] <= start < c.clean_span[1]), None)
    what = doc.clean[closed:start].rstrip("（，,：:即是指包括主要的 \n\t")
    definition = doc.clean[start:end].strip().lstrip("，,")
    text = f"{state.place(doc)}“{name}”{what}：{definition}。"
    cits = (cite(doc, clause, start, end, highlight=(definition,)),) if clause is not None else ()
    return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits,
                  type="list")
