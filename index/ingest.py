"""Parse a document into a ``ParsedDocument``: read, clean, outline, figures, 责任单位.

For a file without a sources.yaml entry (a user's upload), the metadata is inferred from
its metadata table or its body; ``Source.inferred``/``missing`` say which fields.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path
from typing import Any

from corpus.sources import Source
from index.clean import clean_text, detect_script, extract_metadata_table
from index.config import Config
from index.duties import extract_duties
from index.errors import DocumentError
from index.figures import extract_figures
from index.metadata import describe, infer_metadata
from index.outline import parse_outline
from index.read import TOO_BIG, read_document
from index.records import OffsetMap, ParsedDocument


def _slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64].strip("-")
    return s


def infer_source(
    raw: str, file: str = "", doc_id: str | None = None, clean: str | None = None,
    info: dict[str, Any] | None = None,
) -> Source:
    """Build a ``Source`` for a document nobody described, from its own lines.

    Args:
        raw: the raw text.
        file: the file name (gives the doc_id when it has ASCII letters or digits).
        doc_id: use this id instead.
        clean: the cleaned text, if already computed.
        info: what the reader found (``metadata`` pairs, ``title`` of an HTML page).

    Returns:
        A ``Source`` whose ``found``/``inferred``/``missing`` say, for each field, whether
        it was read from an explicit line, derived, or not determined.
    """
    info = info or {}
    table, _ = extract_metadata_table(raw)
    if clean is None:
        clean, _ = clean_text(raw)
    script = detect_script(clean)
    pairs = [(str(k), str(v)) for k, v in info.get("metadata") or ()]
    # a page's own title (HTML <title>, front matter) as the reader may pass it
    page_title = info.get("title") or next(
        (v for k, v in pairs if k.strip().lower() == "title" and v.strip()), None)
    fields = infer_metadata(clean, [*pairs, *table], raw=raw, page_title=page_title,
                            script=script)
    values, how = fields.values, dict(fields.how)
    title = values.get("title")
    label = title if isinstance(title, str) else describe(fields, clean, file)
    how["label"] = how["title"] if title else "inferred"

    if doc_id is None:
        doc_id = _slug(Path(file).stem) if file else ""
        if not doc_id or not re.match(r"^[a-z0-9]", doc_id):
            doc_id = "doc-" + hashlib.sha1(raw.encode("utf-8", "replace")).hexdigest()[:10]
    names = ("title", "label", "place", "issuer", "date", "year", "doc_number", "kind")
    return Source(
        doc_id=doc_id,
        file=Path(file).name if file else "",
        label=str(label),
        script=script,  # type: ignore[arg-type]
        title=title,  # type: ignore[arg-type]
        place=values.get("place"),  # type: ignore[arg-type]
        issuer=values.get("issuer"),  # type: ignore[arg-type]
        date=values.get("date"),  # type: ignore[arg-type]
        year=values.get("year"),  # type: ignore[arg-type]
        doc_number=values.get("doc_number"),  # type: ignore[arg-type]
        kind=values.get("kind"),  # type: ignore[arg-type]
        found=tuple(n for n in names if how.get(n) == "found"),
        inferred=tuple(n for n in names if how.get(n) == "inferred"),
        missing=tuple(n for n in names if values.get(n) is None and n != "label"),
    )


def parse_text(raw: str, source: Source) -> ParsedDocument:
    """Parse raw text whose metadata is known.

    The source is authoritative: a metadata table in the text does not override it, but is
    kept in ``ParsedDocument.metadata``.
    """
    metadata, _ = extract_metadata_table(raw)
    clean, offsets = clean_text(raw)
    doc_id = source.doc_id
    clauses = parse_outline(clean, offsets, doc_id)
    figures = extract_figures(clean, offsets, clauses, doc_id)
    duties = extract_duties(clean, offsets, clauses, doc_id)
    return ParsedDocument(
        source=source,
        raw=raw,
        clean=clean,
        offsets=OffsetMap.of(offsets),
        clauses=tuple(clauses),
        figures=tuple(figures),
        duties=tuple(duties),
        metadata=tuple(metadata),
    )


def parse_file(
    path: str | Path, source: Source | None = None, doc_id: str | None = None, *,
    config: Config | None = None,
) -> ParsedDocument:
    """Read and parse a document file.

    Args:
        path: a .txt .md .docx .pdf or .html file.
        source: its sources.yaml record; inferred from the file when None.
        doc_id: the id to give an inferred source (default: from the file name, or
            ``doc-<sha1>`` of its content).
        config: the reading limits (``max_docx_*``, ``max_pdf_*``); default ``Config()``.

    Raises:
        FileNotFoundError: no such file.
        DocumentError: the file cannot be read or parsed, whatever went wrong inside
            (running out of memory included); the message is fit to show a user.
    """
    path = Path(path)
    raw, _info = read_document(path, config=config)
    try:
        if source is None:
            source = infer_source(raw, file=path.name, doc_id=doc_id, info=_info)
        elif doc_id is not None and doc_id != source.doc_id:
            source = dataclasses.replace(source, doc_id=doc_id)
        return parse_text(raw, source)
    except MemoryError as exc:
        raise DocumentError(TOO_BIG.format(name=path.name)) from exc
    except Exception as exc:  # a parser bug must reach the user as a sentence, not a traceback
        raise DocumentError(
            f"解析文件 {path.name} 时出错：文档结构异常，无法处理（{type(exc).__name__}）。"
            "请检查文件内容，或另存为 .txt 后再试。") from exc
