"""Question words that name a document rather than ask about its content: words of its
title (县域经济试点工作方案, 国家粮食应急预案), a short form of them (长护险 for 长期护理保险,
职教 for 职业教育) and the words for a kind of document (实施方案, 若干措施).

Such words tell where to look; the clause that answers need not repeat them. A question
that names one document (or two) by distinctive title words is answered from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from corpus.sources import Source
from index.clean import normalize

# The words for a kind of document; with at most two characters before them (实施方案,
# 行动计划, 若干措施, 指导意见, 试行办法, 实施条例) they name a kind, not a subject.
_KIND = re.compile(r"^(.{0,2})(方案|计划|意见|措施|条例|办法|细则|预案|规划|报告|公报|通知|决定|规定|纲要|批复|要点|政策|十条)$")
# a title word names at most this many documents to single one out
DISTINCT = 2


# a title quoted in 《》 with the words that frame it: 根据《…》，/ 按照《…》的规定，/ 《…》里
_QUOTED_TITLE = re.compile(r"(?:根据|按照|依据|依照|按|据|对照|在)?《([^》]{4,80})》"
                           r"(?:的规定|规定|中|里面|里|当中|要求|提出|明确)?[，,：:]?")


# a document number that frames the question: 按照穗府办规〔2024〕13号的规定，/ 国家医疗保障局令第6号规定，
_FRAMED_NUMBER = re.compile(r"(?:根据|按照|依据|依照|按|据)?([\u4e00-\u9fff]{1,12}(?:[〔\[（(［]\d{4}[〕\]）)］]\d+号|令第\d+号))"
                            r"(?:的规定|规定|文件|中|里面|里|要求)?[，,：:]")


def _bare(title: str) -> str:
    """A title without spaces, brackets and dashes, normalised (to compare quoted titles)."""
    return re.sub(r"[\s（）()〔〕\[\]—–-]", "", normalize(title).lower())


def is_kind_word(term: str) -> bool:
    """Whether ``term`` names a kind of document (实施方案, 若干措施, 报告…)."""
    return bool(_KIND.match(term))


def _in_order(short: str, title: str) -> bool:
    """``short``'s characters appear in ``title`` in order within a short stretch (about
    twice its length): 长护险 in 长期护理保险, 综保区 in 综合保税区, 职教改革方案 in
    职业教育改革实施方案."""
    start = title.find(short[0])
    while start >= 0:
        pos = start
        for ch in short[1:]:
            pos = title.find(ch, pos + 1)
            if pos < 0:
                return False
        if pos - start < 2 * len(short) + 2:
            return True
        start = title.find(short[0], start + 1)
    return False


class DocTitles:
    """The documents' titles (and labels, issuers), normalised, and which documents a
    question word names.

    Args:
        sources: the documents in the index.
    """

    def __init__(self, sources: Iterable[Source]) -> None:
        self.titles: dict[str, str] = {}
        self.full: dict[str, tuple[str, ...]] = {}  # each document's title and label, as quoted
        for s in sources:
            parts = [s.title or "", s.label or "", s.issuer or ""]
            self.titles[s.doc_id] = " ".join(normalize(p).lower() for p in parts if p)
            self.full[s.doc_id] = tuple(_bare(p) for p in (s.title or "", s.label or "") if _bare(p))
            if s.doc_number:  # 按照穗府办规〔2024〕13号的规定，: a 文号 frames a question as a title does
                self.full[s.doc_id] += (_bare(s.doc_number),)
        self.names = lru_cache(maxsize=8192)(self._names)
        self._patterns: list[tuple[str, re.Pattern]] | None = None  # _written_out's, made on first use

    def extended(self, sources: Iterable[Source]) -> DocTitles:
        out = DocTitles(())
        more = DocTitles(sources)
        out.titles = {**self.titles, **more.titles}
        out.full = {**self.full, **more.full}
        return out

    def _written_out(self) -> list[tuple[str, re.Pattern]]:
        """For each title of eight characters or more that names one document: the pattern of
        it written out as a question's frame (广州市长期护理保险试行办法里，…: opening the
        question, up to a comma; brackets and spaces optional)."""
        if self._patterns is None:
            owners: dict[str, set[str]] = {}
            for d, full in self.full.items():
                for f in full:
                    if len(f) >= 8 and not re.search(r"\d号$", f):
                        owners.setdefault(f, set()).add(d)
            self._patterns = [(next(iter(ds)), re.compile(
                r"^(?:根据|按照|依据|依照|按|据|在)?" + r"[\s（）()〔〕—–-]*".join(map(re.escape, f))
                + r"[\s（）()〔〕—–\-\d年]*(?:的规定|规定|中|里面|里|当中|要求|提出|明确)?[，,：:]", re.IGNORECASE))
                for f, ds in owners.items() if len(ds) == 1]
        return self._patterns

    def unquoted(self, text: str) -> tuple[str, tuple[str, ...]]:
        """The question without each title it quotes in 《》 that names one document (in full,
        or most of it), nor the words framing it (根据《…》，/ 《…》规定，), nor a 文号 framing it
        (按照…〔2024〕13号的规定，), and those documents: they say where to look, their words
        (and years) ask nothing."""
        docs: list[str] = []

        def named(m: re.Match) -> str:
            t = _bare(m.group(1))
            hit = [d for d, full in self.full.items()
                   if any(t == f or len(t) >= 6 and t in f or len(f) >= 6 and f in t for f in full)]
            if len(hit) != 1:
                return m.group(0)
            docs.append(hit[0])
            return ""

        rest = _FRAMED_NUMBER.sub(named, _QUOTED_TITLE.sub(named, text))
        # a title written out opening it (广州市长期护理保险试行办法里，…), read in simplified
        # script (莫拉克颱風… of a title kept as 莫拉克台风…) where that keeps every character in place
        simple = normalize(rest).lower()
        for d, pattern in self._written_out():
            m = pattern.search(simple if len(simple) == len(rest) else rest)
            if m:
                rest = rest[:m.start()] + rest[m.end():]
                simple = normalize(rest).lower()
                docs.append(d)
        rest = rest.strip("，, ")
        return (rest, tuple(dict.fromkeys(docs))) if docs and len(rest) >= 4 else (text, ())

    def _names(self, term: str) -> frozenset[str]:
        """The documents whose title holds ``term`` (or a short form of a title word)."""
        if len(term) < 2 or re.fullmatch(r"[\d.%]+", term):
            return frozenset()
        out = set()
        for doc_id, title in self.titles.items():
            if term in title or any(_in_order(term, t) for t in title.split()):
                out.add(doc_id)
        return frozenset(out)

    def split_run(self, term: str, used: Callable[[str], int]) -> list[str]:
        """A word the segmenter made of single characters (综保区新设) that neither the
        clauses nor a title use, split into a short form of a title and the words after it
        (综保区, 新设); the word itself when no such split exists.

        Args:
            term: the question's word.
            used: how many clauses use a word.
        """
        if len(term) < 4 or used(term) or self.names(term):
            return [term]
        for k in range(len(term) - 2, 1, -1):
            head, tail = term[:k], term[k:]
            if self.names(head) and not self.spelled_out(head) and (len(tail) >= 2 or used(tail)):
                return [head, tail]
        return [term]

    def spelled_out(self, term: str) -> bool:
        """Whether some title holds ``term`` as written (not only as a short form)."""
        return any(term in title for title in self.titles.values())

    def naming(self, terms: Sequence[str], doc_id: str, norm: str = "") -> frozenset[str]:
        """The terms that name ``doc_id`` (its title words, their short forms) or a kind of
        document: not content its clauses must repeat.

        Args:
            terms: the question's words.
            doc_id: the document.
            norm: the question (normalised): two characters its title spells out (经济,
                基金) name it only inside a stretch of the question that repeats the title
                (医保基金飞行检查); elsewhere (“四新”经济) they are the question's subject.
        """
        spans = self.title_spans(norm, doc_id) if norm else ()
        # 莫拉克条例: the name a title opens with, cut 莫/拉克 by the dictionary, names it too
        heads = [x for x in self.title_spans(norm, doc_id, least=3)
                 if any(part.startswith(x) for part in self.titles.get(doc_id, "").split())] if norm else []
        return frozenset(t for t in terms if is_kind_word(t) or doc_id in self.names(t)
                         and (len(t) >= 3 or not self.spelled_out(t) or any(t in x for x in [*spans, *heads])))

    def title_spans(self, norm: str, doc_id: str, least: int = 4) -> tuple[str, ...]:
        """The stretches (``least`` characters or more) of ``norm`` that ``doc_id``'s title holds."""
        title = self.titles.get(doc_id, "")
        out, i = [], 0
        while i <= len(norm) - least:
            j = i + least
            if norm[i:j] not in title:
                i += 1
                continue
            while j < len(norm) and norm[i:j + 1] in title:
                j += 1
            out.append(norm[i:j])
            i = j
        return tuple(out)

    def named(self, terms: Sequence[str], used: Callable[[str], int] = lambda t: 0) -> tuple[str, ...]:
        """The documents the terms single out by title: those every distinctive title word
        (at most ``DISTINCT`` documents, not a kind word; three characters or more, or a
        two-character short form the clauses never use: 个税) names.

        Args:
            terms: the question's words.
            used: how many clauses use a word (a short form they use is a word of theirs).
        """
        picked: set[str] | None = None
        for t in terms:
            if is_kind_word(t) or len(t) < 3 and (self.spelled_out(t) or used(t)):
                continue  # a kind of document; two characters of a title (产业) name nothing
            docs = self.names(t)
            if not docs or len(docs) > DISTINCT:
                continue
            picked = set(docs) if picked is None else (picked & docs or picked)
        if not picked:
            return ()
        return tuple(d for d in self.titles if d in picked)

    def stretch_named(self, norm: str, size: int = 5, texts_with: Callable[[str], int] | None = None) -> tuple[str, ...]:
        """The documents (at most ``DISTINCT``) whose titles alone hold some stretch of
        ``size`` characters of the question (长期护理保险试行办法, 县域经济高质量发展), a stretch
        more than ``DISTINCT`` documents' texts write (``texts_with``: OPC创业 of 郑州's
        OPC创业社区推广方案, in every OPC text) aside: a common phrase names no document."""
        joined = "\n".join(self.titles.values())
        picked: set[str] = set()
        for i in range(len(norm) - size + 1):
            window = norm[i:i + size]
            if window not in joined or re.search(r"[\s\d]", window):  # a year asked is not a title's
                continue
            docs = {d for d, t in self.titles.items() if window in t}
            if len(docs) <= DISTINCT and not docs <= picked and (texts_with is None or texts_with(window) <= DISTINCT):
                picked |= docs  # the texts are read last: for a window naming few titles, not named yet
        if not picked or len(picked) > DISTINCT:
            return ()
        return tuple(d for d in self.titles if d in picked)
