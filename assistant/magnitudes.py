"""Figures of one kind written in units of different magnitude (5.2万亿元 and 67665亿元,
3万人 and 4500人): the common unit a sum or comparison works in, and each value in it with
the conversion shown (5.2*10000=52000)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.records import Figure

# largest first: 万亿元 is read as 万亿 + 元, not 万 + 亿元
_PREFIXES = (("万亿", 10 ** 12), ("亿", 10 ** 8), ("万", 10 ** 4), ("千", 10 ** 3), ("百", 10 ** 2))


def magnitude(unit: str) -> tuple[int, str]:
    """``unit`` as (its magnitude, its base): 万亿元 → (10**12, 元); 人 → (1, 人)."""
    for prefix, size in _PREFIXES:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return size, unit[len(prefix):]
    return 1, unit


def common_unit(units: list[str]) -> str | None:
    """The unit figures of ``units`` are added or compared in: the one unit they share, else
    the smallest magnitude of one base (亿元 for 万亿元 and 亿元); None when their bases differ
    or a unit is empty or a percentage (5% and 5万 are no one kind)."""
    if len(set(units)) <= 1:
        return units[0] if units else None
    if not all(units) or any(u in ("%", "％", "‰") for u in units):
        return None
    parts = [magnitude(u) for u in units]
    if len({base for _, base in parts}) > 1:
        return None
    return min(zip(parts, units, strict=True), key=lambda p: p[0][0])[1]


def in_unit(fig: Figure, unit: str, number: str) -> tuple[float, str, str | None]:
    """``fig``'s value in ``unit`` (one of the same base, as small or smaller) as (value, its
    number text, the conversion step or None when none is needed); ``number`` is the figure's
    number as written (5.2 of 5.2万亿元)."""
    size, _ = magnitude(fig.unit)
    target, _ = magnitude(unit)
    if fig.unit == unit or size == target:
        return fig.value, number, None
    factor = size // target
    decimals = max(0, (len(number.split(".")[1]) if "." in number else 0) - len(str(factor)) + 1)
    value = round(fig.value * factor, decimals)
    text = f"{value:.{decimals}f}" if decimals else str(int(round(value)))
    return value, text, f"{number}×{factor}={text}"
