"""Responsibility lists held in tables: one list per row of a 任务分工表 or 推广清单.

Tables reach the parser as lines of cells joined by ``" | "``. A row whose cells name a
unit column (牵头单位, 配合单位, 责任单位, 指导部门, …) is a header; each row below it with
units in those columns is a list whose task is the row's task cell (工作事项, 改革举措,
任务, …). A row with fewer cells than the header lacks its leading, row-spanning cells:
they are carried over from the row above.
"""

from __future__ import annotations

import re

from index.unitlist import UnitList, bare, is_unit, parse_body

_UNIT_COL = re.compile(r"^(?P<role>牵头|牽頭|主责|責任|责任|配合|协办|協辦|参与|參與|负责|負責|指导|指導|实施|實施)"
                       r"(?:单位|單位|部门|部門|机构|機構|主体|主體)$")
_TASK_COL = re.compile(r"任务|任務|举措|舉措|事项|事項|措施|工作|内容|內容|名称|名稱|项目|項目")
_SERIAL = r"序号|序號|编号|編號"
_NUMBER = re.compile(r"^\d{1,3}$")  # a row that starts with its number lacks only trailing cells
_NONE = re.compile(r"^[/\\—\-－无無]*$")


def _cells(line: str) -> list[str]:
    return [re.sub(r"\s+", "", c) if len(c) < 20 else c.strip() for c in line.split("|")]


def _value(cell: str, name: str) -> str:
    """A data cell without the ``表头：`` its column name the reader may put before it."""
    for prefix in (f"{name}：", f"{name}:"):
        if cell.startswith(prefix):
            return cell[len(prefix):]
    return cell


def _header(cells: list[str]) -> tuple[int, dict[int, str]] | None:
    """The task column and the unit columns (index → 牵头/配合/…) of a header row."""
    units = {i: m.group("role") for i, c in enumerate(cells) if (m := _UNIT_COL.match(bare(c)))}
    if not units:
        return None
    others = [i for i in range(len(cells)) if i not in units and not re.fullmatch(_SERIAL, cells[i])]
    task = next((i for i in others if _TASK_COL.search(cells[i])), others[0] if others else None)
    return (task, units) if task is not None else None


def _row_list(cells: list[str], units_at: dict[int, str]) -> UnitList | None:
    groups: list[tuple[str, ...]] = []
    lead: list[str] = []
    for i, role in units_at.items():
        if i >= len(cells) or _NONE.match(cells[i]):
            continue
        part = parse_body(cells[i])
        if part is None or not all(is_unit(g[-1]) for g in part.groups):
            continue
        groups += part.groups
        lead += part.units if role in ("牵头", "牽頭", "主责") else part.lead
    return UnitList(tuple(groups), tuple(lead), bool(lead) or "牵头" in units_at.values()) if groups else None


def table_lists(clean: str) -> list[tuple[int, int, str, UnitList]]:
    """One ``(start, end, task, units)`` per table row that names responsible units."""
    out = []
    header = None
    above: list[str] = []
    width, numbered = 0, False
    names: list[str] = []
    pos = 0
    for line in clean.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if "|" not in line:
            if len(line) > 40 or "。" in line:  # prose: the table has ended
                header = None
            continue
        cells = _cells(line)
        if found := _header(cells):
            header, width, above, names = found, len(cells), cells, cells
            numbered = bool(re.fullmatch(_SERIAL, cells[0]))
            continue
        if header is None or len(cells) > width:
            continue
        if len(cells) < width and not (numbered and _NUMBER.match(cells[0])):
            cells = above[: width - len(cells)] + cells  # row-spanning cells come from the row above
        above = cells
        cells = [_value(c, n) for c, n in zip(cells, names, strict=False)] + cells[len(names):]
        task_at, units_at = header
        if units := _row_list(cells, units_at):
            out.append((start, start + len(line), cells[task_at].rstrip("。"), units))
    return out
