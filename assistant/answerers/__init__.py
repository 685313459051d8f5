"""One answerer per shape of question, behind one small interface; ``registry`` lists
which answerers each intent tries, in order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from assistant.answer import Answer
    from assistant.context import QueryContext


class Answerer(Protocol):
    """Answers one shape of question from the evidence, or gives way (None) to the next."""

    name: str

    def answer(self, ctx: QueryContext) -> Answer | None: ...
