"""市场主体登记包括哪几种 / 经营范围分哪两类: the list one sentence states of the very subject
asked (市场主体登记包括设立登记、变更登记和注销登记), its items written after the verb. A
list of a longer, different subject (市场主体的一般登记事项包括：…) is no answer to it."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, in_script
from assistant.match import coverage
from assistant.terms import everyday_word
from index.clean import normalize

if TYPE_CHECKING:
    from assistant.context import QueryContext
    from index.records import Clause, ParsedDocument

# the question: its subject, then the verb that asks for the list (都包括哪几种, 分哪两类)
ASKED = re.compile(r"^(?P<subject>.+?)(?:都|主要|具体|一共|又|分别)?(?:所?指的)?(?:包括|包含|分为|分成|划分为|划分成|划成|分|有|是|指)"
                   r"(?:哪|什么|啥|几)")
# the sentence: the subject written, the verb, then the items up to the sentence's end
VERB = r"(?:主要|一般|具体)?(?:包括|包含|分为|分成|划分为|划分成|有)(?![：:])"
DIVIDE = r"(?:主要|一般|具体)?(?:分为|分成|划分为|划分成)(?![：:])"
ITEM_SPLIT = re.compile(r"、|以及|和|及|与|或者|或")
COUNTED = re.compile(r"[一二三四五六七八九十两\d]+[大个项类种条家]")  # 四大平台: a counted group
_BY = re.compile(r"^(?:根据|按照|依据|按)")
BY_WHAT = r"(?:[，,]?(?:根据|按照|依据|按)[^，,；;。：:]{1,10}?)?"  # 对象，根据困难类型分为…
MIN_SUBJECT = 4  # characters of a subject that can name a list alone (市场主体登记)
MAX_ITEMS_TEXT = 120


def asked_subject(norm_q: str) -> str | None:
    """The subject a list question asks about (市场主体登记 of 市场主体登记包括哪几种)."""
    m = ASKED.search(re.sub(r"^[\s“”\"]+", "", norm_q))
    # 数字文旅一是二是三是分别是什么: the subject is 数字文旅, its items asked by their ordinals
    return re.sub(r"(?:[一二三四五六七八九十]是)+$", "", m.group("subject")).strip("，, 的") or None if m else None


def _cores(subject: str, words: list[str]) -> list[str]:
    """The subject without its first words, one by one (words naming the place or the
    document: 广州市场主体登记 → 市场主体登记), longest first, down to ``MIN_SUBJECT``."""
    out, at = [], 0
    for w in words:
        if len(subject) - at < MIN_SUBJECT:
            break
        out.append(subject[at:])
        i = subject.find(w, at)
        at = i + len(w) if i >= 0 else at + len(w)
    return out


def stated_list(ctx: QueryContext, count: int | None = None) -> Answer | None:
    """The sentence that states the asked subject's items (``count`` of them when the
    question says how many), from the best-ranked document that writes one; None when no
    sentence states a list of that subject itself."""
    q, state = ctx.question, ctx.state
    subject = asked_subject(q.norm)
    if not subject:
        return None
    cores = _cores(subject, state.tokenize(subject))
    ranked = list(dict.fromkeys([h.clause.doc_id for h in ctx.hits] + list(ctx.scope or q.docs or state.doc_ids)))
    # 分几类 asks a division: a sentence dividing the subject (分为A和B) before one listing it (包括…)
    verbs = [DIVIDE, VERB] if re.search(r"(?:分|划分|分成|划成|分为)(?:哪|几)", q.norm) else [VERB]
    for core, verb in ((c, v) for v in verbs for c in cores):
        # 市场主体登记包括A、B和C, or “A、B、C”三大核心定位 (the items quoted, the subject after)
        # (after words of the question's own: 粮食应急状态分为… for 应急预案把应急状态分为哪几级)
        pattern = re.compile(rf"(?P<lead>[^，,；;。：:\s的]*){re.escape(core)}{BY_WHAT}{verb}(?P<items>[^，,；;。！？\n]{{4,{MAX_ITEMS_TEXT}}})"
                             rf"|“(?P<quoted>[^“”]{{4,{MAX_ITEMS_TEXT}}})”(?:[一二三四五六七八九十两\d]+[大个项类])?{re.escape(core)}")
        for d in ranked:
            if ctx.scope and d not in ctx.scope:
                continue
            found = _in_document(ctx, state.document(d), pattern, count)
            if found is not None:
                return found
    return None


def _in_document(ctx: QueryContext, doc: ParsedDocument, pattern: re.Pattern[str],
                 count: int | None) -> Answer | None:
    q, state = ctx.question, ctx.state
    for clause in doc.clauses:
        lo, hi = clause.clean_span
        text = doc.clean[lo:hi]
        norm = normalize(text).lower()
        if len(norm) != len(text):  # Ⅱ → II: char by char, so that offsets stay the clause's
            norm = "".join((normalize(ch).lower() or ch)[0] for ch in text)
        for m in pattern.finditer(norm):
            if m.group("items") and re.search(r"有$", norm[:m.start("items")]) and everyday_word("有" + m.group("items")[0]):
                continue  # 有关部门和单位: 有关 is a word, no list follows
            lead = _BY.sub("", m.group("lead") or "")  # 根据困难类型分为…: by what, not a longer subject
            if m.group("items") and not set(lead) <= set(q.norm):
                continue  # 市场主体的一般登记事项 is not 市场主体登记事项: a longer subject
            written = m.group("items") or m.group("quoted")
            if re.match(r"(?:以下|如下|下列)", written):
                continue  # 分为以下三类：（一）…: the items are the parts that follow, not this phrase
            items = [x for x in ITEM_SPLIT.split(written.rstrip("等")) if x.strip()]
            if len(items) < 2 or (count is not None and len(items) != count):
                continue
            start = lo + m.start()
            end = lo + m.end()
            said = doc.clean[start:end].strip()
            text_out = f"{state.place(doc)}：{said}。"
            cit = cite(doc, clause, start, end, highlight=(said,))
            return Answer(question=q.text, answer=in_script(text_out, q.script), found=True,
                          citations=(cit,), type="list", extra={"items": len(items)})
    return None


# X方面4项：A；B；C；D。 — a count and a colon; its subject is written before, its items after
_COUNT_COLON = re.compile(r"(?P<n>[一二三四五六七八九十]|\d{1,2})[项条个类种][：:]")
_NUMERALS = "一二三四五六七八九十"
_SUBJECT_MAX = 40
_SUBJECT_SHARE = 0.5  # of the question's words (IDF-weighted) the counted subject must hold


def counted_list(ctx: QueryContext) -> Answer | None:
    """The items a sentence counts and then lists, one per ；(科技成果转化激励方面4项：A；B；C；D。),
    of the subject the question names (its rarest word, and most of the others); None when
    no such sentence in scope names it."""
    q, state = ctx.question, ctx.state
    terms = [t for t in ctx.content_terms(None) if len(t) >= 2]
    if not terms:
        return None
    for d in ctx.scope or state.doc_ids:
        doc, text = state.document(d), state.view(d).text
        used = [t for t in terms if t in text]
        if not used:
            continue
        rarest = max(used, key=state.weights.idf)
        for at, end, count in _counted_spots(doc.clean):
            lead = doc.clean[max(0, at - _SUBJECT_MAX):at]
            start = at - len(re.split(r"[。；;：:\n]", lead)[-1])
            subject = normalize(doc.clean[start:at]).lower()
            if rarest not in subject or coverage(used, subject, state.weights) < _SUBJECT_SHARE:
                continue  # the rarest word asked, and most of the others, name the subject
            clause = next((c for c in doc.clauses if c.clean_span[0] <= start < c.clean_span[1]), None)
            if clause is None or end > clause.clean_span[1]:
                continue
            said = doc.clean[start:end].strip()
            cit = cite(doc, clause, start, end, highlight=(said,))
            return Answer(question=q.text, answer=in_script(f"{state.place(doc)}：{said}。", q.script), found=True,
                          citations=(cit,), type="list", extra={"items": count})
    return None


@lru_cache(maxsize=256)
def _counted_spots(clean: str) -> tuple[tuple[int, int, int], ...]:
    """Where a text counts and then lists as many items, one per ；: (the count's start, the
    sentence's end, the count), read once per document text."""
    out = []
    for m in _COUNT_COLON.finditer(clean):
        n = m.group("n")
        count = int(n) if n.isdigit() else _NUMERALS.index(n) + 1
        end = clean.find("。", m.end())
        end = len(clean) if end < 0 else end
        if len([x for x in re.split(r"[；;]", clean[m.end():end]) if x.strip()]) == count:
            out.append((m.start(), end, count))
    return tuple(out)


_HEADS = re.compile(r"^(?P<subject>.*?)(?:主要|一般|具体)?(?:包括|包含|分为|分成|划分为|有|如下)")
OTHER_WORDS = 2  # words of a heading's subject the question lacks that make it another subject


def other_subject(ctx: QueryContext, heading: str) -> bool:
    """A heading that introduces a list (取得综合所得需要办理汇算清缴的情形包括：) is of
    another subject than the one asked (综合所得包括哪些): its subject holds
    ``OTHER_WORDS`` words or more that the question does not."""
    asked = asked_subject(ctx.question.norm)
    m = _HEADS.search(normalize(heading).lower())
    if not asked or m is None or not m.group("subject"):
        return False
    extra = [w for w in ctx.state.tokenize(m.group("subject")) if len(w) >= 2 and w not in ctx.question.norm]
    return len(extra) >= OTHER_WORDS


def asked_core(ctx: QueryContext) -> str | None:
    """The shortest tail of the asked subject that can name it alone (综合所得 of
    个人所得税的综合所得), None when the question asks no subject's list or it is too short."""
    asked = asked_subject(ctx.question.norm)
    if not asked:
        return None
    core = (_cores(asked, ctx.state.tokenize(asked))[-1:] or [asked])[0]
    return core if len(core) >= MIN_SUBJECT else None


def is_an_item(ctx: QueryContext, phrase: str) -> bool:
    """The subject asked is one of the phrase's items (…取得的综合所得、经营所得 for 综合所得
    包括哪些): the phrase lists it with others, not what it holds. Its last item may end with
    the subject's name (A、B、C“四统一”要求, …四大平台): that names what the items are."""
    core = asked_core(ctx)
    if not core or COUNTED.match(core):
        return False
    return any(x.strip().endswith(core) for x in ITEM_SPLIT.split(phrase)[:-1])


# the words a phrase leads into its items with (指标体系由A、B…, 遵循A、B…)
_LEAD_IN = re.compile(r"由|包括|包含|遵循|按照|涵盖|聚焦|围绕|分为|是指|主要有")
# what closes the last item (…D等4个方面的指标构成, …C的原则)
_CLOSE = re.compile(r"等|的(?:基本|主要|总体)?[\u4e00-\u9fff]{1,4}$")
SLACK = 1  # characters an end item may exceed the longest middle one by


def bare_items(phrase: str) -> list[str] | None:
    """The items of a phrase that leads into them and closes them (三级公立医院…指标体系由
    医疗质量、运营效率、持续发展、满意度评价等4个方面的指标构成 → the four), None unless a
    lead-in word was cut off and both ends are about as long as the middle items."""
    pieces = phrase.rstrip("。；;，, ").split("、")
    if len(pieces) < 3:
        return None
    lead = _LEAD_IN.search(pieces[0])
    close = _CLOSE.search(pieces[-1])
    first = pieces[0][lead.end():].lstrip("：: ") if lead else pieces[0]
    last = pieces[-1][:close.start()] if close else pieces[-1]
    longest = max(len(p) for p in pieces[1:-1])
    ends = [x for x in re.split(r"以及|和", last) if x]  # …纺织鞋服和节能环保: two items (汽车及零部件: one)
    ends = ends if all(len(x) <= longest for x in ends) else [last]
    # the first item must have been cut from its lead-in (紧盯开工率 is not one); each end as
    # long as the middle ones, give or take (聚焦做强石油石化装备 → 做强石油石化装备 is too long)
    if not lead or not first or not last or len(first) > longest + SLACK \
            or max(map(len, ends)) > longest + (SLACK if close else 0):
        return None
    return [first, *pieces[1:-1], *ends]


# 哪几类 / 分哪三种 / 有哪几个方面: the counter the question counts its items with
_COUNTER = re.compile(r"(?:哪|几)(?:[一二三四五六七八九十两几]+|\d+)?(类|种|项|个方面|方面|级|档)")
_NUM = r"(?:[一二三四五六七八九十两]+|\d+)"
# counters a heading may count the same parts with (哪几种 of 分为以下三类)
_SAME_COUNTER = {"类": "[类种]", "种": "[类种]", "方面": "个?方面", "个方面": "个?方面", "级": "[级档]", "档": "[级档]"}


def counted_heading(ctx: QueryContext) -> Clause | None:
    """The first heading in scope that leads into as many parts as it counts with the
    question's counter (长护险待遇类型分为以下三类 for 长护险待遇有哪几类, not 享受长护险待遇的
    人员应符合以下条件) and names every word of the question (a document's name aside)."""
    from assistant.scoring import unmatched_text
    from index.numerals import number_value

    m = _COUNTER.search(ctx.question.norm)
    if m is None:
        return None
    counter = _SAME_COUNTER.get(m.group(1), m.group(1))
    counted = re.compile(rf"(?:分为|分成|包括|有)(?:以下|如下|下列)?({_NUM}){counter}[：:]?$")
    terms = [t for t in ctx.terms if not _COUNTER.search(t)]
    state = ctx.state
    for d in ctx.scope or ctx.question.docs:
        for c in state.document(d).clauses:
            got = counted.search(normalize(c.heading).strip())
            kids = state.children(c) if got else []
            if len(kids) >= 2 and number_value(got.group(1)) == len(kids) \
                    and not unmatched_text(ctx, terms, normalize(c.path_text).lower(), doc_id=d):
                return c
    return None


def before_count(text: str) -> str:
    """A phrase's items up to the count that closes them (A、B…、H等8个区域和有关省市: A…H)."""
    m = re.search(r"等[一二三四五六七八九十两\d]+[个项类种家大条]", text)
    return text[:m.start()] if m else text


def items_in(text: str) -> int:
    """How many items a phrase enumerates (A、B和C: three)."""
    pieces = text.split("、")
    return len(pieces) + (1 if len(pieces) > 1 and re.search(r"和|及|与", pieces[-1]) else 0)
