"""The written forms of an official document: dates, 文号, organ and place names, titles and
their genre words."""

from __future__ import annotations

import re

from corpus.sources import KINDS
from index.clean import to_simplified
from index.outline import MARKER

HAN = r"\u4e00-\u9fff"

# --- dates -----------------------------------------------------------------------------
_CN_DIGITS = "〇零一二三四五六七八九十"
DATE = re.compile(
    rf"((?:19|20)\d{{2}}|[{_CN_DIGITS}]{{4}})\s*[年月]\s*(\d{{1,2}}|[{_CN_DIGITS}]{{1,3}})\s*月"
    rf"\s*(\d{{1,2}}|[{_CN_DIGITS}]{{1,3}})\s*日"
)
ISO_DATE = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
DATE_LINE = re.compile(rf"^[（(]?\s*(?:{DATE.pattern})\s*[）)]?$")
# "——2026年1月25日在北京市第十六届人民代表大会第四次会议上", "（2021年7月27日…令第746号公布）"
DATED_EVENT = re.compile(
    rf"^(?:[—\-－]+\s*(?:{DATE.pattern})"
    rf"|[—\-－]*\s*[（(]?\s*(?:{DATE.pattern}).{{0,40}}(?:会议上|公布|发布|通过)[）)]?$)")


def _number(s: str) -> int:
    if s.isdigit():
        return int(s)
    try:
        import cn2an  # imported when first needed: 0.08 s of every fresh process

        return int(cn2an.cn2an(s.replace("零", "〇"), "smart"))
    except Exception as exc:  # cn2an raises its own errors on 十十 and the like
        raise ValueError(s) from exc


def iso_date(text: str) -> str | None:
    """The first date of ``text`` (2026年1月25日, 二〇二六年一月二十五日, 2026-01-25) as ISO."""
    m = DATE.search(text) or ISO_DATE.search(text)
    if not m:
        return None
    try:
        y, mo, d = (_number(x) for x in m.groups()[:3])
    except ValueError:
        return None
    if not (1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


_COMPACT_DATE = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})")


def field_date(value: str) -> str | None:
    """The date a metadata field gives: any form ``iso_date`` reads, or a compact
    20140829 standing alone as the field's whole value (a law database's 修正日期)."""
    if found := iso_date(value):
        return found
    m = _COMPACT_DATE.fullmatch(value.strip())
    return iso_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}") if m else None


# --- 文号 --------------------------------------------------------------------------------
_OPEN, _CLOSE = r"〔［\[【（(", r"〕］\]】）)"
DOC_NUMBER = re.compile(
    rf"[{HAN}]{{1,12}}\s*[{_OPEN}]\s*(?:19|20)\d{{2}}\s*[{_CLOSE}]\s*第?\s*\d+\s*[号號]"
    rf"|[{HAN}]{{1,20}}令\s*第\s*\d+\s*[号號]"
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
_ORGAN = re.compile(rf"[{HAN}]{{2,30}}?(?:{_ORGAN_END})(?:[（(][{HAN}]{{2,20}}[）)])?")
_PLACE_PART = re.compile(
    rf"([{HAN}]{{2,9}}?)(自治区|自治州|自治县|自治旗|特别行政区)|([{HAN}]{{2,4}}?)(地区|[省市县区旗盟州])")
# Words that start a phrase, not a name: 加强城市管理 is not a place 加强城市.
_NOT_NAME = re.compile(r"^(?:加强|推进|促进|支持|关于|进一步|做好|开展|实施|印发|全面|深化|推动|建设|发展|"
                       r"完善|健全|提升|优化|加快|落实|[省市县区])|[的和与及之等]")
_GENERIC_PLACE = frozenset(
    "贫困 直辖 各 本 全 我 该 中国 城 地级 县级 省级 市级 区级 乡级 重点 示范 试点 边境 所在 下辖 "
    "辖 相关 有关 其他 周边 沿海 新区 开发 城区 市辖 副省级 计划单列 设区的 不设区的 自治 农业 工业 "
    "产业 园区 社区 街区 景区 片区 老区 山区 牧区 矿区 库区 灾区 校区 市场 城市 超市 都市 上市 "
    "地区 行政区 功能区 保税区 开发区 试验区 示范区 先行区 合作区 集聚区 分市 该市 全省 我省 本省 全国 "
    "各地 区县 县区 市县 省市 郊区 辖区 大中城 中小城 地级以上 县级以上".split()
)
_GENERIC_STEMS = tuple(g for g in _GENERIC_PLACE if len(g) >= 2 or g in "各本全我该")
NATIONAL = re.compile(  # a national organ; 国家统计局XX调查队 is a local office
    r"^(?:国务院|中共中央|全国|中华人民共和国|最高人民|国家(?![^、]*调查总?队)|[^省市县区]{2,8}(?:部|总署|总局)$)"
)
NATIONAL_NUMBER = re.compile(r"^(?:国发|国办发|国函|国办函|国令|(?:中华人民共和国)?国务院令)")
TAIWAN = re.compile(r"立法院|總統|中華民國|行政院|\.gov\.tw\b")


def simplified(text: str) -> str:
    """``text`` in simplified script when that changes no length (so that positions found in
    it hold in the original), else ``text`` itself."""
    s = to_simplified(text)
    return s if len(s) == len(text) else text


def place_of(name: str | None) -> str | None:
    """The administrative area a name starts with: 深圳市罗湖区科技和工业信息化局 → 深圳市罗湖区.

    Generic nouns that end like a place (贫困县, 直辖市, 本市, 中国市) are not places.
    """
    if not name:
        return None
    original, name = name, simplified(name)
    out, pos = "", 0
    while m := _PLACE_PART.match(name, pos):
        stem, suffix = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if stem + suffix in _GENERIC_PLACE or stem[-1] in "各本全该我" or _NOT_NAME.search(stem) \
                or any(stem.endswith(g) for g in _GENERIC_STEMS) or (suffix == "市" and stem[-1] == "城"):
            break  # 深度贫困县, 省会城市 are not names
        out, pos = out + stem + suffix, m.end()
    return original[:pos] or None  # in the name's own script


def is_place(name: str) -> bool:
    """Whether ``name`` is exactly a place name (an area name and its suffix)."""
    return place_of(name) == name


def organs(line: str) -> list[str] | None:
    """The organs a signature line names (separated by spaces or run together), or None."""
    line = line.strip()
    if not line or len(line) > 120 or re.search(r"[，。：:；;,、\d]", line):
        return None
    out: list[str] = []
    for piece in re.split(r"[\s\u3000]+", line):
        spans = [m.span() for m in _ORGAN.finditer(simplified(piece))]
        parts = [piece[a:b] for a, b in spans]
        if not parts or "".join(parts) != piece:
            return None
        # A run-together pair repeats the area name: 成都市经济和信息化局成都市科学技术局.
        merged: list[str] = []
        for p in parts:
            if merged and not place_of(p) and not NATIONAL.match(simplified(p)):
                merged[-1] += p
            else:
                merged.append(p)
        # an organ's second name in brackets (…局（乡村振兴局）: one organ with two names) is
        # part of its name as written, not a second organ
        out.extend(merged)
    return out


# --- titles and kinds ----------------------------------------------------------------------
_KIND_WORDS = {to_simplified(k): k for k in KINDS}
_TRAILING_PAREN = re.compile(r"[（(][^（）()]{1,40}[）)]$")
FORWARD = re.compile(r"(?:印发|转发|发布|颁布)《?(.+?)》?的(?:通知|函)$")
# Sentence punctuation, a breadcrumb (首页 > 政务公开 > …), page furniture.
_NOT_TITLE = re.compile(
    r"[。；;：:！？!?，,]|[>＞»›].*[>＞»›]|^(?:来源|时间|发布|当前位置|您的位置|您当前的位置|首页|上一篇|下一篇)")
_TAG = re.compile(r"<[^<>]{0,60}>")


def not_title(line: str) -> bool:
    """Whether a line cannot be (part of) a title: a sentence, a breadcrumb, page furniture.
    Markup left in a title (<b>…</b>) is no breadcrumb."""
    return bool(_NOT_TITLE.search(_TAG.sub("", line)))


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
    if m := FORWARD.search(proper):
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
    if not 6 <= len(line) <= 120 or not_title(line) or MARKER.match(line):
        return False
    if line.count("《") != line.count("》") or line.startswith("《") and not line.endswith("》"):
        return False
    proper = split_title(line)[0]
    kind = kind_of(proper)
    return kind is not None and len(proper) - len(kind) >= 4


def squeeze(line: str) -> str:
    """A line with the spaces between Chinese characters removed (国 家 粮 食 → 国家粮食)."""
    line = line.strip().replace("\u3000", " ")
    return re.sub(rf"(?<=[{HAN}（）《》〔〕])\s+(?=[{HAN}（）《》〔〕])", "", line)
