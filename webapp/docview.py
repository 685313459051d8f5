"""The document view: one document's clean text with its outline, opened at a cited clause.

``GET /doc/{doc_id}?clause=ID&q=QUOTE&hl=FIG&hl=FIG`` returns a self-contained HTML page
(no outside resources): the outline at the left linking to each clause, the text at the
right, the cited clause marked, the quoted sentence highlighted and the figures in it bold,
and the page scrolled there. Every text is HTML-escaped. Citations in the chat and the 文档
tab link here (``view_url``).
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote, urlencode

from starlette.requests import Request  # module-level: FastAPI resolves handler signatures

NOT_FOUND = "没有找到这份文档：{doc_id}。它可能已被删除或替换，请回到问答页重新提问。"

_STYLE = """
body{margin:0;font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
 color:#1f2937;background:#f8fafc}
header{padding:14px 24px;background:#fff;border-bottom:1px solid #e5e7eb}
header h1{font-size:20px;margin:0 0 4px}
header p{margin:0;color:#6b7280;font-size:13px}
.wrap{display:flex;height:calc(100vh - 72px)}
nav{width:300px;overflow:auto;padding:12px;background:#fff;border-right:1px solid #e5e7eb;font-size:13px}
nav a{display:block;color:#374151;text-decoration:none;padding:2px 0}
nav a.cited{color:#b45309;font-weight:bold}
main{flex:1;overflow:auto;padding:16px 32px;line-height:1.9;font-size:15px}
section{white-space:pre-wrap;padding:4px 8px;border-left:3px solid transparent}
section.cited{border-left-color:#f59e0b;background:#fffbeb}
mark{background:#fde68a}
strong{color:#b91c1c}
"""


def view_url(doc_id: str, clause: str | None = None, quote_text: str | None = None,
             marks: tuple[str, ...] | list[str] = ()) -> str:
    """The link to ``doc_id``'s view at ``clause`` with ``quote_text`` and ``marks`` shown."""
    params: list[tuple[str, str]] = []
    if clause:
        params.append(("clause", clause))
    if quote_text:
        params.append(("q", quote_text[:300]))
    params += [("hl", m) for m in list(marks)[:8] if m]
    query = urlencode(params)
    return f"/doc/{quote(doc_id, safe='')}" + (f"?{query}" if query else "") + \
        ("#cited" if clause else "")


def _marked(text: str, quote_text: str | None, marks: list[str]) -> str:
    """``text`` escaped, the quote in <mark> and the figures inside it in <strong>."""
    start = text.find(quote_text) if quote_text else -1
    if start < 0:
        return _bold(text, marks)
    end = start + len(quote_text or "")
    return (_bold(text[:start], []) + "<mark>" + _bold(text[start:end], marks) + "</mark>"
            + _bold(text[end:], []))


def _bold(text: str, marks: list[str]) -> str:
    spans: list[tuple[int, int]] = []
    for m in sorted({m for m in marks if m}, key=len, reverse=True):
        i = text.find(m)
        while i >= 0:
            if all(i + len(m) <= a or i >= b for a, b in spans):
                spans.append((i, i + len(m)))
            i = text.find(m, i + len(m))
    out, pos = [], 0
    for a, b in sorted(spans):
        out += [html.escape(text[pos:a]), "<strong>", html.escape(text[a:b]), "</strong>"]
        pos = b
    return "".join(out) + html.escape(text[pos:])


def render_document(doc: Any, clause: str | None = None, quote_text: str | None = None,
                    marks: list[str] | None = None) -> str:
    """The HTML page of a parsed document (``index.records.ParsedDocument``)."""
    from index.clean import to_simplified, to_traditional

    src, clean = doc.source, doc.clean
    clauses = sorted((c for c in doc.clauses if c.clean_span[1] > c.clean_span[0]),
                     key=lambda c: c.clean_span[0])
    # A quote or figure may come in the other script than the document's.
    variants = [v for t in (quote_text or "",) for v in (t, to_simplified(t), to_traditional(t)) if v]
    text_of = {c.id: clean[c.clean_span[0]:c.clean_span[1]] for c in clauses}
    quote_here = next((v for v in variants if clause in text_of and v in text_of[clause]), None)
    marks = [v for m in marks or [] for v in {m, to_simplified(m), to_traditional(m)}]
    nav, body, pos = [], [], 0
    for i, c in enumerate(clauses):
        a, b = c.clean_span
        if a > pos and clean[pos:a].strip():
            body.append(f"<section>{html.escape(clean[pos:a].strip())}</section>")
        cited = c.id == clause
        anchor = "cited" if cited else f"c{i}"
        css = ' class="cited"' if cited else ""
        if c.level >= 1:
            label = c.path[-1] if c.path else f"{c.marker}{c.heading}"
            nav.append(f'<a href="#{anchor}"{css} style="padding-left:{(c.level - 1) * 12}px">'
                       f"{html.escape(label[:60])}</a>")
        text = text_of[c.id].strip("\n")
        inner = _marked(text, quote_here, marks) if cited else html.escape(text)
        body.append(f'<section id="{anchor}"{css}>{inner}</section>')
        pos = max(pos, b)
    if clean[pos:].strip():
        body.append(f"<section>{html.escape(clean[pos:].strip())}</section>")
    facts = " · ".join(html.escape(str(x)) for x in (src.issuer, src.doc_number, src.date) if x)
    title = html.escape(src.title or src.label)
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{_STYLE}</style></head><body><header><h1>{title}</h1><p>{facts}</p></header>"
            f'<div class="wrap"><nav>{"".join(nav) or "（没有识别出条款标题）"}</nav>'
            f'<main>{"".join(body)}</main></div>'
            "<script>var c=document.getElementById('cited');if(c)c.scrollIntoView({block:'center'});"
            "</script></body></html>")


def register(api: Any, web: Any, check_auth: Any) -> None:
    """``GET /doc/{doc_id}``: the page, or a Chinese 404 page for an unknown document."""
    from fastapi import Depends
    from fastapi.responses import HTMLResponse

    @api.get("/doc/{doc_id}", dependencies=[Depends(check_auth)], include_in_schema=False)
    def document_view(doc_id: str, request: Request) -> HTMLResponse:
        params = request.query_params
        try:
            doc = web.bot.index.document(doc_id)
        except KeyError:
            doc = None
        if doc is None:
            message = html.escape(NOT_FOUND.format(doc_id=doc_id))
            return HTMLResponse(f'<!doctype html><html lang="zh-CN"><meta charset="utf-8">'
                                f"<body><p>{message}</p></body></html>", status_code=404)
        page = render_document(doc, params.get("clause"), params.get("q"), params.getlist("hl"))
        return HTMLResponse(page, headers={"Content-Security-Policy":
                                           "default-src 'none'; style-src 'unsafe-inline'; "
                                           "script-src 'unsafe-inline'"})
