"""Text extracted from PDF: which characters to drop to mend broken lines and spaced words.

PDF extraction turns the printed line ends into spaces or line breaks inside a sentence
(``飞行检 查``, ``第5 次``, ``（责\\n任单位``). The functions here only name positions to drop,
so the cleaner keeps its map back to the raw text.
"""

from __future__ import annotations

import re

_HAN = r"\u3400-\u9fff"
_WIDE = r"\u3000-\u303f\u3400-\u9fff\uff01-\uff5e\u2018-\u201d"
# 第 6 号, 第5 次, 〔2023〕17 号: the spaces inside go (第 1 條 of a statute stays as written)
_NUMBERED = re.compile(r"(?:第([ \t\u3000]*)|[〕\]]\s*)\d+([ \t\u3000]*)[号次届期]")
_FIELD = re.compile(rf"^[{_HAN}]{{2,6}}[:：]")
_IN_WORD = re.compile(rf"(?<=[{_WIDE}])[ \t\u3000]+(?=[{_WIDE}])")
_SPACED_PAIR = re.compile(rf"[{_HAN}][ \t]+[{_HAN}]")
# A line-initial article or chapter keeps the space after its number: 第一条 为了…
_ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+[条章节款編编](?=[ \t\u3000])", re.M)
_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|"
    r"第[一二三四五六七八九十百零〇\d]+[条章节款部]|附件|附表|[①-⑳])")
# A space before a chapter or article marker may be all that separates it from the text
# before (a document on one line): it stays.
_BEFORE_ARTICLE = re.compile(r"[ \t\u3000]+(?=第[一二三四五六七八九十百零〇\d]+[条章节])")
_FINAL = "。！？；：!?;:…）)」』”’】〕"
_MIN_SPACED = 5  # spaced word pairs before a text counts as extracted from PDF
_SPACED_RATE = 1 / 400  # … and at least this many per Chinese character
_WRAPPED_SHARE = 0.4  # long lines ending mid-sentence, as a share of long lines
_LONG = 15  # characters: a line this long may have been wrapped
_HEADING_SHARE = 0.85  # of the printed width: a marker line this much shorter was not wrapped
_WIDTH_SLACK = 2  # characters: lines wrapped at one width differ by this much (punctuation, digits)
_WIDTH_SHARE = 0.5  # of the long lines ending mid-sentence: this many near one length mean one width
_HEADING_MAX = 24  # characters: a marker line up to this long without punctuation is a title
# A title ends in its genre word; a 文号 or a date is a line of its own: never joined.
_TITLE_END = re.compile(r"(?:方案|通知|意见|意見|办法|辦法|细则|細則|条例|條例|规定|規定|计划|計劃|"
                        r"报告|報告|公报|公報|批复|批復|决定|決定|纲要|綱要|措施|规划|規劃|函)$")
_OWN_LINE = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔\[［【(（]\d{4}[〕\]］】)）]\d+号$|"
                       r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")


def spaced_words(text: str) -> bool:
    """Whether the text has spaces between Chinese characters often enough to be PDF text."""
    pairs = len(_SPACED_PAIR.findall(text))
    han = len(re.findall(f"[{_HAN}]", text))
    return pairs >= _MIN_SPACED and pairs >= han * _SPACED_RATE


def space_drops(text: str) -> set[int]:
    """Positions of spaces inside words: always inside ``第 N 号/次``; between any two
    Chinese characters or punctuation marks when the text is spaced PDF text."""
    drop: set[int] = set()
    for m in _NUMBERED.finditer(text):
        for g in (1, 2):
            if m.group(g):
                drop.update(range(m.start(g), m.end(g)))
    if spaced_words(text):
        keep = {m.end() for m in _ARTICLE.finditer(text)}
        keep |= {m.start() for m in _BEFORE_ARTICLE.finditer(text)}
        for m in _IN_WORD.finditer(text):
            if m.start() in keep or (m.start() > 0 and text[m.start() - 1] == "\n"):
                continue
            drop.update(range(m.start(), m.end()))
    return drop


def _wrapped(lines: list[str]) -> bool:
    long = [line for line in lines if len(line) >= _LONG and "|" not in line]
    if len(long) < 3:
        return False
    open_end = sum(1 for line in long if line[-1] not in _FINAL)
    return open_end >= _WRAPPED_SHARE * len(long)


def _width(lines: list[str]) -> float:
    """The printed line's length when the text was wrapped at one width (most long lines
    ending mid-sentence are within a character or two of the same length); 0 when their
    lengths scatter (a web page's lines end where its elements end, at any length)."""
    open_end = [len(line) for line in lines if len(line) >= _LONG and "|" not in line and line[-1] not in _FINAL]
    if not open_end:
        return 0
    width = max(set(open_end), key=lambda n: sum(1 for x in open_end if abs(x - n) <= _WIDTH_SLACK))
    near = sum(1 for x in open_end if abs(x - width) <= _WIDTH_SLACK)
    return width if near >= _WIDTH_SHARE * len(open_end) else 0


def _short_heading(line: str, width: float) -> bool:
    """A marker line with no sentence end in it that ends in a word, not a comma, and is
    not as long as the printed line, or longer than it (（二）创新推广模式，构建精准触达联动发展体系
    set as a web page's heading): it ends there; a wrapped line runs to the width."""
    short = not width or not _HEADING_SHARE * width <= len(line) <= width + _WIDTH_SLACK  # or too long to be printed
    return _MARKER.match(line) is not None and short \
        and re.search(f"[{_HAN}A-Za-z0-9]$", line) is not None and not re.search("[。；;！？!?：:]", line)


# A line never starts with these: the line before it ends mid-sentence (带技术\n揭榜\n；).
_CLOSING_START = re.compile(r"^[，、。；：！？）」』”’》%,;:!?)]")
_FRAGMENT = 12  # characters: a line this short without punctuation may be a cut-out phrase
_SUBSCRIPT = re.compile(r"[0-9.]{1,5}")  # PM\n2.5\n: a number cut from its name


def _heading_line(line: str, nxt: str) -> bool:
    """A heading's own line (a marker, short, no sentence punctuation) or a title ending in
    its genre word is not wrapped text; nor is the line before a 文号 or date line."""
    return (_MARKER.match(line) is not None and not _SUBSCRIPT.fullmatch(line) and len(line) <= _HEADING_MAX
            and not re.search("[，。；,;]", line)) or _TITLE_END.search(line) is not None \
        or _OWN_LINE.match(nxt) is not None


def _cut(line: str, nxt: str) -> bool:
    """Whether a sentence runs on from ``line`` into ``nxt`` whatever the text's layout: the
    next line starts with a mark no line starts with, the line ends with 的 (and the next
    is no title's genre word), a quotation is left open, or a Latin name is cut from its
    number (PM\n2.5)."""
    if line[-1] in _FINAL or _OWN_LINE.match(nxt) or _FIELD.match(nxt):
        return False
    if _CLOSING_START.match(nxt) or re.search("[A-Za-z]$", line) and _SUBSCRIPT.fullmatch(nxt):
        return True
    if _MARKER.match(nxt):
        return False
    return (line.endswith("的") and not _TITLE_END.search(nxt)) or line.count("“") > line.count("”")


def _fragment(line: str) -> bool:
    """A short phrase set on a line of its own inside a sentence (bold or a link in the
    page it came from): no sentence punctuation, no marker, not a sentence's end."""
    return 0 < len(line) <= _FRAGMENT and not re.search("[，。；,;：:]", line) and line[-1] not in _FINAL \
        and (not _MARKER.match(line) or _SUBSCRIPT.fullmatch(line) is not None)


def _inline_cuts(stripped: list[str]) -> set[int]:
    """Lines (their index) a sentence runs on from, in text of any layout (see ``_cut``); a
    cut-out phrase between two such breaks takes both (…发展的\n主要预期目标\n是：…)."""
    ok = [bool(a) and bool(b) and "|" not in a + b and not _heading_line(a, b)
          for a, b in zip(stripped, stripped[1:], strict=False)]
    cuts = {k for k in range(len(ok)) if ok[k] and _cut(stripped[k], stripped[k + 1])}
    for k in range(1, len(ok)):
        frag = _fragment(stripped[k])
        if frag and k - 1 in cuts and ok[k] and not _MARKER.match(stripped[k + 1]) \
                and not _FIELD.match(stripped[k + 1]):
            cuts.add(k)  # the phrase runs on into the next line
        if frag and k in cuts and ok[k - 1] and stripped[k - 1][-1] not in _FINAL:
            cuts.add(k - 1)  # …带技术\n揭榜\n；: the phrase belongs to the line before
    return cuts


def break_drops(text: str) -> set[int]:
    """Positions of line breaks inside a sentence.

    A break is dropped when the next line does not start a heading or list marker and
    either the line leaves a bracket open that the next line closes (``（责`` / ``任单位：…）``),
    or the text is hard-wrapped or spaced PDF text, the line is long and does not end a
    sentence, and neither line is a ``字段：值`` line, or, in text of any layout, the
    sentence is plainly cut (see ``_inline_cuts``).
    """
    lines = text.split("\n")
    stripped = [line.strip() for line in lines]
    wrapped = _wrapped(stripped) or spaced_words(text)
    width = _width(stripped) if wrapped else 0.0
    drop: set[int] = set()
    inline = _inline_cuts(stripped)
    pos = 0
    for k, line in enumerate(stripped[:-1]):
        pos += len(lines[k])
        nxt = stripped[k + 1]
        # A heading's own line (a marker, short, no sentence punctuation) is not wrapped
        # text; a wrapped line runs to the page width.
        heading = _heading_line(line, nxt)
        if line and nxt and "|" not in line and "|" not in nxt and not _MARKER.match(nxt) \
                and not heading:
            depth = line.count("（") + line.count("(") - line.count("）") - line.count(")")
            joins = depth > 0 and re.match(r"^[^（(]*[）)]", nxt) is not None
            if not joins and wrapped and len(line) >= _LONG and line[-1] not in _FINAL \
                    and not _FIELD.match(nxt) and not _FIELD.match(line) and not _short_heading(line, width):
                # a title's own line is not wrapped: it has no commas and the number follows
                joins = bool(re.search("[，、,]", line)) or not nxt.startswith(("（", "("))
            if joins:
                drop.add(pos)
        if k in inline:
            drop.add(pos)
        pos += 1
    return drop
