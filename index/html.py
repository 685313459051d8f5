"""Read a government web page: its document body as lines, its metadata block as pairs.

The body is found by structure, not by site: the element holding nearly all of the page's
non-link Chinese text (navigation, search boxes, share bars and footers are links or short
strings), plus the page's title heading when it sits outside that element. The metadata
block (索引号 / 发文机关 / 发文字号 / 成文日期 …, in a table, a list of ``键：值`` items or
spaced ``索 引 号：`` cells) is read into pairs and taken out of the text.

Line format of the returned text:

* a paragraph (``<p>``, ``<div>``, ``<br>``-separated run …) is one line; a title set on
  several centred lines at the top is joined into one (:mod:`index.heading`);
* the metadata pairs come first as ``| 键 | 值 |`` lines (the form
  :func:`index.clean.extract_metadata_table` reads and ``clean_text`` drops), keys
  normalised (``索 引 号：`` → ``索引号``);
* a data table is one line per row, cells joined by ``" | "``. Its header row (``<th>``
  cells, ``<thead>``, or a first row of short non-numeric labels; a second row of
  sub-headers under merged header cells too; not in a two-column label/value form) is
  emitted once, as is;
  every following data row names its column in each cell as ``表头：值``
  (``门诊特定病种：恶性肿瘤 | 统筹基金最高支付限额：5万元``), so a cell's figure can be
  named by its row label and column header without looking back; under a two-row header
  the name is ``上级/下级`` (``统筹基金最高支付限额/职工医保：200元/月``). A cell left empty is
  written as nothing between the pipes. Merged cells are expanded on the grid first: a
  ``rowspan`` value is repeated in each row it covers, a ``colspan`` value is written once,
  so columns never shift. Tables without a header row keep plain ``a | b | c`` rows. A
  first row that is one merged cell across the table (a caption) is a plain line.
* a layout table (a cell holding a nested table or a long text, as when a site puts the
  whole document in one cell) is not a data table: its cells are read as paragraphs.
"""

from __future__ import annotations

import re
from typing import Any

from index.clean import normalize_key
from index.heading import join_title
from index.pagemeta import page_metadata
from index.tables import render_rows

_FRONT_MATTER = re.compile(rb"\A\s*---[ \t]*\r?\n(?:.{0,2000}?\r?\n)?---[ \t]*\r?\n", re.S)
_DROP_TAGS = (
    "script", "style", "noscript", "template", "head", "iframe", "form", "input", "select",
    "button", "textarea", "svg", "object", "embed", "canvas", "audio", "video", "nav",
)
_BLOCK = frozenset(
    "p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 section article header footer main aside "
    "blockquote pre title address figure figcaption center caption tr tbody thead tfoot".split()
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_SPACE = re.compile(r"[ \t\r\n\u00a0\u2002\u2003\u200b\ufeff]+")
_CJK_BREAK = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff01-\uff5e])[ \t\r\u00a0]*\n\s*"
                        r"(?=[\u3000-\u303f\u3400-\u9fff\uff01-\uff5e])")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACED = re.compile(r"[\u4e00-\u9fff](?: [\u4e00-\u9fff])+")
_CENTRED = re.compile(r"text-align\s*:\s*center|align=[\"']?center", re.I)
_TITLE_HINT = re.compile(r"title|biaoti|tit\b|headline", re.I)
_LAYOUT_CELL = 300  # CJK characters: a cell this long holds a text, not a value
_WEIGHT_MIN = 6  # a text run shorter than this (CJK chars) is a label, a menu item, a button


def strip_front_matter(data: bytes) -> bytes:
    """Drop a Jekyll/Hugo front matter block (``---`` … ``---``) at the top of a page."""
    m = _FRONT_MATTER.match(data)
    return data[m.end():] if m else data


def _text(tag: Any) -> str:
    return _SPACE.sub(" ", tag.get_text(" ")).strip()


def _cjk(s: str) -> int:
    return len(_CJK.findall(s))


def _weights(root: Any) -> dict[int, int]:
    """Non-link Chinese text below each element, counting only runs of ``_WEIGHT_MIN`` or more."""
    weight: dict[int, int] = {}
    for s in root.find_all(string=True):
        if s.parent is None or s.find_parent("a") is not None:
            continue
        n = _cjk(s)
        if n < _WEIGHT_MIN:
            continue
        for parent in s.parents:
            weight[id(parent)] = weight.get(id(parent), 0) + n
    return weight


def _container(root: Any, share: float) -> Any:
    """The innermost element holding at least ``share`` of the page's body text."""
    weight = _weights(root)
    node = root
    total = weight.get(id(root), 0)
    if not total:
        return root
    while True:
        children = [c for c in node.find_all(recursive=False) if weight.get(id(c), 0)]
        best = max(children, key=lambda c: weight[id(c)], default=None)
        if best is None or weight[id(best)] < share * total:
            return node
        node = best


def _title(body: Any, container: Any, known: list[str]) -> str | None:
    """The page's title heading when it lies outside the body container, else None.

    A heading (``h1``-``h3`` or an element whose class or id says title) that the page's
    ``<title>`` or metadata 标题 contains wins; else the last ``h1`` outside the body.
    """
    wanted = [normalize_key(t) for t in known if t]
    around = {id(p) for p in container.parents} | {id(container)}
    inside: set[int] | None = None
    candidates = []
    for el in body.find_all(["h1", "h2", "h3", "div", "p", "span", "td"]):
        if el.name in ("div", "p", "span", "td") and not _TITLE_HINT.search(
                " ".join(el.get("class") or []) + " " + str(el.get("id") or "")):
            continue
        if inside is None:
            inside = {id(d) for d in container.descendants}
        if id(el) in around or id(el) in inside:
            continue
        text = _text(el)
        if not 6 <= _cjk(text) <= 120 or el.find_parent("a") is not None or el.find("a"):
            continue
        candidates.append((el, text))
    for _el, text in candidates:
        if any(normalize_key(text) in w for w in wanted):
            return text
    for el, text in reversed(candidates):
        if el.name == "h1":
            return text
    return None


class _Lines:
    """Collects lines: inline text is buffered, a block boundary flushes it."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.centered: list[bool] = []  # per line: set in a centred block
        self.center = 0  # depth of centred blocks being walked

    def flush(self) -> None:
        if self.buf:
            text = _CJK_BREAK.sub("", "".join(self.buf))
            text = _SPACE.sub(" ", text).strip()
            if _SPACED.fullmatch(text):  # a letter-spaced title: 国 家 粮 食 应 急 预 案
                text = text.replace(" ", "")
            if text:
                self.lines.append(text)
                self.centered.append(self.center > 0)
            self.buf = []

    def add(self, line: str) -> None:
        self.flush()
        if line.strip():
            self.lines.append(line)
            self.centered.append(False)


def _is_layout(table: Any) -> bool:
    """A table used to place the page, not to hold data: a cell holds another table, or
    the table is one or two rows with a long text in a cell, or a single cell."""
    rows = _own_rows(table)
    cells = [c for c in table.find_all(["td", "th"]) if c.find_parent("table") is table]
    if len(cells) <= 1 or any(c.find("table") is not None for c in cells):
        return True
    return len(rows) <= 2 and any(_cjk(c.get_text()) >= _LAYOUT_CELL for c in cells)


def _own_rows(table: Any) -> list[Any]:
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _cell_text(cell: Any) -> str:
    """A cell's lines joined: directly after a Chinese character (a label broken by
    ``<br>``), else with a space; a letter-spaced label (``主 要 内 容``) closed up."""
    inner = _Lines()
    _walk(cell, inner)
    inner.flush()
    text = ""
    for line in inner.lines:
        text += ("" if not text or _CJK.match(text[-1]) else " ") + line
    if _SPACED.fullmatch(text):
        text = text.replace(" ", "")
    return text


def _walk(node: Any, out: _Lines) -> None:
    """Write ``node``'s content to ``out``; iterative, so deep nesting cannot overflow."""
    from bs4 import Comment, NavigableString

    stack: list[tuple[bool, Any]] = []  # (is_end_of_block, node or centred flag)

    def push_children(tag: Any) -> None:
        stack.extend((False, c) for c in reversed(list(tag.children)))

    push_children(node)
    while stack:
        end, child = stack.pop()
        if end:
            out.flush()
            out.center -= child
            continue
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            out.buf.append(str(child))
            continue
        name = child.name
        if name == "br":
            out.flush()
        elif name == "table":
            out.flush()
            if _is_layout(child):
                cells = [c for c in child.find_all(["td", "th"]) if c.find_parent("table") is child]
                for cell in reversed(cells):
                    stack.append((True, 0))
                    push_children(cell)
            else:
                for line in render_rows(_table_rows(child)):
                    out.add(line)
        elif name in _BLOCK or name in ("td", "th"):
            out.flush()
            centred = int(name in ("h1", "h2", "center") or _CENTRED.search(
                f"{child.get('style', '')} align={child.get('align', '')}") is not None)
            out.center += centred
            stack.append((True, centred))
            push_children(child)
        else:
            push_children(child)


def _table_rows(table: Any) -> list[list[tuple[str, int, int, bool]]]:
    """A data table's rows of ``(text, rowspan, colspan, is_header)`` cells."""
    rows = []
    for tr in _own_rows(table):
        cells = tr.find_all(["td", "th"], recursive=False)
        rows.append([
            (_cell_text(c), _span(c, "rowspan"), _span(c, "colspan"),
             c.name == "th" or c.find_parent("thead") is not None) for c in cells])
    return rows


def _span(cell: Any, attr: str) -> int:
    try:
        return max(1, min(int(str(cell.get(attr, 1)).strip() or 1), 200))
    except ValueError:
        return 1


def read_html(data: bytes, *, share: float = 0.85) -> tuple[str, dict[str, Any]]:
    """Read an HTML page's document: text lines and metadata pairs.

    Args:
        data: the page's bytes (any encoding BeautifulSoup can detect).
        share: the part of the page's non-link text the body container must hold
            (``Config.html_body_share``).

    Returns:
        ``(text, info)``: the text (line format in the module docstring) and
        ``{"encoding": ..., "metadata": [(key, value), ...]}``.
    """
    from bs4 import BeautifulSoup

    from index.read import quiet_readers

    with quiet_readers():
        soup = BeautifulSoup(strip_front_matter(data), "html.parser")
    title_tag = soup.title.get_text() if soup.title else ""
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    total = _cjk(soup.get_text())
    for tag in soup.find_all(style=_HIDDEN):
        # Hidden copies of the text go; but a script may reveal a hidden body, so what
        # holds most of the page's text stays.
        n = 0 if tag.decomposed else _cjk(tag.get_text())
        if not tag.decomposed and n <= 0.7 * total:
            tag.decompose()
            total -= n
    body = soup.body or soup
    container = _container(body, share)
    metadata = page_metadata(body, container)
    out = _Lines()
    known = [v for k, v in metadata if k in ("标题", "名称")] + [title_tag]
    title = _title(body, container, known) if container is not body else None
    _walk(container, out)
    out.flush()
    lines = join_title(out.lines, out.centered)
    if title and not any(normalize_key(title) in normalize_key(x) for x in lines[:5]):
        lines.insert(0, title)
    head = [f"| {k} | {v} |" for k, v in metadata]
    enc = getattr(soup, "original_encoding", None)
    return "\n".join(head + lines), {"encoding": enc or "utf-8", "metadata": metadata}
