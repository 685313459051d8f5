"""What the assistant returns: an answer with its citations, as plain JSON-able data."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Citation:
    """A quoted sentence that supports an answer.

    Attributes:
        doc_id, title: the document (title = its label from sources.yaml).
        clause: the clause id, e.g. ``dongying-2021/四/（六）/17``.
        path: the clause's heading path, e.g. ``四、攻坚措施 › （六）… › 17.按时发布监测报告``.
        quote: the sentence as the document writes it (original script).
        span: the quote's (start, end) in the raw file.
        highlight: substrings of ``quote`` to emphasise (the figures or units it supports).
    """

    doc_id: str
    title: str
    clause: str
    path: str
    quote: str
    span: tuple[int, int]
    highlight: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["span"] = list(self.span)
        d["highlight"] = list(self.highlight)
        return d


@dataclass(frozen=True)
class Answer:
    """One answer.

    Attributes:
        question: the question as asked.
        answer: one or two sentences in the question's script; with ``found=False`` a plain
            "文件中没有找到…" message.
        found: whether the documents hold the answer.
        citations: the quotes that support the answer (each contains what it supports).
        related: closest clauses offered as related reading when nothing was found.
        figures: the figures the answer states, as written in the document.
        units: the responsible units the answer states, in order.
        type: the question type the assistant recognised.
        computation: the arithmetic shown for derived values, e.g. ``21.31−2.94=18.37``.
        retrieved: clause ids the retriever ranked, best first.
        latency_ms: time to answer.
    """

    question: str
    answer: str
    found: bool
    citations: tuple[Citation, ...] = ()
    related: tuple[Citation, ...] = ()
    figures: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    type: str = "unknown"
    computation: str | None = None
    retrieved: tuple[str, ...] = ()
    latency_ms: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "found": self.found,
            "citations": [c.to_dict() for c in self.citations],
            "related": [c.to_dict() for c in self.related],
            "figures": list(self.figures),
            "units": list(self.units),
            "type": self.type,
            "computation": self.computation,
            "retrieved": list(self.retrieved),
            "latency_ms": round(self.latency_ms, 2),
        }

    def render_text(self) -> str:
        """A readable plain-text form for the terminal."""
        lines = [self.answer]
        if self.citations:
            lines.append("")
            lines.append("来源：")
            for i, c in enumerate(self.citations, 1):
                lines.append(f"[{i}] {c.title} › {c.path}")
                lines.append(f"    “{c.quote}”")
        if self.related:
            lines.append("")
            lines.append("相关条款：")
            for c in self.related:
                lines.append(f"- {c.title} › {c.path}")
        return "\n".join(lines)
