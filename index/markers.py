"""Line-level outline markers: 附件, 第X章/节/条, decimal 1 / 1.1, 01 sections, unnumbered
sub-headings and —— bullets, plus the 目录 (table of contents) block to skip.

Each finder yields ``Candidate`` records; ``index.outline`` decides which ones nest where.
A candidate here is only evidence: the numbers must still run in sequence there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Ranks: smaller is higher in the tree. The GB/T 9704 markers of ``index.outline`` sit at
# 10 (一、) … 60 (一是); a document's parts, chapters, articles and decimal numbers above them.
ATTACHMENT, PART, CHAPTER, SECTION, ARTICLE = 1, 1.5, 2, 3, 4
DECIMAL = 4  # + depth (1 → 5, 1.1 → 6, …)
# Unnumbered sub-headings sit under 一、 sections (SUBHEAD) or, without them, at the top.
TOP, SUBHEAD, SUBHEAD_TOP, BULLET = 10, 10.5, 9.5, 65

_NUM = r"[一二三四五六七八九十百零〇两]{1,6}|\d{1,3}"
_ARTICLE = re.compile(rf"第[ \t\u3000]*(?P<n>{_NUM})[ \t\u3000]*(?P<k>[篇编編章节節条條]|部分)")
# What follows a reference to an article rather than an article itself.
_NOT_AFTER_ARTICLE = set("的规規至之中、，,。；;和及或与與款项項第）)所")
_ATTACH = re.compile(
    r"附[ \t\u3000]*件[ \t\u3000]*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})?[ \t\u3000]*"
    r"(?:[：:][ \t\u3000]*(?P<title>[^\n]*))?$"
)
_DECIMAL = re.compile(
    r"(?P<n>\d{1,2}(?:[.．]\d{1,2}){0,3})(?:[ \t\u3000]+|[.．][ \t\u3000]*(?=[\u4e00-\u9fff]))(?=\S)"
)
_SECTION_NO = re.compile(r"(?P<n>0[1-9]|[1-9]\d)(?=[\u4e00-\u9fff])")
_TOC = re.compile(r"[ \t\u3000]*目[ \t\u3000]*录[ \t\u3000]*")
_DATE = re.compile(r"[\d〇零一二三四五六七八九]{4}\s*年.{1,3}月.{1,3}日")
_FINAL = "。；;：:，,！？!?、…"
_HEADING_PUNCT = re.compile(r"[。；;：:，,！？!?]")
_KIND = {"篇": PART, "编": PART, "編": PART, "部分": PART, "章": CHAPTER, "节": SECTION, "節": SECTION, "条": ARTICLE, "條": ARTICLE}


@dataclass(frozen=True)
class Candidate:
    """A possible heading: where it starts, its rank, number and id part."""

    rank: float
    number: int
    start: int
    end: int  # end of the marker
    marker: str
    part: str
    key: tuple[int, ...] = ()  # decimal numbers: (1, 2) for 1.2


def numeral(s: str) -> int:
    """Value of an Arabic or Chinese numeral (一百零五, 两, 〇)."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    try:
        import cn2an  # imported when first needed: 0.08 s of every fresh process

        return int(cn2an.cn2an(s.replace("〇", "零").replace("两", "二"), "smart"))
    except (ValueError, KeyError):
        return 0


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def _toc_key(line: str) -> str:
    """A 目录 entry and its heading compare equal without spaces, dot leaders and page number."""
    return re.sub(r"[\s…·.．\-—_]+", "", re.sub(r"[\s…·.．\-—_]+\d+$", "", line.strip()))


def toc_ranges(text: str) -> list[tuple[int, int]]:
    """Spans of 目录 blocks: from the 目录 line to where its first entry is repeated as a heading."""
    out = []
    lines = list(_lines(text))
    for i, (s, _e, line) in enumerate(lines):
        if not _TOC.fullmatch(line):
            continue
        entries = [(j, ln.strip()) for j, (_, _, ln) in enumerate(lines[i + 1 :], i + 1) if ln.strip()]
        if not entries:
            continue
        first = _toc_key(entries[0][1])
        again = next((j for j, ln in entries[1:] if _toc_key(ln) == first), None)
        if again is None:  # no repeat: the block is the run of short unpunctuated lines
            again = next((j for j, ln in entries if len(ln) > 40 or ln[-1] in _FINAL), len(lines))
        out.append((s, lines[again][0] if again < len(lines) else len(text)))
    return out


def _at_line_start(text: str, i: int) -> bool:
    j = i
    while j > 0 and text[j - 1] in " \t\u3000":
        j -= 1
    return j == 0 or text[j - 1] == "\n"


def articles(text: str) -> Iterator[Candidate]:
    """第X篇 / 第X编 / 第X部分 / 第X章 / 第X节 / 第X条 (also 第 1 條) at a line start, after 。 or a space.

    What follows tells an article from a reference to one (第十条规定的…); a space after the
    marker vouches for a heading only at a line start.
    """
    for m in _ARTICLE.finditer(text):
        at_start = _at_line_start(text, m.start())
        after_space = not at_start and text[m.start() - 1] in " \t\u3000"
        if not (at_start or after_space or text[m.start() - 1] == "。"):
            continue
        rest = text[m.end() : m.end() + 3]
        spaced = rest[:1].isspace() and not after_space
        rest = rest.lstrip(" \t\u3000")
        if not rest or (rest[0] in _NOT_AFTER_ARTICLE and not spaced):
            continue
        n = numeral(m.group("n"))
        if n < 1:
            continue
        marker = m.group(0)
        yield Candidate(_KIND[m.group("k")], n, m.start(), m.end(), marker, re.sub(r"\s+", "", marker))


def attachments(text: str) -> Iterator[Candidate]:
    """附件 / 附件1 alone on a line, or 附件1：title when it is not a line of the notice's list."""
    lines = [(s, e, ln) for s, e, ln in _lines(text) if ln.strip()]
    for i, (s, _e, line) in enumerate(lines):
        stripped = line.strip(" \t\u3000")
        m = _ATTACH.match(stripped)
        if not m or i + 1 >= len(lines):
            continue
        title = (m.group("title") or "").strip()
        if title or m.group("title") is not None:
            # 附件：1.… / 附件1：… in the notice names attachments; only a lone numbered one
            # followed by its body (not another list line) starts the part itself.
            nxt = lines[i + 1][2].strip()
            prev = lines[i - 1][2].strip() if i else ""
            if (not m.group("n") or not title or nxt.startswith("附") or prev.startswith("附")
                    or re.match(r"\d{1,2}[.．、]", nxt)):
                continue
        n = numeral(m.group("n")) if m.group("n") else 1
        start = s + line.index(stripped[0])
        end = start + (m.start("title") if m.group("title") is not None else len(stripped))
        marker = re.sub(r"[：:\s]+$", "", text[start:end])
        part = "附件" + (m.group("n") or "")
        yield Candidate(ATTACHMENT, n, start, end, marker, part)


def decimals(text: str) -> Iterator[Candidate]:
    """1 总则 (or 1. 总则) / 1.1 编制目的 / 1.2.1 …: only in a document with 1 and 1.1 headings.

    ``1.`` is also a GB/T 9704 item marker, so the dotted top level counts only in a document
    without 一、 sections.
    """
    dotted_ok = not re.search(r"(?m)^[ \t\u3000]*一、", text)
    found = []
    for s, _e, line in _lines(text):
        m = _DECIMAL.match(line)
        if not m:
            continue
        key = tuple(int(x) for x in re.split(r"[.．]", m.group("n")))
        marker = m.group(0).rstrip(" \t\u3000")
        if len(key) == 1 and (len(line) > 40 or _HEADING_PUNCT.search(line)):
            continue  # a bare number opens a short heading line, not a table row or a sentence
        if len(key) == 1 and marker != m.group("n") and not dotted_ok:
            continue
        found.append(Candidate(DECIMAL + len(key), key[-1], s, s + len(marker), marker,
                               m.group("n").replace("．", "."), key))
    if any(c.key == (1,) for c in found) and sum(len(c.key) == 2 for c in found) >= 2:
        yield from found


def numbered_sections(text: str) -> Iterator[Candidate]:
    """Statistics-bulletin sections 01综合 / 02农业 on short lines of their own."""
    for s, _e, line in _lines(text):
        m = _SECTION_NO.match(line)
        if m and len(line) <= 20 and not _HEADING_PUNCT.search(line):
            yield Candidate(TOP, int(m.group("n")), s, s + 2, m.group("n"), m.group("n"))


def bullets(text: str, heads: set[int]) -> Iterator[Candidate]:
    """Lines starting with —— (two or more in a row; a lone one is a subtitle).

    A run counts only when a heading (a start in ``heads``) or the end of the text follows
    it: bullets followed by more prose are part of that prose, and as clauses the last one
    would swallow it all.
    """
    lines = [(s, ln.lstrip(" \t\u3000")) for s, _e, ln in _lines(text) if ln.strip()]
    run: list[int] = []
    for i, (s, line) in enumerate(lines + [(len(text), "")]):
        if line.startswith("——") and len(line) >= 4:
            run.append(text.index("——", s))
            continue
        if len(run) >= 2 and (i == len(lines) or any(h in heads for h in range(s, s + 5))):
            yield from (Candidate(BULLET, 0, b, b + 2, "——", "——") for b in run)
        run = []


def subheadings(text: str) -> Iterator[Candidate]:
    """Unnumbered sub-headings: a short line without punctuation between two paragraphs.

    The line before must end a sentence (or a 各位代表： address) and the line after must be
    a paragraph, which keeps titles, signatures, table cells and site menus out.
    """
    lines = [(s, ln.strip(" \t\u3000")) for s, _e, ln in _lines(text) if ln.strip()]
    for i in range(1, len(lines) - 1):
        s, line = lines[i]
        prev, nxt = lines[i - 1][1], lines[i + 1][1]
        if not (2 <= len(line) <= 24) or _HEADING_PUNCT.search(line) or line[-1] in _FINAL:
            continue
        if not re.search(r"[\u4e00-\u9fff]{2}", line) or re.match(r"[表图圖附注註]", line) or _DATE.search(line):
            continue
        if prev[-1] not in "。！？!?：:" or len(nxt) < 40 or nxt[-1] not in "。！？!?：:；;":
            continue
        start = text.index(line, s)
        yield Candidate(SUBHEAD, 0, start, start, "", line[:24].replace("/", "／"))


def menu_items(text: str, found: list[Candidate]) -> set[int]:
    """Starts of lone 一、/（一）/1. items that look like site menu entries, not headings.

    A 1 with no 2 after it, a word or two long, followed by another short line that is no
    heading either (首页 / 网站地图 …), is weak evidence: it is dropped.
    """
    starts = {c.start for c in found}
    seconds = {c.rank for c in found if c.number == 2}
    out = set()
    for c in found:
        if c.number != 1 or c.rank not in (TOP, 20, 30) or c.rank in seconds or not _at_line_start(text, c.start):
            continue
        line_end = text.find("\n", c.end)
        line_end = len(text) if line_end < 0 else line_end
        nxt_start = line_end + 1
        while nxt_start < len(text) and text[nxt_start] in " \t\u3000\n":
            nxt_start += 1
        nxt = text[nxt_start : (text.find("\n", nxt_start) + 1 or len(text) + 1) - 1]
        if (len(text[c.end : line_end].strip()) <= 4 and len(nxt.strip()) <= 6
                and not _HEADING_PUNCT.search(nxt) and nxt_start not in starts):
            out.add(c.start)
    return out
