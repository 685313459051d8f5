"""What a figure measures: the phrase before it in its sentence, without the verbs,
qualifiers, time words and comparison bases around it (``比上年增长`` measures the subject
of the figure before it: ``地区生产总值增长``)."""

from __future__ import annotations

import re

from index.qualifiers import POST_QUALIFIERS, TRAIL_QUALIFIERS

_SEP = "，,；;：:。（）()\n"
_LEAD = re.compile(
    r"^(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|\d+[.、．]|(?:到|至|截至|截止)?(?:19|20)\d{2}年(?:\d{1,2}月)?(?:底前|底|末|前)?|其中|并且|並且|并|並|且|以及|和|与|與|"
    r"确保|確保|力争|力爭|争取|爭取|努力|实现|實現|每年|年内|年內|年底前|对|對|向|从|從|的|"
    r"(?:在|於)?(?:(?:每一|一个|一個|1个|1個)(?:纳税|納稅|自然|会计|會計)?|纳税|納稅|自然|会计|會計)年度(?:内|內)?|"
    r"(?:形成|培育|打造|涌现|湧現)(?:一大批|一批)|首期|"
    r"第[一二三四五六七八九十百零〇\d]+[条條]|原则上|原則上|推动|推動|推进|推進|鼓励|鼓勵|引导|引導|督促|要求|大力|"
    r"预计|預計|进一步|進一步|尽快|盡快|予以|应当|應當|应尽快|應盡快|或者|或|按照|按(?![揭期])|(?:是指|系指)由?|[,，、.．\s])+"
)
# 原则上不超过…, 一般不超过…, 合计不得少于…: words of manner or sum that name no measure.
ADVERB = re.compile(r"原则上|原則上|一般|通常|应当|應當|应|應|合计|合計|总计|總計|共计|共計")
# 可将处方用药量放宽至…: what 将 takes is what is measured.
_DISPOSAL = re.compile(r"^.*?(?:可将|可將|将|將|把)(?=..)")
_TRAIL = re.compile(
    r"(?:(?:放宽|放寬|延长|延長|缩短|縮短|压缩|壓縮)(?:至|到)|截至|截止|应发生|應發生|分别达到|分別達到|达到|達到|保持在|稳定在|穩定在|控制在|提高到|提升到|提高至|下降到|降低到|增至|"
    r"占到|佔到|分别|分別|实现|實現|完成|为|為|是|达|達|在|到|至|的|共|可获得|可獲得|可获|可獲|获得|獲得|可申请|可申請|"
    r"给予|給予|享受|提供|可|应当|應當|应|應|必须|必須|须|須|需|按照|按|每年|每月|一般|原则上|原則上|"
    + TRAIL_QUALIFIERS
    + r"|[,，、\s])+$"
)
_FOOTNOTE = re.compile(r"[\[［][0-9０-９]{1,2}[\]］]")
BASE = re.compile(
    r"(?:(?:比|较|較|与|與)(?:上年末?|上年同期|去年|上年度|(?:19|20)\d{2}年末?|“十[一二三四五六七八九]五”末)(?:相比)?"
    r"|同比|环比|環比)"
    r"(?=增长|增長|下降|提高|降低|增加|减少|減少|上升|回落|提升|扩大|擴大|缩小|縮小)"
)
_CURRENCY = re.compile(r"^(?:在)?(?:新臺幣|新台币|新台幣|人民币|人民幣|美元)$")  # 在新臺幣一千二百億元限額內
FILLER = re.compile(r"分别|分別|依次")
FREQUENCY = re.compile(r"每年|每月")  # the figure's time, not part of a list's items
_FROM = re.compile(r"(?:从|從|(?<![事理缘緣])由)(?:(?:19|20)\d{2}年(?:末|底)?的?)?$")
CHANGE = re.compile(
    r"^(?:增长|增長|下降|提高|降低|增加|减少|減少|上升|回落|提升|扩大|擴大|缩小|縮小)$"
)
# 从11.37万亿元提高到14.58万亿元, 增长116.2%、达到23.2万亿元: the second figure measures the same.
SAME_MEASURE = re.compile(
    r"^(?:[、，,]?(?:达到|達到|达|達|为|為)|[\u4e00-\u9fff]{0,2}(?:到|至))(?:(?:19|20)\d{2}年(?:末|底)?的?)?$"
)


def tidy(seg: str) -> str:
    """``seg`` without the leading and trailing words that name no measure."""
    for _ in range(4):
        seg = _LEAD.sub("", seg)
        seg = _TRAIL.sub("", seg)
    return seg.strip()


def measure_of(sentence: str, rel: int, after: int = 0) -> str:
    """The phrase ``sentence[after:rel]`` ends with that names what the figure at ``rel``
    measures (``after``: where the figure before it in the sentence ends)."""
    head = sentence[after:rel]
    # 生产总值(GDP)1102284万元: a parenthesis right before the figure belongs to its measure.
    paren = re.search(r"[（(][^（）()]{1,12}[）)]$", _TRAIL.sub("", head))
    if paren:
        head = _TRAIL.sub("", head)
    tail = paren.group(0) if paren else ""
    core = head[: len(head) - len(tail)]
    seg = core[max(core.rfind(c) for c in _SEP) + 1 :] + tail
    seg = _FOOTNOTE.sub("", seg)
    seg = tidy(_DISPOSAL.sub("", seg))
    seg = _FROM.sub("", seg)
    seg = tidy(FILLER.sub("", BASE.sub("", seg)))
    if seg.count("“") < seg.count("”") and seg.startswith("”"):
        seg = seg[1:]
    return _CURRENCY.sub("", seg)


_IS = re.compile(r"^(.{2,}?)(?<![作认認行成因视視以])(?:为|為|是)(?=.{2,})")


def share_of(measure: str) -> str:
    """``缴费基数为上年度平均工资`` before ``的60%``: the subject before 为, not the base."""
    m = _IS.match(measure)
    return tidy(m.group(1)) if m else measure


def following(text: str, end: int) -> str:
    """The phrase right after a figure, for ``完成9.06公顷历史文化街区保护修缮工作``."""
    tail = text[end : end + 40]
    m = re.match(r"[^，,；;：:。、()（）\n0-9]+", tail)
    phrase = m.group(0) if m else ""
    phrase = re.sub(r"^(?:的|予以|给予|給予|" + POST_QUALIFIERS + ")+", "", phrase)
    return re.sub(r"(?:内|內)$", "", phrase).strip()


def unchanged(measure: str) -> str:
    """``资产总额增长`` -> ``资产总额``: the level, not its change."""
    return re.sub(r"(?:增长|增長|下降|提高|降低|增加|减少|減少|上升|提升)$", "", measure) or measure


_ABBREVIATION = re.compile(r"[（(][A-Za-z][A-Za-z0-9.]{0,7}[）)]$")


def changed(measure: str, before: str) -> str:
    """``增长`` after ``地区生产总值67665亿元``: ``地区生产总值增长`` (after ``生产总值(GDP)``
    too: the abbreviation names the level, not its change)."""
    if not (CHANGE.match(measure) and before):
        return measure
    return _ABBREVIATION.sub("", unchanged(before)) + measure


_GIVE = re.compile(r"给予|給予|提供|享受|发放|發放|可申请|可申請|奖励|獎勵")
_BENEFIT_WORD = (
    r"(?:补贴|補貼|补助|補助|奖励|獎勵|支持|扶持|贷款|貸款|资助|資助|服务|服務|贴息|貼息|券包|券|经费|經費|住宿)"
)
# 最高30万元、最长3年的创业担保贷款; 最高50万元、200万元一次性后补助: past the list to what is given.
_BENEFIT = re.compile(
    r"^(?:、[^，,；;：:。]{1,12}?)*?的?(?![万萬亿億千百元])([^的，,；;：:。、()（）\n0-9０-９%％]{0,16}?" + _BENEFIT_WORD + ")"
)
_GIVEN_BEFORE = re.compile(
    r"(?:给予|給予|申请|申請|享受|提供)(?:.*(?:的|[%％]))?"
    r"([^的，,；;：:。、0-9０-９%％]{0,12}" + _BENEFIT_WORD + r"|[^的，,；;：:。、0-9０-９%％]{0,8}费)$"
)
# 按年度交易金额的20%给予“数据券”补贴: the share is the rate of what is given after it.
_RATE_OF = re.compile(
    r"^(?:、[^，,；;：:。]{1,16}?)?(?:的|给予|給予)?(?![万萬亿億千百元])([^的，,；;：:。、()（）\n0-9０-９%％]{0,12}"
    + _BENEFIT_WORD + ")"
)
# 本科毕业生每人每月500元: who gets it, per head.
_PER_HEAD = re.compile(r"^(.{2,12}?)每(?:人|户|戶|家)(?:每[年月])?$")
# 每家OPC每年最高20万元: a cap per unit on what the part before gives.
_PER_UNIT = re.compile(r"^(?:每|单个|單個|单笔|單筆|单家|單家|单项|單項|同一)"
                       r"|^(?:全市|全省|全区|全區|全县|全縣)?(?:每年|年度)?(?:总额|總額|总量|總量)$")


def benefit(sentence: str, rel: int, tail: str) -> str:
    """``给予最高100万元的运营补助``: what is given, named right after the amount."""
    head = sentence[:rel]
    seg = head[max(head.rfind(c) for c in "，,；;。：:") + 1 :]
    if tail[:1] in "%％" or tail[:3] in ("的标准", "的標準"):
        return ""
    if not _GIVE.search(seg):
        return ""
    m = _BENEFIT.match(tail)
    # 一次性奖励 names what is given; 可申请…奖励 would be another grant's words
    return m.group(1).strip() if m and not _GIVE.search(m.group(1)[:-2]) else ""


# 按机构护理75%、居家护理90%的比例支付: the shares are the 比例 the sentence names after them.
_PROPORTION = re.compile(r"^(?:、[^，,；;。%％]{1,16}?[0-9０-９.．]+[%％])*的(?:比例|比率)")


def proportion(measure: str, tail: str) -> str:
    """``measure`` with the 比例 written after its share (and the list it leads) added."""
    m = _PROPORTION.match(tail)
    if not m or not measure or measure.endswith(("比例", "比率")):
        return measure
    return measure + m.group(0)[-2:]


def rate_of(tail: str) -> str:
    """``按费用的60%给予补贴``: the share measures the rate of what is given (``补贴比例``);
    ``tail`` is the text right after the percentage."""
    m = _RATE_OF.match(tail)
    if not m or not tail.startswith(("给予", "給予", "、", "的")) or re.search("给予|給予|提供|享受|发放|發放", m.group(1)):
        return ""
    return m.group(1).strip() + "比例"


# 同一企业每年申领和兑付算力券金额, 单个主体年度支持额度: the cap names its own amount.
_NAMED_AMOUNT = re.compile(r"(?:金额|金額|额度|額度)$")


def capped(measure: str, sentence: str, rel: int) -> str:
    """``给予补贴，每家OPC每年最高20万元``: a per-unit cap measures what was given before it;
    ``可申请住房补贴，本科毕业生每人每月500元``: ``住房补贴（本科毕业生）``."""
    who = _PER_HEAD.match(measure)
    if _NAMED_AMOUNT.search(measure) or not _PER_UNIT.match(measure) and not who:
        return measure
    head = sentence[:rel]
    before = head[: max(head.rfind(c) for c in "，,；;")]
    before = before[max(before.rfind(c) for c in "，,；;。") + 1 :]
    given = _GIVEN_BEFORE.search(before)
    if not given:
        return measure
    return f"{given.group(1)}（{who.group(1)}）" if who else given.group(1)


_MANNER = re.compile(r"根据|依据|依照|按照|通过|结合")


def part_before(sentence: str, rel: int, after: str) -> str:
    """The measure the comma part before the figure's own names, when the figure's part
    says nothing but the figure (``个人救助标准，原则上不低于…``); "" when the figure is
    followed by what it counts (``，完成9公顷绿地建设``: ``following`` names that)."""
    head = sentence[:rel]
    comma = max(head.rfind(","), head.rfind("，"))
    if comma <= 0 or re.match(r"[\u4e00-\u9fff]", after) and not ADVERB.match(head[comma + 1 :]):
        return ""
    return measure_of(sentence, comma)


def due(clean: str, start: int, end: int, measure: str) -> str:
    """What must be done within the period ending at ``end``: ``…之日起10个工作日内作出决定``,
    ``…之日起20个工作日内，向社会公布…`` (after the comma when the words before only say
    when the period starts); ``measure`` when nothing is named."""
    nxt = clean[end : end + 1]
    if re.match(r"[\u4e00-\u9fff]", nxt) and nxt != "的":
        act = following(clean, end)
    elif nxt in "，," and (not measure or re.search(r"(?:之日起|起|后|後|的)\s*$", clean[max(0, start - 6) : start])):
        at = end + 1
        for _ in range(2):  # …3个工作日内，根据入户调查等情况，提出审核意见: past the manner
            comma = re.compile("[，,]").search(clean, at, at + 30)
            if not _MANNER.match(clean, at) or not comma:
                break
            at = comma.end()
        act = following(clean, at)
    else:
        act = ""
    return act if len(act) >= 2 else measure


_USE = re.compile(r"用于|用於")


def used_for(measure: str, clean: str, end: int) -> str:
    """``将服务费的80%用于人员薪酬分配，20%用于机构统筹``: a share put to a use measures the
    base's share for that use (``服务费 用于人员薪酬分配``); a share after it that names no
    base of its own takes the same base (``measure`` then is the one before, use and all)."""
    if not _USE.match(clean, end):
        return measure
    base = measure.split(" 用于")[0].split(" 用於")[0]
    use = following(clean, end)
    return f"{base} {use}" if base and len(use) > 2 else measure


_STANDARD = re.compile(r"(?:[（(][^（）()]*[）)])?的(?=标准|標準)")


def standard_of(measure: str, clean: str, end: int) -> str:
    """``按不高于每人每年25万元（含25万元）的标准纳入统筹基金支付范围``: the figure is the
    标准 of what follows it, named after what ``measure`` says."""
    m = _STANDARD.match(clean, end)
    what = following(clean, m.end()) if m else ""
    return f"{measure} {what}".strip() if len(what) > 2 else measure


def bracket_subject(sentence: str, rel: int) -> str:
    """``提供一站式开办服务（1日内办结）``: a bracket's comma part that opens with the figure
    is said of the words before the bracket; "" otherwise."""
    head = sentence[:rel]
    opening = max(head.rfind("（"), head.rfind("("))
    if opening < 0 or max(head.rfind("）"), head.rfind(")")) > opening:
        return ""
    if head[max(opening, head.rfind("，"), head.rfind(",")) + 1 :].strip():
        return ""
    return measure_of(sentence, opening)


_ALL = re.compile(r"(?:(?<![人户戶年日月周季平亩畝])均|都|皆)$")  # not 人均, 年均
_NAMES_A_MEASURE = re.compile(r"(?:率|额|額|标准|標準|比例|费|費|期限|金额|金額|数|數)$")


def run_in(measure: str, sentence: str, cut: int) -> str:
    """``单位缴费费率，在职职工、失业人员、退休人员均为0.15%``: a list of who closed by 均
    says who has the value that the sentence's opening part names (a run-in title
    naming a rate or standard); without such a part the list alone, 均 left out."""
    if not _ALL.search(measure):
        return measure
    head = sentence[:cut]
    parts = re.split("[，,]", head)
    title = tidy(parts[0]) if len(parts) == 2 else ""
    return title if 2 <= len(title) <= 12 and _NAMES_A_MEASURE.search(title) else measure[:-1]
