"""The parser checked against documents annotated by reading (``tests/annotations/``).

``python -m eval.annotations [--verbose]`` parses every annotated document of
``../shared/realdocs`` and the seeds, and prints, per document, which metadata fields, top
headings, responsibility lists and figures match the annotation. Matching is exact after
removing whitespace (including U+3000 and NBSP) and in Simplified script; a heading matches
when one stops at an earlier ；/： than the other; a figure matches when a parsed quantity
overlapping its annotated text has the same unit, qualifier and time and a measure that
contains the annotated one, lies inside it, or holds every part of an annotated measure written
in parts (a parenthesised note ending the annotated measure is left out: it is context for the
reader). ``--verbose`` names, for each figure missed, the fields in which the closest parsed
quantity differs. ``tests/test_realdocs_annotations.py`` asserts the targets.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from index.config import ROOT

ANNOTATIONS = ROOT / "tests" / "annotations" / "realdocs"
REALDOCS = ROOT.parent / "shared" / "realdocs"
META_FIELDS = ("title", "issuer", "doc_number", "date", "place", "kind")
_SPACE = re.compile(r"[\s\u3000\u00a0]+")
_TRAIL = "。；;：:，,"


def squeeze(value: Any) -> str | None:
    """The value as compared: whitespace removed, in Simplified script (a Traditional
    document's 東營市 is 东营市), brackets of 文号 unified; None stays."""
    from index.clean import to_simplified

    if value is None:
        return None
    text = to_simplified(_SPACE.sub("", str(value)))
    return text.replace("[", "〔").replace("]", "〕").replace("［", "〔").replace("］", "〕")


def _heading(text: Any) -> str:
    return (squeeze(text) or "").rstrip(_TRAIL)


def same_heading(want: Any, got: Any) -> bool:
    """One heading as a person cites it: the same marker and words, where one may stop at
    an earlier ；/： than the other (an article's heading is its first sentence)."""
    a, b = _heading(want), _heading(got)
    return bool(a and b) and (a == b or a.startswith(b) or b.startswith(a)) \
        and min(len(a), len(b)) >= 2


@dataclass
class DocResult:
    """How one document's parse compares with its annotation."""

    name: str
    meta: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (want, got)
    headings: tuple[list[str], list[str]] = ([], [])
    duty_count: tuple[int, int] = (0, 0)
    duties: list[tuple[dict[str, Any], bool]] = field(default_factory=list)
    figures: list[tuple[dict[str, Any], bool]] = field(default_factory=list)
    figure_wrong: list[list[str]] = field(default_factory=list)  # per figure: fields differing
    error: str | None = None

    @property
    def meta_ok(self) -> dict[str, bool]:
        return {k: squeeze(w) == squeeze(g) for k, (w, g) in self.meta.items()}

    @property
    def headings_ok(self) -> bool:
        want, got = self.headings
        return len(want) == len(got) and all(same_heading(w, g) for w, g in zip(want, got, strict=True))


def load_annotations(folder: Path = ANNOTATIONS) -> dict[str, dict[str, Any]]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(folder.glob("*.yaml"))}


def document_path(annotation: dict[str, Any]) -> Path:
    file = annotation["file"]
    return ROOT / file if file.startswith("corpus/") else REALDOCS / file


def figure_candidates(doc: Any, text: str) -> list[Any]:
    """Quantities overlapping an occurrence of the annotated ``text`` (which may carry a few
    words of context, ``增长5.4%``, ``共23项``, or leave out a qualifier word the parse keeps,
    ``超过30天``), or, when that text is not found
    verbatim, quantities whose text it contains."""
    from index.figures import NON_QUANTITY

    spans = []
    i = doc.clean.find(text)
    while i >= 0:
        spans.append((i, i + len(text)))
        i = doc.clean.find(text, i + 1)
    quantities = [f for f in doc.figures if f.qualifier not in NON_QUANTITY]
    if spans:  # inside, or overlapping when the parse keeps a qualifier word (超过30天)
        return [f for f in quantities
                if any(f.clean_span[0] < b and a < f.clean_span[1] for a, b in spans)]
    want = squeeze(text) or ""
    return [f for f in quantities if squeeze(f.text) and squeeze(f.text) in want]


def _item_of(measure: str, listed: str) -> bool:
    """``一产增加值增长`` is one item of the annotated ``一产、二产、三产增加值增长`` (a 分别
    list annotated with its shared measure)."""
    items = re.split("、|和|及", listed)
    return len(items) > 1 and any(
        measure.startswith(i) and listed.endswith(measure[len(i):]) for i in items[:-1] if i)


def figure_mismatch(got: Any, want: dict[str, Any], strict: bool = False) -> list[str]:
    """The fields in which a parsed figure differs from the annotation: unit, qualifier and
    time exactly; the measure contains the annotated one or lies inside it (``strict``: and
    is at least half as long)."""
    wrong = [k for k, a, b in (("unit", want.get("unit") or "", got.unit or ""),
                               ("qualifier", want.get("qualifier"), got.qualifier),
                               ("time", want.get("time"), got.time)) if squeeze(a) != squeeze(b)]
    m, ann = squeeze(got.measure) or "", squeeze(_without_note(want.get("measure"))) or ""
    if not m or not (m in ann or ann in m or _item_of(m, ann) or _all_parts_in(want, m)) \
            or (strict and 2 * len(m) < len(ann)):
        wrong.append("measure")
    return wrong


_NOTE = re.compile(r"[（(][^（）()]*[）)]$")


def _without_note(measure: Any) -> str | None:
    """An annotated measure without the parenthesised note at its end (``研发资助（按上年度
    研发投入的50%）``): the note is context for the reader, not words the measure must hold."""
    return None if measure is None else _NOTE.sub("", str(measure)).strip() or str(measure)


def _all_parts_in(want: dict[str, Any], measure: str) -> bool:
    """An annotated measure written as parts (``职工参保人员 单位缴费费率``: the subject and what
    is measured, apart in the text; a parenthesised note aside) whose parts all appear in the
    parsed measure."""
    text = re.sub(r"[（(][^（）()]*[）)]", " ", str(want.get("measure") or ""))
    parts = [squeeze(p) or "" for p in text.split()]
    return len(parts) > 1 and all(len(p) >= 2 and p in measure for p in parts)


def _figure_wrong(want: dict[str, Any], doc: Any) -> list[str]:
    """[] when a parsed quantity matches ``want``; else the fields in which the closest one
    differs (``["none found"]`` when no quantity overlaps the annotated text)."""
    found = [figure_mismatch(f, want) for f in figure_candidates(doc, str(want["text"]))]
    return min(found, key=len) if found else ["none found"]


def _duty_matches(want: dict[str, Any], got: Any, path_text: str) -> bool:
    if [squeeze(u) for u in want.get("units") or []] != [squeeze(u) for u in got.units]:
        return False
    if [squeeze(u) for u in want.get("lead") or []] != [squeeze(u) for u in got.lead]:
        return False
    task = _heading(want.get("task"))
    return task in (squeeze(got.task) or "") or task in (squeeze(path_text) or "")


def check_document(name: str, annotation: dict[str, Any], parsed: Any) -> DocResult:
    """Compare one parsed document with its annotation."""
    src = parsed.source
    result = DocResult(name)
    for key in META_FIELDS:
        result.meta[key] = (annotation.get(key), getattr(src, key, None))
    # The body's outline: attachments (附件) are parts of their own, not body headings.
    top = [f"{c.marker}{c.heading}" for c in parsed.clauses
           if c.level == 1 and not c.marker.startswith("附件")]
    result.headings = (list(annotation.get("top_headings") or []), top)
    result.duty_count = (int(annotation.get("duty_lists") or 0), len(parsed.duties))
    by_id = {c.id: c for c in parsed.clauses}
    for want in annotation.get("duties") or []:
        ok = any(_duty_matches(want, d, by_id[d.clause_id].path_text
                               if d.clause_id in by_id else "") for d in parsed.duties)
        result.duties.append((want, ok))
    for want in annotation.get("figures") or []:
        wrong = _figure_wrong(want, parsed)
        result.figures.append((want, not wrong))
        result.figure_wrong.append(wrong)
    return result


def check_all(annotations: dict[str, dict[str, Any]] | None = None) -> list[DocResult]:
    """Parse every annotated document (metadata inferred from the file, as for an upload)."""
    from index.ingest import parse_file

    out = []
    for name, annotation in (annotations or load_annotations()).items():
        try:
            parsed = parse_file(document_path(annotation))
        except Exception as exc:  # a parser failure is a result, not a crash of the check
            out.append(DocResult(name, error=f"{type(exc).__name__}: {exc}"))
            continue
        out.append(check_document(name, annotation, parsed))
    return out


def summary(results: list[DocResult]) -> dict[str, Any]:
    """Totals: per metadata field, headings, list counts, listed duties, figures."""
    ok = [r for r in results if r.error is None]
    fields = {k: sum(r.meta_ok[k] for r in ok) for k in META_FIELDS}
    figures = [hit for r in ok for _, hit in r.figures]
    duties = [hit for r in ok for _, hit in r.duties]
    return {
        "documents": len(results),
        "errors": len(results) - len(ok),
        "metadata": fields,
        "headings": sum(r.headings_ok for r in ok),
        "duty_counts": sum(r.duty_count[0] == r.duty_count[1] for r in ok),
        "duties": (sum(duties), len(duties)),
        "figures": (sum(figures), len(figures)),
    }


def format_results(results: list[DocResult], verbose: bool = False) -> str:
    lines = []
    for r in results:
        if r.error:
            lines.append(f"{r.name}: 解析失败 {r.error}")
            continue
        bad = [k for k, v in r.meta_ok.items() if not v]
        figs = sum(hit for _, hit in r.figures)
        duties = sum(hit for _, hit in r.duties)
        lines.append(
            f"{r.name}: 元数据 {len(META_FIELDS) - len(bad)}/{len(META_FIELDS)}"
            f"{' 缺 ' + ','.join(bad) if bad else ''} | 一级标题 {'✓' if r.headings_ok else '✗'}"
            f" ({len(r.headings[1])}/{len(r.headings[0])}) | 责任单位 {r.duty_count[1]}/"
            f"{r.duty_count[0]} 组，列出的 {duties}/{len(r.duties)} | 数字 {figs}/{len(r.figures)}")
        if verbose:
            for k in bad:
                want, got = r.meta[k]
                lines.append(f"    {k}: 应为 {want!r}，解析为 {got!r}")
            if not r.headings_ok:
                lines.append(f"    一级标题应为 {r.headings[0]}")
                lines.append(f"    解析为     {r.headings[1]}")
            lines += [f"    责任单位未匹配: {w}" for w, hit in r.duties if not hit]
            lines += [f"    数字未匹配（{'、'.join(bad)}）: {w}"
                      for (w, hit), bad in zip(r.figures, r.figure_wrong, strict=True) if not hit]
    s = summary(results)
    n = s["documents"] - s["errors"]
    lines.append("")
    lines.append("合计：" + "，".join(f"{k} {v}/{n}" for k, v in s["metadata"].items())
                 + f"；一级标题 {s['headings']}/{n}；责任单位组数 {s['duty_counts']}/{n}；"
                 f"列出的责任单位 {s['duties'][0]}/{s['duties'][1]}；"
                 f"数字 {s['figures'][0]}/{s['figures'][1]}"
                 f"（{s['figures'][0] / max(s['figures'][1], 1):.1%}）")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.annotations", description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="show every mismatch")
    parser.add_argument("names", nargs="*", help="only these annotation names")
    args = parser.parse_args(argv)
    annotations = load_annotations()
    if args.names:
        annotations = {k: v for k, v in annotations.items() if k in args.names}
    print(format_results(check_all(annotations), verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
