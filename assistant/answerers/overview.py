"""这个文件主要讲什么 / 有哪几部分 / 分几块: the title, issuer, date and top-level outline of
the document in scope; of a part the question names (攻坚措施分哪几块), its sub-headings."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer import Answer, Citation
from assistant.answerers.evidence import named_heading, say
from assistant.compose import cite
from assistant.docfacts import cite_raw
from assistant.figures import normalized
from assistant.groups import subjects_of
from assistant.match import coverage
from assistant.runin import KIND_WORDS, named_run_in, run_in_answer
from assistant.scoring import unmatched_text

if TYPE_CHECKING:
    from assistant.context import QueryContext
    from index.records import Clause, ParsedDocument

MAX_PARTS = 12
MAX_DOCS = 3
WHOLE = re.compile(r"文件|文档|方案|通知|意见|办法|条例|报告|公报|规划|计划|措施|这份|这个|全文|整体|概括|哪几章|几章|几条")
EVERY = re.compile(r"两份|两个文件|几份|所有|全部|库里|各个文件|这些文件")
# how the text sums something up (涨跌格局是怎样概括的, 如何描述): a phrase of it, not an outline
PHRASE_ASK = re.compile(r"(?:怎样|怎么|如何)(?:来)?(?:概括|描述|表述|形容|总结|提炼)|概括(?:为|成)(?:什么|啥)"
                        r"|(?:用|以)(?:什么|啥|哪)[\u4e00-\u9fff]{0,2}?(?:来)?(?:概括|描述|表述|形容)")
# words for the kind of summary asked, which the text may call otherwise (格局 for 态势)
_SAID_AS = re.compile(r"[\u4e00-\u9fff]{0,2}(?:格局|态势|局面|走势|趋势|特点|特征|形势)")
_GENERIC = re.compile(r"内容|主要|主要内容|全文|大意|要点|重点|精神|总体|整体|一下|简要")
# what a name stands for (金融“五篇大文章”指哪五篇), not the parts of a document or heading
STANDS_FOR = re.compile(r"(?<![指要])指(?:的是)?(?:哪|什么|啥)|是指|具体指|所指")


class OverviewAnswerer:
    name = "overview"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q, state = ctx.question, ctx.state
        if STANDS_FOR.search(q.norm):
            return None  # the list answerer reads the name's definition
        if PHRASE_ASK.search(q.norm) and _asked_of_subject(ctx):
            return _phrase(ctx)  # 八大类价格的涨跌格局怎样概括: the phrase the text uses, not the outline
        asked = tuple(t for t in ctx.terms if t not in KIND_WORDS)  # 重点任务分成哪六个方面: 重点任务
        part = None if _names_document(ctx) else named_heading(ctx, asked)
        if part is None:
            runin = named_run_in(ctx, ctx.terms)  # a part whose points are run-in paragraphs
            if runin is not None:
                return run_in_answer(ctx, *runin, kind="overview")
        if part is None and not _names_document(ctx):
            # a year names the time of a report's part (2026年主要工作), not the part asked
            undated = re.sub(r"(?:19|20)\d{2}\s*年?", " ", q.subject_text or q.norm)
            subjects = [c for c in subjects_of(ctx.but(question=replace(q, subject_text=undated)))
                        if c.level >= 1 and state.children(c)]
            part = subjects[0] if len(subjects) == 1 else None
        if part is not None:
            return _part(ctx, part)
        docs = asked_documents(ctx)
        if not docs:
            return None
        answers = [a for a in (_outline(ctx, state.document(d)) for d in docs) if a is not None]
        if not answers:
            return None
        if len(answers) == 1:
            return answers[0]
        return Answer(question=q.text, answer="".join(a.answer for a in answers), found=True,
                      citations=tuple(c for a in answers for c in a.citations), type="overview")


def _asked_of_subject(ctx: QueryContext) -> bool:
    """The question names, beside the document (its title's words), a thing of its own
    (居民消费价格 of 宜春…统计公报, 区域发展格局): it asks what the text says of it."""
    docs = asked_documents(ctx) or list(ctx.scope)
    titles = " ".join(normalized(_title(ctx.state.document(d))).lower() for d in docs)
    own = [t for t in ctx.terms if t not in titles and not _SAID_AS.fullmatch(t) and not WHOLE.fullmatch(t)
           and not _GENERIC.fullmatch(t)]
    return bool(own)


def _phrase(ctx: QueryContext) -> Answer | None:
    """The phrase the text sums the asked thing up in, read as a fact in words; the kind of
    summary the question names (格局, 态势) need not be the text's word for it."""
    from assistant.answerers.fact import FactAnswerer

    terms = tuple(t for t in ctx.terms if not _SAID_AS.fullmatch(t)) or ctx.terms
    return FactAnswerer().answer(ctx.but(terms=terms))


def _names_document(ctx: QueryContext) -> bool:
    """The question calls a document by its title (…若干意见主要讲什么): the whole outline."""
    if not ctx.terms or not ctx.hits:
        return False
    titles = [normalized(_title(ctx.state.document(d))).lower()
              for d in dict.fromkeys(h.clause.doc_id for h in ctx.hits[:10])]
    return any(sum(t in title for t in ctx.terms) * 2 > len(ctx.terms) for title in titles)


def asked_documents(ctx: QueryContext) -> list[str]:
    """The documents asked about: those named, the one in scope, every one (两份文件), or
    the document of the best hit."""
    q = ctx.question
    if len(q.docs) > 1 and ctx.terms and not EVERY.search(q.norm):
        # 广东 names two documents; the one whose title the question gives is meant
        cov = {d: coverage(list(ctx.terms), normalized(_title(ctx.state.document(d))).lower(), ctx.state.weights)
               for d in q.docs}
        top = max(cov.values())
        if top > 0 and sum(v == top for v in cov.values()) == 1:
            return [max(cov, key=cov.get)]
    if q.docs:
        return list(q.docs[:MAX_DOCS])
    if len(ctx.scope) == 1:
        return list(ctx.scope)
    if EVERY.search(q.norm) and len(ctx.state.doc_ids) <= MAX_DOCS:
        return list(ctx.state.doc_ids)
    if not ctx.hits or not ctx.terms:
        return []
    # a document the question does not name answers only when its title and parts hold
    # what the question calls it; the one whose title holds most of it
    best, best_cov = None, 0.0
    for d in dict.fromkeys(h.clause.doc_id for h in ctx.hits[:10]):
        doc = ctx.state.document(d)
        names = normalized(_title(doc) + " " + " ".join(c.heading for c in top_level(doc))).lower()
        cov = coverage(list(ctx.terms), normalized(_title(doc)).lower(), ctx.state.weights)
        if not unmatched_text(ctx, ctx.terms, names) and (best is None or cov > best_cov):
            best, best_cov = d, cov
    return [best] if best else []


def _title(doc: ParsedDocument) -> str:
    return doc.source.title or doc.source.label


def top_level(doc: ParsedDocument) -> list[Clause]:
    """The document's top-level headings, in order (its parts)."""
    return [c for c in doc.clauses if c.level == 1]


def _heading(c: Clause) -> str:
    """The heading as written (without its marker: 2025年工作回顾 keeps its year)."""
    return c.heading.strip().rstrip("。.；;")


def _outline(ctx: QueryContext, doc: ParsedDocument) -> Answer | None:
    src = doc.source
    parts = top_level(doc)[:MAX_PARTS]
    cits: list[Citation] = []
    meta = []
    for value in (src.issuer, src.doc_number, src.date):
        cit = cite_raw(doc, value) if value else None
        if cit is not None:
            meta.append(cit.highlight[0] if cit.highlight else value)  # as the line writes it
            cits.append(cit)
    if "报告" in (src.title or src.label):
        meta[:0] = [s.text.strip("—- ") for s in _speakers(doc)]
        cits[:0] = [s.citation() for s in _speakers(doc)]
    head = f"《{src.title or src.label}》" + (f"（{'，'.join(meta)}）" if meta else "")
    if not parts:
        return None
    outline = "；".join(_numbered(c) for c in parts)
    text = f"{head}共{_count(len(parts))}{_unit(ctx)}：{outline}。"
    cits += [cite(doc, c, c.clean_span[0], min(c.clean_span[1], c.clean_span[0] + 1)) for c in parts]
    return Answer(question=ctx.question.text, answer=say(ctx, text), found=True,
                  citations=tuple(cits), figures=tuple(meta), type="overview")


def _speakers(doc: ParsedDocument) -> list:
    """A report's lines that say who gave it (省长 X)."""
    from assistant.answerers.evidence import clause_sentences
    from assistant.answerers.fact import SPEAKER

    return [s for c in doc.clauses[:2] for s in clause_sentences(doc, c) if SPEAKER.search(s.norm)][:1]


def _numbered(c: Clause) -> str:
    """A part with its marker as written (附件1 and 2026年… kept apart)."""
    marker = c.marker.strip()
    if not marker:
        return _heading(c)
    return f"{marker} {_heading(c)}" if marker[-1].isalnum() else f"{marker}{_heading(c)}"


def _part(ctx: QueryContext, clause: Clause) -> Answer:
    """The sub-headings of the part the question names."""
    state = ctx.state
    doc = state.document(clause.doc_id)
    kids = state.children(clause)[:MAX_PARTS]
    items = "；".join(_heading(k) for k in kids)
    text = f"{state.place(doc)}“{_heading(clause)}”分{_count(len(kids))}{_unit(ctx)}：{items}。"
    cits = tuple(cite(doc, k, k.clean_span[0], min(k.clean_span[1], k.clean_span[0] + 1)) for k in kids)
    return Answer(question=ctx.question.text, answer=say(ctx, text), found=True, citations=cits,
                  type="overview")


def _unit(ctx: QueryContext) -> str:
    """What the question counts the parts in (几条, 几章, 哪几个方面), else 部分."""
    m = re.search(r"(?:几|多少)(?:大)?(条|项|章|节|块|类|个方面|方面)", ctx.question.norm)
    return m.group(1) if m else "部分"


def _count(n: int) -> str:
    """A count in words: it is ours, not the document's, so no digit is stated."""
    from assistant.compose import cn_count

    return "两" if n == 2 else cn_count(n)  # 两部分, 两条
