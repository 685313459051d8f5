"""Readers: a document file (.txt .md .docx .pdf .html) to its raw text."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from index.errors import DocumentError

SUPPORTED = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
_SUPPORTED_TEXT = ".txt .md .docx .pdf .html"
_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "blockquote", "pre", "dt", "dd", "title",
)


def _printable_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(
        1 for c in text
        if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t\f") or 0x7F <= ord(c) < 0xA0
    )
    return 1 - bad / len(text)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file: UTF-8 (with or without BOM), UTF-16 with BOM,
    GB18030/GBK, or whatever charset-normalizer finds. Raises DocumentError for binary data.

    Returns:
        ``(text, encoding)``.
    """
    if not data.strip():
        raise DocumentError("文件为空。请选择有内容的文档。")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise DocumentError("文件内容不是文本（含有二进制数据），无法读取。请上传 .txt .md .docx .pdf .html 文档。")
    text, encoding = None, None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text, encoding = data.decode(enc), enc
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            text, encoding = str(best), best.encoding
    if text is None or _printable_ratio(text) < 0.95:
        raise DocumentError("文件内容不是可读的文本（编码无法识别或为二进制文件）。")
    if encoding == "gb18030" and _cjk_ratio(text) < 0.05 and _printable_ratio(text) < 0.99:
        raise DocumentError("文件内容不是可读的文本（编码无法识别或为二进制文件）。")
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    return text, encoding or "unknown"


def _cjk_ratio(text: str) -> float:
    return len(re.findall(r"[\u4e00-\u9fff]", text)) / max(len(text), 1)


def _read_docx(data: bytes) -> tuple[str, dict[str, Any]]:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        n_par = n_tab = 0
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(child, document).text)
                n_par += 1
            elif tag == "tbl":
                n_tab += 1
                for row in Table(child, document).rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        t = cell.text.strip()
                        if not cells or cells[-1] != t:  # merged cells repeat
                            cells.append(t)
                    lines.append(" | ".join(cells))
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise DocumentError("无法读取 .docx 文件：文件已损坏或不是 Word 文档。") from exc
    return "\n".join(lines), {"paragraphs": n_par, "tables": n_tab}


def _read_pdf(data: bytes) -> tuple[str, dict[str, Any]]:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many kinds on a broken file
        raise DocumentError("无法读取 .pdf 文件：文件已损坏或已加密。") from exc
    text = "\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise DocumentError("PDF 中没有可提取的文字（可能是扫描件）。请上传文字版文档。")
    return text, {"pages": len(pages)}


def _read_html(data: bytes) -> tuple[str, dict[str, Any]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    root = soup.body or soup
    for tag in root.find_all(_BLOCK_TAGS):
        if tag.name == "br":
            tag.replace_with("\n")
            continue
        tag.insert_before("\n")
        tag.insert_after("\n")
    for tag in root.find_all(["td", "th"]):
        tag.insert_after(" | ")
    text = root.get_text()
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    lines = [re.sub(r"\s*\|\s*$", "", line) for line in lines]
    out = "\n".join(line for line in lines if line)
    if not out.strip():
        raise DocumentError("HTML 文件中没有正文文字。")
    enc = getattr(soup, "original_encoding", None)
    return out, {"encoding": enc or "utf-8"}


def read_document(path: str | Path) -> tuple[str, dict[str, Any]]:
    """Read a document file as text.

    Args:
        path: a .txt, .md, .docx, .pdf or .html file.

    Returns:
        ``(raw_text, info)`` where info holds ``format`` and what the reader found
        (``encoding``, ``pages``, ``paragraphs``, ``tables``).

    Raises:
        FileNotFoundError: no such file.
        DocumentError: empty, binary, corrupt or unsupported file (message in Chinese).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        shown = suffix or "（无扩展名）"
        raise DocumentError(f"不支持的文件类型 {shown}，支持 {_SUPPORTED_TEXT}")
    if not path.is_file():
        raise FileNotFoundError(f"找不到文件：{path}")
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError(f"文件为空：{path.name}")
    info: dict[str, Any] = {"format": "html" if suffix == ".htm" else suffix.lstrip(".")}
    if suffix in (".txt", ".md"):
        text, enc = decode_text(data)
        info["encoding"] = enc
    elif suffix == ".docx":
        text, more = _read_docx(data)
        info.update(more)
    elif suffix == ".pdf":
        text, more = _read_pdf(data)
        info.update(more)
    else:
        text, more = _read_html(data)
        info.update(more)
    if not text.strip():
        raise DocumentError(f"文件中没有文字：{path.name}")
    return text, info
