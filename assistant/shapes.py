"""The shape of a question its wording gives: time/deadline, yes/no, several parts, a fact
in words, an overview of a document (``ANSWER_CONTRACT.md``).

Patterns are read on the normalised question (NFKC, Simplified, lower case), so Traditional
and full-width forms match too; colloquial forms (啥时候, 叫啥, 能过…吗, 讲了些啥) are listed
beside the written ones. ``refine`` gives a question the intent of its shape; the intents
the analysis (``question.py``) already tells apart first (responsible units, reverse
look-ups, comparisons, sums) keep theirs.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.question import Question

SHAPES = ("locate", "overview", "yesno", "parts", "time", "fact", "list")

# a question word asking for something other than 是/否
WH = r"多少|多大|多高|多长|多久|(?<!好)几(?!乎)|哪|什么|啥|谁|怎么|怎样|如何|为何|为什么"

OVERVIEW = re.compile(
    r"主要(讲|说|写|是)(了)?(些)?(什么|啥)|主要内容|(讲|说|写)(了|的)?(些)?(什么|啥)"
    r"|概括|概述|简介|介绍一下|大致内容|总体内容"
    r"|(分|有|包括|包含|分为|分成|讲了)(哪|几)[几些两三四五六七八九十]?(个|大)?(部分|块|章|篇|板块|大块|方面|层面)"
    r"|(哪|几)[几两三四五六七八九十]?(个|大)?(部分|章|篇|板块)|一共几条"
)
# 讲什么 of a part the question names is a list of its sub-headings, not an overview
_NOT_OVERVIEW = re.compile(r"多少|哪些(单位|部门)|谁|[一二三]是")

# where a document says something: X是哪条任务里的 / 哪项工作提到了X / X规定在第几条
_WORK = r"[\u4e00-\u9fff]{0,4}?(?:任务|措施|工作|条款|举措|政策|规定|章节|部分|内容|方面)"
_CONTAINER = (rf"(?:哪|第几)一?(?:(?:条|章|节|款|段|篇|部分)(?:{_WORK})?|(?:个|项){_WORK})"
              r"(?=里|中|下|当中|之中|内|的|提|讲|写|说|涉|规|出|[？?。，,\s]|$)")
LOCATE = re.compile(
    rf"(?:是|在|属于|出自|见于|列在|放在|写在|载于|位于|归在){_CONTAINER}(?:里|中|下|当中|之中|内)?的?"
    rf"|{_CONTAINER}(?:里|中|下|当中|之中|内)?(?:提到|提及|讲到|写到|说到|涉及|规定了|出现|说了|讲了|写了|讲的是|说的是|写的是|是关于|管的是)了?"
    r"|(?:第几|哪一?)(?:条|章|节|款)[？?。\s]*$"
)

YESNO_END = re.compile(r"(吗|么|嘛|没有|没|不)[？?。！!\s]*$"
                       r"|(?:是|有|能|会|要|可以|应该)[^？?。，,]{0,30}吧[？?。！!\s]*$")  # 是…吧: a premise to confirm
YESNO_ANY = re.compile(r"是不是|是否|有没有|有无|能不能|能否|会不会|可不可以|可否|对不对|一样吗|相同吗|同一"
                       r"|([\u4e00-\u9fff])不\1")  # 给不给, 要不要, 需不需要: A-not-A asks 是/否

PARTS = re.compile(r"分别|各(是|为|要|自|有|需|最长|最高|最多|能|增长了?|增加了?|涨了?|达到|提高了?|下降了?|减少了?|占)?(是)?(?:每[人天日月年户家次站所个])*(多少|几|多大|多长|多久|多高)|各多少|各几"
                   r"|各(?![个项类地级种])[\u4e00-\u9fff]{1,3}?(多少|几|多大|多长|多久|多高)"  # 各定了多少, 各要到多少
                   r"|[,，](?:怎么|如何|怎样)(?:分|划分)"  # 一共几个，怎么分的: a total and its parts
                   r"|(?:多少|几)[^？?]*[？?][^？?，,、多少几]{2,12}呢[？?]?$")  # …多少？其他申请人呢？
AND_RATE = re.compile(r"[和与及、](增速|增幅|增长率|增长速度)")  # 总量和增速: an amount and a rate
_QUANTITY = re.compile(r"多少|几(?!乎)|多大|多长|多久|多高|多快|比例|比重|增速|增长|增幅")
_ASK = re.compile(r"多少|(?<!哪)几[个家名项件条处场次人年万亿辆亩座]?|多大|多长|多久|多高|多快")

TIME = re.compile(
    r"哪一?年|哪年|什么时候|啥时候|啥时|何时|几月|哪一?天|哪一?日|什么时间|啥时间|什么日期|时间节点"
    r"|期限(?!内)|截止|截至|时限|多长时间|多长的?[\u4e00-\u9fff]{0,3}期|多久|期(?:是|为|有)?多(?:长|久)|时间(?:是|为|有|一般|大概|通常)?多(?:长|久)|几年|(多少|几)个?(工作日|自然日|天|日(?!期)|个?月|周|星期|小时)|哪几年|基数|基期|基准年|跟哪|和哪|与哪|同哪|较哪|比哪"
    r"|(开始|起|正式)?施行|生效|有效期(?!内)|落款|最晚|最迟|之前要|前要"  # 有效期内可享受: a condition
)
# 几个 / 多少个 counts a thing, except a length of time (几个工作日 is asked as 多少个工作日 is)
_NOT_TIME = re.compile(r"多少(?!年|天|日|周|个?月|个?工作日|个?自然日|个?小时)|几(?:个(?!工作日|自然日|月|小时|星期)|[家名项件条处场人])")

FACT = re.compile(
    r"对标|学标|叫什么|叫啥|什么名字|啥名字|名称是|名字是|口号|品牌|以什么|以啥|什么为|啥为"
    r"|依据|根据哪|按照哪|哪个文件|哪份文件|什么文件|哪个通知|哪个(行动)?计划|哪个方案|哪个意见|哪个规划"
    r"|为贯彻|为承接|落实.{0,8}哪个|贯彻.{0,8}哪个|承接.{0,8}哪个"
    r"|谁发|谁印发|谁制定|谁作|谁做|谁签|哪个部门(印)?发|哪个单位(印)?发|哪个机关|哪次会议|什么会议"
    r"|(什么|啥|哪种)[\u4e00-\u9fff]{0,3}?(制度|理念|模式|方式|布局|称号|角色|定位|主题|原则|机制|中心|等级|思路|战略|口径|标准|形式|载体|平台)"
    r"|(?:什么|啥|何种|哪种|哪类)(?!时候|时间|日期|时)(?![\u4e00-\u9fff]{0,2}(?:要求|目标|指标|水平|程度|规模|数量|范围|比例|幅度|速度))"
    r"[\u4e00-\u9fff]{1,4}?(?=[？?。，,！!]|$|呢|啊)"  # 恢复什么功能, 负什么责任: a thing; 什么目标 may be a figure
    r"|当好|扮演|定位|迈向|迈进|打造成|建成什么|争创|依托哪|依托什么|哪家|哪所|哪个城市|哪座城市|哪里|哪儿"
    r"|是啥|是什么|什么是|怎么定|如何确定|怎么算"
)
_NOT_FACT = re.compile(r"多少|几[个家名项件条处场人次]|哪些|哪几|(?<![定称评作视列成])为什么|为何|更高|更多|更大|更低")  # 认定为什么: 为 什么

WHO = re.compile(r"谁作|谁做|谁发|谁印发|谁签|谁制定|哪次会议|什么会议")
TITLE_ASK = re.compile(r"(哪|什么)[一二两三四几]*(个|份|部)?(文件|通知|方案|意见|计划|规划|办法|条例)")

# items enumerated (in a sentence or as headings): 融入哪些战略 / 哪几家企业 / 具体指哪些
LIST = re.compile(r"哪些|哪几|哪[一二三四五六七八九十两]+[个项家类大种样季条改点]?|都有啥|有啥|包括啥|具体指|指啥|指什么|分别讲了?什么|[一二三]是")
# what a name means (“供应链改造”是什么意思): its definition, read by the list answerer
DEFINE = re.compile(r"什么意思|啥意思|的含义|是指什么|指的是什么")
_NOT_LIST = re.compile(r"多少|(?<!哪)几[个家名项件条处场人次]|负责|牵头|承担|参与|主责")

# metadata fields a question asks for (several at once: 谁发的、文号多少、哪天成文)
DOC_FIELDS = {
    "issuer": r"谁发|谁印发|(哪个|什么)(部门|单位|机关)(印)?发|发文机关|发文单位",
    "doc_number": r"文号|字号|发文号",
    "date": r"哪天成文|成文日期|发布日期|印发日期|哪天(印)?发",
}

# intents the analysis tells apart before these shapes
_KEEP = {"responsibility", "reverse"}


def shape_of(norm: str, intent: str = "figure") -> str | None:
    """The contract shape a normalised question has, None for one ``intent`` answers.

    Args:
        norm: the question, normalised (NFKC, Simplified, lower case).
        intent: what ``question.py`` made of it.
    """
    if intent in _KEEP:
        return None
    if intent in ("figure", "list", "fact") and LOCATE.search(norm) and not re.search(r"多少|负责|牵头", norm):
        return "locate"
    if OVERVIEW.search(norm) and not _NOT_OVERVIEW.search(norm):
        return "overview"
    if (YESNO_END.search(norm) or YESNO_ANY.search(norm)) and not re.search(WH, norm.replace("是否", "")):
        return "yesno"  # 还有效吗 too: the yes/no answerer puts 是/否 before the document fact
    if intent == "docfact":
        return "fact" if len(doc_fields(norm)) >= 2 else None
    if intent == "comparison" and not (re.search(r"分别|各", norm) or len(_ASK.findall(norm)) >= 2):
        return None  # 分别最高发多少 asks for each part, not for the highest
    if intent in ("figure", "aggregation", "comparison") and (PARTS.search(norm) and _QUANTITY.search(norm)
                                                 or len(_ASK.findall(norm)) >= 2 or AND_RATE.search(norm)):
        return "parts"
    if intent in ("figure", "list") and (WHO.search(norm) or TITLE_ASK.search(norm)):
        return "fact"  # 谁作的报告、哪天: the speaker first; 依据哪两个文件: titles, not a list
    if intent in ("figure", "list") and TIME.search(norm) and not _NOT_TIME.search(norm):
        return "time"
    if intent in ("figure", "list") and DEFINE.search(norm):
        return "list"
    if intent == "figure" and FACT.search(norm) and not _NOT_FACT.search(norm):
        return "fact"
    if intent == "figure" and LIST.search(norm) and not _NOT_LIST.search(norm):
        return "list"
    return None


def doc_fields(norm: str) -> list[str]:
    """The metadata fields (issuer, doc_number, date) a question asks for, in that order."""
    return [f for f, pat in DOC_FIELDS.items() if re.search(pat, norm)]


def refine(q: Question) -> Question:
    """``q`` with the intent of its shape, when its wording has one of ``SHAPES``."""
    intent = q.intent
    if intent == "docfact" and q.docfact == "title" and not re.search(r"文件|文档|方案|标题|全称|题目|通知|名称", q.norm):
        intent = "figure"  # 品牌叫什么 asks for a name in the text, not the document's title
    shape = shape_of(q.norm, intent)
    if shape is None:
        return q
    return replace(q, intent=shape)
