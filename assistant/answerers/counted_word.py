"""几级体系 / 几大平台 / 几类主体: a count written as a word (县乡村三级物流配送体系, 四大平台),
not as a figure with a unit. The sentence that holds the question's words and writes a
numeral with the counter asked, followed by the noun the question counts, answers with that
phrase, cited."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.evidence import holds, ranked_sentences, say

if TYPE_CHECKING:
    from assistant.context import QueryContext

# 几级体系为载体: the counter (级, 大, 类…) and the noun counted after it
_ASKED = re.compile(r"(?:几|多少)(?P<counter>[级大类种层档批])(?P<noun>[\u4e00-\u9fff]{1,8}?)(?=为|是|的|呢|吗|啊|[？?，,。]|$)")
_NUMERAL = r"(?:[一二三四五六七八九十两]+|\d+)"
_GAP = 10  # characters between the counted word and its noun (三级物流配送体系)
_READ = 20  # best-ranked sentences read


class CountedWordAnswerer:
    name = "figure"

    def answer(self, ctx: QueryContext) -> Answer | None:
        m = _ASKED.search(ctx.question.norm)
        if m is None:
            return None
        head = m.group("noun")[-2:]  # 体系 of 物流配送体系: its head names what is counted
        pattern = re.compile(rf"{_NUMERAL}{m.group('counter')}[^，,。；;、]{{0,{_GAP}}}?{re.escape(head)}")
        terms = list(ctx.terms)
        noun = [t for t in terms if t in m.group("noun")]  # 信用监管体系 is not 数据共享体系
        for s in ranked_sentences(ctx, terms)[:_READ]:
            found = pattern.search(s.text)
            if found is None or not holds(ctx, s, terms) or not all(t in s.norm for t in noun):
                continue
            phrase = found.group(0)
            text = f"{s.where}：{phrase}（{s.text.rstrip('。；;')}）。"
            return Answer(question=ctx.question.text, answer=say(ctx, text), found=True,
                          citations=(s.citation(highlight=(phrase,)),), type="figure",
                          figures=(re.match(rf"{_NUMERAL}{m.group('counter')}", phrase).group(0),))
        return None
