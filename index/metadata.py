"""A document's metadata read from its own lines: title, issuer, 文号, date, place, kind, year.

Each value comes with how it was obtained: ``found`` when an explicit field or line states it
(a metadata block, the title line, the 文号 line, the signature), ``inferred`` when it is
derived (the place from the issuer, a report's title completed with place and year).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import cn2an

from corpus.sources import KINDS
from index.clean import normalize_key, to_simplified
from index.outline import MARKER

FOUND, INFERRED = "found", "inferred"
_HAN = r"\u4e00-\u9fff"

# --- dates -----------------------------------------------------------------------------
_CN_DIGITS = "〇零一二三四五六七八九十"
_DATE = re.compile(
    rf"((?:19|20)\d{{2}}|[{_CN_DIGITS}]{{4}})\s*[年月]\s*(\d{{1,2}}|[{_CN_DIGITS}]{{1,3}})\s*月"
    rf"\s*(\d{{1,2}}|[{_CN_DIGITS}]{{1,3}})\s*日"
)
_ISO_DATE = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_DATE_LINE = re.compile(rf"^[（(]?\s*(?:{_DATE.pattern})\s*[）)]?$")
# "——2026年1月25日在北京市第十六届人民代表大会第四次会议上", "（2021年7月27日…令第746号公布）"
_DATED_EVENT = re.compile(
    rf"^(?:[—\-－]+\s*(?:{_DATE.pattern})"
    rf"|[—\-－]*\s*[（(]?\s*(?:{_DATE.pattern}).{{0,40}}(?:会议上|公布|发布|通过)[）)]?$)")


def _number(s: str) -> int:
    return int(s) if s.isdigit() else int(cn2an.cn2an(s.replace("零", "〇"), "smart"))


def iso_date(text: str) -> str | None:
    """The first date of ``text`` (2026年1月25日, 二〇二六年一月二十五日, 2026-01-25) as ISO."""
    m = _DATE.search(text) or _ISO_DATE.search(text)
    if not m:
        return None
    try:
        y, mo, d = (_number(x) for x in m.groups()[:3])
    except ValueError:
        return None
    if not (1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


# --- 文号 --------------------------------------------------------------------------------
_OPEN, _CLOSE = r"〔［\[【（(", r"〕］\]】）)"
_DOC_NUMBER = re.compile(
    rf"[{_HAN}]{{1,12}}\s*[{_OPEN}]\s*(?:19|20)\d{{2}}\s*[{_CLOSE}]\s*第?\s*\d+\s*[号號]"
    rf"|[{_HAN}]{{1,20}}令\s*第\s*\d+\s*[号號]"
)


def normalize_doc_number(text: str) -> str:
    """国办发[2018]126号 / 国办发（2018）126 号 → 国办发〔2018〕126号."""
    text = re.sub(r"\s+", "", text)
    return re.sub(r"[〔［\[【（(]((?:19|20)\d{2})[〕］\]】）)]", r"〔\1〕", text)


# --- organs and places -------------------------------------------------------------------
_ORGAN_END = (
    "人民政府办公厅|人民政府办公室|人民政府|人民代表大会常务委员会|办公厅|办公室|委员会|管委会|"
    "管理委员会|办事处|调查总队|调查队|总局|总署|中心|[局厅部委院署]|政府"
)
_ORGAN = re.compile(rf"[{_HAN}]{{2,30}}?(?:{_ORGAN_END})(?:[（(][{_HAN}]{{2,20}}[）)])?")
_PLACE_PART = re.compile(rf"([{_HAN}]{{2,9}}?)(自治区|自治州|自治县|地区|特别行政区|[省市县区旗盟州])")
_GENERIC_PLACE = frozenset(
    "贫困 直辖 各 本 全 我 该 中国 城 地级 县级 省级 市级 区级 乡级 重点 示范 试点 边境 所在 下辖 "
    "辖 相关 有关 其他 周边 沿海 新区 开发 城区 市辖 副省级 计划单列 设区的 不设区的 自治 农业 工业 "
    "产业 园区 社区 街区 景区 片区 老区 山区 牧区 矿区 库区 灾区 校区 市场 城市 超市 都市 上市 "
    "地区 行政区 功能区 保税区 开发区 试验区 示范区 先行区 合作区 集聚区 分市 该市 全省 我省 本省".split()
)
_NATIONAL = re.compile(
    r"^(?:国务院|中共中央|全国|中华人民共和国|最高人民|国家(?!统计局[^、]{2,}调查)|[^省市县区]{2,8}(?:部|总署|总局)$)"
)
_NATIONAL_NUMBER = re.compile(r"^(?:国发|国办发|国函|国办函|国令|国务院令)")
_TAIWAN = re.compile(r"立法院|總統|中華民國|行政院|\.gov\.tw\b")


def place_of(name: str | None) -> str | None:
    """The administrative area a name starts with: 深圳市罗湖区科技和工业信息化局 → 深圳市罗湖区.

    Generic nouns that end like a place (贫困县, 直辖市, 本市, 中国市) are not places.
    """
    if not name:
        return None
    name = to_simplified(name)
    out, pos = "", 0
    while m := _PLACE_PART.match(name, pos):
        stem, suffix = m.groups()
        if stem in _GENERIC_PLACE or stem + suffix in _GENERIC_PLACE or stem[-1] in "各本全该我":
            break
        out, pos = out + stem + suffix, m.end()
    return out or None


def is_place(name: str) -> bool:
    """Whether ``name`` is exactly a place name (an area name and its suffix)."""
    return place_of(name) == to_simplified(name)


def organs(line: str) -> list[str] | None:
    """The organs a signature line names (separated by spaces or run together), or None."""
    line = line.strip()
    if not line or len(line) > 120 or re.search(r"[，。：:；;,、\d]", line):
        return None
    out: list[str] = []
    for piece in re.split(r"[\s\u3000]+", line):
        parts = [m.group(0) for m in _ORGAN.finditer(piece)]
        if not parts or "".join(parts) != piece:
            return None
        # A run-together pair repeats the area name: 成都市经济和信息化局成都市科学技术局.
        merged: list[str] = []
        for p in parts:
            if merged and not place_of(p) and not _NATIONAL.match(p):
                merged[-1] += p
            else:
                merged.append(p)
        # an organ's second name in brackets (…局（乡村振兴局）) is not a second organ
        out.extend(re.sub(r"[（(][^（）()]+[）)]$", "", m) for m in merged)
    return out


# --- titles and kinds ----------------------------------------------------------------------
_KIND_WORDS = {to_simplified(k): k for k in KINDS}
_TRAILING_PAREN = re.compile(r"[（(][^（）()]{1,40}[）)]$")
_FORWARD = re.compile(r"(?:印发|转发|发布|颁布)《?(.+?)》?的(?:通知|函)$")
_TITLE_BAD = re.compile(r"[。；;：:！？!?，,]|^[>＞]|[>＞]|^(?:来源|时间|发布|当前位置|首页|上一篇|下一篇)")


def split_title(title: str) -> tuple[str, list[str]]:
    """A title without its trailing parentheses, and those parentheses' contents."""
    notes: list[str] = []
    while m := _TRAILING_PAREN.search(title):
        notes.insert(0, m.group(0)[1:-1])
        title = title[: m.start()]
    return title, notes


def kind_of(title: str | None) -> str | None:
    """The genre word a title ends with; for a notice that forwards a document, its genre."""
    if not title:
        return None
    proper = to_simplified(split_title(title)[0])
    if m := _FORWARD.search(proper):
        inner = kind_of(m.group(1))
        if inner:
            return inner
    for n in (2, 1):
        if proper[-n:] in _KIND_WORDS and len(proper) > n:
            return proper[-n:]
    return None


def is_title_line(line: str) -> bool:
    """Whether a line looks like a document title: ends with a genre word (parentheses
    allowed after it), holds no sentence punctuation, brackets balanced."""
    if not 6 <= len(line) <= 120 or _TITLE_BAD.search(line) or MARKER.match(line):
        return False
    if line.count("《") != line.count("》") or line.startswith("《") and not line.endswith("》"):
        return False
    proper = split_title(line)[0]
    kind = kind_of(proper)
    return kind is not None and len(proper) - len(kind) >= 4


def squeeze(line: str) -> str:
    """A line with the spaces between Chinese characters removed (国 家 粮 食 → 国家粮食)."""
    line = line.strip().replace("\u3000", " ")
    return re.sub(rf"(?<=[{_HAN}（）《》〔〕])\s+(?=[{_HAN}（）《》〔〕])", "", line)


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
}
_ALL_KEYS = frozenset(k for keys in _META_KEYS.values() for k in keys) | frozenset(
    "索引号 主题分类 分类 有效性 主题词 关键词 公开方式 公开时限 公开范围 生效日期 废止日期 "
    "法规类别 修正日期 废止说明 法规网址 所属机构 信息分类 体裁分类 组配分类".split()
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
_REPRINT = re.compile(r"^[（(【\[]\s*转载\s*[）)】\]]\s*")
_FRONT_TITLE = re.compile(r"\A\ufeff?---[ \t]*\n(?:.*\n)*?title:[ \t]*[\"']?(.+?)[\"']?[ \t]*\n(?:.*\n)*?---")
_SPACED = re.compile(rf"[{_HAN}] [{_HAN}] [{_HAN}] [{_HAN}]")
_SIGNED_LINE = re.compile(rf"^(.+?)\s*({_DATE.pattern})(?:发布|印发)?。?$")
_REPORT_PLACE = (
    re.compile(rf"在([{_HAN}]{{2,12}}?(?:自治区|省|市|县|区|州|旗))第?[一二三四五六七八九十]+届人民代表大会"),
    re.compile(rf"^([{_HAN}]{{2,12}}?(?:自治区|省|市|县|区|州|旗))(?:人民政府)?(?:省长|市长|主席|县长|区长)"),
)
_SINGLE_YEAR = re.compile(r"(?<![\d—\-~～至－])((?:19|20)\d{2})年(?![\d\s]*[—\-~～至－])")
_BODY_YEAR = re.compile(r"(?<![到至—\-~～－\d])((?:19|20)\d{2})年")


def _lines(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            out.append(squeeze(line) if _SPACED.search(line) else line)
    return out


def _page_title(text: str) -> str | None:
    """The part of a browser title that is the document's: "X - 广州市人民政府" → X."""
    parts = [p.strip() for p in re.split(r"\s+[-_|—–]+\s+|[_|]", text) if p.strip()]
    return next((p for p in parts if is_title_line(p)), None)


def _find_title(lines: list[str], head_end: int) -> tuple[str, int] | None:
    """The first title line of the head (joined with the line before when it continues it)."""
    for i, line in enumerate(lines[:head_end]):
        if not is_title_line(line):
            continue
        prev = lines[i - 1] if i else ""
        if prev and not is_title_line(prev) and len(prev) <= 60 and not _TITLE_BAD.search(prev) \
                and not iso_date(prev) and not _DOC_NUMBER.search(prev) and (
                    ("关于" in prev and not line.startswith("关于"))
                    or (line.startswith("关于") and organs(prev))):
            return prev + line, i
        return line, i
    return None


def _forwarded(title: str, lines: list[str], start: int) -> str | None:
    """The title line of the document a notice forwards (关于印发X的通知 → the line X)."""
    m = _FORWARD.search(split_title(title)[0])
    if not m:
        return None
    inner = split_title(m.group(1).strip("《》"))[0]
    for line in lines[start:]:
        if line.startswith(inner) and (line == inner or split_title(line)[0] == inner):
            return line
    return inner


def _signatures(lines: list[str]) -> list[tuple[int, list[str], str]]:
    """(line, organs, date) of each signature: organ lines followed by a date line, or an
    organ and its date on one line."""
    out = []
    for i, line in enumerate(lines):
        if _DATE_LINE.match(line):
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
    return bool(first and _NATIONAL.match(first) and not place_of(first)) or bool(
        doc_number and _NATIONAL_NUMBER.match(doc_number))


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
    pairs = [*pairs, *labelled_fields(lines)]
    f = Fields()
    meta_title = meta_value(pairs, "title")
    reprint = bool(meta_title and _REPRINT.match(meta_title))
    head_end = next((i for i, line in enumerate(lines)
                     if MARKER.match(line) and not line.startswith(("（", "("))), len(lines))
    head_end = min(max(head_end, 1), 200)

    # title
    title_at, heading = 0, meta_title
    if meta_title and not reprint:
        f.set("title", meta_title, FOUND)
    else:
        front = _FRONT_TITLE.match(raw or text)
        written = (front.group(1).strip() if front else None) or (
            _page_title(page_title) if page_title else None)
        hit = _find_title(lines, head_end)
        title = written or (hit[0] if hit else None)
        if hit:
            title_at = hit[1]
        if title:
            heading = title = _REPRINT.sub("", title)
            f.set("title", _forwarded(title, lines, title_at) or title, FOUND)
    raw_title = f.get("title")
    if raw_title:
        proper, notes = split_title(raw_title)
        numbers = [n for n in notes if _DOC_NUMBER.fullmatch(n.replace(" ", ""))]
        for n in numbers:
            f.set("doc_number", normalize_doc_number(n), FOUND)
        if numbers:
            f.values["title"] = proper + "".join(f"（{n}）" for n in notes if n not in numbers)

    # 文号
    value = meta_value(pairs, "doc_number")
    if value and _DOC_NUMBER.search(value):
        f.set("doc_number", normalize_doc_number(value), FOUND)
    for i, line in enumerate(lines[:head_end]):
        bare = line.strip("（）() ")
        if _DOC_NUMBER.fullmatch(bare):
            f.set("doc_number", normalize_doc_number(bare), FOUND)
        elif _DATED_EVENT.match(line) and (m := _DOC_NUMBER.search(_DATE.sub("", line))):
            f.set("doc_number", normalize_doc_number(m.group(0)).removeprefix("中华人民共和国"),
                  FOUND)
        elif line.endswith("令") and i + 1 < len(lines) and re.fullmatch(r"第\s*\d+\s*号", lines[i + 1]):
            f.set("doc_number", (line + lines[i + 1]).replace(" ", "").removeprefix("中华人民共和国"),
                  FOUND)

    # issuer and date
    if not reprint and (value := meta_value(pairs, "issuer")):
        f.set("issuer", "、".join(organs(value) or [value]), FOUND)
    for line in lines[:title_at]:
        if (m := re.fullmatch(r"(.+?)文件", line)) and (names := organs(m.group(1))):
            f.set("issuer", "、".join(names), FOUND)
            break
    if value := meta_value(pairs, "date"):
        f.set("date", iso_date(value), FOUND)
    signatures = _signatures(lines)
    signed = [s for s in signatures if s[0] > title_at] or signatures
    if signed:
        f.set("issuer", "、".join(signed[0][1]), FOUND)
        f.set("date", signed[0][2], FOUND)
    for line in [*lines[title_at:head_end], *lines[-20:]]:
        if _DATE_LINE.match(line) or _DATED_EVENT.match(line):
            f.set("date", iso_date(line), FOUND)
    if heading:
        m = re.match(r"^(.+?)关于", split_title(_REPRINT.sub("", heading))[0])
        if m and (names := organs(m.group(1)) or re.fullmatch(rf"[{_HAN}]+等\d+个?部门", m.group(1))):
            f.set("issuer", "、".join(names) if isinstance(names, list) else m.group(1), FOUND)
    # a bulletin's closing credit line: （万载县统计局）
    for line in reversed(lines[title_at + 1:]):
        if (m := re.fullmatch(r"[（(](.+)[）)]", line)) and (names := organs(m.group(1))) \
                and all(place_of(n) or _NATIONAL.match(n) for n in names):
            f.set("issuer", "、".join(names), FOUND)
            break
    for line in lines[:head_end]:
        if _DATED_EVENT.match(line) and (m := re.search(r"([\u4e00-\u9fff]{2,20})令第",
                                                         _DATE.sub("", line))):
            f.set("issuer", m.group(1).removeprefix("中华人民共和国"), FOUND)
    number = f.get("doc_number")
    if isinstance(number, str) and (m := re.match(r"(.+?)令第", number)) and organs(m.group(1)):
        f.set("issuer", m.group(1), INFERRED)
    if value := meta_value(pairs, "published"):
        f.set("date", iso_date(value), FOUND)
    for line in lines[title_at:title_at + 5]:
        if _ISO_DATE.fullmatch(line):
            f.set("date", iso_date(line), INFERRED)

    _place(f, text, lines, head_end, script)
    title = f.get("title")
    kind = kind_of(str(title)) if title else None
    if kind:
        f.set("kind", to_simplified(kind), f.how["title"])
    if kind == "报告" and "政府工作报告" in str(title):
        place = f.get("place")
        f.set("issuer", "国务院" if place == "全国" else place and f"{place}人民政府", INFERRED)
    if not reprint and (value := meta_value(pairs, "publisher")):
        f.set("issuer", "、".join(organs(value) or [value]), INFERRED)
    _year(f, text)
    _complete_title(f)
    return f


def _place(f: Fields, text: str, lines: list[str], head_end: int, script: str) -> None:
    if script == "traditional" and _TAIWAN.search(text):
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
            if len(name) == n + 1 and re.fullmatch(f"[{_HAN}]+", name) and is_place(name):
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
    bare = re.sub(r"^(?:19|20)\d{2}年", "", str(title))
    if place_of(bare) or str(place) in str(title):
        return
    prefix = f"{year}年" if year and not re.match(r"(?:19|20)\d{2}年", str(title)) else ""
    f.values["title"] = f"{prefix}{place}{bare if prefix else title}"
    f.how["title"] = INFERRED


def describe(f: Fields, text: str, file: str = "") -> str:
    """A name for a document without a title: the file's Chinese name, else its place, year
    and first line (a year read only from the body, a target like 到2028年, is left out)."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", file.rsplit("/", 1)[-1])
    if len(re.findall(f"[{_HAN}]", stem)) >= 2:
        return f"{stem}（文件无标题，名称取自文件名）"
    place, year = f.get("place") or "", f.get("year")
    dated = year and (f.how.get("date") or f.how.get("doc_number"))
    prefix = f"{place}{f'{year}年' if dated else ''}"
    first = next((line for line in _lines(text) if re.search(f"[{_HAN}]", line)), "")[:20]
    if not first:
        return f"{prefix}文件（文件无标题）" if prefix else "未命名文件（文件无标题）"
    return f"{prefix}文件：{first}…（文件无标题，名称据正文推断）" if prefix else (
        f"{first}…（文件无标题，名称据正文推断）")
