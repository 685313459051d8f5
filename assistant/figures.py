"""Figure records as the answering stage sees them, and the small calculations on them:
units that fit a question, values implied for an earlier year, ``分别`` items, sums' and
differences' number formatting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.match import bigrams
from index.clean import normalize
from index.measures import tidy
from index.records import Clause, Figure, ParsedDocument


@lru_cache(maxsize=1 << 15)
def normalized(text: str) -> str:
    """``normalize`` for the texts records share (a sentence, heading path, clause or unit
    holds several figures and duties): worked out once for them all."""
    return normalize(text)


# Figure records that are labels rather than answers (years, document numbers, dates).
LABEL_UNITS = {"年", "号", "日", "月", "date", "doc_number"}


LABEL_MEASURES = {"序号", "年份", "日期", "文号", "编号", "名称"}  # 编号: the 5 of 5G; 名称: “1121”工程
# a year number (2025年), not a number of years (5年, 不少于一年)
CALENDAR_YEAR = 1000


def is_label(fig: Figure) -> bool:
    """Whether a figure record labels rather than answers: a year (2025年), a document
    number, a date (2021年6月30日, 15日). A number of years (未逾5年, 不少于一年) and a
    period of days or months with its bound (30日内, 3月以上) are amounts."""
    if fig.unit not in LABEL_UNITS:
        return False
    if fig.unit == "年":
        return fig.value is None or fig.value >= CALENDAR_YEAR
    if fig.unit in ("日", "月"):
        return not fig.qualifier or fig.qualifier in LABEL_MEASURES
    return True


# The words for a kind of quantity and the units that measure it: a question asking a
# person's 年龄 is answered by a figure in 岁, one asking 频次 by a figure in 次. Everyday
# Chinese, not taken from any document.
QUANTITY_KINDS: tuple[tuple[str, str], ...] = (
    ("年龄 岁数", "岁"),
    ("面积", "平方米|平方公里|平方千米|亩|公顷"),
    ("频次 次数", "次"),
    ("分级 级别 等级 级数", "级"),
    ("期限 时限 年限 时长 期间", "年|个月|月|日|天|工作日|小时"),
    ("长度 里程 距离", "公里|千米|米"),
    ("重量", "吨|千克|公斤"),
)


def kind_words(unit: str) -> str:
    """The words for the kind of quantity ``unit`` measures (周岁 → 年龄 岁数), space
    separated; "" for a unit of no such kind (元, %, 个)."""
    return " ".join(words for words, units in QUANTITY_KINDS if unit and re.search(f"(?:{units})$", unit))


@dataclass(frozen=True)
class FigureView:
    fig: Figure
    doc: ParsedDocument
    clause: Clause
    seg: str  # normalised phrase holding the figure
    seg_span: tuple[int, int]
    ctx: str  # normalised heading path + sentence
    sent: str  # normalised sentence
    seg2: str  # normalised phrase with the one before it (its subject often sits there)
    path: str  # normalised heading path
    unit: str  # normalised unit
    item: str | None  # for ``A、B分别达到x、y``: the item this figure belongs to
    years: tuple[int, ...]
    key: str  # the phrase without numbers: what is measured


def unit_fit(hint: str | None, unit: str) -> float:
    if hint is None:
        return 0.0
    if hint == "money":
        return 0.1 if "元" in unit else -0.2
    if hint == "percent":
        return 0.1 if "%" in unit or "百分" in unit or unit == "成" else -0.25  # 九成: a share in words
    # 个 is the counter of anything counted (几个功勋企业家: 10名)
    same = {"名": "名人位", "人": "人名位", "个": "个项座处名人位家所条件户套台支", "项": "项个", "座": "座个处",
            "处": "处个座"}
    if hint in unit:
        return 0.1
    # a kindred counter fits less than the one asked (多少项: 共23项 before 8个区域)
    return 0.0 if any(u in unit for u in same.get(hint, hint)) else -0.25


def derive_earlier(fi: FigureView, years: tuple[int, ...]) -> tuple[float, str, str] | None:
    """A value for an earlier year the text implies: ``X, 比Y年增加D`` → ``X−D`` for Y."""
    for y in years:
        # 比上年 is 比{the year before the figure's}
        before = "|上年|上一年|去年" if fi.years and y == max(fi.years) - 1 else ""
        # the change in the figure's own unit (比上年增长4.7% is a rate, not an amount)
        unit = re.escape(fi.unit) if fi.unit else r"(?![\d.]*\s*(?:%|％|个百分点|倍))"
        # the change written after the figure (城镇…22258元，比上年增加1894元；农村…9268元，比上年增加873元)
        at = max(0, fi.sent.find(number_text(fi.fig)))
        m = re.compile(rf"比(?:{y}年{before})(增加|增长|提高|多|减少|下降|降低)(\d+(?:\.\d+)?)(?={unit})").search(fi.sent, at)
        if not m or fi.fig.value is None or str(y) in fi.seg:
            continue
        delta_s = m.group(2)
        d = float(delta_s)
        own = number_text(fi.fig)
        if m.group(0)[:-len(m.group(1) + m.group(2))] in fi.seg:  # 比Y年 in its own phrase: it is the change
            return None
        sign = -1 if m.group(1) in ("增加", "增长", "提高", "多") else 1
        decimals = max(decimal_places(own), decimal_places(delta_s))
        value = round(fi.fig.value + sign * d, decimals)
        op = "−" if sign < 0 else "+"
        v = f"{value:.{decimals}f}" if decimals else str(int(value))
        return (v, f"{own}{op}{delta_s}={v}", delta_s)  # type: ignore[return-value]
    return None


def respective_of(fig: Figure) -> str | None:
    """For ``A、B、C…分别达到x、y、z`` the item this figure belongs to (A, B or C)."""
    sent = normalized(fig.sentence)
    if "分别" not in sent:
        return None
    head, _, tail = sent.partition("分别")
    # the values of this list only (…分别增长6.8%、12.3%、7.8%，工业投资增长7.3%)
    values = re.findall(r"\d+(?:\.\d+)?", re.split(r"[,，;；。]", tail)[0])
    own = number_text(fig)
    if own not in values or len(values) < 2:
        return None
    i = values.index(own)
    clause_part = tidy(re.split(r"[,，;；。]", head)[-1])  # 其中城镇、农村…: 城镇, not 其中城镇
    quoted = re.findall(r"“([^”]+)”", clause_part)
    if "、" in clause_part:
        parts = clause_part.split("、")
        size = len(parts[1]) if len(parts) > 2 else min(len(parts[0]), len(parts[-1]), 4)
        items = [parts[0][-size:], *parts[1:-1], parts[-1][:size]]
    elif quoted and len(quoted[-1]) == len(values):
        items = list(quoted[-1])
    else:
        # 第一产业增加值142145万元,第二产业…,第三产业…,按可比价格计算,分别比上年增长4.0%、9.2%、12.3%:
        # the phrases before, each stating its own item's level, name the items in turn
        parts = [p for p in re.split(r"[,，;；:：]", head) if p.strip()]
        while parts and not re.search(r"\d", parts[-1]) and not re.search(r"和|及|与|、", parts[-1]):
            parts.pop()  # 按可比价格计算: no item of its own
        stated = parts[-len(values):] if len(parts) >= len(values) else []
        items = [re.split(r"\d", p)[0] for p in stated]
        if len(items) != len(values) or not all(len(x) >= 2 and re.search(r"\d", p) for x, p in zip(items, stated, strict=True)):
            return None
        return items[i].strip() or None  # in turn: the parser's measure of each is the last one's
    if len(items) != len(values):
        return None
    # the record's measure was bound by position (一产、二产、三产…分别增长5%左右、5%以上、5%左右:
    # the second 5% is 二产's though its number comes first as 一产's)
    measure = normalized(fig.measure or "")
    item = next((x.strip() for x in items if x.strip() and measure.startswith(x.strip())), items[i].strip())
    return item or None


# a count with the thing it counts, one of a list (10名功勋企业家、100名优秀企业家和…)
_COUNTERS = "个名家项户人座所条件支台套处批"
_COUNTED = re.compile(rf"(\d+(?:\.\d+)?)([{_COUNTERS}])(?!左右|以上|以下|以内|上下|之)([\u4e00-\u9fff]{{2,10}}?)(?=[、，,；;。]|和|及|$)")


def counted_item(fig: Figure) -> str | None:
    """For ``培养10名功勋企业家、100名优秀企业家和1000名企业家后备军`` the thing this count
    counts (优秀企业家 of 100名), when it is one of two or more counts a list joins with
    、/和/及; None otherwise."""
    if not fig.unit or fig.unit[-1] not in _COUNTERS:
        return None
    sent = normalized(fig.sentence)
    found = list(_COUNTED.finditer(sent))
    own = number_text(fig)
    # whether each count and the next are joined by 、/和/及 alone
    joined = [re.fullmatch(r"、|和|及|以及", sent[a.end():b.start()]) for a, b in zip(found, found[1:], strict=False)]
    for i, m in enumerate(found):
        if m.group(1) != own or m.group(2) != fig.unit[-1]:
            continue
        if (i and joined[i - 1]) or (i < len(joined) and joined[i]):
            return m.group(3)
    return None


COUNTING = re.compile(r"[一二三四五六七八九十两几百]+[大个项类强家条]")


def coordinated_terms(norm: str, terms: list[str]) -> list[str]:
    """Terms the question joins with 和/与/及/、 (新能源和新材料): the items it compares."""
    items: list[str] = []
    for m in re.finditer(r"[和与及、跟同]", norm):
        left = [t for t in terms if norm.find(t) >= 0 and norm.find(t) + len(t) == m.start()]
        right = [t for t in terms if norm.startswith(t, m.end())]
        if left and right:
            for t in (max(left, key=len), max(right, key=len)):
                if t not in items:
                    items.append(t)
    return items


def item_label(fi: FigureView) -> str | None:
    """A readable name for a ``分别`` item: ``化`` of “化机” → 化工 (as the clause spells
    it out: 化工和新材料产业); ``大`` of 大、中、小型 → 大型."""
    item = fi.item
    if not item:
        return None
    text = normalized(fi.clause.text)
    if len(item) == 1:
        sent = normalized(fi.fig.sentence)
        m = re.search(rf"{item}([型类级])", sent) or re.search(rf"{item}、[^、，,]{{1,3}}、?[^、，,]*?([型类级])", sent)
        if m:
            return item + m.group(1)
        m = re.search(rf"([\u4e00-\u9fff]{{0,2}}{item}[\u4e00-\u9fff]{{0,4}}?)(?:和|与)[\u4e00-\u9fff]{{1,10}}?产业", text)
        if m:
            return m.group(1)
    return item


def item_group(fi: FigureView) -> str:
    """What a one-character ``分别`` item stands for as the clause spells it out (化 of
    “化机” → 化工和新材料产业); "" when it is longer or the clause does not spell it."""
    if not fi.item or len(fi.item) != 1:
        return ""
    m = re.search(rf"{fi.item}[\u4e00-\u9fff]{{0,4}}?(?:和|与)[\u4e00-\u9fff]{{1,10}}?产业", normalized(fi.clause.text))
    return m.group(0) if m else ""


def number_text(f: Figure) -> str:
    """The figure's number as written, without its thousands separators (1,000元 → 1000)."""
    m = re.search(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", f.text)
    if m:
        return m.group(0).replace(",", "")
    v = f.value or 0
    return str(int(v)) if float(v).is_integer() else str(v)


def decimal_places(s: str) -> int:
    m = re.search(r"\d+\.(\d+)", s)
    return len(m.group(1)) if m else 0


def numbers_in(s: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+(?:\.\d+)?", s))


def similar(a: str, b: str) -> float:
    A, B = set(bigrams(a)), set(bigrams(b))
    return len(A & B) / max(1, len(A | B))


# a record's measure this short is a word too common to single a figure out (数, 值…)
MIN_NAMED_MEASURE = 2


def measure_named(norm_q: str, fi: FigureView) -> bool:
    """Whether the question (normalised) names what the figure's record measures, as the
    record writes it (区域 in 先行先试的区域是多少; 资助 of 入选…人才 资助)."""
    m = normalized(fi.fig.measure or "").lower().strip()
    # 获得国家级一等奖的 一次性后补助: the subject and what is given, each its own words
    return any(len(p) >= MIN_NAMED_MEASURE and p in norm_q for p in (m, *m.split()[1:]))


def measure_words(fi: FigureView) -> str:
    """What the figure measures, as a label (获得省级一等奖的一次性后补助)."""
    m = normalized(fi.fig.measure or "").replace(" ", "")  # subject and what is given, joined
    m = re.sub(r"(达到|实现|为|达)$", "", m)
    return m or "数值"


_BASIS = re.compile(r"(?:每(?:人|户|家|个|年|月|天|日|次|季度|床)){1,3}$")


def with_basis(fi: FigureView) -> str:
    """The figure as written with the rate it is given per, written just before it
    (每人每月1,000元, 每户2万元): the same number per person and per month differ."""
    s = fi.fig.clean_span[0]
    m = _BASIS.search(fi.doc.clean[max(0, s - 8):s])
    return f"{m.group(0)}{fi.fig.text}" if m and not fi.fig.text.startswith("每") else fi.fig.text
