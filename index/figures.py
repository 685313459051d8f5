"""Every quantity a document states, as ``Figure`` records with measure, time and clause.

Besides amounts, percentages and counts, years, dates, document numbers, codes such as
``5G`` and outline numbers are kept too, so no number in a document is lost; their
``qualifier`` is one of ``NON_QUANTITY`` so that answering can skip them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.measures import (
    ADVERB,
    SAME_MEASURE,
    benefit,
    bracket_subject,
    capped,
    changed,
    due,
    following,
    measure_of,
    part_before,
    proportion,
    rate_of,
    run_in,
    share_of,
    standard_of,
    unchanged,
    used_for,
)
from index.numerals import CN_DATE, CN_YEAR_DIGITS, HALF, cn_value, cn_year, counted_in_words
from index.outline import ClauseLocator
from index.pairs import join_ranges, share_units, split_pairs
from index.qualifiers import POST_QUALIFIERS, PRE_QUALIFIERS, WITHIN_CAP, qualifier_at
from index.records import Clause, Figure
from index.tablecells import cell_at
from index.timescope import time_of

YEAR, DATE, DOC_NUMBER, CODE, NAME, SERIAL = "年份", "日期", "文号", "编号", "名称", "序号"
NON_QUANTITY = frozenset({YEAR, DATE, DOC_NUMBER, CODE, NAME, SERIAL})

_D = "[0-9０-９]"
# 1,000元: a thousands separator inside one number (a comma and three digits, no more digits).
_NUM = rf"(?:{_D}{{1,3}}(?:,{_D}{{3}})+(?!{_D})|{_D}+)(?:[.．]{_D}+)?"
_BASE_UNITS = sorted(
    """立方米 千瓦时 千瓦時 千瓦 平方公里 平方米 公顷 公頃 亩 畝 元 人次 人 吨 噸 辆 輛 户 戶 家 个月 個月
    个百分点 個百分點 个 個 项 項 件 名 场 場 座 处 處 条 條 所 批 类 類 种 種 大类 大類 大 倍 次 届 屆 天
    小时 小時 个小时 個小時 公斤 公分 千升 分钟 分鐘 周年 週年 周 週 公里 千米 米 A级 A級 级 級 年 月 日 号 號 套 台 臺 张 張 篇 本 期 轮 輪 只 头 頭
    工作日 个工作日 個工作日 卡时 卡時 周岁 週歲 岁 歲 斤 箱 升 克 微克/立方米 毫克/立方米 ℃ 床 册 冊 枚 片 株
    kg km t""".split(),
    key=len,
    reverse=True,
)
_UNIT = (
    r"(?:%|‰|％|(?:(?:万亿|萬億|[万萬亿億千百])?(?:" + "|".join(map(re.escape, _BASE_UNITS)) + r"))"
    r"|万亿|萬億|[万萬亿億])"
    r"(?:/(?:年|日|天|小时|小時|人月|人·月|人|月|户|戶|亩|畝|吨|噸|立方米)){0,2}"
)
_PRE = PRE_QUALIFIERS
_POST = POST_QUALIFIERS
_CN_DIGITS = "[一二两兩三四五六七八九十百千万萬零〇]+"
_CN_NUM = f"{_CN_DIGITS}(?:[点點][一二三四五六七八九零〇]+)?"  # 一点五倍
# Units a figure written in Chinese numerals is read with (one regex alternative each,
# longest first: 人次 before 人). 台, 期 and 届 are left out: 三台 and 三期 are names as often.
_CN_UNITS = "|".join(sorted(
    """个月 個月 个 個 名 家 项 項 条 條 大类 大類 大 处 處 座 场 場 类 類 种 種 年 万人 萬人 人次 万人次 萬人次
    亿元 億元 万元 萬元 元 件 所 倍 批次 次 轮 輪 天 周 週 小时 小時 个小时 個小時 日 工作日 个工作日 個工作日
    分钟 分鐘 成 级 級 公分 公斤 人 户 戶 亩 畝 万亩 萬畝 吨 噸 万吨 萬噸 公里 平方米 平方公里 公顷 公頃 辆 輛
    套 岁 歲 周岁 週歲 万 萬""".split(), key=len, reverse=True))
_COUNTER = re.compile(
    "[万萬千百]?(?:个|個|家|名|项|項|座|处|處|条|條|所|批|类|類|种|種|场|場|户|戶|套|台|臺|张|張|篇|只|件|支|位)"
)

TOKEN = re.compile(
    rf"(?P<docno>[\u4e00-\u9fff]{{1,12}}[〔［\[【](?:19|20){_D}{{2}}[〕］\]】]\s*第?{_D}+[号號])"
    rf"|(?P<date>(?:19|20){_D}{{2}}年{_D}{{1,2}}月(?:{_D}{{1,2}}日)?"
    rf"(?:\s*[至到—–-]\s*(?:(?:19|20){_D}{{2}}年)?{_D}{{1,2}}月(?:{_D}{{1,2}}日)?)?"
    rf"|(?:19|20){_D}{{2}}-{_D}{{2}}-{_D}{{2}}|{CN_DATE})"
    rf"|(?P<yrange>(?:19|20){_D}{{2}}\s*[-—–~～至到]\s*(?:19|20){_D}{{2}}年)"
    rf"|(?P<year>(?:(?<![0-9０-９.．])(?:19|20){_D}{{2}}|{CN_YEAR_DIGITS})年(?!{_D}|以[上下内內]|左右))"
    rf"|(?P<pre>{_PRE})?(?P<num>(?<![0-9０-９.．]){_NUM}(?:[%％]?\s*[-—–~～至]\s*{_NUM})?)(?![0-9０-９])"
    rf"(?P<unit>{_UNIT})?(?P<post>{_POST})?"
    rf"(?:(?<=[0-9０-９万萬亿億千百][多余餘])(?P<unit2>{_UNIT})(?![化素性]))?"  # 680多件, 2400多亿元, 11万多户
    rf"|(?P<fpre>{_PRE})?(?P<frac>(?:百分之|千分之|[一二三四五六七八九十]+分之)[一二三四五六七八九十百零〇点點]+)(?P<fpost>{_POST})?"
    rf"|(?P<cnpre>{_PRE})?(?:(?<!的)|(?={_CN_NUM}倍))(?<![第届屆每数數几幾点點0-9０-９一二两兩三四五六七八九十百千万萬〇零])(?<![0-9０-９一二两兩三四五六七八九十百千][余餘多])(?<![一二三四五六七八九十]月)"
    rf"(?P<cn>{_CN_NUM}(?:(?:{_CN_UNITS})?[至到]{_CN_NUM}(?=(?:{_CN_UNITS})))?|(?<![上下前后後多大])半(?=(?:个月|個月|年|天|日|小时|小時)(?![度报報期])))"
    rf"(?:(?P<cnunit>{_CN_UNITS})|(?=[余多餘](?:{_CN_UNITS})))(?P<cnpost>{_POST})?"
)
_SENT_END = "。！？!?\n"
_PERIOD_UNITS = frozenset({"日", "天", "周", "週", "个月", "個月", "月", "年"})
_DAYS = frozenset({"工作日", "个工作日", "個工作日", "小时", "小時", "个小时", "個小時"})
_WITHIN = frozenset({"内", "內", "以内", "以內"})
_EXPIRY = re.compile(r"有效期(?:至|到|截至|截止)$|有效期(?:至|到|截至|截止)(?:\s)$")
_WORDS = re.compile(r"[“\u4e00-\u9fff][^×/=]*$")  # a measure of words, not of a formula
_MEMBERS = re.compile(r"、[^、，,；;]{1,12}等?$")
_ANCHOR = re.compile(r"(?:在|于|於)?([\u4e00-\u9fff]{2}之?日前)$")
_PER_HEAD_END = re.compile(r"(?<=..)每(?:人|户|戶|家)$")
# How long a period unit or a rate's period lasts, to compare them (每年最长30天 is a rate).
_SPAN = {"日": 1, "天": 1, "周": 2, "週": 2, "月": 3, "个月": 3, "個月": 3, "季度": 4, "年": 5}
_AGE_UNITS = frozenset({"岁", "歲", "周岁", "週歲"})


def _half(s: str) -> str:
    return s.translate({ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９．"})


def _amount(m: re.Match[str], clean: str) -> tuple[str, str, str | None, str | None, float | None, bool] | None:
    """Number, unit, qualifiers before and after, value and whether it is written in
    Chinese numerals, of a quantity token; None when it is no quantity (千万要…, 一个)."""
    if m.group("frac"):
        frac = m.group("frac")
        per = frac[:3] if frac[:3] in ("百分之", "千分之") else ""
        whole, _, part = frac.partition("分之")
        a, b = cn_value(part), cn_value(whole) if not per else (100.0 if per[0] == "百" else 1000.0)
        value = a / b if a is not None and b else None
        return frac, per, m.group("fpre"), m.group("fpost"), value if not per else a, True
    if m.group("cn") is None:
        first = re.match(_NUM, m.group("num"))
        value = float(_half(first.group(0)).replace(",", "")) if first else None
        unit = (m.group("unit") or "") + (m.group("unit2") or "")  # 11万多户: 万户, about
        return m.group("num"), unit, m.group("pre"), m.group("post"), value, False
    num, unit, pre = m.group("cn"), m.group("cnunit") or "", m.group("cnpre")
    mag = re.search("[万萬亿億]+$", num)
    if mag and mag.start():
        num, unit = num[: mag.start()], mag.group(0) + unit  # 一千二百億元, 超千万人: 億元, 万人
    if num in ("万", "萬") and unit[:1] in ("亿", "億"):
        num, unit = "一", num + unit  # 超万亿元: one 万亿元
    first = num if num == HALF else re.match(_CN_NUM, re.split("[至到]", num)[0]).group(0)  # 三十三人至三十七人: the first
    if unit[:1] in "万萬亿億" and first[-1:] == unit[:1] and len(first) > 1:
        first = first[:-1]  # 五十万元至一百万元: 五十, in 万元
    value, end = cn_value(first), m.end()
    about = unit in ("万", "萬") and m.group("cnpost") in ("余", "餘", "多")  # 两万余人: 2 万, about
    if value is None or not pre and not about and not counted_in_words(num, unit, clean, m.start(), m.end("cnunit") if m.group("cnunit") else m.end("cn")):
        return None
    if unit == "次" and re.match("产业|產業|开发|開發|能源|元", clean[end : end + 2]):  # 三次产业
        return None
    after_unit = clean[m.end("cnunit") : m.end("cnunit") + 1] if unit else ""
    if num in ("零", "〇") or unit == "成" and not re.match(r"[，,。；;、）)\s之的以左多]|$", after_unit):
        return None  # 零成本, 成本: no share
    if unit in ("级", "級") and not re.match("[，,。；;、]", clean[end : end + 1]):
        return None  # 三级医院 is a grade; 分为国家级和省级两级。 counts levels
    if unit == "人" and num in ("千", "百", "万", "萬") and not pre:
        return None  # 千人计划
    return num, unit, pre, m.group("cnpost"), value, True


@dataclass(frozen=True)
class _Spot:
    """Where a figure is: the cleaned text, its span, its sentence and where that starts."""

    clean: str
    start: int
    end: int
    sentence: str
    sa: int

    @property
    def rel(self) -> int:
        return self.start - self.sa


def _no_quantity(clean: str, start: int, end: int, unit: str, value: float | None,
                 is_cn: bool, marker: bool) -> str | None:
    """``SERIAL``, ``CODE``, ``NAME`` or ``YEAR`` when a bare number is one of those."""
    before_c = clean[start - 1] if start else ""
    after_c = clean[end] if end < len(clean) else ""
    if marker or (before_c in "[［" and after_c in "]］" and not unit):
        return SERIAL
    if not unit and re.match("[A-Za-z]", after_c) or re.match("[A-Za-z]", before_c) \
            and (not unit or unit == "年" and clean[start].isdigit()):
        return CODE  # 5G, PM2.5 (PM2.5年平均浓度: no 2.5年)
    if not unit and (before_c in "“\"+" and (after_c in "”\"+" or after_c.isalpha())):
        return NAME
    if not unit and not is_cn and value is not None and value.is_integer() \
            and 1949 <= value <= 2100 and re.match(r"[\u4e00-\u9fff]", after_c):
        return YEAR
    return None


def _measure(spot: _Spot, last: Figure | None, unit: str, pre: str | None, post: str | None,
             qualifier: str | None, away: tuple[str, int] | None) -> tuple[str, str | None]:
    """The measure of a quantity and its qualifier (a list shares the first's)."""
    gap = spot.clean[last.clean_span[1] : spot.start] if last is not None else ""
    same = last is not None and last.sentence == spot.sentence
    # 90%、80%、70%: a list; not two figures of other units a comma apart (1300多亿元，40件民生实事)
    if same and gap in ("、", "，", ",", "和", "及", "与", "與") and not (gap in "，," and unit != last.unit):
        # 90%、80%、70%: the list shares its measure and qualifier.
        measure, qualifier = last.measure, qualifier or last.qualifier
    elif same and SAME_MEASURE.match(gap) and last.measure:
        measure = unchanged(last.measure)  # 总额增长116.2%、达到23.2万亿元
    else:
        measure = _fresh_measure(spot, last if same else None, gap, unit, post, away)
    if qualifier is None:  # 力争年内5家: a goal's word a little before the figure
        seg = spot.sentence[: spot.rel]
        seg = seg[max(seg.rfind(c) for c in "，,；;。") + 1 :]
        q = re.search("力争|力爭", seg)
        qualifier = q.group(0) if q else None
    return measure, qualifier


def _fresh_measure(spot: _Spot, last: Figure | None, gap: str, unit: str, post: str | None,
                   away: tuple[str, int] | None) -> str:
    """What a figure measures when it shares nothing with the one before (``last``: the one
    before in its sentence, if any)."""
    clean, sentence, rel, end = spot.clean, spot.sentence, spot.rel, spot.end
    # 60—64岁的缴费比例为0.15%: a figure before 的 is part of the measure.
    after = max(0, last.clean_span[1] - spot.sa) if last and not gap.startswith("的") else 0
    cut = min(rel, away[1] - spot.sa) if away else rel
    anchor = _ANCHOR.search(sentence, 0, cut) if post in _WITHIN else None
    cut = anchor.start() if anchor else cut
    measure = run_in(measure_of(sentence, max(cut, after), after), sentence, cut)
    if last and last.measure:
        measure = changed(measure, last.measure)
    if not measure and last and last.unit == unit:
        measure = last.measure  # 到2020年…500亿元；到2025年，达到800亿元
    if unit in ("%", "％") and sentence[:cut].endswith("的"):
        measure = share_of(measure)  # 缴费基数为上年度平均工资的60%: the base is no measure
    tail = clean[end : end + 40]
    rate = rate_of(tail) if unit in ("%", "％") else ""
    measure = rate or benefit(sentence, rel, tail) or capped(measure, sentence, rel)
    if unit in ("%", "％"):
        measure = proportion(used_for(measure, clean, end), tail)
    measure = _PER_HEAD_END.sub("", measure) or measure  # 居民参保人员每人每月500元: who, not 每人
    if post in _WITHIN and unit in _PERIOD_UNITS | _DAYS:
        measure = due(clean, spot.start, end, measure)
        subject = bracket_subject(sentence, rel)  # 开办服务（…，1日内办结）
        measure = f"{subject} {measure}" if subject and subject not in measure else measure
    if unit in _AGE_UNITS and clean[end : end + 1] == "的":
        measure = following(clean, end)  # 年满18周岁的参保人员: whose age
    bracket = re.search(r"[（(](?:一般|原则上|原則上|通常)?$", sentence[:cut])
    if bracket and (not measure or ADVERB.fullmatch(measure)):
        measure = measure_of(sentence, bracket.start())  # 推广的改革举措（共23项）, 团队（一般不超过10人）
    if len(measure) < 2 or ADVERB.fullmatch(measure):
        # 补助标准，原则上不低于2000元。
        measure = part_before(sentence, cut, clean[end : end + 1]) or measure
    if unit not in ("%", "％"):  # 按10%的标准给予补助 is a share, read as one above
        measure = standard_of(measure, clean, end)
    counter = _COUNTER.fullmatch(unit) and not post
    if len(measure) < 2:
        return _counted(clean, end) if counter else following(clean, end)
    if counter:
        # 建成百个人工智能OPC生态社区: the counted thing follows the figure; after a list of
        # its members (北京、天津、上海、重庆4个直辖市) that thing alone is the measure.
        counted = _counted(clean, end)
        if _MEMBERS.search(measure) and len(counted) >= 2:
            whole = re.match(r"(.{2,}?)(?<![理缘緣])由", measure)
            if whole and re.search("构成|構成|组成|組成", counted):
                return whole.group(1) + counted  # 指标体系由A、B等4个方面的指标构成: what it is made of
            return re.split("和|及|与|與", counted)[0]
        measure += counted
    return measure


def _counted(clean: str, end: int) -> str:
    """The thing counted by the figure ending at ``end``; it ends where a predicate said of
    it begins (五个类别分别计算占比, 选择3个病种享受…待遇)."""
    return re.split("分别|分別|依次|各自|享受|享有", following(clean, end))[0]


def sentence_span(text: str, start: int, end: int, lo: int, hi: int,
                  ends: str = _SENT_END) -> tuple[int, int]:
    """Bounds of the sentence holding ``text[start:end]`` inside ``[lo, hi)``: back to the
    character after the previous one of ``ends``, on through the next one (kept, unless it
    is a line break)."""
    a = start
    while a > lo and text[a - 1] not in ends:
        a -= 1
    b = end
    while b < hi and text[b] not in ends:
        b += 1
    if b < hi and text[b] != "\n":
        b += 1
    return a, b


def extract_figures(
    clean: str, offsets: Sequence[int], clauses: Sequence[Clause], doc_id: str
) -> list[Figure]:
    """Find every number in the cleaned text.

    Args:
        clean, offsets: the cleaned text and its offsets into the raw text.
        clauses: the document's outline (``index.outline.parse_outline``).
        doc_id: the document.

    Returns:
        Figures in text order, each in the deepest clause holding it.
    """
    locator = ClauseLocator(clauses)
    markers = set()
    for c in clauses:
        d = re.search(r"\d", c.marker)
        if d:
            markers.add(c.clean_span[0] + d.start())
    figures: list[Figure] = []
    last: Figure | None = None  # the last quantity
    for m in TOKEN.finditer(clean):
        start, end = m.span()
        clause = locator.at(start)
        cid = clause.id if clause else f"{doc_id}/序"
        if clause is not None:
            lo, hi = locator.region(clause)
            headings = clause.path[::-1]
        else:
            lo, hi, headings = 0, len(clean), ()
        sa, sb = sentence_span(clean, start, start, lo, max(hi, end))
        sa += len(clean[sa:sb]) - len(clean[sa:sb].lstrip())
        spot = _Spot(clean, start, end, clean[sa:sb].strip(), sa)
        value: float | None = None
        unit, measure = "", ""
        qualifier: str | None = None
        pre = post = time = None
        away: tuple[str, int] | None = None
        if m.group("docno"):
            unit, qualifier = m.group("docno")[-1], DOC_NUMBER
        elif m.group("date"):
            unit, qualifier = m.group("date")[-1], DATE
            if _EXPIRY.search(clean[max(0, start - 8) : start]):
                unit, qualifier = "", None  # 有效期至2028年12月31日: the term is a figure
        elif m.group("yrange"):
            value = float(_half(m.group("yrange")[:4]))
            unit, qualifier = "年", YEAR
        elif m.group("year"):
            year = m.group("year")
            value = float(_half(year[:4])) if year[0].isdigit() else cn_year(year)
            unit, qualifier = "年", YEAR
        else:
            read = _amount(m, clean)
            if read is None:
                continue
            num, unit, pre, post, value, is_cn = read
            qualifier = post if pre in ("达", "達") else pre or post
            away = qualifier_at(clean, start) if qualifier is None else None
            if away:
                qualifier = away[0]
            kind = _no_quantity(clean, start, end, unit, value, is_cn, not pre and start in markers)
            if kind == SERIAL:
                unit, end = "", start + len(num)  # an outline number or a footnote mark [2]
            elif kind == YEAR:
                unit = ""
            qualifier = kind or qualifier
        if qualifier not in NON_QUANTITY:
            time = time_of(clean, start, end, lo, hi, headings)
            if time and time[0] == "每" and _SPAN.get(unit, 0) >= _SPAN.get(time[1:], 9):
                time = None  # 每月1000元、最长60个月: no period lasts longer each month
            if clean[start - 1 : start] == "每" and unit in _PERIOD_UNITS:
                time = "每" + clean[start:end]  # 每90日计算1次: the figure is the period
            anchor = _ANCHOR.search(clean, max(0, start - 12), start) if post in _WITHIN else None
            if anchor:
                time = anchor.group(1)  # 发生在申请日前12个月内: counted back from a day
            measure, qualifier = _measure(spot, last, unit, pre, post, qualifier, away)
            cap = WITHIN_CAP.match(clean, end) if qualifier is None else None
            qualifier = cap.group(0) if cap else qualifier
            cell = cell_at(clean, start)
            if cell is not None and not (cell.prose and _WORDS.match(measure)):
                measure, unit = cell.measure, unit or cell.unit
                if cell.serial:
                    qualifier, measure, time = SERIAL, "", None
        fig = Figure(
            doc_id=doc_id, clause_id=cid, text=clean[start:end], value=value, unit=unit,
            qualifier=qualifier, time=time, measure=measure, sentence=spot.sentence,
            span=(offsets[start], offsets[end - 1] + 1), clean_span=(start, end),
        )
        figures.append(fig)
        if qualifier not in NON_QUANTITY:
            last = fig
    figures = share_units(split_pairs(figures, clean, NON_QUANTITY), clean, NON_QUANTITY)
    return join_ranges(figures, clean, NON_QUANTITY)


def numeric_coverage(clean: str, figures: Sequence[Figure], clauses: Sequence[Clause]) -> float:
    """Share of the Arabic digit runs in ``clean`` that some figure covers in the right clause."""
    locator = ClauseLocator(clauses)
    runs = list(re.finditer(f"{_D}+", clean))
    if not runs:
        return 1.0
    by_pos: dict[int, set[str]] = {}
    for f in figures:
        for i in range(*f.clean_span):
            by_pos.setdefault(i, set()).add(f.clause_id)
    hit = 0
    for r in runs:
        clause = locator.at(r.start())
        want = clause.id if clause else None
        if all(want in by_pos.get(i, ()) for i in range(*r.span())):
            hit += 1
    return hit / len(runs)
