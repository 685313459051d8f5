"""Cleaning that keeps offsets: pinyin annotations, table residue and page furniture out.

``clean_text`` returns the cleaned text plus, for each cleaned character, its index in the
raw text (and one final entry past the end), so every span found later maps back to the file.
The cleaned text keeps the original script; ``normalize`` (NFKC + Traditional→Simplified)
is for matching only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from index.furniture import JUMP, furniture_lines
from index.reflow import break_drops, space_drops

# Letters that occur in Hanyu Pinyin with tone marks.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTERS = "a-zü" + _TONED
_INITIALS = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINALS = (
    "(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|er|"
    "in|un|ün|ia|ie|iu|ua|uo|ui|üe|ve|ue|a|o|e|i|u|ü|v|ng|n|m)"
)
_SYLLABLE = re.compile(f"{_INITIALS}{_FINALS}")
_ANNOTATION = re.compile(rf"(?<=[^\s(（])[(（]([{_PINYIN_LETTERS}]{{1,7}})[)）]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

_META_KEY = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
# Field names of the metadata tables government sites put above a document.
META_NAMES = frozenset(
    "索引号 主题分类 成文日期 发布日期 发文机关 发文字号 有效性 关键词 标题 名称 文号 发布机构 "
    "发文单位 发文日期 公开方式 生效日期 废止日期 信息分类 体裁分类 组配分类 所属机构 "
    "统一编号 实施日期 施行日期 失效日期 发布机关 文件状态 主题词 分类 文件编号 有效期 "
    "公文种类 内容分类 登记号 信息索引号 文件类型 发布单位".split()
)
_META_NAMES = META_NAMES
_TRAILER = re.compile(r"^\s*(?:文件文字版|文件PDF版|文件WPS版|文件OFD版|附件下载|附件：?下载)")
_FILE_LINE = re.compile(r"\.(?:docx?|pdf|wps|ofd|xlsx?|zip)\s*(?:文件\S*版[:：]?)?\s*$", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _strip_tones(s: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn"
    ).replace("ü", "u")


def is_pinyin(content: str, before: str = "") -> bool:
    """Whether ``content`` (the text inside a parenthesis) is a pinyin annotation.

    Tone-marked lower-case syllables always are; a toneless one only when it is a valid
    syllable of two letters or more written right after a Chinese character, so that
    ``(a)`` or ``(PTA)`` stay.
    """
    if not content or not re.fullmatch(f"[{_PINYIN_LETTERS}]+", content):
        return False
    plain = _strip_tones(content)
    if not re.fullmatch("[a-z]+", plain.replace("v", "u")):
        return False
    if any(c in _TONED for c in content):
        # Annotations are one syllable (rarely an erhua ending): keep ordinary words out.
        return bool(_SYLLABLE.fullmatch(plain) or _SYLLABLE.fullmatch(plain.removesuffix("r")))
    return len(plain) >= 2 and bool(_SYLLABLE.fullmatch(plain)) and bool(_CJK.match(before))


def _split_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def extract_metadata_table(raw: str) -> tuple[list[tuple[str, str]], int]:
    """Read a leading ``键 | 值 | 键 | 值 |`` table (as government sites publish it).

    Returns:
        ``(pairs, end)``: the key/value pairs in order (empty values left out) and the raw
        offset just past the table's last line; ``([], 0)`` when the text has no such table.
    """
    pairs: list[tuple[str, str]] = []
    pos = 0
    end = 0
    while pos < len(raw):
        nl = raw.find("\n", pos)
        line_end = len(raw) if nl < 0 else nl + 1
        line = raw[pos:line_end]
        if not line.strip():
            if pairs:
                pos = line_end
                continue
            break
        if line.count("|") < 2:
            break
        cells = _split_cells(line)
        if len(cells) < 2 or not _META_KEY.match(cells[0]):
            break
        row = []
        for i in range(0, len(cells) - 1, 2):
            key, value = cells[i], cells[i + 1]
            if not _META_KEY.match(key):
                row = []
                break
            row.append((key, value))
        if not row:
            break
        pairs.extend((k, v) for k, v in row if v)
        end = line_end
        pos = line_end
    if not pairs:
        return _metadata_lines(raw)
    # A data table at the top of a document is content, not metadata.
    if not any(normalize_key(k) in _META_NAMES for k, _ in pairs):
        return [], 0
    return pairs, end


_KEY_LINE = re.compile(r"^[ \t\u3000]*([\u4e00-\u9fff][\u4e00-\u9fff \t\u3000]{1,10}?)[ \t\u3000]*[:：]"
                       r"[ \t\u3000]*(.*?)[ \t\u3000]*$")


def _metadata_lines(raw: str) -> tuple[list[tuple[str, str]], int]:
    """A leading block of ``索 引 号：值`` lines (or a key line, then its value line) whose
    keys are metadata field names; at least two of them."""
    pairs: list[tuple[str, str]] = []
    lines = raw.split("\n")
    pos = end = 0
    k = 0
    while k < len(lines):
        m = _KEY_LINE.match(lines[k])
        if m is None or normalize_key(m.group(1)) not in _META_NAMES:
            if not lines[k].strip() and not pairs:
                pos += len(lines[k]) + 1
                k += 1
                continue
            break
        key, value = normalize_key(m.group(1)), m.group(2)
        pos += len(lines[k]) + 1
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        if not value and nxt.strip() and len(nxt) <= 60 and not (
                (n := _KEY_LINE.match(nxt)) and normalize_key(n.group(1)) in _META_NAMES):
            value = nxt.strip()
            pos += len(nxt) + 1
            k += 1
        if value:
            pairs.append((key, value))
        end = min(pos, len(raw))
        k += 1
    if len({key for key, _ in pairs}) < 2:
        return [], 0
    return pairs, end


def normalize_key(key: str) -> str:
    return to_simplified(unicodedata.normalize("NFKC", key)).replace(" ", "")


def _one_pass(text: str) -> tuple[str, list[int]]:
    """One cleaning pass; returns the text and, per kept char, its index in ``text``."""
    keep = [True] * len(text)

    def drop(a: int, b: int) -> None:
        for i in range(a, b):
            keep[i] = False

    _, table_end = extract_metadata_table(text)
    drop(0, table_end)

    # Line by line: table residue and the download trailer.
    lines: list[tuple[int, int]] = []
    pos = table_end
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl + 1
        lines.append((pos, end))
        pos = end
    furniture = furniture_lines([text[a:b].rstrip("\r\n") for a, b in lines])
    for k in furniture:
        drop(*lines[k])
    for m in JUMP.finditer(text, table_end):
        drop(m.start(), m.end())
    for i in space_drops(text) | break_drops(text):
        if i >= table_end:
            keep[i] = False
    trailer = False
    for a, b in lines:
        body = text[a:b].rstrip("\r\n")
        stripped = body.strip()
        if trailer or _TRAILER.match(body):
            if trailer and stripped and not (_FILE_LINE.search(body) or _TRAILER.match(body)):
                trailer = False
            else:
                trailer = True
                drop(a, b)
                continue
        if stripped and set(stripped) <= {"|", " ", "\t", "\u3000"}:
            drop(a, b)
            continue
        # Leading / trailing pipes of table rows.
        i = a
        while i < a + len(body) and text[i] in " \t\u3000|" and "|" in text[a : i + 1]:
            i += 1
        if "|" in text[a:i]:
            drop(a, i)
        j = a + len(body)
        while j > a and text[j - 1] in " \t\u3000|" and "|" in text[j - 1 : a + len(body)]:
            j -= 1
        if "|" in text[j : a + len(body)]:
            drop(j, a + len(body))

    for m in _ANNOTATION.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        if is_pinyin(m.group(1), before):
            drop(m.start(), m.end())

    for m in _CONTROL.finditer(text):
        drop(m.start(), m.end())
    for i, c in enumerate(text):
        if c == "\r":
            keep[i] = False

    idx = [i for i, k in enumerate(keep) if k]
    # Trim blank space at both ends and collapse runs of blank lines.
    out: list[int] = []
    for i in idx:
        c = text[i]
        if c == "\n" and out:
            # drop trailing spaces before a newline, and a second consecutive blank line
            while out and text[out[-1]] in " \t\u3000":
                out.pop()
            if len(out) >= 2 and text[out[-1]] == "\n" and text[out[-2]] == "\n":
                continue
        if c == "\n" and not out:
            continue
        out.append(i)
    while out and text[out[0]].isspace():
        out.pop(0)
    while out and text[out[-1]].isspace():
        out.pop()
    return "".join(text[i] for i in out), out


def clean_text(raw: str) -> tuple[str, list[int]]:
    """Clean a document's raw text, keeping the way back to it.

    Removes pinyin annotations (``產(chǎn)`` → ``產``), table residue (``|``), a leading
    metadata table (see :func:`extract_metadata_table`), the download trailer
    (``文件文字版:`` …), page furniture (see :mod:`index.furniture`), spaces inside words
    and line breaks inside sentences of PDF text (see :mod:`index.reflow`) and control
    characters. Never raises; idempotent.

    Returns:
        ``(clean, offsets)``: ``offsets[i]`` is the raw index of ``clean[i]``, and a final
        entry ``len(raw)`` so that end offsets map too.
    """
    text = raw if isinstance(raw, str) else str(raw)
    offsets = list(range(len(text)))
    # Removing one thing can expose another (``a(x(ǎ))``): repeat until nothing changes.
    for _ in range(8):
        new, kept = _one_pass(text)
        if new == text:
            break
        offsets = [offsets[i] for i in kept]
        text = new
    return text, offsets + [len(raw)]


@lru_cache(maxsize=2)
def _converter(config: str):  # noqa: ANN202 - opencc has no type hints
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional → Simplified Chinese (OpenCC ``t2s``)."""
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    """Simplified → Traditional Chinese (OpenCC ``s2t``)."""
    return _converter("s2t").convert(text)


def normalize(text: str) -> str:
    """Text for matching: NFKC (full-width → half-width) and Traditional → Simplified.

    Idempotent: ``normalize(normalize(x)) == normalize(x)``.
    """
    prev = text
    for _ in range(4):
        cur = to_simplified(unicodedata.normalize("NFKC", prev))
        if cur == prev:
            break
        prev = cur
    return prev


def detect_script(text: str) -> str:
    """``"traditional"`` if the text has more Traditional-only than Simplified-only characters."""
    sample = "".join(_CJK.findall(text))[:20000]
    if not sample:
        return "simplified"
    simp = to_simplified(sample)
    trad = to_traditional(sample)
    n_trad = sum(a != b for a, b in zip(sample, simp, strict=False))
    n_simp = sum(a != b for a, b in zip(sample, trad, strict=False))
    return "traditional" if n_trad > n_simp else "simplified"
