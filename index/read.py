"""Readers: a document file (.txt .md .docx .pdf .html) to its raw text."""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import re
import threading
import time
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from index.clean import extract_metadata_table, normalize_key
from index.config import Config
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


@functools.cache
def _common_hanzi() -> frozenset[str]:
    """The most used characters of both scripts, read out of the codecs themselves:
    GB2312 level 1 (3755 simplified, B0A1-D7F9) and Big5's 常用字 (5401 traditional,
    A440-C67E). Ordinary text, in either script, is almost all made of them."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("gb2312"))
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            if lead == 0xC6 and trail > 0x7E:
                break
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("big5"))
    return frozenset(chars)


# Punctuation and symbols of ordinary Chinese text: CJK symbols, full-width forms, dashes
# and quotes, ·, ①-⑳, Ⅰ-Ⅻ, ○●□■.
_COMMON_SYMBOLS = re.compile(
    r"[\u3000-\u303f\uff01-\uff5e\u2010-\u2027\u2030-\u203b\u00b7\u2460-\u2473"
    r"\u2160-\u216b\u25a0\u25a1\u25cb\u25cf]"
)
_SCORE_SAMPLE = 20000  # characters scored: enough to tell encodings apart, fast on 20 MB


def _plausibility(text: str) -> float:
    """Share of ``text`` that ordinary Chinese or English text is made of: printable ASCII,
    whitespace, common Hanzi (either script) and common punctuation. A wrong decoding
    (Big5 bytes read as GB18030, UTF-16 read in the wrong byte order) scores far lower."""
    sample = text[:_SCORE_SAMPLE]
    if not sample:
        return 0.0
    common = _common_hanzi()
    good = sum(
        1 for c in sample
        if (" " <= c <= "~") or c in "\n\r\t\f" or c in common or _COMMON_SYMBOLS.match(c)
    )
    return good / len(sample)


_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "utf-32"),
    (b"\xff\xfe", "utf-16", "utf-16"),
    (b"\xfe\xff", "utf-16", "utf-16"),
)
_BIG5_CODECS = ("big5", "cp950", "big5hkscs")  # Big5, its Windows and Hong Kong variants
_NOT_TEXT = "文件内容不是可读的文本（编码无法识别或为二进制文件）。"


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 LE or BE without a BOM: the byte order whose text is plausible, else None.

    ASCII characters (newlines, digits) put a zero in every other byte; CJK characters
    rarely contain one. Both orders are decoded and the more plausible text wins.
    """
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        text = _strict(data, codec)
        if text is not None:
            score = _plausibility(text)
            if best is None or score > best[0]:
                best = (score, text, codec)
    if best is None or best[0] < 0.8 or _printable_ratio(best[1]) < 0.95:
        return None
    return best[1], best[2]


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file.

    In order: a BOM (UTF-8, UTF-16, UTF-32); UTF-16 LE/BE without BOM (zero bytes in
    ASCII characters); UTF-8; then GB18030 or Big5 (Traditional script, Taiwan and Hong
    Kong), whichever gives the more plausible text (Big5 bytes are valid GB18030 too, as
    garbage); last, whatever charset-normalizer finds. Raises DocumentError for binary data.

    Returns:
        ``(text, encoding)``, e.g. ``"utf-8"``, ``"utf-16-le"``, ``"gb18030"``, ``"big5"``.
    """
    if not data.strip(b" \t\r\n\f\v\x00"):
        raise DocumentError("文件为空。请选择有内容的文档。")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is not None and _printable_ratio(text) >= 0.95:
                return text, name
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is not None:
            return found
        raise DocumentError("文件内容不是文本（含有二进制数据），无法读取。请上传 .txt .md .docx .pdf .html 文档。")
    text, encoding = _strict(data, "utf-8"), "utf-8"
    if text is None:
        candidates = [(t, "gb18030") for t in [_strict(data, "gb18030")] if t is not None]
        for codec in _BIG5_CODECS:
            t = _strict(data, codec)
            if t is not None:
                candidates.append((t, codec))
                break
        if candidates:
            # GB18030 wins ties: mainland documents are the common case.
            text, encoding = max(candidates, key=lambda c: _plausibility(c[0]))
    if text is None:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            text, encoding = str(best), best.encoding
    if text is None or _printable_ratio(text) < 0.95:
        raise DocumentError(_NOT_TEXT)
    if (encoding == "gb18030" or encoding in _BIG5_CODECS) and _cjk_ratio(text) < 0.05 \
            and _printable_ratio(text) < 0.99:  # both decode most binary data
        raise DocumentError(_NOT_TEXT)
    return text, encoding or "unknown"


def _cjk_ratio(text: str) -> float:
    return len(re.findall(r"[\u4e00-\u9fff]", text)) / max(len(text), 1)


_RATIO_FLOOR = 1024 * 1024  # small members may compress any amount (runs of spaces)
_CHUNK = 1 << 16


def check_zip_package(
    data: bytes, *, max_bytes: int, max_members: int, max_ratio: float, kind: str = ".docx"
) -> None:
    """Refuse a zip package (any OOXML file: .docx .xlsx .pptx) that would unpack into more
    than a reader should hold, before any XML parser opens it.

    Checks the member count, the total declared unpacked size and each member's compression
    ratio, then inflates every member through a capped stream (never more than
    ``max_bytes + 1`` bytes in all), so a package whose declared sizes lie is refused too.

    Args:
        data: the package's bytes.
        max_bytes: largest total unpacked size.
        max_members: most members.
        max_ratio: highest unpacked/packed ratio of a member larger than 1 MB unpacked.
        kind: the file type named in messages.

    Raises:
        DocumentError: too big, too many members, absurd ratio, or not a readable zip.
    """
    corrupt = f"无法读取 {kind} 文件：文件已损坏或不是 Word 文档。"
    bomb = (f"{kind} 文件解压后超过 {max_bytes / 2**20:g} MB 上限（max_docx_uncompressed_mb），"
            "可能是“压缩炸弹”或结构异常的文件，已拒绝。请另存为普通 Word 文档或 .txt 后再试。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            if len(members) > max_members:
                raise DocumentError(
                    f"{kind} 文件结构异常：包内有 {len(members)} 个部件，超过上限 {max_members}"
                    "（max_docx_members），已拒绝。")
            if sum(m.file_size for m in members) > max_bytes:
                raise DocumentError(bomb)
            for m in members:
                if m.file_size > _RATIO_FLOOR and m.file_size > max_ratio * max(m.compress_size, 1):
                    raise DocumentError(
                        f"{kind} 文件结构异常：部件 {m.filename} 的压缩比超过 {max_ratio:g} 倍"
                        "（max_docx_ratio），可能是“压缩炸弹”，已拒绝。")
            left = max_bytes
            for m in members:
                if m.is_dir():
                    continue
                with package.open(m) as stream:
                    while chunk := stream.read(min(_CHUNK, left + 1)):
                        left -= len(chunk)
                        if left < 0:
                            raise DocumentError(bomb)
    except DocumentError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # BadZipFile, CRC errors, encrypted or unknown compression
        raise DocumentError(corrupt) from exc


def _read_docx(data: bytes, config: Config) -> tuple[str, dict[str, Any]]:
    check_zip_package(
        data,
        max_bytes=int(config.max_docx_uncompressed_mb * 2**20),
        max_members=config.max_docx_members,
        max_ratio=config.max_docx_ratio,
    )
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        from index.tables import render_grid

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
                grid: list[list[str | None]] = []
                for row in Table(child, document).rows:
                    line: list[str | None] = []
                    last = None
                    for cell in row.cells:  # a merged cell comes once per grid column
                        line.append(None if cell._tc is last else cell.text.strip())
                        last = cell._tc
                    grid.append(line)
                lines.extend(render_grid(grid, [False] * len(grid)))
    except MemoryError:
        raise
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise DocumentError("无法读取 .docx 文件：文件已损坏或不是 Word 文档。") from exc
    return "\n".join(lines), {"paragraphs": n_par, "tables": n_tab}


_quiet_lock = threading.Lock()
_quiet_depth = 0
_quiet_saved: tuple[int, Any] | None = None


@contextlib.contextmanager
def quiet_readers() -> Iterator[None]:
    """While a document is read: pypdf's logger, its PdfReadWarning and BeautifulSoup's
    warnings about odd markup say nothing (they write English to stderr ahead of our
    Chinese message). Restored when the last reader in any thread is done."""
    global _quiet_depth, _quiet_saved
    from bs4 import MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
    from pypdf.errors import PdfReadWarning

    logger = logging.getLogger("pypdf")
    with _quiet_lock:
        if _quiet_depth == 0:
            filters = warnings.catch_warnings()
            filters.__enter__()
            for category in (PdfReadWarning, MarkupResemblesLocatorWarning,
                             XMLParsedAsHTMLWarning):
                warnings.filterwarnings("ignore", category=category)
            _quiet_saved = (logger.level, filters)
            logger.setLevel(logging.CRITICAL + 1)  # children inherit it: pypdf._reader...
        _quiet_depth += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0 and _quiet_saved is not None:
                level, filters = _quiet_saved
                logger.setLevel(level)
                filters.__exit__(None, None, None)
                _quiet_saved = None


def _read_pdf(data: bytes, config: Config) -> tuple[str, dict[str, Any]]:
    from pypdf import PdfReader

    broken = "无法读取 .pdf 文件：文件已损坏或已加密。"
    with quiet_readers():
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentError("PDF 文件已加密（需要密码），无法读取。请上传未加密的文件。")
            n_pages = len(reader.pages)
        except (DocumentError, MemoryError):
            raise
        except Exception as exc:  # pypdf raises many kinds on a broken file
            raise DocumentError(broken) from exc
        if n_pages > config.max_pdf_pages:
            raise DocumentError(
                f"PDF 页数过多：{n_pages} 页，上限 {config.max_pdf_pages} 页（max_pdf_pages）。"
                "请拆分后再上传。")
        deadline = time.monotonic() + config.max_pdf_seconds
        pages: list[str] = []
        try:
            for page in reader.pages:
                pages.append(page.extract_text() or "")
                if time.monotonic() > deadline:
                    raise DocumentError(
                        f"PDF 文字提取超过 {config.max_pdf_seconds:g} 秒（max_pdf_seconds），"
                        "文件过于复杂，已停止。请另存为 .txt 或 .docx 后再上传。")
        except (DocumentError, MemoryError):
            raise
        except Exception as exc:
            raise DocumentError(broken) from exc
    text = "\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise DocumentError("PDF 中没有可提取的文字（可能是扫描件）。请上传文字版文档。")
    return text, {"pages": len(pages)}


def _read_html(data: bytes, config: Config) -> tuple[str, dict[str, Any]]:
    from index.html import read_html

    text, info = read_html(data, share=config.html_body_share)
    if not text.strip():
        raise DocumentError("HTML 文件中没有正文文字。")
    return text, info


TOO_BIG = "文件过大或结构异常，无法处理：{name}。请拆分文件，或另存为 .txt 后再试。"


def read_document(path: str | Path, *, config: Config | None = None) -> tuple[str, dict[str, Any]]:
    """Read a document file as text.

    Args:
        path: a .txt, .md, .docx, .pdf or .html file.
        config: the limits to read within (``max_docx_*``, ``max_pdf_*``); default ``Config()``.

    Returns:
        ``(raw_text, info)`` where info holds ``format`` and what the reader found
        (``encoding``, ``pages``, ``paragraphs``, ``tables``), and ``metadata``: the
        document's metadata block (索引号, 发文机关, 发文字号, 成文日期 …) as a list of
        ``(key, value)`` pairs with normalised keys: always there for a web page (empty
        when it has none), for other files only when their text starts with such a block
        (``| 索引号 | … |`` or ``索 引 号：…`` lines). For a web page the block is taken
        out of the body and written at the top of ``raw_text`` as ``| 键 | 值 |`` lines;
        ``clean_text`` drops such a leading block in any format (see ``index.html``).

    Raises:
        FileNotFoundError: no such file.
        DocumentError: empty, binary, corrupt, too large or unsupported file, or any
            failure of a reader library (message in Chinese).
    """
    config = config or Config()
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        shown = suffix or "（无扩展名）"
        raise DocumentError(f"不支持的文件类型 {shown}，支持 {_SUPPORTED_TEXT}")
    if not path.is_file():
        raise FileNotFoundError(f"找不到文件：{path}")
    try:
        data = path.read_bytes()
    except PermissionError as exc:
        raise DocumentError(f"无法打开文件 {path.name}：没有读取权限。") from exc
    except OSError as exc:
        raise DocumentError(f"无法打开文件 {path.name}：读取失败（{exc.errno}）。") from exc
    if not data.strip():
        raise DocumentError(f"文件为空：{path.name}")
    info: dict[str, Any] = {"format": "html" if suffix == ".htm" else suffix.lstrip(".")}
    try:
        if suffix in (".txt", ".md"):
            text, enc = decode_text(data)
            info["encoding"] = enc
        elif suffix == ".docx":
            text, more = _read_docx(data, config)
            info.update(more)
        elif suffix == ".pdf":
            text, more = _read_pdf(data, config)
            info.update(more)
        else:
            text, more = _read_html(data, config)
            info.update(more)
    except DocumentError:
        raise
    except MemoryError as exc:
        raise DocumentError(TOO_BIG.format(name=path.name)) from exc
    except Exception as exc:  # a reader library's bug or a file it chokes on
        raise DocumentError(
            f"无法读取文件 {path.name}：文件已损坏或格式异常（{type(exc).__name__}）。") from exc
    if not text.strip():
        raise DocumentError(f"文件中没有文字：{path.name}")
    if "metadata" not in info:
        pairs, _ = extract_metadata_table(text)
        if pairs:
            info["metadata"] = [(normalize_key(k), v) for k, v in pairs]
    return text, info
