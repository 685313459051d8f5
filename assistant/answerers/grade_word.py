"""几级信用 / 信用等级是几级, of a text that gives the grade in words (直接赋予最高信用等级): a
figure question about a grade that no numbered grade (3级) answered asks for the grade's
name, read as 什么信用等级 by the fact answerer."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answerers.fact import FactAnswerer

if TYPE_CHECKING:
    from assistant.answer import Answer
    from assistant.context import QueryContext

# 几级信用 (the grade before what it grades) and 信用等级是几级 / 什么级别 (after it)
_BEFORE = re.compile(r"(?:几|哪一?)级([\u4e00-\u9fff]{1,4}?)(?=[？?，,。！!]|呢|啊|吗|$)")
_AFTER = re.compile(r"(?<=等级|级别)(?:是|为|算)?(?:几级|哪一?级|什么级别|多少级)")


class GradeWordAnswerer(FactAnswerer):
    """A grade asked with 几级 that the text names in words (最高信用等级)."""

    name = "fact"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q = ctx.question
        after = _AFTER.search(q.norm)
        if after:  # 信用等级是几级 → 信用等级是什么
            norm, terms = q.norm[:after.start()] + "是什么" + q.norm[after.end():], ctx.terms
        else:
            m = _BEFORE.search(q.norm)
            if not m:
                return None
            graded = m.group(1)  # 几级信用 → 什么信用等级
            norm = q.norm[:m.start()] + f"什么{graded}等级" + q.norm[m.end():]
            terms = tuple(dict.fromkeys(f"{graded}等级" if t == graded else t for t in ctx.terms))
        return super().answer(ctx.but(question=replace(q, norm=norm), terms=terms))
