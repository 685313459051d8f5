"""The document view: a cited clause opened in its document, the quote and figure marked."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx
from app_fixtures import app_config, live_url, serve_app, shared_bot

from index.ingest import infer_source, parse_text
from webapp.docview import render_document, view_url

TEXT = """河畔县2026年夜间经济提升方案

一、总体目标
到2026年，全县夜间消费额达到8.5亿元，打造夜市街区3条。
二、重点任务
（一）培育夜市<b>街区</b>。新建特色夜市2个，夜间营业商户不少于300户。
（二）延长公共服务时间。公交末班车延长至22时。
"""


def _doc():
    return parse_text(TEXT, infer_source(TEXT, file="night.txt", doc_id="night"))


def test_the_cited_clause_is_marked_and_its_quote_highlighted():
    doc = _doc()
    cited = next(c for c in doc.clauses if c.heading.startswith("培育夜市"))
    page = render_document(doc, cited.id, "新建特色夜市2个", ["2个"])
    section = re.search(r'<section id="cited" class="cited">(.*?)</section>', page, re.S).group(1)
    assert "<mark>新建特色夜市<strong>2个</strong></mark>" in section
    assert "&lt;b&gt;街区&lt;/b&gt;" in section and "<b>" not in page  # document text is inert
    assert page.count('class="cited"') == 2  # the clause and its outline entry
    assert '<a href="#cited" class="cited"' in page
    assert "8.5亿元" in page and "22时" in page  # the whole document is there
    assert "scrollIntoView" in page


def test_a_quote_in_the_other_script_is_still_found():
    doc = _doc()
    cited = next(c for c in doc.clauses if c.heading.startswith("培育夜市"))
    page = render_document(doc, cited.id, "新建特色夜市2個", [])
    assert "<mark>新建特色夜市2个</mark>" in page


def test_without_a_clause_nothing_is_marked():
    page = render_document(_doc())
    assert "<mark>" not in page and 'id="cited"' not in page
    assert "一、总体目标" in page


def test_view_url_round_trip():
    url = view_url("doc/1", "doc/1/二/（一）", "引用“句子”&", ["2个", "300户"])
    parts = urlsplit(url)
    assert parts.path == "/doc/doc%2F1" and parts.fragment == "cited"
    q = parse_qs(parts.query)
    assert q == {"clause": ["doc/1/二/（一）"], "q": ["引用“句子”&"], "hl": ["2个", "300户"]}


def test_an_answer_links_to_its_clause_in_the_live_app():
    base = live_url()
    answer = httpx.post(base + "api/ask", timeout=60,
                        json={"question": "东营2021年高端装备产业增加值目标是多少？"}).json()
    c = answer["citations"][0]
    url = view_url(c["doc_id"], c["clause"], c["quote"], c["highlight"])
    r = httpx.get(base + url.lstrip("/"), timeout=30)
    assert r.status_code == 200 and "default-src 'none'" in r.headers["content-security-policy"]
    cited = re.search(r'<section id="cited" class="cited">(.*?)</section>', r.text, re.S).group(1)
    assert "<mark>" in cited and "<strong>27.05" in cited
    missing = httpx.get(base + "doc/no-such-doc", timeout=30)
    assert missing.status_code == 404 and "没有找到这份文档" in missing.text


def test_the_view_needs_a_login_when_the_app_has_one():
    cfg = app_config(auth="staff:secret-pass-1")
    doc_id = shared_bot().documents()[0].doc_id
    with serve_app(cfg, shared_bot()) as url:
        anonymous = httpx.get(url + f"doc/{doc_id}", timeout=30, follow_redirects=False)
        assert anonymous.status_code in (302, 303, 307, 401)
        assert doc_id not in anonymous.text
        ok = httpx.get(url + f"doc/{doc_id}", timeout=30, auth=("staff", "secret-pass-1"))
        assert ok.status_code == 200 and "<nav>" in ok.text
