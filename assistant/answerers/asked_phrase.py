"""The words of a sentence that a fact question's wording points at, beside its anchor:
the class it asks for written whole (要建啥预警机制 → …滞销预警机制), the words between
its verb and that class (直接给什么信用等级 → 最高信用等级), the place of 在哪儿设."""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"什么|啥|哪个|哪家|哪所|哪座|哪里|哪儿|哪位|哪|谁")
CUT = re.compile(r"[，,。；;：:！？!?（(]")
MAX_PHRASE = 40


def bare_left(left: str) -> str:
    """The question's words before its placeholder without the particle that ends them
    (对标的是 → 对标), a 为 ending a word kept (违法行为)."""
    from assistant.terms import everyday_word

    if left.endswith("为") and everyday_word(left[-2:]):
        return left
    return re.sub(r"(的是|是|的|要|了|为|从|在)$", "", left)


def asked_class(norm_q: str) -> str | None:
    """The class the question asks for, whole: its words after the placeholder up to a
    pause (啥下乡工程 → 下乡工程); None without a placeholder."""
    m = PLACEHOLDER.search(norm_q)
    if m is None:
        return None
    right = CUT.split(norm_q[m.end():], maxsplit=1)[0]
    return re.sub(r"^(的|个|是)+", "", re.sub(r"(呢|啊|吗|呀|的|是|为统领)+$", "", right))


def named_class(norm_q: str, sentence: str) -> str | None:
    """要建啥预警机制 → the sentence's words that name that class, from after the question's
    verb (建立…) or the pause before them: 贫困地区农产品滞销预警机制; None when the sentence
    does not write the class or says nothing before it."""
    m = PLACEHOLDER.search(norm_q)
    full = asked_class(norm_q) or ""
    if m is None or len(full) < 2 or m.group(0) not in ("什么", "啥"):
        return None
    i = sentence.find(full)
    if i <= 0:
        return None
    stretch = CUT.split(sentence[:i])[-1]
    verb = norm_q[:m.start()][-1:]
    # 有啥功能: the text has it as 具备/具有/拥有…
    at = max((stretch.rfind(v) + len(v) for v in HAVE), default=0) if verb == "有" else stretch.rfind(verb) + 1
    if at > 0:
        stretch = re.sub(r"^[立设造成起出入]", "", stretch[at:])
    phrase = stretch.strip("“”\"「」『』 ") + full
    return phrase if len(full) < len(phrase) <= MAX_PHRASE else None


HAVE = ("具备", "具有", "拥有", "有")


WHERE_ASK = re.compile(r"在(?:哪里|哪儿|哪个地方|哪)([\u4e00-\u9fff])")


def where_written(norm_q: str, sentence: str) -> str | None:
    """孵化园在哪儿设 → the place the sentence writes after 在 and before that verb
    (在有条件的贫困地区设立电商产业孵化园 → 有条件的贫困地区)."""
    m = WHERE_ASK.search(norm_q)
    if m is None:
        return None
    got = re.search(rf"在([^，,。；;：:“”]{{2,{MAX_PHRASE}}}?){re.escape(m.group(1))}", sentence)
    return got.group(1) if got else None


# verbs that hand over what is asked (直接给什么信用等级 → 直接赋予最高信用等级)
_GIVE = re.compile(r"^(?:给予|赋予|授予|确定为|定为|作为|给|予|为|是)")
GAP = 2  # characters between the question's word and its placeholder (直接|给|什么)


def before_class(norm_q: str, sentence: str, terms: tuple[str, ...]) -> str | None:
    """The words the sentence writes between the question's word just before its
    placeholder (直接) and the class asked for after it (信用等级), a verb of giving left
    out: 最高信用等级; None when the sentence has not both, in that order."""
    m = PLACEHOLDER.search(norm_q)
    if m is None or not terms:
        return None
    right = re.sub(r"(呢|啊|吗|呀|的|是)+$", "", CUT.split(norm_q[m.end():], maxsplit=1)[0])
    before = [t for t in terms if 0 <= m.start() - (norm_q.rfind(t, 0, m.start()) + len(t)) <= GAP
              and norm_q.rfind(t, 0, m.start()) >= 0]
    if len(right) < 2 or not before:
        return None
    word = before[-1]
    i = sentence.find(word)
    if i < 0:
        return None
    segment = CUT.split(sentence[i + len(word):], maxsplit=1)[0]
    j = segment.find(right)
    phrase = _GIVE.sub("", segment[:j + len(right)]) if j > 0 else ""
    return phrase if len(right) < len(phrase) <= MAX_PHRASE else None
