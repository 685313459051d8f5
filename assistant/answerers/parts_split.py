"""How a question asks several parts (X和Y分别是多少 / 各多少 / X多少、Y多少): where each
part begins and ends, what they share (a lead before a comma or a bracketed list, a
qualifier written once after the last), and the words a short part leaves out."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.question import UNIT_HINTS

# a counter after 多少/几 is the ask's, never the first character of the word after it
_COUNTER = r"人次|[万亿]元|钱|[个家名项件条处场次亿万元辆亩座册套]|人(?![才员口民工])|所(?![得有属在])|间(?!隔)|户(?![籍口])|位(?![于置])|台(?!湾)"
ASK = re.compile(rf"多少(?:{_COUNTER})?|(?<!哪)几(?:年|{_COUNTER})?|多大|多长|多久|多高|多快")
RESPECTIVELY = re.compile(r"分别|各自|各(?=是|为|要|自|有|需|最|能|多|几|给|补|发|拿|奖|付|领|缴|增长|增加|涨|达到|占|提高|下降|减少|完成|实现)")
JOIN = re.compile(r"以及|和|与|及(?!时)|跟(?![踪进随])|、|，|,|？|\?|；")  # 跟: the spoken 和
MAX_PARTS = 6
# a part that asks only how fast what the first part names grows (总量和增速, 干到多少，涨了多少)
RATE = re.compile(r"增速|增幅|增长|增长率|增长速度|涨幅|涨")


# a second question that leaves out all but what it asks of (…每天最多多少？其他申请人呢？)
ELLIPTIC = re.compile(r"[？?]\s*(?:那|那么)?([^？?，,、]{2,12}?)的?呢[？?]?$")


def split_parts(norm: str) -> list[tuple[str, str]]:
    """The parts a question asks for, each with the words that ask for it (多少名…)."""
    asks = list(ASK.finditer(norm))
    other = ELLIPTIC.search(norm)
    if other and asks and not ASK.search(other.group(1)):
        head = norm[:other.start() + 1]
        first = split_parts(head) or [(JOIN.sub(" ", head[:asks[-1].start()] + " " + head[asks[-1].end():]).strip(" ?？，,、"),
                                        asks[-1].group(0))]
        end = _SHARED_END.search(first[-1][0])  # 单笔最高多少？风险补偿呢: its 最高 too
        return [*first, (other.group(1).strip(), (end.group(0) if end else "") + first[-1][1])][:MAX_PARTS]
    if len(asks) >= 2:
        # a part runs to the last separator before the next part's question word
        bounds = [0]
        for m, nxt in zip(asks, asks[1:], strict=False):
            stop = re.compile(r"[？?；;。]").search(norm, m.end(), nxt.start())
            if stop:  # a question ends its part (…每年最高多少？A和B分别多少: A is the next's)
                bounds.append(stop.end())
                continue
            seps = list(JOIN.finditer(norm, m.end(), nxt.start()))
            # a 、 list before the next ask is that part's (…有几个？其中A、B、C各几个)
            seps = [x for x in seps if x.group(0) != "、"] or seps
            bounds.append(seps[-1].end() if seps else m.end())
        bounds.append(len(norm))
        out = []
        for i, m in enumerate(asks):
            raw = norm[bounds[i]:m.start()]
            if "、" in raw and re.search(r"各(?:是|为|要|有)?$", raw):
                # 其中自动生成、财务年报表获取、医院填报各几个: one part per item listed
                out.extend((JOIN.sub(" ", piece).strip(" ?？，,、各"), m.group(0)) for piece in raw.split("、"))
                continue
            each = re.search(r"(?:各|分别)(?:是|为|要|有)?$", raw)
            listed = _listed(raw[:each.start()]) if each and re.search(r"和|与|及", raw) else ("", [], "")
            if len(listed[1]) >= 2:
                # 城镇和农村居民人均可支配收入各多少？城乡收入比是多少: each item its own part
                out.extend((f"{listed[0]} {p.strip()} {listed[2]}".strip(), m.group(0)) for p in listed[1])
                continue
            text = norm[bounds[i]:bounds[i + 1]].replace(m.group(0), " ")
            out.append((JOIN.sub(" ", text).strip(" ?？，,、"), m.group(0)))
        return out[:MAX_PARTS]
    m = RESPECTIVELY.search(norm)
    if not m and re.search(r"[和与及、](增速|增幅|增长率|增长速度)", norm):
        # 总量和增速是(多少): the amount and the rate
        cut = asks[0].start() if asks else len(norm)
        pieces = [p.strip() for p in JOIN.split(norm[:cut]) if p.strip(" 是为？?")]
        return [(p, norm[cut:] or "多少") for p in pieces][:MAX_PARTS]
    if not m:
        return []
    lead, pieces, shared = _listed(norm[:m.start()])
    tail = shared + norm[m.start():]
    return [(f"{lead} {p.strip()}".strip(), tail) for p in pieces][:MAX_PARTS]


def labels_of(texts: list[str]) -> list[str]:
    """Each part as it is named when missing: without the lead all parts share."""
    lead = texts[0].split(" ", 1)[0] + " " if " " in texts[0] else ""
    if not lead or not all(t.startswith(lead) for t in texts):
        return texts
    return [t[len(lead):] for t in texts]


# what every part asks alike, written once after the last (研发资助和资质奖励最高各给多少,
# 职工和居民每天各多少)
_SHARED_END = re.compile(r"(?:最高|最多|最低|最少|上限|下限|每[人户家站所个](?:每[天日月年])?|每[天日月年])+$")
_PAREN_LIST = re.compile(r"[(（]([^()（）]+[、和与及][^()（）]+)[)）]")


def _listed(head: str) -> tuple[str, list[str], str]:
    """What the parts before 分别/各 share (a lead, what they are asked of), the parts, and
    what they ask alike at the end: 三种券(算力券、上云券、科创券)上限 → 三种券, the three
    券, 上限; 长护险…费用限额,职工和居民每天 → the lead before the comma, 职工 and 居民, 每天."""
    paren = _PAREN_LIST.search(head)
    if paren:
        return head[:paren.start()], [p for p in JOIN.split(paren.group(1)) if p.strip()], head[paren.end():]
    end = _SHARED_END.search(head)
    shared = end.group(0) if end and end.start() > 0 else ""
    head = head[:len(head) - len(shared)]
    lead, _, last = head.rpartition(",")
    if lead and not re.search(r"以及|和|与|及|、", last) and re.search(r"以及|和|与|及|、", lead.rpartition(",")[2]):
        # 入驻12个月和36个月以上的,房租补贴分别: the items before the comma, what they share after it
        items = _of_each([p for p in JOIN.split(lead.rpartition(",")[2]) if p.strip()])
        return lead.rpartition(",")[0], [f"{p.strip()} {last.strip()}" for p in items], shared
    if not (lead and re.search(r"以及|和|与|及|、", last)):
        lead, last = "", head  # a comma between the parts themselves (A,B分别)
    return lead, _of_each([p for p in JOIN.split(last) if p.strip()]), shared


# a part that ends with what it measures (单笔额度上限) takes no other part's measure
_OWN_MEASURE = re.compile(r"(?:上限|下限|额度|限额|金额|标准|比例|费率)$")


def _of_each(pieces: list[str]) -> list[str]:
    """The parts with what the last names after its 的 when no other has a 的 of its own
    (新能源产业和新材料产业的年度计划投资: the 年度计划投资 of each)."""
    *first, last = pieces or [""]
    measure = last.rpartition("的")[2].strip()
    if not first or "的" not in last or any("的" in p or len(p.strip()) < 2 for p in first) or len(measure) < 2 \
            or any(_OWN_MEASURE.search(p.strip()) for p in first):
        return pieces  # (一、二、三等奖的: 二 is an item of a list, not a part; 单笔额度上限: a measure of its own)
    return [f"{p.strip()} {measure}" for p in first] + [last]


def _measure_kind(words: list[str]) -> str | None:
    """The kind of figure the words name (增加值, 营收: money; 比重: percent), if any."""
    text = "".join(words)
    return next((unit for pat, unit in UNIT_HINTS if re.search(pat, text)), None)


# a word that asks only how much what another part names changed (增速, 上年增长 of 比上年增长多少)
_CHANGE_WORD = re.compile(r"(?:比|较)?(?:上年|去年|上一年|同比)?(?:增长率?|增速|增幅|涨幅|涨|增长速度)|同比|(?:比|较)(?:上年|去年)")


def align(parts: list[list[str]], subject: Callable[[str], bool] = lambda w: False) -> list[list[str]]:
    """Each part with the words it leaves out: a later part that asks only a rate (增速)
    borrows the first part's words; a first part of at most half the longest's
    words borrows the longest's tail (锂电 → 锂电 产业集群 营收) unless it names a measure
    of another kind (文旅产业增加值 and 游客接待量); a later part shorter than
    the longest borrows the subjects at its head (``subject``: a heading's word), and one
    naming no subject of its own borrows the first part's (总投资 → 高端化工 总投资)."""
    if not parts:
        return parts
    rates = [i > 0 and bool(p) and all(_CHANGE_WORD.fullmatch(w) for w in p) for i, p in enumerate(parts)]
    longest = max((p for p, r in zip(parts, rates, strict=True) if not r), key=len)  # not 同比 增长's
    own = [w for w in parts[0] if subject(w)]
    out = []
    for i, p in enumerate(parts):
        if rates[i]:
            out.append([w for w in parts[0] if w not in p] + p)  # 地区生产总值 和 增速: its 增速
        elif not p or p is longest:
            out.append(p)
        elif i == 0:
            tail = [w for w in longest[len(p):] if w not in p]
            # not when it names a measure of its own the tail does not (文旅产业增加值 和 游客接待量)
            lend = len(p) * 2 <= len(longest) and _measure_kind(p) in (None, _measure_kind(tail))
            out.append(p + tail if lend else p)
        elif len(p) < len(longest):
            out.append([w for w in longest[:len(longest) - len(p)] if w not in p and subject(w)] + p)
        elif own and not any(subject(w) for w in p):
            out.append([w for w in own if w not in p] + p)
        else:
            out.append(p)
    return out
