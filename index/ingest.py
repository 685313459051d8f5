"""Parse a document into a ``ParsedDocument``: read, clean, outline, figures, 责任单位.

For a file without a sources.yaml entry (a user's upload), the metadata is inferred from
its metadata table or its body; ``Source.inferred``/``missing`` say which fields.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path

from corpus.sources import Source
from index.clean import clean_text, detect_script, extract_metadata_table
from index.config import Config
from index.duties import extract_duties
from index.errors import DocumentError
from index.figures import extract_figures
from index.outline import MARKER, parse_outline
from index.read import TOO_BIG, read_document
from index.records import ParsedDocument

_TITLE_END = re.compile(
    r"(?:方案|通知|意见|意見|办法|辦法|规定|規定|规划|規劃|计划|計劃|决定|決定|细则|細則|报告|報告|"
    r"要点|要點|安排|措施|条例|條例|纲要|綱要|公告|通告|批复|批復|函)$"
)
_ISSUER = re.compile(
    r"^[\u4e00-\u9fff]{2,24}(?:人民政府|人民政府办公室|人民政府辦公室|办公室|辦公室|办公厅|辦公廳|"
    r"委员会|委員會|[局厅廳部委])$"
)
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔［\[【](?:19|20)\d{2}[〕］\]】]\s*第?\d+[号號]")
_PLACE = re.compile(r"^([\u4e00-\u9fff]{1,6}?(?:自治州|自治县|自治縣|地区|地區|[省市县縣区區旗]))")
_NOT_PLACE = set("全本我该該各城省州区區县縣市在")
_BODY_YEAR = re.compile(r"((?:19|20)\d{2})年")
_META_KEYS = {
    "title": ("标题", "標題", "名称", "名稱", "文件名称", "文件名稱"),
    "issuer": ("发文机关", "發文機關", "发布机构", "發布機構", "发文单位", "發文單位"),
    "date": ("成文日期", "发文日期", "發文日期", "发布日期", "發布日期"),
    "doc_number": ("发文字号", "發文字號", "文号", "文號"),
}


def _meta_value(metadata: list[tuple[str, str]], field: str) -> str | None:
    for key in _META_KEYS[field]:
        for k, v in metadata:
            if k == key and v.strip():
                return v.strip()
    return None


def _iso(value: str) -> str | None:
    m = _DATE.search(value) or re.search(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})", value)
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64].strip("-")
    return s


def infer_source(
    raw: str, file: str = "", doc_id: str | None = None, clean: str | None = None
) -> Source:
    """Build a ``Source`` for a document nobody described, from its table or its body.

    Args:
        raw: the raw text.
        file: the file name (gives the doc_id when it has ASCII letters or digits).
        doc_id: use this id instead.
        clean: the cleaned text, if already computed.
    """
    metadata, _ = extract_metadata_table(raw)
    if clean is None:
        clean, _ = clean_text(raw)
    lines = [line.strip() for line in clean.splitlines() if line.strip()]
    first_heading = next(
        (i for i, line in enumerate(lines) if MARKER.match(line) and not line.startswith("（")),
        len(lines),
    )
    head_lines = lines[: max(first_heading, 1)][:30]
    found: dict[str, object] = {}
    inferred: list[str] = []

    title = _meta_value(metadata, "title")
    if title is None:
        candidates = [
            line for line in head_lines
            if len(line) <= 80 and _TITLE_END.search(line) and not re.search(r"[。，,；;]", line)
            and line.count("《") == line.count("》")
        ]
        if candidates:
            title = candidates[-1]
            inferred.append("title")
    found["title"] = title

    issuer = _meta_value(metadata, "issuer")
    if issuer is None:
        issuer = next((line for line in head_lines if _ISSUER.match(line)), None)
        if issuer is None:
            issuer = next((line for line in lines[-10:] if _ISSUER.match(line)), None)
        if issuer:
            inferred.append("issuer")
    found["issuer"] = issuer

    date = None
    value = _meta_value(metadata, "date")
    if value:
        date = _iso(value)
    if date is None:
        for line in head_lines + lines[-10:]:
            if _DATE.fullmatch(line):
                date = _iso(line)
                inferred.append("date")
                break
    found["date"] = date

    doc_number = _meta_value(metadata, "doc_number")
    if doc_number is None:
        doc_number = next((line for line in head_lines if _DOC_NUMBER.fullmatch(line)), None)
        if doc_number:
            inferred.append("doc_number")
    found["doc_number"] = doc_number

    place = None
    for candidate in (issuer, title):
        if candidate:
            # a notice's title starts 关于印发…: the place follows
            candidate = re.sub(r"^(?:关于|關於)?(?:印发|印發|转发|轉發|发布|發布)?", "", candidate)
            m = _PLACE.match(candidate)
            if m:
                place = m.group(1)
                break
    if place is None:
        # The place named most often, e.g. 東營市; "我市", "全市" are not names.
        counts: dict[str, int] = {}
        for m in re.finditer("[市县縣]", clean):
            i = m.start()
            if i < 2 or clean[i - 1] in _NOT_PLACE:
                continue
            for n in (2, 3):
                name = clean[i - n : i + 1]
                if len(name) == n + 1 and re.fullmatch(r"[\u4e00-\u9fff]+", name):
                    counts[name] = counts.get(name, 0) + 1
        if counts:
            best = max(counts, key=lambda k: (counts[k], -len(k)))
            place = best if counts[best] >= 2 else None
    if place:
        inferred.append("place")
    found["place"] = place

    year, year_from = None, None
    if date:
        year, year_from = int(date[:4]), "date"
    elif doc_number and (m := re.search(r"(?:19|20)\d{2}", doc_number)):
        year, year_from = int(m.group(0)), "doc_number"
    elif m := _BODY_YEAR.search(clean):
        year, year_from = int(m.group(1)), "body"
        inferred.append("body")
    if year is not None and year_from in inferred:
        inferred.append("year")
    inferred = [f for f in inferred if f != "body"]
    found["year"] = year

    script = detect_script(clean)
    if title:
        label = title
        if "title" in inferred:
            inferred.append("label")
    else:
        first = lines[0][:20] if lines else (Path(file).stem or "未命名文档")
        prefix = f"{place or ''}{f'{year}年' if year else ''}"
        label = f"{prefix}文件：{first}…（文件无标题，名称据正文推断）"
        inferred.append("label")

    if doc_id is None:
        doc_id = _slug(Path(file).stem) if file else ""
        if not doc_id or not re.match(r"^[a-z0-9]", doc_id):
            doc_id = "doc-" + hashlib.sha1(raw.encode("utf-8", "replace")).hexdigest()[:10]
    missing = [f for f in ("title", "place", "issuer", "date", "year", "doc_number") if found.get(f) is None]
    return Source(
        doc_id=doc_id,
        file=Path(file).name if file else "",
        label=label,
        script=script,  # type: ignore[arg-type]
        title=title,
        place=place,
        issuer=issuer,
        date=date,
        year=year,
        doc_number=doc_number,
        inferred=tuple(dict.fromkeys(inferred)),
        missing=tuple(missing),
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
        offsets=tuple(offsets),
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
            source = infer_source(raw, file=path.name, doc_id=doc_id)
        elif doc_id is not None and doc_id != source.doc_id:
            source = dataclasses.replace(source, doc_id=doc_id)
        return parse_text(raw, source)
    except MemoryError as exc:
        raise DocumentError(TOO_BIG.format(name=path.name)) from exc
    except Exception as exc:  # a parser bug must reach the user as a sentence, not a traceback
        raise DocumentError(
            f"解析文件 {path.name} 时出错：文档结构异常，无法处理（{type(exc).__name__}）。"
            "请检查文件内容，或另存为 .txt 后再试。") from exc
