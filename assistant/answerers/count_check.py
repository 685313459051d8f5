"""能登记两个名称吗 / 可以选4个病种吗 / 派一个人去可以吗: a count the question asks about,
decided by the bound the passage that holds what is asked sets on it (只能登记一个名称 → 否;
最多选择其中3个病种 for 两个 → 是; 不少于2人 for 一个人 → 否; 不受…数量限制 → 是)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.evidence import holds, ranked_sentences, say
from assistant.answerers.provisos import through_proviso
from assistant.counts import asked_count, count_words, verdict

if TYPE_CHECKING:
    from assistant.context import QueryContext

_READ = 12  # the best sentences read for a bound


def by_count(ctx: QueryContext, terms: list[str]) -> Answer | None:
    """The verdict on the asked count, or None when the question asks none or no passage
    holding what is asked bounds it."""
    asked = asked_count(ctx.question.norm)
    if asked is None:
        return None
    counted = count_words(ctx.question.norm)
    rest = [t for t in terms if not any(c in t for c in counted) and not re.fullmatch(r"[\d.]+", t)]
    if not rest:
        return None
    limit = ctx.config.score_yesno_unmatched_share
    for s in ranked_sentences(ctx, rest)[:_READ]:
        found = verdict(asked, s.norm)
        if found is None or not holds(ctx, s, rest, limit=limit):
            continue
        yes, _ = found
        s = through_proviso(s)
        text = f"{'是' if yes else '否'}，{s.where}：{s.text.rstrip('。；;')}。"
        return Answer(question=ctx.question.text, answer=say(ctx, text), found=True,
                      citations=(s.citation(),), type="yesno")
    return None
