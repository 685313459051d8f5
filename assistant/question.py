"""Question analysis: which document(s), what kind of answer, which years, units and cues.

Everything here works from the question text and the parsed records (document metadata,
responsibility units); no list of particular documents' words is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.match import FALL, FORM_CHARS, RISE_OR_FALL, Phrases
from assistant.terms import COMMON, PEOPLE_COUNTED, everyday_word
from corpus.sources import Source
from index.clean import detect_script, normalize

INTENTS = (
    "docfact", "reverse", "responsibility", "comparison", "aggregation", "list", "figure",
)

_DOCFACT = {
    "doc_number": r"文号|字号|发文号|文件号", "order": r"[第几哪多少一]+号令|令第?(?:几|哪|多少)|令号",
    "date": r"成文日期|发文日期|印发日期|发布日期|发布时间|印发时间|成文时间|落款(?:日期|时间)?(?:是|为|写的)?(?:哪天|哪一天|什么时候|何时|几月几[日号])?(?=日期|时间|是|为|写|哪|什么|何|几|[？?]|$)"
            r"|(哪天|哪一天|什么时候|何时|哪年)(印发|发布|出台|成文|发文|下发|签发|落款)",
    "issuer": r"发文机关|发文单位|(哪个|什么)(单位|部门|机关|政府)(印发|发布|制定|下发|出台)|(由谁|谁)(印发|发布|制定|下发)",
    "index_no": r"索引号",
    "topic": r"主题分类",
    "validity": r"有效性|是否有效|还有效",
    "title": r"(文件|文档|方案)(的)?(标题|名称|全称|题目)|(?<!的通知)(?<!的文件)叫什么(名字)?",  # 要贯彻的通知: another's
}
_RESPONSIBLE = r"谁负责|由谁|谁来|哪个单位|哪些单位|哪个部门|哪些部门|什么单位|什么部门|责任单位|负责单位|负责部门|牵头|挑头|主责|主抓|落实单位|承办|归谁|归哪|谁管|谁主管|找哪|哪几个(部门|单位|厅局)|哪些(厅局|部委)|落在哪些单位"
_REVERSE = r"(负责|承担|牵头|参与|涉及|主管|分管|管|干|做)(了|的)?(哪些|什么|啥|哪几|哪[项条个件块]|几[项条件]|多少项)|哪[些项几].{0,8}的?(责任|牵头)单位|(负责|牵头|参与)的.{0,6}(有哪些|是哪些|有什么|有啥|[有是]哪几[个项条件])|哪些任务|哪几项|什么任务|负责的任务|哪[些项](措施|工作|事项|方面|条|项|任务)|几项(任务|措施|工作)|多少项(任务|措施|工作)"
_COMPARE = (r"最高(?!人民|法院|检察)|最低(?!生活|工资|保障)|最多|最少|最大|最小|最快|最慢|哪个更|谁更|排名第一|排第一|(谁|哪个|哪一个|哪项)的.{1,12}更(多|高|大|少|低|小)"
            r"|(哪个|哪一个|哪项|哪类|哪种|哪边|哪方|谁)[^，,。？?；]{0,14}?(多|高|大|少|低|小|快|慢)(?=[？?。，,！!；]|$|呢|一些|些)"
            r"|第[二三四五两2-5](高|多|大|低|少|小)|(高|多|大)还是(低|少|小)")
_AGGREGATE = r"一共|合计|总共|共计|加起来|加在一起|加一起|加一块|总和|总计|合起来|加总|之和|共有多少|共多少|总数|(?<![公总])共能?(?:付|拿|领|补|给|发)多少|(?<![增追参附施更叠])加上?(?![强快大以入工速剧紧重码倍])[^，,。？?]{2,20}[，,]?(?:最多|最高)能?(?:拿|领|得|获得?|享受?)多少"
_LIST = r"有哪些|哪几个|哪几项|哪几家|包括哪些|包括什么|都有什么|都有哪些|列出|分别是|是哪些|哪[一二三四五六七八九十两几\d]+[个项家类大条种]|[一二三四五六七八九十两几\d]+[大个项类].{0,6}(是什么|有哪些|是哪些)"
_MAX = r"最高|最多|最大|最快|更高|更多|更大|第一"
_MIN = r"最低|最少|最小|最慢|更低|更少|更小|更慢|第[二三四五两2-5](低|少|小)|(?<!多)(低|少|小|慢)(?=[？?。，,！!；]|$|呢|一些|些)"
DIFFERENCE = r"比.{1,30}(高出|多出|多多少|少多少|高多少|低多少|大多少|小多少|[高多低少快慢]几个?百分点)|相差多少|差多少|差距"
# 最高贷多少 / 最长几年 / 最多能享受多长时间: a limit the document sets, asked as a quantity,
# not a pick among several (哪个最高, 最高的是)
_LIMIT = r"(最高|最多|最长|最低|最少|最大)(?!的)[^，,。？?的]{0,8}?(多少|几|多久|多长)"
_PICK = r"哪|谁|比较|相比|排名|排第"
_YI = r"(?:多少|几)亿(?!斤|吨|度|千瓦|立方|平方|人|头|只|株|册|户|亩|公里|千米|米|次|件|个|张|套|台|辆|棵|标准?箱)"  # not 多少亿斤
UNIT_HINTS = (
    (r"占[^，,。]{0,20}(?:多少|几)|(?:增长|下降|降|涨|跌|升|增产|减产)了?(?:多少|几)(?![亿万元个家名人项件条亩辆处场])|" + RISE_OR_FALL + r"|涨幅|增速|增长率|增长速度|增幅|比重|占比|比例|百分之|百分比|覆盖率|渗透率|比率|城镇化率|绿地率|利用率|达标率|建成率|几成|[率%]", "percent"),
    (PEOPLE_COUNTED, "人"),  # 几个持证执法人员: people, whom the documents count 名 or 人
    (r"(?:多少|几)个(?!人(?:[？?，,。吗呢啊]|$))", "个"),
    (r"多少家|几家", "家"),
    (r"多少名|几名", "名"),
    (r"多少人|几人|多少万人|(?:多少|几)个人(?=[？?，,。吗呢啊]|$)", "人"),  # not 几个人工智能社区
    (r"多少场|几场", "场"),
    (r"多少项|几项", "项"),
    (r"多少件|几件", "件"),
    (r"多少条|几条", "条"),
    (r"多少亩|几亩|多少万亩", "亩"),
    (r"多少辆|几辆", "辆"), (r"多少处|几处", "处"),
    (_YI + r"|多少万元|多少元|多少钱|资金|投资|金额|总额|营收|收入|产值|增加值", "money"),
)

def _counted(norm: str) -> str:
    """``norm`` with a counting word after 多少/几 set apart when it begins an everyday word
    (多少人才奖励: 人才, not 多少人; 多少名企业家 stays: 名企 is rare), so it asks for no
    unit; 几个人 and 几个人工智能社区 are told apart by ``UNIT_HINTS``."""
    def apart(m: re.Match[str]) -> str:
        word = m.group(2) + m.group(3)
        return f"{m.group(1)} {m.group(2)}" if everyday_word(word, COMMON) else m.group(1) + m.group(2)

    return re.sub(r"(多少|几)([家名人场项件条亩辆处])(?=([\u4e00-\u9fff]))", apart, norm)  # 个: UNIT_HINTS


_FOLLOWUP = re.compile(r"^(那|那么|它|其|该|这|此|还有|另外|再问|那它|那其)|^.{0,8}(呢|呢？|呢\?)$")


@dataclass(frozen=True)
class Question:
    """What a question asks, as far as its text tells.

    Attributes:
        text: as asked; norm: NFKC + Simplified; script: the asker's script.
        intent: one of INTENTS.
        docs: doc_ids the question names (empty: any).
        years: years it mentions (``今年`` etc. are left to the document's year).
        docfact: the metadata field asked for, if intent is docfact.
        extreme: ``max``/``min`` for comparisons.
        unit_hint: ``money``, ``percent`` or a counting unit the answer should carry.
        units: responsible units the question names (for reverse lookups).
        lead_only: the question asks for the lead (牵头) unit.
        followup: the question leans on the conversation (leaves out its subject).
        decimals: the places a computed result is rounded to (保留两位小数), None if not said;
            the instruction is left out of ``norm`` (it names no content).
    """

    text: str
    norm: str
    script: str
    intent: str
    docs: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    docfact: str | None = None
    extreme: str | None = None
    unit_hint: str | None = None
    units: tuple[str, ...] = ()
    lead_only: bool = False
    followup: bool = False
    base_years: tuple[int, ...] = ()
    delta: bool = False
    derive: bool = False
    hard_unit: bool = False
    borrowed: bool = False
    relative: bool = False
    hint_word: str = ""
    relative_only: bool = False
    actual: bool = False
    when: bool = False
    subject_text: str = ""
    numbers: tuple[str, ...] = ()
    decimals: int | None = None
    cues: tuple[str, ...] = field(default=())


def place_cues(source: Source) -> tuple[str, ...]:
    """Words that point at a document: its place with and without the 市/县/区 suffix,
    its document number."""
    cues = []
    if source.place:
        p = normalize(source.place).lower()
        cues.append(p)
        short = re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:[\u4e00-\u9fff]{1,3}族)?自治(?:区|州|县|旗)$|特别行政区$|(市|县|区|省|州|镇|街道)$", "", p)
        if len(short) >= 2:
            cues.append(short)
    if source.doc_number:
        cues.append(normalize(source.doc_number).lower())
    return tuple(dict.fromkeys(cues))


_BASE = re.compile(r"(?:比|较|与|和|同|跟|相对于|相比)\s*((?:19|20)\d{2})\s*年?|((?:19|20)\d{2})\s*年?(?:相比|比较|的基础上)")
# 年内 (within this year), not 一年内 / 半年内 (a length of time)
WITHIN_THIS_YEAR = r"(?<![一二两三四五六七八九十半几多\d])年内"
# a year a question words relative to its document (去年, 今年, 上年): read per document, not
# taken from an earlier question, and not confined to the earlier answer's section
OWN_YEAR = r"去年|今年|上年|上一年|前一年|明年|当年|本年"
_DELTA = r"增量|多出|高出|增加了?多少|增加多少|增长了?多少|比(上年|上一年|前一年|去年)|较(上年|上一年|前一年|去年)|新增多少|增加额"


@lru_cache(maxsize=4096)
def _years(norm: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(years asked about, years the question compares against)."""
    base = []
    for m in _BASE.finditer(norm):
        base.append(int(m.group(1) or m.group(2)))
    rest = _BASE.sub(" ", norm)
    asked = tuple(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?=年|\b|\D)", rest))
    return asked, tuple(base)


# 26年 is 2026年: a two-digit year (10-49) where a year is meant, not a duration (近10年,
# 连续20年, 20年来, 30年以上).
_SHORT_YEAR = re.compile(r"(?<![\d.年第近前后满超连续每多几来去])([1-4]\d)(?=年(?![来内间代以左]))")


def _full_years(norm: str) -> str:
    """``norm`` with two-digit years written in full (26年 → 2026年)."""
    return _SHORT_YEAR.sub(lambda m: "20" + m.group(1), norm)


# 保留两位小数 / 精确到小数点后1位 / 四舍五入: how to round, not what is asked about
_ROUNDING = re.compile(r"[（(]?\s*(?:(?:保留|精确到|取)(?:到)?(?:小数点后)?\s*([一二两三四\d])\s*位(?:小数)?|四舍五入)\s*[）)]?")


def _rounding(norm: str) -> tuple[str, int | None]:
    """``norm`` without its rounding instruction, and the decimal places it asks for."""
    m = _ROUNDING.search(norm)
    if not m:
        return norm, None
    digit = m.group(1)
    places = None if digit is None else int(digit) if digit.isdigit() else "一二三四".find(digit.replace("两", "二")) + 1
    return (norm[:m.start()] + norm[m.end():]).strip(), places


UNIT_SCAN_CHARS = 120


class Catalogue:
    """What a question can name, gathered once per index: the documents (by their place
    cues) and the responsible units. Finding them in a question costs by the question's
    length, not by the number of documents or units.

    Args:
        sources: the documents in the index.
        unit_names: every responsible unit the index knows (normalised), for reverse lookups.
    """

    def __init__(self, sources: Iterable[Source], unit_names: Iterable[str]) -> None:
        self.doc_cues = {s.doc_id: place_cues(s) for s in sources}
        self.unit_names = sorted(set(unit_names))
        self._index()

    def _index(self) -> None:
        self._doc_order = {d: i for i, d in enumerate(self.doc_cues)}
        self._docs_of: dict[str, list[str]] = {}
        for d, cues in self.doc_cues.items():
            for c in cues:
                self._docs_of.setdefault(c, []).append(d)
        self.cues = Phrases(self._docs_of)
        self._blurred: dict[str, set[str]] | None = None  # cue with one character out → cues
        # longest first, so that a unit inside a longer one's name gives way to it
        self._by_length = sorted(self.unit_names, key=len, reverse=True)
        self._unit_at: dict[str, list[int]] = {}
        for i, u in enumerate(self._by_length):
            self._unit_at.setdefault(u.lower(), []).append(i)
        self.units = Phrases(self._unit_at)

    def extended(self, sources: Iterable[Source], unit_names: Iterable[str]) -> Catalogue:
        """A copy with more documents (after these) and any more units."""
        out = Catalogue((), ())
        out.doc_cues = {**self.doc_cues, **{s.doc_id: place_cues(s) for s in sources}}
        out.unit_names = sorted({*self.unit_names, *unit_names})
        out._index()
        return out

    def documents(self, norm: str) -> tuple[list[str], list[str]]:
        """The documents a normalised question names, in index order, and the cues that name them."""
        found = self.cues.in_text(norm)
        docs = sorted({d for c in found for d in self._docs_of[c]}, key=self._doc_order.get)
        return docs, [c for d in docs for c in self.doc_cues[d] if c in found]

    def _units(self, found: set[str]) -> list[str]:
        return [self._by_length[i] for i in sorted(i for u in found for i in self._unit_at[u])]

    def named_units(self, norm: str) -> tuple[str, ...]:
        """The responsible units a normalised question names (three characters or more),
        longest first, leaving out those inside a longer one named; a unit named by a short
        form (审批局, 卫健委, 人社局) or without its place prefix stands for every unit it
        can mean."""
        named = tuple(u for u in self._units(self.units.in_text(norm)) if len(u) >= 3)
        named = tuple(u for u in named if not any(u != v and u in v for v in named))
        rest = norm
        for u in named:
            rest = rest.replace(u, " ")
        short = tuple(u for u in self._short_units(rest) if u not in named)
        return named + short or self._unlisted_unit(norm)

    def _unlisted_unit(self, norm: str) -> tuple[str, ...]:
        """A unit no list names, written as one (…局/委/办/厅/部/中心) before what it does
        (负责, 牵头, 参与…), its place left out: 青峰市统计局负责什么 → 统计局."""
        m = re.search(r"([\u4e00-\u9fff]{2,12}?(?:委员会|中心|[局委办厅部署]))(?=(?:都|还|主要|具体)?(?:负责|牵头|参与|承担|主管|分管))", norm)
        if not m:
            return ()
        unit = m.group(1)
        for cue in sorted(self.cues.in_text(unit), key=len, reverse=True):
            if unit.startswith(cue):
                unit = unit[len(cue):]
                break
        unit = re.sub(r"^[的里中]", "", unit)
        return (unit,) if len(unit) >= 3 else ()

    def _short_units(self, norm: str) -> tuple[str, ...]:
        """The units a short form in ``norm`` names: the longest run (three to eight
        characters) ending in a body (局, 委, 办…) that abbreviates some unit's name."""
        from index.unitnames import matches_unit

        out: list[str] = []
        # a question names its unit near its start; a long text costs no more than this
        norm = norm[:UNIT_SCAN_CHARS]
        for m in re.finditer(r"[局委办厅部处院所站室署会中心]", norm):
            end = m.end() + (1 if norm[m.start():m.end() + 1] == "中心" else 0)
            for size in range(min(8, end), 2, -1):
                piece = norm[end - size:end]
                if not re.fullmatch(r"[\u4e00-\u9fff]+", piece):
                    continue
                hits = [u for u in self._by_length if len(u) > len(piece) and piece[-1] in u
                        and all(ch in u for ch in piece) and matches_unit(piece, u)]
                if hits:
                    out += hits
                    break
        return tuple(dict.fromkeys(out))

    def near_place(self, word: str, prefer: Callable[[str], float] | None = None) -> str | None:
        """The one document place ``word`` can mean with one character mistyped (腾州 →
        滕州), or None when there is none or more than one; of several (滕州, 郑州), the one
        ``prefer`` (the question's other words in its documents) ranks first alone."""
        cands = self.near_places(word)
        if len(cands) > 1 and prefer is not None:
            ranked = sorted(((prefer(c), c) for c in cands), reverse=True)
            return ranked[0][1] if ranked[0][0] > ranked[1][0] else None
        return cands.pop() if len(cands) == 1 else None

    def near_places(self, word: str) -> set[str]:
        """Every document place ``word`` can mean with one character mistyped."""
        if self._blurred is None:
            blurred: dict[str, set[str]] = {}
            for c in self._docs_of:
                if len(c) >= 2 and not re.search(r"\d", c):
                    for i in range(len(c)):
                        blurred.setdefault(c[:i] + "\0" + c[i + 1:], set()).add(c)
            self._blurred = blurred
        return {c for i in range(len(word)) for c in self._blurred.get(word[:i] + "\0" + word[i + 1:], ())
                if c != word}

    def docs_of(self, place: str) -> list[str]:
        """The documents a place (or another cue) names."""
        return list(self._docs_of.get(place, ()))

    def mistyped_place(self, norm: str, used, prefer: Callable[[str], float] | None = None  # noqa: ANN001 - df
                       ) -> tuple[str, str] | None:
        """A run of ``norm`` no document uses that is a document place with one character
        mistyped, and that place: (腾州, 滕州); None when there is none or it is unclear."""
        if self.cues.in_text(norm) & set(self._docs_of):
            return None  # the question names a place as written
        lengths = sorted({len(c) for c in self._docs_of if len(c) >= 2}, reverse=True)
        for size in lengths:
            for i in range(len(norm) - size + 1):
                word = norm[i:i + size]
                if not re.fullmatch(r"[\u4e00-\u9fff]+", word) or used(word) or FORM_CHARS.intersection(word):
                    continue  # 台呢 is 台 and a question's 呢, not a mistyped 台湾
                if i and everyday_word(norm[i - 1:i + 1]) and everyday_word(norm[i + size - 1:i + size + 1]):
                    continue  # 台策 of 平台策划 ends one everyday word and starts another: no place
                near = self.near_place(word, prefer)
                if near is not None:
                    return word, near
        return None

    def without_units(self, norm: str) -> str:
        """``norm`` with every unit name in it blanked out, longest first."""
        for u in self._units(self.units.to_blank(norm)):
            norm = norm.replace(u, " ")
        return norm

    def analyse(self, text: str) -> Question:
        """Analyse a question."""
        norm, decimals = _rounding(_full_years(normalize(text).strip().lower()))
        script = detect_script(text)
        docs, cues = self.documents(norm)
        timed = norm  # years of a 文号 (滕政发〔2024〕8号) name the document, not the time asked
        for c in [*re.findall(r"《[^》]{2,60}》", norm), *cues]:  # nor a title's (《2026年…报告》)
            timed = timed.replace(c, "，")  # 和松岭县2026年 is no 和2026年 (a base year)
        docfact = next((k for k, pat in _DOCFACT.items() if re.search(pat, norm)), None)
        named_units = self.named_units(norm)
        if docfact:
            intent = "docfact"
        elif named_units and re.search(_REVERSE, norm):
            intent = "reverse"
        elif re.search(_RESPONSIBLE, norm):
            intent = "responsibility"
        elif re.search(_COMPARE, norm) and not (re.search(_LIMIT, norm) and not re.search(_PICK, norm)):
            intent = "comparison"
        elif re.search(_AGGREGATE, norm):
            intent = "aggregation"
        elif re.search(_LIST, norm) and not re.search(r"多少|几(?![个项家类大])", norm):
            intent = "list"
        else:
            intent = "figure"
        counted = _counted(norm)
        hint = next(((u, m.group(0)) for pat, u in UNIT_HINTS if (m := re.search(pat, counted))), (None, ""))
        unit_hint, hint_word = hint
        extreme = None
        if intent == "comparison":
            extreme = "max" if re.search(_MAX, norm) or not re.search(_MIN, norm) else "min"
        return Question(
            text=text,
            norm=norm,
            script=script,
            intent=intent,
            docs=tuple(docs),
            years=_years(timed)[0],
            base_years=_years(timed)[1],
            delta=bool(re.search(_DELTA, norm)) or bool(_years(timed)[1]),
            relative=bool(re.search(rf"今年|当年|本年|{WITHIN_THIS_YEAR}|年度", norm)),
            relative_only=not re.search(r"(?:19|20)\d{2}\s*年度|年度计划|年度投资|年度目标", norm),
            actual=bool(re.search(r"实际|实绩|已经完成|已完成|完成了多少|现状|目前|现有|去年完成", norm)),
            when=bool(re.search(r"什么时候|何时|哪一年|哪年|几月|期限|截止|时间节点|多久", norm)) and not re.search(r"多少|几个|几家", norm),
            derive=bool(re.search(r"推算|倒推|反推|基数|折算", norm)),
            hard_unit=bool(re.search(_YI + r"|还是" + FALL + r"|亿元|万元|多少钱|多少元|百分之|%|百分比|多少个|几个|多少家|几家|多少名|几名|多少人|万人|多少场|几场|多少项|几项|多少件|几件|多少条|几条|多少亩|几亩|多少辆|几辆|多少处|几处", counted)),
            numbers=tuple(m.group(0) for m in re.finditer(r"(?<![\d.])\d+(?:\.\d+)?(?:亿元|万元|亿|万|%)", norm)
                          if not re.fullmatch(r"(19|20)\d\d", m.group(0))),
            decimals=decimals,
            docfact=docfact,
            extreme=extreme,
            unit_hint=unit_hint,
            hint_word=hint_word if len(hint_word) >= 2 and not re.search(r"多少|几", hint_word) else "",
            units=named_units,
            lead_only=bool(re.search(r"牵头", norm)),
            followup=bool(_FOLLOWUP.search(norm)) or len(norm) <= 8,
            cues=tuple(cues),
        )


def analyse(text: str, sources: list[Source], unit_names: list[str]) -> Question:
    """Analyse a question (``Catalogue.analyse`` does it without gathering the names anew).

    Args:
        text: the question as asked.
        sources: the documents in the index.
        unit_names: every responsible unit the index knows (normalised), for reverse lookups.
    """
    return Catalogue(sources, unit_names).analyse(text)
