"""Figures in table cells: a table is rows of cells joined by `` | ``, its header row first.

A cell's figure measures its row label and its column header (``恶性肿瘤 统筹基金最高支付
限额``); a unit column (``计量单位``) or a unit in the header (``较上年±%``, ``金额（万元）``)
gives the unit of a bare number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CELL_SEP = " | "
_SERIAL_HEADERS = frozenset({"序号", "序號", "编号", "編號", "排名", "名次"})
_UNIT_HEADERS = re.compile(r"^(?:计量)?单位$|^(?:計量)?單位$")
_HEADER_UNIT = re.compile(r"[（(]\s*([^（）()]{1,6})\s*[）)]$|(%|％|‰)$")
_NAME_HEADER = re.compile(r"名称|名稱|病种|病種|项目|項目|指标|指標|产品|產品|地区|地區")
_NUMERIC = re.compile(r"^[\s0-9０-９.．,，%％±+\-—]*$")


@dataclass(frozen=True)
class Cell:
    """Where a figure sits in a table: its row label, column header and the unit the
    table gives it ("" when none); ``serial`` for a 序号 column."""

    row: str
    column: str
    unit: str
    serial: bool
    prose: bool = False  # a cell of sentences: its figures are named by their sentence

    @property
    def measure(self) -> str:
        return f"{self.row} {self.column}".strip()


def _line(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b < 0 else b


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def table_top(text: str, pos: int) -> int:
    """Where the line before the table holding ``text[pos]`` starts (its caption), or the
    start of ``pos``'s own line when it is not in a table."""
    a, b = _line(text, pos)
    if CELL_SEP not in text[a:b]:
        return a
    while a > 0:
        pa, _ = _line(text, a - 1)
        if CELL_SEP not in text[pa : a - 1]:
            return pa
        a = pa
    return a


def _headers(text: str, top: int, row_start: int, width: int) -> list[list[str]]:
    """The header rows of the table starting at ``top``: its rows before the first one with
    a digit (at most three; a cell spanning rows or columns repeated in each), those as wide
    as the data rows."""
    rows, at = [], top
    while at < row_start and len(rows) < 3:
        end = _line(text, at)[1]
        cells = _cells(text[at:end])
        if rows and any(re.search("[0-9０-９]", c) for c in cells):
            break
        rows.append(cells)
        at = end + 1
    return [r for r in rows if len(r) == width]


_KEYED = re.compile(r"^([^：|]{1,40})：(.*)$", re.S)
# A cell of prose (a 主要内容 column): its figures are read from its sentences, not its place.
_PROSE = re.compile(r"[，,。；;]")
_NUMBERED = re.compile(r"^\s*[0-9０-９]+[.、．]\s*")  # 2.签约服务覆盖率


def _split(cell: str) -> tuple[str, str]:
    """``统筹基金最高支付限额/职工医保：200元/月`` -> the column path (``统筹基金最高支付限额
    职工医保``) and the value; ``("", cell)`` for a cell written without its header."""
    m = _KEYED.match(cell)
    if not m:
        return "", cell
    return " ".join(dict.fromkeys(p.strip() for p in m.group(1).split("/") if p.strip())), m.group(2)


def cell_at(text: str, pos: int) -> Cell | None:
    """The table cell holding ``text[pos]``, or None when ``pos`` is not in a table row
    below a header row as wide as it (or a row whose cells name their columns)."""
    a, b = _line(text, pos)
    if CELL_SEP not in text[a:b]:
        return None
    top = a
    while top > 0:
        pa, _ = _line(text, top - 1)
        if CELL_SEP not in text[pa : top - 1]:
            break
        top = pa
    row = _cells(text[a:b])
    if top == a and not _KEYED.match(row[0] if row else ""):
        return None  # the header row itself (a row whose cells name their columns has none)
    headers = _headers(text, top, a, len(row))
    index = text[a:pos].count("|") - (1 if text[a:b].lstrip().startswith("|") else 0)
    if not 0 <= index < len(row) or row in headers:
        return None
    keys, values = zip(*map(_split, row), strict=True)
    if keys[index]:
        column = keys[index]
        bottom = [k.split()[-1] if k else "" for k in keys]
    elif headers:
        column = " ".join(dict.fromkeys(h[index] for h in headers if h[index]))
        bottom = headers[-1]
    else:
        return None
    # 一级指标 | 二级指标: the finest name column before the figure's names its row.
    named = [i for i, h in enumerate(bottom) if _NAME_HEADER.search(h) and not _NUMERIC.match(values[i])]
    finest = [i for i in named if i < index and _NAME_HEADER.search(bottom[i][-2:])]
    named = finest[-1:] or named[:1]
    label = values[named[0]] if named else next((c for c in values if c and not _NUMERIC.match(c)), "")
    label = _NUMBERED.sub("", label)
    unit = ""
    units = [i for i, h in enumerate(bottom) if _UNIT_HEADERS.match(h)]
    m = _HEADER_UNIT.search(column)
    if m:
        unit = m.group(1) or m.group(2)
    elif units:
        unit = values[units[0]]
    prose = bool(_PROSE.search(values[index])) and len(values[index]) > 40
    return Cell(row=label, column=column, unit=unit, serial=bottom[index] in _SERIAL_HEADERS, prose=prose)
