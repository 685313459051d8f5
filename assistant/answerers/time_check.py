"""是2019年底吗 / 是不是6月底前: the time the document gives for what is asked (found as a
time question finds it) compared with the time the question states; 是 when they are the
same as written (前 and 以前 alike, 年底 and 年末 alike), else 否 with the document's time."""

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
