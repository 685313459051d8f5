"""Plain data passed between stages: parsed documents, clauses, figures, responsibilities.

Every record is a small frozen dataclass that round-trips through JSON
(``to_dict``/``from_dict``); nothing is pickled. Spans are ``(start, end)`` character
offsets: ``span`` into the raw file text as read, ``clean_span`` into the cleaned text.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from corpus.sources import Source

PATH_SEP = " › "

T = TypeVar("T")


def _to_dict(obj: Any) -> dict[str, Any]:
    return dataclasses.asdict(obj)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _from_dict(cls: type[T], d: dict[str, Any]) -> T:
    # Field names once per class: ``dataclasses.fields`` on each of ~10^5 records was a
    # fifth of loading an index of 1,000 documents.
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    kwargs = {}
    for name in names:
        if name in d:
            v = d[name]
            if isinstance(v, list):
                v = tuple(tuple(x) if isinstance(x, list) else x for x in v)
            kwargs[name] = v
    return cls(**kwargs)


@dataclass(frozen=True)
class Clause:
    """One node of a document's outline.

    Attributes:
        id: ``doc_id`` + "/" + the markers of its path, normalised: Chinese numerals bare
            (``二``), parenthesised ones in full-width brackets (``（一）``), Arabic bare
            (``1``), parenthesised Arabic in full-width brackets (``（1）``), circled as
            written (``①``), enumerations as written (``一是``). Example:
            ``dongying-2021/二/（一）/1``. Text before the first heading is ``doc_id/序``.
        doc_id: the document.
        level: depth in the tree, 1 for top-level headings (0 for the preamble).
        marker: the marker as written in the cleaned text, e.g. ``(一)`` or ``1.``.
        heading: the clause's heading as written (original script), without the marker,
            e.g. ``發展目標``; for a clause that is all text (``1.推进创新平台建设。实施…``),
            the first sentence up to 。.
        path: headings from the top down to this clause, each with its marker, in the
            original script, e.g. ``("二、培育壯大新興產業", "(一)突破發展新一代信息技術產業",
            "1.發展目標")``.
        text: the clause's own cleaned text (without its children), original script.
        span: raw-text span of the clause's own text (heading included).
        clean_span: the same span in the cleaned text.
        parent: id of the parent clause, None at the top.
    """

    id: str
    doc_id: str
    level: int
    marker: str
    heading: str
    path: tuple[str, ...]
    text: str
    span: tuple[int, int]
    clean_span: tuple[int, int]
    parent: str | None = None

    @property
    def path_text(self) -> str:
        return PATH_SEP.join(self.path)

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Clause:
        return _from_dict(cls, d)


@dataclass(frozen=True)
class Figure:
    """A quantity as the document states it.

    Attributes:
        text: the figure as written with its qualifier, e.g. ``21.31億元``, ``16%以上``,
            ``不少于12场``, ``1121``.
        value: the number (Chinese numerals converted), e.g. 21.31; None if not numeric.
        unit: the unit as written, e.g. ``億元``, ``%``, ``场``, ``家``; "" for none.
        qualifier: 以上/以下/左右/不少于/不低于/突破/超过/以内/累计/力争/... or None.
        time: the time scope in its sentence (``2021年``, ``到2026年``, ``每年``) or None.
        measure: the phrase the figure measures, e.g. ``產業增加值``, ``计划总投资``.
        sentence: the sentence holding it (cleaned, original script).
        clause_id: the deepest clause holding it.
        span / clean_span: where ``text`` is.
    """

    doc_id: str
    clause_id: str
    text: str
    value: float | None
    unit: str
    qualifier: str | None
    time: str | None
    measure: str
    sentence: str
    span: tuple[int, int]
    clean_span: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Figure:
        return _from_dict(cls, d)


@dataclass(frozen=True)
class Responsibility:
    """One ``（责任单位：…）`` list.

    Attributes:
        task: the numbered measure's title (``按时发布监测报告``), original script.
        units: every unit in order, as written (original script).
        groups: the units split into the groups the text separates with ``，``.
        lead: the units the text marks as 牵头 (lead), in order; empty if none.
        text: the whole parenthesis as written; span / clean_span: where it is.
    """

    doc_id: str
    clause_id: str
    task: str
    units: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    lead: tuple[str, ...]
    text: str
    span: tuple[int, int]
    clean_span: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Responsibility:
        r = _from_dict(cls, d)
        return dataclasses.replace(r, groups=tuple(tuple(g) for g in r.groups))


@dataclass(frozen=True)
class OffsetMap(Sequence[int]):
    """Offsets of a cleaned text's characters in the raw text, kept as runs.

    Cleaning drops whole stretches and keeps the rest in order, so the offsets are a few
    runs of consecutive numbers: ``starts[k]`` is the first position of run k and
    ``bases[k]`` its raw offset. Indexing and iterating give the offsets one by one, as a
    tuple would, at a fraction of the memory (a tuple of ints costs ~36 bytes a character)
    and a fraction of the JSON.
    """

    starts: tuple[int, ...]
    bases: tuple[int, ...]
    length: int

    @classmethod
    def of(cls, offsets: Sequence[int]) -> OffsetMap:
        if isinstance(offsets, OffsetMap):
            return offsets
        starts: list[int] = []
        bases: list[int] = []
        prev = None
        for i, o in enumerate(offsets):
            if prev is None or o != prev + 1:
                starts.append(i)
                bases.append(int(o))
            prev = o
        return cls(tuple(starts), tuple(bases), len(offsets))

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(self.length)))
        if i < 0:
            i += self.length
        if not 0 <= i < self.length:
            raise IndexError("offset index out of range")
        k = bisect.bisect_right(self.starts, i) - 1
        return self.bases[k] + i - self.starts[k]

    def __iter__(self) -> Iterator[int]:
        ends = self.starts[1:] + (self.length,)
        for start, end, base in zip(self.starts, ends, self.bases, strict=True):
            yield from range(base, base + end - start)

    def to_dict(self) -> dict[str, Any]:
        return {"runs": [[s, b] for s, b in zip(self.starts, self.bases, strict=True)],
                "length": self.length}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | list[int]) -> OffsetMap:
        if isinstance(d, list):  # written before runs (a Milvus store keeps its documents)
            return cls.of(d)
        runs = d["runs"]
        return cls(tuple(r[0] for r in runs), tuple(r[1] for r in runs), int(d["length"]))


@dataclass(frozen=True)
class ParsedDocument:
    """Everything the parser understood of one document.

    Attributes:
        source: its metadata (from sources.yaml, completed by what the file itself says).
        raw: the text as read from the file.
        clean: the cleaned text (pinyin annotations, table residue and page furniture
            removed), original script.
        offsets: for each character of ``clean`` (plus one past the end) its offset in
            ``raw``, so every clean span maps back to the raw file (an ``OffsetMap``; any
            sequence given is converted).
        metadata: fields read from a leading metadata table (索引号, 发文字号, ...).
    """

    source: Source
    raw: str
    clean: str
    offsets: OffsetMap
    clauses: tuple[Clause, ...]
    figures: tuple[Figure, ...]
    duties: tuple[Responsibility, ...]
    metadata: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "offsets", OffsetMap.of(self.offsets))

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``clean`` to the raw text."""
        return self.offsets[start], (self.offsets[end - 1] + 1 if end > start else self.offsets[start])

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "raw": self.raw,
            "clean": self.clean,
            "offsets": self.offsets.to_dict(),
            "clauses": [c.to_dict() for c in self.clauses],
            "figures": [f.to_dict() for f in self.figures],
            "duties": [r.to_dict() for r in self.duties],
            "metadata": [list(kv) for kv in self.metadata],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ParsedDocument:
        # Figures of one sentence share its string (JSON parsing makes one copy each).
        sentences: dict[str, str] = {}
        figures = [{**f, "sentence": sentences.setdefault(f["sentence"], f["sentence"])}
                   for f in d["figures"]]
        return cls(
            source=Source.from_dict(d["source"]),
            raw=d["raw"],
            clean=d["clean"],
            offsets=OffsetMap.from_dict(d["offsets"]),
            clauses=tuple(Clause.from_dict(c) for c in d["clauses"]),
            figures=tuple(Figure.from_dict(f) for f in figures),
            duties=tuple(Responsibility.from_dict(r) for r in d["duties"]),
            metadata=tuple(tuple(kv) for kv in d.get("metadata", ())),
        )
