"""A document's metadata read from its own lines: title, issuer, 文号, date, place, kind, year.

Each value comes with how it was obtained: ``found`` when an explicit field or line states it
(a metadata block, the title line, the 文号 line, the signature), ``inferred`` when it is
derived (the place from the issuer, a report's title completed with place and year).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from index.clean import normalize_key, to_simplified
from index.docforms import (
    DATE,
    DATE_LINE,
    DATED_EVENT,
    DOC_NUMBER,
    HAN,
    ISO_DATE,
    NATIONAL,
    NATIONAL_NUMBER,
    TAIWAN,
    field_date,
    is_place,
    iso_date,
    kind_of,
    normalize_doc_number,
    organs,
    place_of,
    simplified,
    split_title,
    squeeze,
)
from index.outline import MARKER
from index.titles import FRONT_TITLE, REPRINT, find_title, forwarded, kind_from_body, page_title

FOUND, INFERRED = "found", "inferred"

@dataclass
class Fields:
    """Values and how each was obtained (``FOUND``/``INFERRED``)."""

    values: dict[str, object] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)

    def set(self, name: str, value: object, how: str) -> None:
        if value is not None and self.values.get(name) is None:
            self.values[name], self.how[name] = value, how

    def get(self, name: str):  # noqa: ANN201 - str | int | None
        return self.values.get(name)


_META_KEYS = {
    "title": ("标题", "名称", "文件名称", "法规名称"),
    "issuer": ("发文机关", "发文单位", "制发机关"),
    "publisher": ("发布机构", "发布单位"),
    "doc_number": ("发文字号", "文号"),
    "date": ("成文日期",),
    # a page's dates: a reprinting site gives its own, so the signature's date comes first
    "published": ("发文日期", "发布日期", "公布日期", "发布时间"),
    "amended": ("修正日期", "修订日期"),
}
_ALL_KEYS = frozenset(k for keys in _META_KEYS.values() for k in keys) | frozenset(
    "索引号 主题分类 分类 有效性 主题词 关键词 公开方式 公开时限 公开范围 生效日期 废止日期 "
    "法规类别 废止说明 法规网址 所属机构 信息分类 体裁分类 组配分类".split()
)
_KEY_LINE = re.compile(r"^([^\s：:]{1,4}(?:[ \u3000]*[^\s：:]){0,6})[ \u3000]*[：:][ \u3000]*(.*)$")


def labelled_fields(lines: Sequence[str], limit: int = 150) -> list[tuple[str, str]]:
    """``键：值`` pairs of a page's metadata block, value on the same or the next line."""
    pairs: list[tuple[str, str]] = []
    for i, line in enumerate(lines[:limit]):
        m = _KEY_LINE.match(line)
        if not m or normalize_key(m.group(1)) not in _ALL_KEYS:
            continue
        key, value = normalize_key(m.group(1)), m.group(2).strip()
        if not value and i + 1 < len(lines):
            nxt = _KEY_LINE.match(lines[i + 1])
            if not (nxt and normalize_key(nxt.group(1)) in _ALL_KEYS):
                value = lines[i + 1].strip()
        if value:
            pairs.append((key, value))
    return pairs


def meta_value(pairs: Iterable[tuple[str, str]], name: str) -> str | None:
    """The first non-empty value of a field (any of its key names) among the pairs."""
    pairs = [(normalize_key(k), v.strip()) for k, v in pairs]
    for key in _META_KEYS[name]:
        for k, v in pairs:
            if k == key and v:
                return v
    return None


# --- inference ----------------------------------------------------------------------------
_SPACED = re.compile(rf"[{HAN}] [{HAN}] [{HAN}] [{HAN}]")
_SIGNED_LINE = re.compile(rf"^(.+?)\s*({DATE.pattern})(?:发布|印发)?。?$")
_REPORT_PLACE = (
    re.compile(rf"在([{HAN}]{{2,12}}?(?:自治区|省|市|县|区|州|旗))第?[一二三四五六七八九十]+届人民代表大会"),
    re.compile(rf"^([{HAN}]{{2,12}}?(?:自治区|省|市|县|区|州|旗))(?:人民政府)?(?:省长|市长|主席|县长|区长)"),
)
_NATIONAL_CONGRESS = re.compile(r"在第[一二三四五六七八九十]+届全国人民代表大会")
_SINGLE_YEAR = re.compile(r"(?<![\d—\-~～至－])((?:19|20)\d{2})年(?![\d\s]*[—\-~～至－])")
# a year the body names, not a target (到2028年) nor a full date (a page's date bar)
_BODY_YEAR = re.compile(r"(?<![到至—\-~～－\d])((?:19|20)\d{2})年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")


def _lines(text: str) -> list[str]:
    """The text's non-empty lines, Markdown heading marks and bold off, a footnote mark
    ending a line (…统计公报[1]) dropped, spaced-out titles (国 家 粮 食) closed up."""
    out = []
    for line in text.splitlines():
        line = re.sub(r"^#{1,6}\s+|^\*\*(.+)\*\*$", r"\1", line.strip()).strip()
        line = re.sub(r"(?<=\S)\[\d{1,2}\]$", "", line)
        if line:
            out.append(squeeze(line) if _SPACED.search(line) else line)
    return out


def _signatures(lines: list[str]) -> list[tuple[int, list[str], str]]:
    """(line, organs, date) of each signature: organ lines followed by a date line, or an
    organ and its date on one line."""
    out = []
    for i, line in enumerate(lines):
        if DATE_LINE.match(line):
            names: list[str] = []
            j = i - 1
            while j >= 0 and i - j <= 8 and (found := organs(lines[j])):
                names[:0] = found
                j -= 1
            if names:
                out.append((i, names, iso_date(line)))
        elif (m := _SIGNED_LINE.match(line)) and (found := organs(m.group(1))):
            out.append((i, found, iso_date(m.group(2))))
    return [s for s in out if s[2]]


def _national(issuer: str | None, doc_number: str | None) -> bool:
    first = (issuer or "").split("、")[0]
    return bool(first and NATIONAL.match(first) and not place_of(first)) or bool(
        doc_number and NATIONAL_NUMBER.match(doc_number))


@dataclass
class _Doc:
    """The lines a document's metadata is read from, and where its title was."""

    lines: list[str]
    pairs: list[tuple[str, str]]
    head_end: int  # the first outline heading (一、, 第一条 …): the title and 文号 come before
    reprint: bool = False  # the metadata block is a reprinting site's record
    title_at: int = 0
    heading: str | None = None  # the title as written (a notice's, before its forwarded one)


def infer_metadata(
    text: str, pairs: Sequence[tuple[str, str]] = (), *, raw: str | None = None,
    page_title: str | None = None, script: str = "simplified",
) -> Fields:
    """Title, issuer, doc_number, date, place, kind and year of a document.

    Args:
        text: the document text (cleaned or not: site furniture is tolerated).
        pairs: the (key, value) pairs of its metadata block when the reader found one;
            ``键：值`` lines at the top of the text are read as well.
        raw: the text before cleaning (for a Jekyll front matter ``title:``).
        page_title: the HTML ``<title>``, with or without the site's name.
        script: the document's script (a Taiwan statute is told by it).

    Returns:
        ``Fields`` with each value and whether it was found or inferred.
    """
    lines = _lines(text)
    head_end = next((i for i, line in enumerate(lines)
                     if MARKER.match(line) and not line.startswith(("（", "("))), len(lines))
    doc = _Doc(lines, [*pairs, *labelled_fields(lines)], min(max(head_end, 1), 200))
    f = Fields()
    _title(f, doc, raw or text, page_title)
    _doc_number(f, doc)
    _issuer_and_date(f, doc)
    _place(f, text, lines, doc.head_end, script)
    title = f.get("title")
    kind = kind_of(str(title)) if title else None
    if kind:
        f.set("kind", to_simplified(kind), f.how["title"])
    elif not title:
        f.set("kind", kind_from_body(text), INFERRED)
    if kind == "报告" and "政府工作报告" in str(title):
        place = f.get("place")
        f.set("issuer", "国务院" if place == "全国" else place and f"{place}人民政府", INFERRED)
    if not doc.reprint and (value := meta_value(doc.pairs, "publisher")):
        f.set("issuer", "、".join(organs(value) or [value]), INFERRED)
    _year(f, "\n".join(lines[doc.title_at + 1:] if f.get("title") else lines))
    _complete_title(f)
    return f


def _title(f: Fields, doc: _Doc, raw: str, page: str | None) -> None:
    """The metadata block's title, else the front matter's or page's, else the first title
    line; a notice that forwards a document gives that document's title."""
    meta_title = meta_value(doc.pairs, "title")
    doc.reprint = bool(meta_title and REPRINT.match(meta_title))
    doc.heading = meta_title
    if meta_title and not doc.reprint:
        f.set("title", forwarded(meta_title, doc.lines, 0) or meta_title, FOUND)
    else:
        front = FRONT_TITLE.match(raw)
        written = (front.group(1).strip() if front else None) or (
            page_title(page) if page else None)
        hit = find_title(doc.lines, doc.head_end)
        if hit:
            doc.title_at = hit[1]
        if title := written or (hit[0] if hit else None):
            doc.heading = title = REPRINT.sub("", title)
            f.set("title", forwarded(title, doc.lines, doc.title_at) or title, FOUND)
    if title := f.get("title"):
        proper, notes = split_title(str(title))
        numbers = [n for n in notes if DOC_NUMBER.fullmatch(n.replace(" ", ""))]
        for n in numbers:
            f.set("doc_number", normalize_doc_number(n), FOUND)
        if numbers:  # the 文号 is a field of its own, not part of the title
            f.values["title"] = proper + "".join(f"（{n}）" for n in notes if n not in numbers)


def _doc_number(f: Fields, doc: _Doc) -> None:
    """The metadata block's 文号, else a 文号 line above the first heading (never one quoted
    in a sentence of the body)."""
    value = meta_value(doc.pairs, "doc_number")
    if value and DOC_NUMBER.search(value):
        f.set("doc_number", normalize_doc_number(value), FOUND)
    lines = doc.lines
    for i, line in enumerate(lines[:doc.head_end]):
        bare = line.strip("（）() ")
        if DOC_NUMBER.fullmatch(bare):
            f.set("doc_number", normalize_doc_number(bare), FOUND)
        elif DATED_EVENT.match(line) and (m := DOC_NUMBER.search(DATE.sub("", line))):
            # （2021年7月27日中华人民共和国国务院令第746号公布）
            f.set("doc_number", normalize_doc_number(m.group(0)), FOUND)
        elif line.endswith("令") and i + 1 < len(lines) and re.fullmatch(r"第\s*\d+\s*号", lines[i + 1]):
            f.set("doc_number", (line + lines[i + 1]).replace(" ", ""), FOUND)


def _national_name(name: str) -> str:
    """The organ of an order as an issuer: 中华人民共和国国务院令 is 国务院's (the 文号 keeps
    the order's name as written)."""
    return name.removeprefix("中华人民共和国")


def _issuer_and_date(f: Fields, doc: _Doc) -> None:
    """Issuer: 发文机关, letterhead, signature, the title's "X关于", a closing credit line,
    an order's organ. Date: 成文日期, the signature's, a date line under the title, the
    page's dates last (a reprinting site gives its own)."""
    lines, at = doc.lines, doc.title_at
    if not doc.reprint and (value := meta_value(doc.pairs, "issuer")):
        f.set("issuer", "、".join(organs(value) or [value]), FOUND)
    for line in lines[:at]:
        if (m := re.fullmatch(r"(.+?)文件", line)) and (names := organs(m.group(1))):
            f.set("issuer", "、".join(names), FOUND)
            break
    if value := meta_value(doc.pairs, "date"):
        f.set("date", field_date(value), FOUND)
    signatures = _signatures(lines)
    if signed := [s for s in signatures if s[0] > at] or signatures:
        f.set("issuer", "、".join(signed[0][1]), FOUND)
        f.set("date", signed[0][2], FOUND)
    for line in [*lines[at:doc.head_end], *lines[-20:]]:
        if DATE_LINE.match(line) or DATED_EVENT.match(line):
            f.set("date", iso_date(line), FOUND)
    if doc.heading:
        heading = split_title(REPRINT.sub("", doc.heading))[0]
        m = re.match(r"^(.+?)关于", simplified(heading))
        prefix = heading[:m.end(1)] if m else ""
        if prefix and (names := organs(prefix)):
            f.set("issuer", "、".join(names), FOUND)
        elif prefix and re.fullmatch(rf"[{HAN}]+等\d+个?部门", simplified(prefix)):
            f.set("issuer", prefix, FOUND)
    # a bulletin's closing credit line: （万载县统计局）
    for line in reversed(lines[at + 1:]):
        if (m := re.fullmatch(r"[（(](.+)[）)]", line)) and (names := organs(m.group(1))) \
                and all(place_of(n) or NATIONAL.match(n) for n in names):
            f.set("issuer", "、".join(names), FOUND)
            break
    for line in lines[:doc.head_end]:
        if DATED_EVENT.match(line) and (m := re.search(rf"([{HAN}]{{2,20}})令第", DATE.sub("", line))):
            f.set("issuer", _national_name(m.group(1)), FOUND)
    number = f.get("doc_number")
    if isinstance(number, str) and (m := re.match(r"(.+?)令第", number)) and organs(m.group(1)):
        f.set("issuer", _national_name(m.group(1)), INFERRED)
    for name in ("published", "amended"):  # a statute's 修正日期 when nothing else dates it
        if value := meta_value(doc.pairs, name):
            f.set("date", field_date(value), FOUND)
    for line in lines[at:at + 5]:
        if ISO_DATE.fullmatch(line):  # the site's date under the title
            f.set("date", iso_date(line), INFERRED)


def _place(f: Fields, text: str, lines: list[str], head_end: int, script: str) -> None:
    if script == "traditional" and TAIWAN.search(text):
        f.set("place", "台湾", INFERRED)
    issuer, number = f.get("issuer"), f.get("doc_number")
    if _national(issuer if isinstance(issuer, str) else None,
                 number if isinstance(number, str) else None):
        f.set("place", "全国", INFERRED)
    for name in str(issuer or "").split("、"):
        f.set("place", place_of(name), INFERRED)
    if title := f.get("title"):
        bare = re.sub(r"^(?:关于)?(?:印发|转发)?《?(?:(?:19|20)\d{2}年)?", "", str(title))
        f.set("place", place_of(bare), INFERRED)
    for line in lines[:head_end]:
        if _NATIONAL_CONGRESS.search(line):
            f.set("place", "全国", INFERRED)
        for pattern in _REPORT_PLACE:
            if (m := pattern.search(line)) and is_place(m.group(1)):
                f.set("place", m.group(1), INFERRED)
    if f.get("place") is None:
        f.set("place", _frequent_place(text), INFERRED)


def _frequent_place(text: str) -> str | None:
    """The area the text names most often (twice at least): 東營市 in a plan for 東營."""
    counts: dict[str, int] = {}
    for m in re.finditer("[市县縣]", text):
        for n in (2, 3):
            name = text[max(m.start() - n, 0): m.end()]
            if len(name) == n + 1 and re.fullmatch(f"[{HAN}]+", name) and is_place(name):
                counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -len(k)))
    return best if counts[best] >= 2 else None


def _year(f: Fields, text: str) -> None:
    if title := f.get("title"):
        years = _SINGLE_YEAR.findall(split_title(str(title))[0])
        if len(set(years)) == 1:
            f.set("year", int(years[0]), f.how["title"])
    if date := f.get("date"):
        f.set("year", int(str(date)[:4]), f.how["date"])
    if (number := f.get("doc_number")) and (m := re.search(r"〔((?:19|20)\d{2})〕", str(number))):
        f.set("year", int(m.group(1)), INFERRED)
    if m := _BODY_YEAR.search(text):
        f.set("year", int(m.group(1)), INFERRED)


def _complete_title(f: Fields) -> None:
    """A report titled only 政府工作报告 gets its place and year: 2026年北京市政府工作报告."""
    title, place, year = f.get("title"), f.get("place"), f.get("year")
    if not title or f.get("kind") not in ("报告", "公报") or not place or place in ("全国", "台湾"):
        return
    written = re.match(r"(?:19|20)\d{2}年", str(title))
    bare = str(title)[written.end():] if written else str(title)
    if place_of(bare) or str(place) in str(title):
        return
    # a bulletin's data year is not its date's: only a report takes the year
    if written:
        prefix = written.group(0)
    else:
        prefix = f"{year}年" if year and f.get("kind") == "报告" else ""
    f.values["title"] = f"{prefix}{place}{bare}"
    f.how["title"] = INFERRED


def describe(f: Fields, text: str, file: str = "") -> str:
    """A name for a document without a title: the file's Chinese name, else its place, year
    and first line (a year read only from the body, a target like 到2028年, is left out)."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", file.rsplit("/", 1)[-1])
    if len(re.findall(f"[{HAN}]", stem)) >= 2:
        return f"{stem}（文件无标题，名称取自文件名）"
    place, year = f.get("place") or "", f.get("year")
    dated = year and (f.how.get("date") or f.how.get("doc_number"))
    prefix = f"{place}{f'{year}年' if dated else ''}"
    first = next((line for line in _lines(text) if re.search(r"\w", line)), "")[:20]
    if not first:
        return f"{prefix}文件（文件无标题）" if prefix else "未命名文件（文件无标题）"
    return f"{prefix}文件：{first}…（文件无标题，名称据正文推断）" if prefix else (
        f"{first}…（文件无标题，名称据正文推断）")
