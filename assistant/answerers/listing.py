"""有哪些 / 哪几个 / 是哪四个 / 具体指啥: the definition written after a quoted name
(``definitions``), what fills several frames (``framed``), the sub-headings of a heading the
question names or its run-in headings (``runin``), what every one of a run of headings holds
(每个产业下都写了…), or the items enumerated inside one sentence (A、B、C等…; 一是…二是…
(``ordinals``); phrases framed alike, 参加X人数为N，参加Y人数为M) that best match the question,
in document order. A count the question gives (哪四个, 7大类) favours a list of that many
items; a quoted name no list writes is refused."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answerers.evidence import named_heading
from assistant.answerers.framed import framed
from assistant.compose import cite, in_script, strip_marker, subject_of
from assistant.definitions import definition
from assistant.figures import COUNTING, normalized
from assistant.groups import subjects_of
from assistant.match import coverage
from assistant.ordinals import ORDINAL, ordinals
from assistant.parallel import asked_frames, parallel_items
from assistant.refusal import refuse
from assistant.runin import (
    KIND_WORDS,
    asked_which,
    named_run_in,
    quoted_names,
    quotes_absent,
    run_in_answer,
)
from assistant.scoring import unmatched_text
from assistant.stated_list import (
    bare_items,
    before_count,
    counted_heading,
    counted_list,
    is_an_item,
    items_in,
    other_subject,
    stated_list,
)
from index.numerals import number_value
from index.records import Clause

if TYPE_CHECKING:
    from assistant.context import QueryContext

MAX_ITEMS = 12
# a heading that leads into its parts (情形包括：, 待遇类型分为以下三类)
_INTRODUCES = re.compile(r"(包括|如下|下列|以下|有)(?:[一二三四五六七八九十两\d]+[个项类种条大])?[：:]?$")


class ListAnswerer:
    name = "list"

    def answer(self, ctx: QueryContext) -> Answer | None:
        quoted = quoted_names(ctx.question.norm)
        if quotes_absent(ctx):  # “七个攻坚战” when the documents write “六个攻坚战”: a near miss
            return refuse(ctx, quoted, ctx.hits)
        found = _find(ctx)
        if found is not None and not _writes_quoted(ctx, found):
            found = None
        if found is None and quoted and asked_which(ctx.question.norm):
            # “六个严防”是哪六个 where no list of that name is written: no one phrase answers it
            return refuse(ctx, [f"{quoted[0]}具体所指"], ctx.hits)
        return found


def _writes_quoted(ctx: QueryContext, ans: Answer) -> bool:
    """The names the question quotes (“六个严防”) are written in the sentence the list is
    cited from (or its heading path, or its document's title): another list of the same
    part (“六个明显下降”) is no answer."""
    quoted = quoted_names(ctx.question.norm)
    if not quoted or not ans.citations:
        return True
    cit = ans.citations[0]
    clause = ctx.state.clause(cit.clause)
    doc = ctx.state.document(cit.doc_id)
    said = normalized(f"{doc.source.title or doc.source.label} {clause.path_text if clause else ''} {cit.quote}").lower()
    return all(x in said for x in quoted)


def _find(ctx: QueryContext) -> Answer | None:
    """The list the question asks for, by the first reading that finds one."""
    defined = definition(ctx)  # “210”一站式开办服务（一表申请、…）: the whole definition
    if defined is not None:
        return defined
    frames = asked_frames(ctx.question.norm)  # 以什么为主体、什么为方向: what fills each
    if frames:
        return framed(ctx, frames)
    every = _EVERY.search(ctx.question.norm)  # 每个产业下面都写了哪几方面: what each one holds
    shared = _shared_parts(ctx, every.group(1)) if every else None
    if shared is not None:
        return shared
    stated = stated_list(ctx, asked_count(ctx.question.norm)) or counted_list(ctx)  # 市场主体登记包括A、B和C: of the very subject
    if stated is not None:
        return stated
    terms = tuple(t for t in ctx.terms if not COUNTING.fullmatch(t) and not ORDINAL.fullmatch(t))
    if ORDINAL.search(ctx.question.norm):  # 一是…二是…分别讲了什么: those items first
        found = ordinals(ctx, terms)
        if found is not None:
            return found[1]
    intro = counted_heading(ctx)  # 待遇类型分为以下三类 for 待遇有哪几类: the heading counting its parts
    if intro is not None:
        return _sub_headings(ctx, intro)
    named = named_heading(ctx, terms)
    if named is not None and len(ctx.state.children(named)) >= 2 and _as_many(ctx, named):
        return _sub_headings(ctx, named)
    runin = named_run_in(ctx, terms)  # 基本原则: “坚持问题导向。…” paragraphs are its items
    if runin is not None:
        return run_in_answer(ctx, *runin)
    subjects = [c for c in subjects_of(ctx) if not other_subject(ctx, strip_marker(c.heading))]
    if len(subjects) == 1 and _INTRODUCES.search(strip_marker(subjects[0].heading)) \
            and len(ctx.state.children(subjects[0])) >= 2 and _holds_asked(ctx, terms, subjects[0]):
        return _sub_headings(ctx, subjects[0])  # 情形包括：（一）…（二）…: its parts are the items
    found = [x for x in (_enumeration(ctx, terms), ordinals(ctx, terms)) if x is not None]
    best = max(found, key=lambda x: x[0])[1] if found else None
    if best is None or best.extra.get("items") != asked_count(ctx.question.norm):
        counted = _counted_heading(ctx)
        if counted is not None:
            return _sub_headings(ctx, counted)  # 哪六个方面: the heading the search found with six parts
    if best is not None:
        return best
    alike = _parallel(ctx, terms)  # 参加…人数为N，参加…人数为M: the items of one frame
    if alike is not None:
        return alike
    if len(subjects) == 1 and len(ctx.state.children(subjects[0])) >= 2 and _holds_asked(ctx, terms, subjects[0]):
        return _sub_headings(ctx, subjects[0])
    led = _led_heading(ctx)  # 重点做好以下10个方面工作：（一）…（十）: the parts its lead counts
    return _sub_headings(ctx, led) if led is not None else None


# a heading's own text that leads into its parts: 重点做好以下10个方面工作：
_LEAD = re.compile(r"以下([一二三四五六七八九十两]+|\d+)个?([\u4e00-\u9fff]{1,6}?)[：:]")


def _led_heading(ctx: QueryContext) -> Clause | None:
    """A heading in scope whose own text leads into as many parts as it has (以下10个方面
    工作：) and names the kind of item asked (哪几个方面); of several, one under a heading of
    the year asked (今年: the document's own year), else the first; None when none does."""
    noun = asked_noun(ctx.question.norm)
    if not noun:
        return None
    state = ctx.state
    found: list[Clause] = []
    for d in ctx.scope or state.doc_ids:
        doc = state.document(d)
        for c in doc.clauses:
            kids = state.children(c)
            if len(kids) < 2:
                continue
            own = doc.clean[c.clean_span[0]:kids[0].clean_span[0]]
            m = _LEAD.search(own)
            if m and noun in m.group(2) and number_value(m.group(1)) == len(kids):
                found.append(c)
    if not found:
        return None
    years = ctx.question.years or tuple(state.document(c.doc_id).source.year for c in found
                                        if re.search(r"今年|本年|当年", ctx.question.norm))
    return next((c for c in found if any(str(y) in c.path_text for y in years if y)), found[0])


_EVERY = re.compile(r"(?:每个|每一个|各个|每项|每条)([\u4e00-\u9fff]{1,4}?)(?:下面|下边|之下|下|里面|里|中)?(?:都|分别|各)")


def _shared_parts(ctx: QueryContext, noun: str) -> Answer | None:
    """The sub-headings every one of a run of sibling headings holds (each industry's 发展目标,
    攻坚方向, 优选项目), when the siblings are what the question calls ``noun`` (产业): of
    the run whose members share the most, then the longest run."""
    state = ctx.state
    best: tuple[int, int, list[Clause]] | None = None
    for d in ctx.scope or ctx.question.docs:
        doc = state.document(d)
        for parent in doc.clauses:
            group = [k for k in state.children(parent) if noun in normalized(k.heading).lower() and state.children(k)]
            if len(group) < 2:
                continue
            shared = [k for k in state.children(group[0]) if all(
                any(normalized(strip_marker(k.heading)) == normalized(strip_marker(o.heading)) for o in state.children(g))
                for g in group[1:])]
            if len(shared) >= 2 and (best is None or (len(shared), len(group)) > best[:2]):
                best = (len(shared), len(group), shared)
    if best is None:
        return None
    kids = best[2]
    doc = state.document(kids[0].doc_id)
    items = "；".join(strip_marker(k.heading).rstrip("。，,；; ") for k in kids)
    text = f"{state.place(doc)}每个{noun}下都写了：{items}。"
    cits = tuple(cite(doc, k, k.clean_span[0], min(k.clean_span[1], k.clean_span[0] + 1)) for k in kids)
    return Answer(question=ctx.question.text, answer=in_script(text, ctx.question.script), found=True,
                  citations=cits, type="list", extra={"items": len(kids)})


def _holds_asked(ctx: QueryContext, terms: tuple[str, ...], clause: Clause) -> bool:
    """The heading (with its path and its document's title) holds what the question asks
    about: 情形包括 of 汇算清缴 answers 哪些情形需要汇算清缴, not 偶然所得包括哪几种."""
    doc = ctx.state.document(clause.doc_id)
    terms = tuple(t for t in terms if t not in KIND_WORDS) or terms  # 那部分, 哪几个方面
    return not unmatched_text(ctx, terms, normalized(f"{doc.source.title or doc.source.label} {clause.path_text}").lower())


def asked_count(norm: str) -> int | None:
    """How many items the question expects (哪四个, 四大平台, 7大类, 哪两改), if it says."""
    m = re.search(r"哪([一二三四五六七八九十两]+)|([一二三四五六七八九十两]+|\d+)(?:大|个|项|类|种|条)", norm)
    if not m:
        return None
    value = number_value(m.group(1) or m.group(2))
    return int(value) if value is not None else None


def asked_noun(norm: str) -> str | None:
    """The kind of item asked for (哪些服务 → 服务, 哪几类业务 → 业务), when the question names
    one of two characters or more: a phrase listing such items holds it (…等相关服务)."""
    m = re.search(r"(?:哪些|哪几[个项类种家条]?|什么样?的)([\u4e00-\u9fff]{2,6}?)(?:的|呢|啊|？|\?|$|[，,。])", norm)
    if m:
        return m.group(1)
    norm = re.sub(r"(?<=[一二三四五六七八九十两\d])[个项家类种条名]", " ", norm)  # 8个区域是哪些: 区域, not 个区域
    # 专业物流园区有哪些 / 骨干企业都包括哪些: the word just before the question names them
    m = re.search(r"([\u4e00-\u9fff]{2,4})(?:都|主要|具体|分别)?(?:有|包括|是)(?:哪些|哪几[个项类种家条]?)", norm)
    return m.group(1) if m and not re.search(r"[们这那些的要还都]", m.group(1)) else None


def _items_are(text: str, noun: str) -> float:
    """How far a phrase's items are things of the kind ``noun``: wholly when …等(相关)服务
    closes it, else the share of its items ending with it when two or more do (石油石化装备、
    轨道交通装备: all; 国家产业创新中心、…、新型研发机构: three of four); not a phrase that
    only mentions it (推动高端装备产业向高端化、智能化…)."""
    # …等相关服务 / …等8个区域 / A、B、C四类人才: the words closing the list name its items' kind
    # (not …等方面符合标准的青年人才, where 等 closes another list)
    if re.search(rf"(?:等|[一二三四五六七八九十两\d]+[个项类种家大条])(?:相关|各类|各项|重点|其他)?{re.escape(noun)}", text):
        return 1.0
    if "、" in text and re.search(rf"[^、]的(?:基本|主要|总体)?{re.escape(noun)}$", text):
        return 1.0  # 遵循实事求是、公正文明、程序合法的原则: the noun closing them names them
    items = text.split("、")
    ending = sum(noun in item[-len(noun) - 2:] for item in items)
    return ending / len(items) if ending >= 2 else 0.0


def _counted_heading(ctx: QueryContext, top: int = 3) -> Clause | None:
    """The heading that holds as many sub-headings as the question asks for (哪六个方面),
    nearest above one of the best ``top`` clauses the search found."""
    count = asked_count(ctx.question.norm)
    if not count or count < 2:
        return None
    for h in ctx.hits[:top]:
        c: Clause | None = h.clause
        while c is not None:
            kids = ctx.state.children(c)
            if len(kids) == count and all(k.heading for k in kids):
                return c
            c = ctx.state.clause(c.parent) if c.parent else None
    return None


def _as_many(ctx: QueryContext, clause: Clause) -> bool:
    """Whether the heading has as many parts as the question asks for (哪四个方面 of a heading
    with twelve sub-headings is no answer: a sentence naming the four is), or it asks no count."""
    count = asked_count(ctx.question.norm)
    return count is None or count == len(_parts(ctx, clause))


def _parts(ctx: QueryContext, clause: Clause) -> list[Clause]:
    """The parts a heading's list names: its sub-headings that have parts of their own, or
    all its sub-clauses when fewer than two do."""
    kids = [k for k in ctx.state.children(clause) if ctx.state.children(k)]
    return kids if len(kids) >= 2 else ctx.state.children(clause)


def _sub_headings(ctx: QueryContext, clause: Clause) -> Answer:
    q, state = ctx.question, ctx.state
    kids = _parts(ctx, clause)  # one sub-heading with parts of its own among plain items: the items
    doc = state.document(clause.doc_id)
    items = "；".join(strip_marker(k.heading).rstrip("。，,；; ") for k in kids[:MAX_ITEMS])
    text = f"{state.place(doc)}“{strip_marker(clause.heading).rstrip('。')}”包括：{items}。"
    cits = tuple(cite(doc, k, k.clean_span[0], min(k.clean_span[1], k.clean_span[0] + 1)) for k in kids[:MAX_ITEMS])
    return Answer(question=q.text, answer=in_script(text, q.script), found=True,
                  citations=cits, type="list")


def _enumeration(ctx: QueryContext, terms: tuple[str, ...]) -> tuple[float, Answer] | None:
    q, state, cfg = ctx.question, ctx.state, ctx.config
    count = asked_count(q.norm)
    best, best_score = None, 0.0
    titles: dict[str, str] = {}
    content: dict[str, list[str]] = {}
    noun = asked_noun(q.norm)
    quoted = quoted_names(q.norm)  # “三改一整”: the phrase's sentence or heading writes the name
    which = asked_which(q.norm)
    for view, en in ((w, en) for w in state.in_scope(ctx.scope) for en in w.enums):
        # words naming the document (its title) count as the enumeration's context
        doc_id = en.doc.source.doc_id
        title = titles.setdefault(doc_id, normalized(en.doc.source.title or en.doc.source.label).lower())
        if doc_id not in content:  # the items need not name the document (个税 of 个人所得税法…)
            kept = set(ctx.content_terms(doc_id, terms))
            content[doc_id] = [t for t in terms if t not in title and (t in kept or t in view.text)] or list(terms)
        own = content[doc_id]
        if quoted and (not all(x in f"{en.sentence} {en.path} {title}" for x in quoted)
                       or _names_other(en.sentence, quoted)):
            continue
        listed = len(before_count(en.text).split("、"))
        if which is not None and which not in (items_in(en.text), len(en.text.split("、")), listed):
            continue  # 哪六个: a phrase of two items is not the list asked
        if is_an_item(ctx, en.text) or _under_other_subject(ctx, en.clause):
            continue  # 综合所得包括哪些: …取得的综合所得、经营所得 lists it, not its parts
        # words its heading path holds count half for the phrase: the phrases under one heading
        # are told apart by the others (聚焦做强 of 聚焦做强石油石化装备、… under 巩固升级高端装备产业)
        # the sentence around the phrase says what its items are (对购买法律、审计、知识产权等
        # 相关服务的，给予“服务券”补贴: the services of 服务券)
        phrase = en.text
        if _DEFINES.match(phrase):  # 偶然所得，是指…: what it defines is the phrase's
            phrase = normalized(en.doc.clean[_defined_from(en.doc.clean, en.start, en.clause.clean_span[0]):en.end]).lower()
        said = coverage(own, phrase, state.weights)
        kind = _items_are(en.text, noun) if noun else 0.0
        if kind:  # items of the kind asked for (…等相关服务)
            said = (kind + said) / 2
        score = cfg.score_list_items * (said + coverage(own, en.sentence + " " + en.path, state.weights)) / 2 \
            + cfg.score_list_path * coverage(terms, title + " " + en.path, state.weights)
        if count is not None and count in (len(en.text.split("、")), listed):
            score += cfg.score_list_count
        if kind == 1.0:  # 哪几个中心: every item is one (加工制造中心、研发设计中心…), as a count asked
            score += cfg.score_list_count
        if score > best_score:
            best, best_score = en, score
    if best is None or best_score < cfg.score_min_list \
            or unmatched_text(ctx, terms, best.sentence + best.path + titles[best.doc.source.doc_id]):
        return None
    subject = subject_of(best.clause, state.clause)
    start = _defined_from(best.doc.clean, best.start, best.clause.clean_span[0])
    said = strip_marker(best.doc.clean[start:best.end])
    text = f"{state.place(best.doc)}{subject}：{said}。"
    bare = bare_items(said)  # 由A、B、C、D等4个方面的指标构成: the items first, as 哪几个 gets them
    if bare is not None:
        text = f"{'；'.join(bare)}。{text}"
    cit = cite(best.doc, best.clause, start, best.end)
    return best_score, Answer(question=q.text, answer=in_script(text, q.script), found=True,
                              citations=(cit,), type="list", extra={"items": items_in(best.text)})


def _under_other_subject(ctx: QueryContext, clause: Clause) -> bool:
    """The clause is an item of a list another subject's heading introduces (取得综合所得需要
    办理汇算清缴的情形包括：（一）…): its phrases are not the asked subject's list."""
    parent = ctx.state.clause(clause.parent) if clause.parent else None
    heading = strip_marker(parent.heading) if parent is not None else ""
    return bool(_INTRODUCES.search(heading)) and other_subject(ctx, heading)


_DEFINES = re.compile(r"(?:是指|指的是|即|主要包括|包括)")


def _defined_from(clean: str, start: int, floor: int) -> int:
    """Where a phrase that defines (是指个人得奖、中奖…) starts with what it defines: the
    phrase before its comma (偶然所得，是指…), within its clause."""
    if not _DEFINES.match(clean, start):
        return start
    at = start - 1
    while at > floor and clean[at - 1] not in "，,；;。！？\n：:":
        at -= 1
    return max(at, floor) if start - at <= 30 else start


def _names_other(sentence: str, quoted: list[str]) -> bool:
    """The sentence gives its items a name of its own (等“六个明显下降”), not the one asked
    (“六个严防”): they are that name's items."""
    own = quoted_names(sentence)
    return bool(own) and not any(x in own for x in quoted)


def _parallel(ctx: QueryContext, terms: tuple[str, ...]) -> Answer | None:
    """Items listed as phrases framed alike (参加X人数为N，参加Y人数为M…), the frame opening
    with a word of the question, in the paragraph of a sentence that holds enough of what is
    asked and one of the items."""
    from assistant.answerers.evidence import ranked_sentences

    q, state = ctx.question, ctx.state
    words = [t for t in terms if t in q.norm]
    for s in ranked_sentences(ctx, list(terms))[:8]:
        if coverage(list(terms), s.path + " " + s.norm, state.weights) < ctx.config.score_min_list:
            continue
        lo, hi = s.clause.clean_span
        text = s.doc.clean[lo:hi]
        spans = [(lo + a, lo + b) for a, b in parallel_items(text, words)]
        if not any(s.start <= a < s.end for a, _ in spans):
            continue
        items = tuple(s.doc.clean[a:b] for a, b in spans[:MAX_ITEMS])
        text = f"{s.where}：{'、'.join(items)}。"
        cit = cite(s.doc, s.clause, spans[0][0], spans[-1][1], highlight=items)
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=(cit,),
                      type="list", extra={"items": len(spans)})
    return None
