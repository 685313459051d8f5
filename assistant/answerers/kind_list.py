"""哪几项原则 of a question the analysis read as a unit's tasks (it names 国家医保局, in the
document's name): the items of the kind asked, when the unit's tasks gave no answer."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answerers.listing import ListAnswerer, asked_noun

if TYPE_CHECKING:
    from assistant.answer import Answer
    from assistant.context import QueryContext

# what a unit's work is called (审批局负责哪几项任务): a reverse look-up, not a list of a kind
_WORK_NOUN = re.compile(r"任务|措施|工作|事项|职责|项目|方面|条|项")


class KindList(ListAnswerer):
    """A question the analysis read as a unit's tasks because it names a unit (国家医保局 of
    the document's name) but that asks for items of a kind that is no work (飞行检查要遵循
    哪几项原则): their list, when the unit's tasks gave no answer."""

    def answer(self, ctx: QueryContext) -> Answer | None:
        noun = asked_noun(ctx.question.norm)
        if not noun or _WORK_NOUN.search(noun):
            return None
        found = super().answer(ctx)
        return found if found is not None and found.found else None
