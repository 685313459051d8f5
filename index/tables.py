"""Tables as text lines: merged cells expanded on a grid, the header row named in each cell.

One line per row, cells joined by ``" | "``. The header row is written once, as is; each
data row after it writes a cell as ``表头：值`` (the column's header, a full-width colon, the
value), so that a figure in a cell is named by its row label and column header on its own
line. A ``rowspan`` value is repeated in every row it covers; a ``colspan`` value is
written once. Without a header row, rows are plain ``a | b | c``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# (text, rowspan, colspan, is_header_cell)
Cell = tuple[str, int, int, bool]

_NUMERIC = re.compile(r"^[\s\d.,，%％‰+\-—~～/×x*()（）]*[\d]+[\s\d.,，%％‰+\-—~～/×x*()（）]*"
                      r"[\u4e00-\u9fff]{0,3}$")
_LABEL_MAX = 40  # characters: a header cell is a short label


def expand(rows: Sequence[Sequence[Cell]]) -> tuple[list[list[str | None]], list[bool]]:
    """Lay cells on a grid. ``None`` marks a column covered by a colspan to its left.

    Returns:
        ``(grid, header)``: the rows of the grid, and per row whether all its cells are
        header cells (``<th>``/``<thead>``).
    """
    grid: list[list[str | None]] = []
    header: list[bool] = []
    pending: dict[tuple[int, int], str | None] = {}  # (row, col) filled by a rowspan above
    for r, row in enumerate(rows):
        line: list[str | None] = []
        for text, rowspan, colspan, _ in row:
            _fill(line, pending, r)
            col = len(line)
            for k in range(colspan):
                value = text if k == 0 else None
                line.append(value)
                for down in range(1, rowspan):
                    pending[(r + down, col)] = value
                col += 1
        _fill(line, pending, r)
        grid.append(line)
        header.append(bool(row) and all(c[3] for c in row))
    width = max((len(r) for r in grid), default=0)
    for line in grid:
        line.extend([""] * (width - len(line)))
    return grid, header


def _fill(line: list[str | None], pending: dict[tuple[int, int], str | None], r: int) -> None:
    """Append to row ``r`` the cells that rowspans from above cover at its end."""
    while (r, len(line)) in pending:
        line.append(pending.pop((r, len(line))))


def _looks_like_header(cells: list[str | None]) -> bool:
    values = [c for c in cells if c is not None]
    filled = [c for c in values if c]
    if len(values) < 2 or len(filled) < max(2, len(values) // 2 + 1):
        return False
    return all(len(c) <= _LABEL_MAX and not _NUMERIC.match(c) for c in filled)


def render_grid(grid: list[list[str | None]], header: list[bool]) -> list[str]:
    """Lines of an expanded grid (see the module docstring for the format)."""
    lines: list[str] = []
    rows = [r for r in grid if any(c for c in r)]
    flags = [h for r, h in zip(grid, header, strict=True) if any(c for c in r)]
    # A caption row: one merged cell across the whole table.
    while rows and len([c for c in rows[0] if c is not None]) == 1 and len(rows[0]) > 1:
        lines.append(rows[0][0] or "")
        rows, flags = rows[1:], flags[1:]
    names: list[str] | None = None
    head_lines: set[str] = set()
    n_head = 0
    while n_head < len(rows) and flags[n_head]:
        n_head += 1
    if n_head == 0 and len(rows) >= 2 and _looks_like_header(rows[0]) and (
            len(rows[0]) > 2 or _values_below(rows[1:])):
        n_head = 1
        # A header with merged columns goes on in the next row (its sub-headers).
        while n_head < len(rows) - 1 and None in rows[n_head - 1]:
            below = [c for c, up in zip(rows[n_head], rows[n_head - 1], strict=True)
                     if c is not None and c != up]
            if not below or not all(len(c) <= _LABEL_MAX and not _NUMERIC.match(c)
                                    for c in below if c):
                break
            n_head += 1
    if n_head:
        names = []
        for col in range(len(rows[0])):
            parts: list[str] = []
            for r in rows[:n_head]:
                c = _left_value(r, col)
                if c and c not in parts:
                    parts.append(c)
            names.append("/".join(parts))
        for r in rows[:n_head]:
            lines.append(" | ".join(dict.fromkeys(c for c in r if c is not None)))
    head_lines = set(lines)
    for r in rows[n_head:]:
        cells: list[str] = []
        for col, c in enumerate(r):
            if c is None:
                continue
            name = names[col] if names else ""
            cells.append(f"{name}：{c}" if name and c and c != name else c)
        line = " | ".join(cells)
        if line in head_lines:  # the header repeated on a new page of the table
            continue
        lines.append(line)
    return lines


def _values_below(rows: list[list[str | None]]) -> bool:
    """A two-column table has a header row only when its second column holds figures
    below it (指标 | 目标值); else it is a form of label/value pairs (名称 | 某某公司)."""
    return sum(1 for r in rows if re.search(r"\d", r[-1] or "")) * 2 >= len(rows)


def _left_value(row: list[str | None], col: int) -> str:
    """The value covering ``col``: the cell itself or the colspan cell to its left."""
    while col > 0 and row[col] is None:
        col -= 1
    return row[col] or ""


def render_rows(rows: Sequence[Sequence[Cell]]) -> list[str]:
    """Lines of a table given as rows of ``(text, rowspan, colspan, is_header)`` cells."""
    grid, header = expand(rows)
    return render_grid(grid, header)
