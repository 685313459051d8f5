"""Whether a passage denies what a yes/no question asks: a prohibition (不得, 严禁, 不予) that
governs the asked verb anywhere in its own phrase (“严禁将收费、罚没收入同部门利益…挂钩”), or a
plain 不/未 right before it (个人不缴费); and which of the question's words are the asked
predicate (after 能 / 可以 / 会 / 要), not a condition it states (没经过审核，能作出决定吗); and
the asked verb's family (给报 / 报销 / 支付 / 纳入 / 享受 are one action), so that 统筹基金不予支付
denies 给报吗 and 不予批准 denies 会给批吗."""

from __future__ import annotations

import re
from collections.abc import Sequence

# a prohibition or a denial of need: it governs its phrase up to the next comma
PROHIBIT = r"不得|不予|不准|不允许|不能|不可|严禁|禁止|不应|不宜|无需|无须|不需|不必|可不|可以不|免予|免于|免征|免收|免缴|不再"  # 可不办理: need not
# a plain negation: it governs the word it stands before (不缴费, 未备案, 不予以补发)
NOT = r"(?:不|未|没有?|非|无)(?:予以?|得|再|能|可|应|会|要|需|必|用|受|适用|属于)?"  # 不受选点限制, 不适用简易注销
# a word that takes away what its phrase names: 淡化学历、论文 denies 看重学历吗, 取消X denies 要X吗
WEAKEN = r"淡化|弱化|破除|摒弃|取消|免除"
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
    return any(_negated_at(text, m.start()) for m in re.finditer(re.escape(term), text))


def _negated_at(text: str, start: int) -> bool:
    """Whether the word at ``start`` stands under a negation of its phrase."""
    phrase = _phrase_before(text, start)
    return bool(re.search(PROHIBIT, phrase) or re.search(WEAKEN, phrase) or re.search(rf"(?:{NOT})$", phrase))


def _phrase_before(text: str, start: int) -> str:
    """The words of the phrase before ``start`` (at most ``_SPAN``, back to a punctuation mark)."""
    return _PHRASE_END.split(text[max(0, start - _SPAN):start])[-1]


def in_asking_form(term: str, question: str) -> bool:
    """Whether every occurrence of ``term`` in the question lies inside one of its A-not-A
    forms (不能 of 能不能, 不要 of 要不要): a word of the asking, not of what is asked."""
    spans = [m.span() for m in _ASKING.finditer(question)]
    at = [m.start() for m in re.finditer(re.escape(term), question)]
    return bool(at) and all(any(a <= i and i + len(term) <= b for a, b in spans) for i in at)


def asked_negated(term: str, question: str) -> bool:
    """Whether the question itself negates the term (可以不缴费吗), its A-not-A forms aside."""
    return negated(term, _ASKING.sub("，", question))


def predicate_terms(terms: Sequence[str], question: str) -> list[str]:
    """The terms written after the first modal word of the question's last clause (the
    predicate it asks about: 能要求申请人重复提供平台能拿到的信息吗 asks 要求…, not 拿到); all
    terms when it has none or none follow it."""
    clause = max(question.rfind("，"), question.rfind(","), 0)
    modal = list(_MODAL.finditer(question, clause)) or list(_MODAL.finditer(question))
    if not modal:
        return list(terms)
    after = modal[0].end() if modal[0].start() >= clause else modal[-1].end()
    found = [t for t in terms if question.find(t, after) >= 0]
    return found or list(terms)


def denies(terms: Sequence[str], passage: str, question: str) -> bool:
    """Whether the passage denies what the question asks: one of its predicate terms is
    negated in the passage and not in the question, or the reverse (是不是禁止…吗 of a
    passage that allows it is answered by the allowing passage); or, when none of them is
    written there, the passage negates a verb of the asked verb's family (给报吗 of
    统筹基金不予支付)."""
    asked = [t for t in predicate_terms(terms, question) if len(t) >= 2 and t in passage]
    return any(negated(t, passage) != asked_negated(t, question) for t in asked) or denies_action(passage, question)


def excluded(terms: Sequence[str], passage: str, question: str) -> bool:
    """Whether the passage names one of the question's words only as an exception to its rule
    (对算力使用方（自建自用除外）给予支持 for 自建自用的能拿吗; 除X外, 不包括X), and the question
    does not itself ask about the exception."""
    if _EXCEPTION_ASKED.search(question):
        return False
    for t in terms:
        if len(t) < 2 or t not in passage:
            continue
        at = [m.start() for m in re.finditer(re.escape(t), passage)]
        if at and all(_in_exception(passage, i, len(t)) for i in at):
            return True
    return False


def _in_exception(text: str, start: int, size: int) -> bool:
    """Whether the word at ``start`` stands inside an exception: a bracket or a phrase that
    ends in 除外 (…的除外), after 除 and before 外, or after 不包括 / 不含 in its phrase."""
    before = _phrase_before(text, start)
    after = _PHRASE_END.split(text[start + size:start + size + _SPAN])[0]
    bracket = before.rfind("（") > before.rfind("）") or before.rfind("(") > before.rfind(")")
    if re.match(r"[^（）()]*?(?:的|者)?除外", after) and (bracket or not before.strip()):
        return True
    return bool(re.search(r"除(?!外)[^除]*$", before) and re.match(r"[^（）()]*?(?:以)?外", after)) \
        or bool(re.search(r"不包括|不含|不包含", before))


_EXCEPTION_ASKED = re.compile(r"除外|除了|不包括|不含|例外")


def sooner(passage: str, question: str) -> bool:
    """Whether the question asks if something waits for X (是等检测完才放行吗) and the passage
    does it at once after something else (在抽样后即放行): the wait is denied."""
    q = _WAITS.search(question)
    if q is None:
        return False
    p = re.search(rf"([^，,。；;]{{0,12}}?)(?:即可|即|就|立即|马上|随即)(?:予以)?{re.escape(q.group('verb'))}", passage)
    return p is not None and q.group("first") not in p.group(1)


_FREE = re.compile(r"免费|[0０零]费用|零收费|不收费|免收|免予收取|不收取")
_WAITS = re.compile(r"(?:等|待|要先|先)(?P<first>[\u4e00-\u9fff]{1,6}?)(?:完|好|结束|以后|之后|后)(?:才|再)(?:能|可以|会)?"
                    r"(?P<verb>[\u4e00-\u9fff]{2})")


def denies_action(passage: str, question: str) -> bool:
    """Whether the passage negates a verb of the family of the one the question asks
    (统筹基金不予支付 for 给报吗, 不予批准 for 会给批吗) and grants none of them."""
    family = action_family(question)
    written = [v for v in family if len(v) >= 2 and v in passage]
    if any(_granted(v, passage) for v in written):
        return False  # 不予支付 and elsewhere 予以报销: a passage that also grants the action does not deny it
    if "收费" in family and _FREE.search(passage):
        return True  # 收费吗 of 全流程0费用 / 免费开放: nothing is charged
    return any(negated(v, passage) for v in written)


def _granted(term: str, text: str) -> bool:
    """Whether some occurrence of ``term`` in ``text`` stands under no negation."""
    return any(not _negated_at(text, m.start()) for m in re.finditer(re.escape(term), text))


# verbs that name one action: a question asks with one (给报, 能换), a rule writes another (不予支付,
# 不得变更); a one-character verb counts in a question only where it is asked (报吗, 批不批, 给报)
FAMILIES: tuple[tuple[str, ...], ...] = (
    ("报销", "给报", "报", "支付", "给付", "赔付", "补贴", "补助", "补", "纳入", "享受", "结算", "列支"),
    ("批准", "审批", "批", "同意", "受理", "准予", "核准", "获批", "获准"),
    ("变更", "更换", "换", "调整", "修改", "改动", "改"),
    ("登记", "注册"),
    ("收取", "收费", "收钱", "交钱", "付费", "花钱", "收", "缴纳", "缴费", "交"),
)
_ASKED_AT = r"(?=吗|么|嘛|呢|不|没|[？?。，,\s]|$)"


def action_family(question: str) -> tuple[str, ...]:
    """The verbs of the family of the verb the question asks about (after its modal word
    when it has one), () when it asks none of them."""
    modal = list(_MODAL.finditer(question))
    text = _ASKING.sub("，", question[modal[-1].start():] if modal else question)
    text = re.sub(r"([\u4e00-\u9fff])不\1", r"\1", text)  # 报不报, 给不给报: asked, not negated
    lead = _LEAD.sub("", text)  # 要不要自己交长护险费: the predicate's first word is its verb
    found: list[tuple[int, tuple[str, ...]]] = []  # 能否获批护理补助: the first verb asked is the action
    for family in FAMILIES:
        for verb in family:
            m = re.search(re.escape(verb) + (_ASKED_AT if len(verb) == 1 else ""), text)
            at = m.start() if m else (len(text) - len(lead) if len(verb) == 1 and lead.startswith(verb) else -1)
            if at >= 0 and not negated(verb, text):
                found.append((at, family))
    return min(found, key=lambda f: f[0])[1] if found else ()


def family_of(term: str) -> tuple[str, ...]:
    """The verbs of the family ``term`` is one of (缴纳: 缴费, 收费…), () when it is none."""
    return next((f for f in FAMILIES if term in f), ())


# what stands before a predicate's verb and is not it (还要自己交吗, 需要另外付吗)
_LEAD = re.compile(r"^[，,\s]*(?:自己|个人|本人|还|再|先|都|也|就|直接|另外|额外|单独|亲自|去)*")
