"""The metadata block of a web page (索引号 / 发文机关 / 发文字号 / 成文日期 …) as pairs."""

from __future__ import annotations

import re
from typing import Any

from index.clean import META_NAMES, normalize_key
from index.docforms import DATE, ISO_DATE

_KEY = re.compile(r"^[\s\u3000]*([\u4e00-\u9fff][\u4e00-\u9fff\s\u3000]{1,10}?)[\s\u3000]*[:：]")
# Field names that are also ordinary column headers: a key only when a colon follows.
_WEAK_KEYS = frozenset("分类 名称 标题 关键词 主题词 有效期 有效性 文件类型 公文种类 内容分类".split())
_DATE = re.compile(f"{ISO_DATE.pattern}|{DATE.pattern}")
_PAGE_DATES = frozenset(("发布日期", "发布时间", "发文日期"))
_BLOCKS = frozenset(("li", "p", "div", "table", "ul", "ol", "dl"))
_SPACE = re.compile(r"[ \t\r\n\u00a0\u2002\u2003\u200b\ufeff]+")


def _text(tag: Any) -> str:
    return _SPACE.sub(" ", tag.get_text(" ")).strip()


def page_metadata(root: Any, body: Any) -> list[tuple[str, str]]:
    """The page's metadata block: pairs whose key is a known field name, in page order.

    Each key element (a cell, a label, a list item's first span) is removed with its value
    so that the block does not reach the text. A lone key is no block: at least two
    distinct fields must be found; only the page's publication date (发布日期： beside the
    title, outside the body) counts alone, the one date some pages give. Inside the document body (``body``, when one was found
    below ``root``) only table cells count: a paragraph there starting 有效期： or
    发布日期： is the document's own.
    """
    found: list[tuple[str, str]] = []
    dated: list[tuple[str, str, list[Any]]] = []
    trash: list[Any] = []
    seen: set[str] = set()
    inside = {id(body)} | {id(d) for d in body.descendants} if body is not root else set()
    for el in root.find_all(["td", "th", "span", "label", "b", "strong", "dt", "li", "p", "div"]):
        if el.name not in ("td", "th", "dt") and id(el) in inside:
            continue
        if el.name in ("li", "p", "div") and any(
                getattr(c, "name", None) in _BLOCKS for c in el.children):
            continue  # a container: its own key items are met on their own
        own = _text(el)
        if not own or len(own) > 120:
            continue
        m = _KEY.match(own)
        if m is not None:
            key, rest = normalize_key(m.group(1)), own[m.end():].strip()
        elif el.name in ("td", "th", "dt") and normalize_key(own) not in _WEAK_KEYS:
            key, rest = normalize_key(own), ""
        else:
            continue
        if key not in META_NAMES:
            continue
        value, parts = rest, [el]
        if not rest:
            if el.name in ("td", "th", "dt"):
                sib = el.find_next_sibling(["td", "th", "dd"])
                if sib is None:
                    continue
                value, parts = _text(sib), [el, sib]
            elif el.parent is not None and el.parent.name in ("li", "p", "div", "td"):
                whole = _text(el.parent)
                if len(whole) > 160 or not whole.startswith(own):
                    continue
                value, parts = whole[len(own):].strip(), [el.parent]
            else:
                continue
        trash.extend(parts)
        if key not in seen:  # a repeated field (a mobile copy of the block) is dropped
            seen.add(key)
            found.append((key, value.replace("|", "／").strip()))
            if key in _PAGE_DATES and id(el) not in inside and (m := _DATE.search(value)):
                dated.append((key, m.group(0), parts))  # the date, not what shares its row
    if len(seen) < 2:
        # No block; but the page's own 发布日期 beside its title (outside the body) still
        # dates a document that gives no date of its own.
        for p in (p for _, _, parts in dated[:1] for p in parts):
            if p.parent is not None:
                p.extract()
        return [(k, v) for k, v, _ in dated[:1]]
    for p in trash:
        if p.parent is not None:  # not inside a part removed before it
            p.extract()
    return [(k, v) for k, v in found if v]
