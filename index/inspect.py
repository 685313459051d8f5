"""``python -m index inspect``: show what a document parses into."""

from __future__ import annotations

import json
from pathlib import Path

from corpus.sources import Source, load_sources
from index.config import Config
from index.ingest import parse_file
from index.records import ParsedDocument


def _corpus_sources(config: Config) -> list[Source]:
    return load_sources(config.path("corpus_dir") / "sources.yaml")


def load_parsed(config: Config, file_or_doc_id: str) -> ParsedDocument:
    """Parse a file (with its sources.yaml entry if it is in the corpus) or a corpus doc_id."""
    corpus_dir = config.path("corpus_dir")
    sources = _corpus_sources(config)
    path = Path(file_or_doc_id)
    if path.exists():
        resolved = path.resolve()
        for s in sources:
            if (corpus_dir / s.file).resolve() == resolved:
                return parse_file(resolved, s, config=config)
        return parse_file(resolved, config=config)
    for s in sources:
        if s.doc_id == file_or_doc_id:
            return parse_file(corpus_dir / s.file, s, config=config)
    known = [s.doc_id for s in sources]
    raise FileNotFoundError(
        f"{file_or_doc_id!r} 既不是文件也不是语料库中的 doc_id；可用的 doc_id：{known}"
    )


def format_parsed(doc: ParsedDocument) -> str:
    """A readable report: metadata, outline tree, figures and 责任单位."""
    s = doc.source
    out = [f"# {s.doc_id}: {s.label}"]
    for name in ("title", "place", "issuer", "date", "year", "doc_number", "kind", "script"):
        out.append(f"  {name}: {getattr(s, name)}")
    if s.found:
        out.append(f"  found: {', '.join(s.found)}")
    if s.inferred:
        out.append(f"  inferred: {', '.join(s.inferred)}")
    if s.missing:
        out.append(f"  missing: {', '.join(s.missing)}")
    if doc.metadata:
        out.append("  metadata table: " + "; ".join(f"{k}={v}" for k, v in doc.metadata))
    out.append(f"\n## 结构 ({len(doc.clauses)} clauses)")
    for c in doc.clauses:
        local = c.id[len(c.doc_id) + 1 :]
        out.append(f"{'  ' * c.level}{local}  {c.heading}")
    out.append(f"\n## 数字 ({len(doc.figures)} figures)")
    for f in doc.figures:
        local = f.clause_id[len(f.doc_id) + 1 :]
        bits = [f"{local}", f.text]
        if f.measure:
            bits.append(f"measure={f.measure}")
        if f.time:
            bits.append(f"time={f.time}")
        if f.qualifier:
            bits.append(f"qualifier={f.qualifier}")
        out.append("  " + " | ".join(bits))
    out.append(f"\n## 责任单位 ({len(doc.duties)})")
    for r in doc.duties:
        local = r.clause_id[len(r.doc_id) + 1 :]
        line = f"  {local} | {r.task} | {'、'.join(r.units)}"
        if r.lead:
            line += f" | 牵头: {'、'.join(r.lead)}"
        out.append(line)
    return "\n".join(out)


SUMMARY_FIELDS = ("title", "issuer", "doc_number", "date", "place", "kind")
SUMMARY_EXAMPLES = 3


def dropped_lines(doc: ParsedDocument) -> list[str]:
    """Lines of the read text of which cleaning kept nothing: page furniture, the metadata
    block (read into metadata instead), toolbars, trailers."""
    kept = set(doc.offsets)
    out, pos = [], 0
    for line in doc.raw.split("\n"):
        span = range(pos, pos + len(line))
        pos += len(line) + 1
        if line.strip() and not any(i in kept for i in span):
            out.append(line.strip())
    return out


def summarize_parsed(doc: ParsedDocument, name: str = "") -> str:
    """A few lines a person checks a new document by in a minute: metadata (each field
    found in the document or inferred), clause count and outline depth, figures, lists,
    and what was dropped as page furniture."""
    s = doc.source
    inferred = set(s.inferred)
    meta = []
    for field in SUMMARY_FIELDS:
        value = getattr(s, field, None)
        mark = "缺" if value is None else ("推断" if field in inferred else "文中")
        meta.append(f"{field}={value if value is not None else '—'}（{mark}）")
    depth = max((c.level for c in doc.clauses), default=0)
    top = [f"{c.marker}{c.heading}"[:16] for c in doc.clauses if c.level == 1]
    lines = [f"== {name or s.doc_id}", "  " + "；".join(meta),
             f"  条款 {len(doc.clauses)}，层级 {depth}，一级标题 {len(top)}："
             + "、".join(top[:8]) + ("…" if len(top) > 8 else ""),
             f"  数字 {len(doc.figures)}：" + "；".join(
                 f"{f.time + ' ' if f.time else ''}{f.measure or '?'} {f.text}"
                 for f in doc.figures[:SUMMARY_EXAMPLES]),
             f"  责任单位 {len(doc.duties)} 组：" + "；".join(
                 f"{r.task[:12]}→{'、'.join(r.units[:4])}" for r in doc.duties[:SUMMARY_EXAMPLES])]
    dropped = dropped_lines(doc)
    lines.append(f"  去掉的页面杂项 {len(dropped)} 行" + (
        "：" + " / ".join(d[:20] for d in dropped[:6]) if dropped else ""))
    return "\n".join(lines)


def summarize_folder(config: Config, folder: str | Path) -> str:
    """``summarize_parsed`` for every document file in ``folder`` (not recursive; a
    README describing the folder is skipped), then totals; a file that cannot be parsed is
    reported, not fatal."""
    from index.errors import DocumentError
    from index.read import SUPPORTED

    files = sorted(p for p in Path(folder).iterdir()
                   if p.suffix.lower() in SUPPORTED and p.stem.upper() != "README")
    out, totals = [], {"documents": 0, "clauses": 0, "figures": 0, "duties": 0, "failed": 0}
    for path in files:
        try:
            doc = load_parsed(config, str(path))
        except (DocumentError, OSError) as exc:
            out.append(f"== {path.name}\n  无法解析：{exc}")
            totals["failed"] += 1
            continue
        out.append(summarize_parsed(doc, path.name))
        totals["documents"] += 1
        totals["clauses"] += len(doc.clauses)
        totals["figures"] += len(doc.figures)
        totals["duties"] += len(doc.duties)
    out.append(f"\n合计：{totals['documents']} 篇，条款 {totals['clauses']}，数字 "
               f"{totals['figures']}，责任单位 {totals['duties']} 组，无法解析 {totals['failed']} 篇")
    return "\n".join(out)


def inspect_document(config: Config, file_or_doc_id: str, as_json: bool = False) -> str:
    """Parse a document and describe it.

    Args:
        config: the project configuration (for the corpus folder).
        file_or_doc_id: a document path, or the doc_id of a corpus document.
        as_json: return the ``ParsedDocument`` as JSON (without the raw text) instead.
    """
    doc = load_parsed(config, file_or_doc_id)
    if as_json:
        d = doc.to_dict()
        d.pop("raw", None)
        d.pop("offsets", None)
        return json.dumps(d, ensure_ascii=False, indent=2)
    return format_parsed(doc)
