"""What the answering stage reads of one document: its figures, duty lists and enumerations
in normalised form, and the words that name its headings."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from assistant.compose import segment_bounds, sentence_bounds, strip_marker
from assistant.figures import (
    LABEL_MEASURES,
    FigureView,
    counted_item,
    is_label,
    kind_words,
    normalized,
    respective_of,
)
from assistant.match import STOP, Phrases
from index.clean import normalize
from index.numerals import years_in_digits
from index.records import Clause, Figure, ParsedDocument, Responsibility

ClauseOf = Callable[[str], "Clause | None"]


@dataclass(frozen=True)
class DutyView:
    """A responsibility list with its document and clause, normalised for matching."""

    duty: Responsibility
    doc: ParsedDocument
    clause: Clause
    head: str  # normalised task + heading path
    body: str  # normalised clause text
    units: tuple[str, ...]  # normalised unit names
    closes: tuple[int, int] | None = None  # clean span of the sentences the list closes, when not its measure's heading


@dataclass(frozen=True)
class Enumeration:
    """A phrase that lists items (A、B、C…) in one clause."""

    clause: Clause
    doc: ParsedDocument
    start: int  # clean-text span of the phrase
    end: int
    text: str  # the phrase, normalised
    path: str  # the clause's heading path, normalised
    sentence: str = ""  # the sentence holding the phrase, normalised: what the items are of


@dataclass(frozen=True)
class DocView:
    figs: list[FigureView]
    duties: list[DutyView]
    enums: list[Enumeration]
    text: str  # normalised full text


def doc_view(doc: ParsedDocument, clause_of: ClauseOf) -> DocView:
    """The view of one document; ``clause_of`` looks a clause up by id."""
    return DocView(
        figs=[f for f in (figure_view(f, doc, clause_of) for f in doc.figures) if f is not None],
        duties=[duty_view(d, doc, clause_of) for d in doc.duties],
        enums=enumerations(doc),
        text=normalize(doc.clean).lower(),
    )


# the whole a share is of (十强产业增加值占GDP比重达到53%…): a base, not what the sentence measures
_SHARE_BASE = re.compile(r"(?<=占)[^，,；;。占]{1,12}?(?=的?比重)")


def _base_dropped(text: str, seg: str) -> str:
    """``text`` without the whole a share in it is of, for a figure that is no such share:
    the 7% of …占GDP比重达到53%以上，同比增速达到7%以上 is 十强产业增加值's growth, not GDP's."""
    return text if _SHARE_BASE.search(seg) else _SHARE_BASE.sub("", text)


def figure_view(f: Figure, doc: ParsedDocument, clause_of: ClauseOf) -> FigureView | None:
    """A figure as answers weigh it, or None for a label (a year, a document number)."""
    if f.qualifier == "日期":
        pass  # a deadline (2021年6月底前) answers 什么时候 questions
    elif f.value is None or is_label(f) or f.measure in LABEL_MEASURES \
            or f.qualifier in LABEL_MEASURES \
            or "〔" in f.text or "[" in f.text:
        return None
    clause = clause_of(f.clause_id)
    if clause is None or doc.clean[max(0, f.clean_span[0] - 1):f.clean_span[0]] in ("/", "／"):
        return None  # 0.6人/百亿元: the 百亿元 after / is the rate's unit, no figure of its own
    s, e = segment_bounds(doc, clause, *f.clean_span)
    seg_raw = doc.clean[s:e]
    # what it measures: its record's measure, and the kind of quantity its unit is (年龄 for 岁)
    kind = kind_words(f.unit)
    seg = normalize(" ".join((seg_raw, f.measure or "", kind))).lower()
    sent = _base_dropped(normalized(f.sentence).lower(), seg)
    path = normalized(clause.path_text).lower()
    ctx = f"{path} {sent} {kind}"
    years = tuple(int(y) for y in re.findall(r"(?<![比较])((?:19|20)\d{2})年", years_in_digits(normalize((f.time or "") + " " + seg_raw))))
    headed = set(re.findall(r"(?<![比较\d])((?:19|20)\d{2})年", normalize(clause.path_text)))
    if not years and len(headed) == 1 and not re.search(r"每年|年均|累计", sent):
        years = (int(headed.pop()),)  # under 一、2025年工作回顾: that year's
    elif not years and doc.source.year and not re.search(r"每年|年均|累计", sent):
        years = (doc.source.year,)  # a plan's figures without a year are for its own year
    key = re.sub(r"[\d.%]+|(?:19|20)\d{2}年", "", normalize(seg_raw))
    # the phrase before it and the sentence's opening phrase often carry its subject
    # (实施重大项目9个,计划总投资32.78亿元,年度计划投资11.95亿元)
    ss, _ = sentence_bounds(doc, clause, *f.clean_span)
    first = doc.clean[ss:segment_bounds(doc, clause, ss, ss)[1]]
    ps = segment_bounds(doc, clause, s - 1, s - 1)[0] if s - 1 > ss else s
    seg2 = _base_dropped(normalize(" ".join((first, doc.clean[ps:e], f.measure or "", kind))).lower(), seg)
    return FigureView(f, doc, clause, seg, (s, e), ctx, sent, seg2, path,
                      normalized(f.unit), respective_of(f) or counted_item(f), years, key)


def duty_view(d: Responsibility, doc: ParsedDocument, clause_of: ClauseOf) -> DutyView:
    clause = clause_of(d.clause_id)
    if clause is None:
        raise KeyError(f"clause {d.clause_id!r} of a responsibility list is not in the index")
    closes = closed_span(d, doc, clause)
    task = doc.clean[closes[0]:closes[1]] if closes else d.task
    return DutyView(
        duty=d, doc=doc, clause=clause,
        head=normalize(task + " " + clause.path_text).lower(),
        body=normalized(clause.text).lower(),
        units=tuple(normalized(u).lower() for u in d.units),
        closes=closes,
    )


def closed_span(d: Responsibility, doc: ParsedDocument, clause: Clause) -> tuple[int, int] | None:
    """Where the sentences a list closes are, when a measure holds several lists and each closes
    its own (``……。……。（责任单位：A、B）……。（责任单位：C）``): from the start of its task (its
    first sentence or lead-in) up to the list, all of them matched, not the first alone. None
    for a list named by its measure's heading, a table row, or a task not found just before it."""
    start = d.clean_span[0]
    if not d.task or d.task in clause.path_text or doc.clean[start:start + 1] not in "（(〔【[［":
        return None
    prev = max((o.clean_span[1] for o in doc.duties if o.clean_span[1] <= start), default=0)
    at = doc.clean.rfind(d.task, prev, start)
    # where the task starts: after a paragraph's start, the previous list or the heading, not
    # where its words come again inside it (市场对接：…促进供需市场对接…)
    while at >= 0 and not _opens(doc.clean[prev:at].rstrip(" \t。；;，,：:"), clause.heading):
        at = doc.clean.rfind(d.task, prev, at + len(d.task) - 1)
    if at < 0 or "\n" in doc.clean[at:start].rstrip():
        return None
    return at, len(doc.clean[:start].rstrip(" \t\n。；;，,"))


def _opens(before: str, heading: str) -> bool:
    """Whether a task may start after ``before``: nothing, a line break, a closing bracket
    (the previous list) or the measure's heading."""
    return not before.strip() or before.endswith(("\n", "）", ")", "〕")) \
        or bool(heading) and before.endswith(heading.rstrip("。.；;"))


def enumerations(doc: ParsedDocument) -> list[Enumeration]:
    """Every phrase that lists items (A、B、C…) with its clause, span and normalised text."""
    out = []
    for c in doc.clauses:
        lo, hi = c.clean_span
        start = sentence = lo
        found = []
        for i in range(lo, hi + 1):
            if i == hi or doc.clean[i] in "，,；;。！？\n":
                seg = doc.clean[start:i]
                # 一、做强… (序号：二、… in a table's row): an outline marker's 、 lists nothing
                if "、" in re.sub(r"^\s*(?:[\u4e00-\u9fff]{1,6}[：:]\s*)?[一二三四五六七八九十]+、", "", seg) and len(seg) <= 120:
                    found.append((start, i, normalize(seg).lower()))
                start = i + 1
            if i == hi or doc.clean[i] in "；;。！？\n":  # a sentence ends: its phrases get it
                said = normalize(doc.clean[sentence:i]).lower()
                path = normalized(c.path_text).lower()
                out += [Enumeration(c, doc, a, b, text, path, said) for a, b, text in found]
                found, sentence = [], i + 1
    return out


def children_of(doc: ParsedDocument) -> dict[str, list[Clause]]:
    """Sub-clauses by clause id, in document order."""
    children: dict[str, list[Clause]] = {}
    for c in doc.clauses:
        if c.parent:
            children.setdefault(c.parent, []).append(c)
    return children


class Headings:
    """Headings with sub-clauses, each with the everyday words that single it out among its
    document's headings (装备 for 巩固升级高端装备产业; not 产业 or 发展), in index order."""

    def __init__(self, entries: list[tuple[Clause, tuple[str, ...]]]) -> None:
        self.entries = entries
        self.words = {c.id: ws for c, ws in entries}
        self.of_doc: dict[str, list[tuple[Clause, tuple[str, ...]]]] = {}
        self._at: dict[str, list[int]] = {}  # word -> the entries it singles out
        for i, (c, ws) in enumerate(entries):
            self.of_doc.setdefault(c.doc_id, []).append((c, ws))
            for w in ws:
                self._at.setdefault(w, []).append(i)
        self._phrases = Phrases(self._at)

    def extended(self, entries: list[tuple[Clause, tuple[str, ...]]]) -> Headings:
        return Headings(self.entries + entries)

    def named(self, text: str) -> list[Clause]:
        """The headings ``text`` names by one of their words, in index order."""
        at = sorted({i for w in self._phrases.in_text(text) for i in self._at[w]})
        return [self.entries[i][0] for i in at]


def heading_words(clauses: list[tuple[Clause, str]], children: dict[str, list[Clause]],
                  plain) -> list[tuple[Clause, tuple[str, ...]]]:  # noqa: ANN001
    """For each heading of one document with sub-clauses: the everyday words that single it
    out among the document's headings (装备 for 巩固升级高端装备产业; not 产业 or 发展).

    Args:
        clauses: the document's clauses, each with its normalised heading path and text.
        children: the document's sub-clauses by clause id.
        plain: a Lexicon with jieba's own dictionary, to split headings into everyday words.
    """
    by_id = {c.id: c for c, _ in clauses}
    words: dict[str, list[str]] = {}
    for c, _ in clauses:
        if c.id not in children or c.level < 1:
            continue
        head = normalize(strip_marker(c.heading)).lower().rstrip("。")
        words[c.id] = [w for w in plain.words(head) if len(w) >= 2 and w not in STOP]
    df = Counter(w for ws in words.values() for w in set(ws))

    def mostly_inside(cid: str, w: str) -> bool:
        """Most clauses that use ``w`` sit under this heading: it names this subject."""
        using = [c.id for c, text in clauses if w in text]
        inside = [i for i in using if i == cid or i.startswith(cid + "/")]
        return len(inside) >= 0.5 * len(using)

    return [(by_id[cid], tuple(w for w in ws if df[w] <= 1 and mostly_inside(cid, w)))
            for cid, ws in words.items()]
