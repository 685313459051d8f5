"""是2019年底吗 / 是不是6月底前 / 是每个月联系一次吗: the time or the period the document
gives for what is asked (found as a time question finds it) compared with the one the
question states; 是 when they are the same as written (前 and 以前 alike, 年底 and 年末
alike, 每个月 and 每月 alike), else 否 with the document's."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.evidence import say

if TYPE_CHECKING:
    from assistant.context import QueryContext

_Y = r"(?:19|20)\d{2}"
# a deadline the question states and asks about (…的期限是2019年底吗, 是不是2020年6月底前完成)
_TIME = rf"(?:到|至|截至)?{_Y}年(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?(?:年?底|年?末|中旬|上旬|下旬)?(?:前|以前|之前)?"
_STATED = re.compile(rf"(?P<t>{_TIME})(?:完成|出台|到位|实现|截止|结束)?(?:吗|么|嘛|没有|对吗|对不对)")
_WHETHER = re.compile(rf"(?:是不是|是否|是)(?:在)?(?P<t>{_TIME})")


# a period the question states (是每个月联系一次吗, 每季度评估吗, 是两年(随访)一次吗)
_PERIOD = re.compile(r"每隔?(?:[一两二三四五六七八九十\d]+)?个?(?:季度?|月|周|星期|半年|年|天)|[一两二三四五六七八九十\d]+(?:个月|年|周|天)(?=[\u4e00-\u9fff]{0,4}?[一1]次)")


def stated_period(norm: str) -> str | None:
    """The period a yes/no question states and asks about, if it states nothing else with a
    number (每年最高补贴500万元吗 asks the amount, not how often)."""
    m = _PERIOD.search(norm)
    if m is None:
        return None
    rest = re.sub(r"[一1](?:次|回)", "", norm.replace(m.group(0), ""))
    return None if re.search(r"[\d二三四五六七八九十两百千万亿%]|多少|几", rest) else m.group(0)


def period_key(period: str) -> str:
    """A period as one form: 每个月 = 每月 = 每一个月, 每一保险年度 = 每年, 两年一次 = 每2年."""
    from index.figures import cn_value

    t = re.sub(r"^每隔", "每", period)
    m = re.fullmatch(r"(.+?)(个月|年|周|天)(?:[一1]次)?", t)
    if m and not t.startswith("每"):  # 两年一次, 两年(随访一次)
        t = f"每{m.group(1)}{m.group(2)}"
    t = re.sub(r"[一两二三四五六七八九十]+", lambda n: str(int(cn_value(n.group(0)) or 0)), t)
    t = re.sub(r"^每1?个?", "每", t).replace("个", "")
    t = re.sub(r"^每[\u4e00-\u9fff]{0,2}年度$", "每年", t)
    return re.sub(r"^每季$", "每季度", t).replace("星期", "周")


def stated_time(norm: str) -> str | None:
    """The deadline a yes/no question states and asks about, if it states one with a month
    or an end (底, 末, 前): a bare year is a scope (2019年出台了吗), not a deadline asked."""
    m = _STATED.search(norm) or _WHETHER.search(norm)
    if m is None or not re.search(r"月|底|末|前|旬", m.group("t")):
        return None
    return m.group("t")


def same_time(a: str, b: str) -> bool:
    """Whether two times are the same as written (到/至 and 前/以前/之前 aside; 年底 = 年末 = 底)."""
    def key(t: str) -> str:
        t = re.sub(r"^(?:到|至|截至|截止到?)|(?:前|以前|之前)$", "", t)
        return re.sub(r"年?(?:底|末)$", "年底", t).replace("年年底", "年底")
    return key(a) == key(b)


def by_time(ctx: QueryContext, stated: str) -> Answer | None:
    """The verdict on a stated deadline, or None when the document gives no time for it."""
    from assistant.answerers.time import TimeAnswerer

    q = ctx.question
    asked = replace(q, norm=q.norm.replace(stated, "什么时候"), intent="time", years=())
    terms = tuple(t for t in ctx.terms if not re.search(r"\d", t))
    found = TimeAnswerer().answer(ctx.but(question=asked, terms=terms))
    if found is None or not found.figures or (ctx.scope and found.citations[0].doc_id not in ctx.scope):
        return None
    said = found.figures[0]
    if not re.search(_Y, said):
        return None  # a length of time (有效期5年) is not the date asked about
    verdict = "是" if same_time(said, stated) else "否"
    return replace(found, question=q.text, answer=say(ctx, f"{verdict}，") + found.answer, type="yesno")


def by_period(ctx: QueryContext, stated: str) -> Answer | None:
    """The verdict on a stated period (是每个月联系一次吗), or None when the document gives
    no period for what is asked."""
    from assistant.answerers.time import TimeAnswerer

    q = ctx.question
    asked = replace(q, norm=q.norm.replace(stated, "每隔多久"), intent="time")
    found = TimeAnswerer().answer(ctx.but(question=asked))
    if found is None or not found.figures or (ctx.scope and found.citations[0].doc_id not in ctx.scope):
        return None
    verdict = "是" if period_key(found.figures[0]) == period_key(stated) else "否"
    return replace(found, question=q.text, answer=say(ctx, f"{verdict}，") + found.answer, type="yesno")
