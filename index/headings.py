"""Heading text of a clause: a title line, a first sentence, or the words after its marker."""

from __future__ import annotations

import re

from index import markers

_HEAD_END = re.compile(r"[。！？；;!?\n]|(?<=\S)[ \t\u3000]+(?=\S)")
_COLON = re.compile(r"[：:]")
_SENTENCE_END = re.compile(r"[。！？；;!?]|[：:](?=[ \t\u3000]*(?:\n|$))")
_SPREAD = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])")
# A line cut mid-sentence ends in ， or 、 (a long line ending in a bare character may just
# be a long title or table cell).
_WRAPPED = re.compile(r"[，、,]$")
_TITLE_PUNCT = re.compile(r"[。；;：:，,！？!?]")


def heading(text: str, start: int, end: int) -> str:
    """A GB/T 9704 heading: up to the first sentence end, space run or early colon.

    A marker alone on its line (a table cell: （三）, then 合理用药) takes the next line.
    """
    body = text[start:end].lstrip(" \t\u3000")
    if body.startswith("\n"):
        body = body.lstrip()
    m = _HEAD_END.search(body)
    for _ in range(3):  # a hard-wrapped line (…優先調整支應災民救助、\n生活…) runs on
        if not (m and m.group() == "\n" and _WRAPPED.search(body[: m.start()])):
            break
        body = body[: m.start()] + body[m.end() :].lstrip(" \t\u3000")
        m = _HEAD_END.search(body, m.start())
    head = body[: m.start()] if m else body
    c = _COLON.search(head)
    if c and c.start() <= 15:
        head = head[: c.start()]
    return head.strip()


def _sentence_heading(text: str, start: int, end: int) -> str:
    """An article's short title on its own line, else its first sentence (lines joined)."""
    body = text[start:end].lstrip(" \t\u3000\n")
    line, nl, rest = body.partition("\n")
    line = line.strip()
    if line and nl and rest.strip() and len(line) <= 20 and not _TITLE_PUNCT.search(line):
        return line
    m = _SENTENCE_END.search(body)
    head = body[: m.start()] if m else body
    return re.sub(r"[ \t\u3000]*\n[ \t\u3000]*", "", head).strip()


def _line_heading(text: str, start: int, end: int) -> str:
    """The rest of the marker's line, or the next line when the marker stands alone."""
    body = text[start:end].lstrip(" \t\u3000:：")
    line, _, rest = body.partition("\n")
    if not line.strip():
        line = rest.strip().partition("\n")[0]
    line = line.strip()
    tight = _SPREAD.sub("", line)
    return (tight if len(tight) <= 12 else line)[:60]  # 总　　则 is 总则 spread out


def heading_of(rank: float, marker: str, text: str, start: int, end: int, stop: int) -> str:
    """The heading of a clause whose marker spans [start, end) and whose text ends at stop."""
    if not marker:  # an unnumbered heading (a report's sub-heading, a closing 附则) is its line
        return _line_heading(text, start, stop)
    if rank in (markers.ARTICLE,):
        return _sentence_heading(text, end, stop)
    if rank in (markers.ATTACHMENT, markers.PART, markers.CHAPTER, markers.SECTION):
        return _line_heading(text, end, stop)
    return heading(text, end, stop)

