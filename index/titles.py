"""Where a document's title is: the title line of its head, a browser title, the document a
notice issues (关于印发X的通知 → X's own title line), and the genre of an untitled text."""

from __future__ import annotations

import re
from collections import Counter

from index.clean import to_simplified
from index.docforms import (
    DATE_LINE,
    DOC_NUMBER,
    FORWARD,
    HAN,
    is_title_line,
    iso_date,
    not_title,
    organs,
    simplified,
    split_title,
)
from index.outline import MARKER

REPRINT = re.compile(r"^[（(【\[]\s*转载\s*[）)】\]]\s*")
FRONT_TITLE = re.compile(r"\A\ufeff?---[ \t]*\n(?:.*\n)*?title:[ \t]*[\"']?(.+?)[\"']?[ \t]*\n(?:.*\n)*?---")
# The text naming itself: 本方案, 本办法 … (the genre words of ``corpus.sources.KINDS``).
_SELF = re.compile(r"本(方案|计划|意见|办法|细则|条例|规划|措施|预案|规定|决定|要点|纲要|安排)")
# A year's goals set at the start of a text: 2021年，力争实现… / 发展目标。2021年…达到
_GOALS = re.compile(rf"(?:目标[。：:，,]?\s*|^|[。；\s])(?:19|20)\d{{2}}年[，,]?\s*(?:力争|确保|[{HAN}]{{0,12}}达到)")


def page_title(text: str) -> str | None:
    """The part of a browser title that is the document's: "X - 广州市人民政府" → X."""
    parts = [p.strip() for p in re.split(r"\s+[-_|—–]+\s+|[_|]", text) if p.strip()]
    return next((p for p in parts if is_title_line(p)), None)


def find_title(lines: list[str], head_end: int) -> tuple[str, int] | None:
    """The first title line of the head (joined with the line before when it continues it)."""
    for i, line in enumerate(lines[:head_end]):
        if not is_title_line(line):
            if _broken_title(lines, i):
                return line + lines[i + 1], i + 1
            continue
        prev = lines[i - 1] if i else ""
        if prev and not is_title_line(prev) and len(prev) <= 60 and not not_title(prev) \
                and not iso_date(prev) and not DOC_NUMBER.search(prev) and (
                    ("关于" in prev and not line.startswith("关于"))
                    or (line.startswith("关于") and organs(prev))):
            return prev + line, i
        return line, i
    return None


def _broken_title(lines: list[str], i: int) -> bool:
    """Whether lines i and i+1 are one title broken before its genre word (青山市数字乡村建设 /
    行动方案), as the 文号, the salutation, a date or the signer's line that follows shows."""
    if i + 2 >= len(lines):
        return False
    line, nxt, after = lines[i], lines[i + 1], lines[i + 2]
    if len(line) > 60 or not_title(line) or not_title(nxt) or MARKER.match(line) \
            or iso_date(line) or organs(line) or is_title_line(nxt):
        return False
    follows = DOC_NUMBER.fullmatch(after.strip("（）() ")) or after.endswith(("：", ":")) \
        or DATE_LINE.match(after) or organs(after)
    return bool(follows) and is_title_line(line + nxt)


def forwarded(title: str, lines: list[str], start: int) -> str | None:
    """The title of the document a notice issues or forwards, or None for any other title.

    A 通知 that 印发/转发/发布 a document (关于印发X的通知) is the cover of that document,
    which the body carries under its own title line: that line as written (``X``,
    ``关于X`` or ``X（2026—2028年）``), else X as the notice names it. A letter (…的函)
    keeps its own title.
    """
    proper = split_title(title)[0]
    plain = simplified(proper)
    m = FORWARD.search(plain)
    if not m or not plain.endswith("通知"):
        return None
    inner = split_title(proper[m.start(1):m.end(1)].strip("《》"))[0]
    want = simplified(inner).removeprefix("关于")
    for line in lines[start:]:
        own = simplified(split_title(line)[0])
        if own.removeprefix("关于") == want and not not_title(line):
            return line
    return inner


def kind_from_body(text: str) -> str | None:
    """The genre of a text without a title: the word it names itself with (本方案, 本办法),
    else 计划 for a text that opens by setting a year's goals (2021年，力争实现…) and then
    lays out the work: a year's work plan."""
    plain = to_simplified(text)
    named = Counter(_SELF.findall(plain))
    if named:
        return named.most_common(1)[0][0]
    opening = plain[: max(2000, len(plain) // 5)]
    return "计划" if _GOALS.search(opening) else None
