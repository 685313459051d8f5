"""Whether a passage denies what a yes/no question asks: a prohibition (不得, 严禁, 不予) that
governs the asked verb anywhere in its own phrase (“严禁将收费、罚没收入同部门利益…挂钩”), or a
plain 不/未 right before it (个人不缴费); and which of the question's words are the asked
predicate (after 能 / 可以 / 会 / 要), not a condition it states (没经过审核，能作出决定吗)."""

from __future__ import annotations

import re
from collections.abc import Sequence

# a prohibition or a denial of need: it governs its phrase up to the next comma
PROHIBIT = r"不得|不予|不准|不允许|不能|不可|严禁|禁止|不应|不宜|无需|无须|不需|不必|免予|免于|免征|免收|免缴|不再"
# a plain negation: it governs the word it stands before (不缴费, 未备案, 不予以补发)
NOT = r"(?:不|未|没有?|非|无)(?:予以?|得|再|能|可|应|会|要|需|必|用)?"
_PHRASE_END = re.compile(r"[，,；;。：:！!？?]")
# the question's A-not-A forms (能不能, 可不可以) ask, they do not negate
_ASKING = re.compile(r"能不能|可不可以|可以不可以|是不是|会不会|要不要|需不需要|需要不需要|用不用|允不允许|"
                     r"让不让|准不准|行不行|有没有|是否|可否|能否")
# the words before the asked predicate: 能 / 可以 / 会 / 要 / 需要 / 允许 (not 主要, 重要)
_MODAL = re.compile(r"能不能|可不可以|可以|能够|(?<![功可])能|会不会|(?<![机学社协])会|要不要|需不需要|需要|"
                    r"(?<![主重需只必])要|允许|是否|可否|能否")
_SPAN = 30  # how far before the verb a prohibition of its phrase is read


def negated(term: str, text: str) -> bool:
    """Whether some occurrence of ``term`` in ``text`` stands under a negation of its phrase."""
    for m in re.finditer(re.escape(term), text):
        phrase = _PHRASE_END.split(text[max(0, m.start() - _SPAN):m.start()])[-1]
        if re.search(PROHIBIT, phrase) or re.search(rf"(?:{NOT})$", phrase):
            return True
    return False


def asked_negated(term: str, question: str) -> bool:
    """Whether the question itself negates the term (可以不缴费吗), its A-not-A forms aside."""
    return negated(term, _ASKING.sub("，", question))


def predicate_terms(terms: Sequence[str], question: str) -> list[str]:
    """The terms written after the question's last modal word (the predicate it asks
    about); all terms when it has none or none follow it."""
    modal = list(_MODAL.finditer(question))
    if not modal:
        return list(terms)
    after = modal[-1].end()
    found = [t for t in terms if question.find(t, after) >= 0]
    return found or list(terms)


def denies(terms: Sequence[str], passage: str, question: str) -> bool:
    """Whether the passage denies what the question asks: one of its predicate terms is
    negated in the passage and not in the question, or the reverse (是不是禁止…吗 of a
    passage that allows it is answered by the allowing passage)."""
    asked = [t for t in predicate_terms(terms, question) if len(t) >= 2 and t in passage]
    return any(negated(t, passage) != asked_negated(t, question) for t in asked)
