"""一共多少条 / 一共列了几条措施 / 附件一共多少个三级指标: how many numbered items a document
holds, read from its numbering, not stated by it — its articles (第一条…第三十二条), or the
numbered items under the heading the question names (重点任务's 1.…18.; 附件's 1.…55.).
The answer says it is counted and cites the first and the last item."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.evidence import named_heading
from assistant.compose import cite, cn_count, in_script, strip_marker
from assistant.figures import normalized

if TYPE_CHECKING:
    from assistant.context import QueryContext
    from index.records import Clause, ParsedDocument

# 一共多少条 / 一共列了几条具体措施 / 总共有多少个三级指标: a total asked, of one kind of item
_ASKS = re.compile(r"(?:一共|总共|总计|共计|合计)(?:有|列了?|列出了?|设了?|包括|包含|写了)?(?:多少|几)\s*"
                   r"(个|条|项|章|节)([\u4e00-\u9fffa-z]{0,8}?)(?:[？?，,。!！]|呢|啊|吗|$)")
# what a numbered item is called whatever its document (措施, 任务, 条款); another noun must be
# written in the items themselves (三级指标：1.…) to be theirs
_ITEM_NOUNS = frozenset({"", "措施", "具体措施", "举措", "政策", "政策措施", "任务", "重点任务", "具体任务",
                         "条款", "规定", "内容", "事项", "条目"})
_ARTICLE = "第([一二三四五六七八九十百零〇两]+){}"


class CountAnswerer:
    name = "count"

    def answer(self, ctx: QueryContext) -> Answer | None:
        m = _ASKS.search(ctx.question.norm)
        if not m:
            return None
        unit, noun = m.group(1), m.group(2)
        from assistant.answerers.overview import asked_documents

        docs = asked_documents(ctx) or _titled(ctx)
        if len(docs) != 1:
            return None
        doc = ctx.state.document(docs[0])
        if unit in "条章节" and noun in ("", "条款", "规定"):
            part = _named_part(ctx, doc)  # 第二章一共几条: that chapter's articles
            if part is None and re.search(_ARTICLE.format("[章节]"), ctx.question.norm):
                return None  # a chapter the document does not have (第六章) is no whole count
            found = _articles(doc, unit, part)
            if found:
                return _counted(ctx, doc, found, unit, part)
        asked = tuple(t for t in ctx.terms if t != noun and t not in noun)
        heading = _by_marker(ctx, doc) or named_heading(ctx, asked)
        if heading is None or heading.doc_id != doc.source.doc_id:
            return None
        items = _numbered(ctx, heading)
        if len(items) < 2 or not (noun in _ITEM_NOUNS or _names_items(doc, items[0], noun)):
            return None
        return _counted(ctx, doc, items, unit, heading)


def _titled(ctx: QueryContext) -> list[str]:
    """The one document in scope whose title holds most of the question's words (医保飞行检查
    暂行办法 of 医疗保障基金飞行检查管理暂行办法), if one does."""
    from assistant.match import coverage

    cov = {d: coverage(list(ctx.terms), normalized(ctx.state.document(d).source.title or "").lower(), ctx.state.weights)
           for d in ctx.scope}
    top = max(cov.values(), default=0.0)
    best = [d for d, v in cov.items() if v == top]
    return best if top > 0 and len(best) == 1 else []


def _by_marker(ctx: QueryContext, doc: ParsedDocument) -> Clause | None:
    """A part the question names by its marker (附件, 附件2), which its heading does not repeat."""
    for c in doc.clauses:
        mark = c.marker.strip(" 、.：:")
        if c.level == 1 and mark.startswith("附件") and mark in ctx.question.norm:
            return c
    return None


def _names_items(doc: ParsedDocument, first: Clause, noun: str) -> bool:
    """The items are called ``noun`` where they are written: the label right before the
    first one's number (a table's column: 三级指标：1.…), or its own heading."""
    before = normalized(doc.clean[max(0, first.clean_span[0] - 16):first.clean_span[0]]).lower()
    return bool(re.search(re.escape(noun) + r"[：:|\s]*$", before)) or noun in normalized(first.heading).lower()


def _named_part(ctx: QueryContext, doc: ParsedDocument) -> Clause | None:
    """The chapter or section the question names by its number (第二章)."""
    for m in re.finditer(_ARTICLE.format("[章节]"), ctx.question.norm):
        for c in doc.clauses:
            if c.id.rsplit("/", 1)[-1] == m.group(0):
                return c
    return None


def _articles(doc: ParsedDocument, unit: str, part: Clause | None) -> list[Clause]:
    """The 第X条 (章, 节) of the document, or of ``part``, when numbered one after another
    (from the first, for the whole document)."""
    pattern = re.compile(_ARTICLE.format(unit))
    found = [c for c in doc.clauses if pattern.fullmatch(c.id.rsplit("/", 1)[-1])
             and (part is None or c.id.startswith(part.id + "/"))]
    numbers = [pattern.fullmatch(c.id.rsplit("/", 1)[-1]).group(1) for c in found]
    return found if _in_sequence(numbers, from_one=part is None) else []


def _numbered(ctx: QueryContext, heading: Clause) -> list[Clause]:
    """The numbered items (1. 2. …) under ``heading``, at any depth, when numbered one
    after another through the heading or afresh in each of its parts."""
    state = ctx.state
    items: list[Clause] = []
    runs: list[list[str]] = []

    def walk(c: Clause) -> None:
        run: list[str] = []
        for k in state.children(c):
            mark = k.id.rsplit("/", 1)[-1]
            if mark.isdigit():
                items.append(k)
                run.append(mark)
            walk(k)
        if run:
            runs.append(run)

    walk(heading)
    numbers = [k.id.rsplit("/", 1)[-1] for k in items]
    if _in_sequence(numbers) or all(_in_sequence(r) for r in runs):
        return items
    return []


def _in_sequence(numbers: list[str], from_one: bool = True) -> bool:
    """Whether ``numbers`` (Arabic or Chinese) run 1, 2, 3, … (or on from any number)
    with none left out."""
    if len(numbers) < 2:
        return False
    from index.figures import cn_value

    read = [int(n) if n.isdigit() else cn_value(n) for n in numbers]
    if any(v is None for v in read):
        return False
    values = [int(v) for v in read]
    first = 1 if from_one else values[0]
    return values == list(range(first, first + len(values)))


def _counted(ctx: QueryContext, doc: ParsedDocument, items: list[Clause], unit: str,
             heading: Clause | None) -> Answer:
    q = ctx.question
    first, last = items[0], items[-1]
    where = f"“{strip_marker(heading.heading).rstrip('。')}”下" if heading is not None else ""
    span = f"从“{strip_marker(first.heading).rstrip('。')}”到“{strip_marker(last.heading).rstrip('。')}”"
    if re.fullmatch(_ARTICLE.format("[条章节]"), first.id.rsplit("/", 1)[-1]):  # 第十四条至第二十二条
        span = f"{first.id.rsplit('/', 1)[-1]}至{last.id.rsplit('/', 1)[-1]}"
    count = "两" if len(items) == 2 else cn_count(len(items))  # 两条, not 二条
    text = (f"《{doc.source.title or doc.source.label}》{where}共{count}{unit}"
            f"（{span}，按编号数出）。")
    cits = tuple(cite(doc, c, c.clean_span[0], min(c.clean_span[1], c.clean_span[0] + 1)) for c in (first, last))
    return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits,
                  type="count", extra={"items": len(items)})
