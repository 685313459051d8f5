"""Readers for .txt (UTF-8/GBK) .md .docx .pdf .html, and their refusals."""

from __future__ import annotations

import pytest

from index.errors import DocumentError
from index.read import decode_text, read_document

TEXT = "一、总体要求\n（一）指导思想\n到2026年，新增省级以上创新平台20家。（责任单位：市科学技术局）"


def _pdf_bytes(lines: list[str]) -> bytes:
    """A minimal one-page PDF with a standard Type1 font (ASCII text only)."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(
        f"({line}) Tj T*" for line in lines
    ) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_txt_utf8_and_gbk(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    text, info = read_document(p)
    assert text == TEXT and info == {"format": "txt", "encoding": "utf-8"}
    g = tmp_path / "gbk.txt"
    g.write_bytes(TEXT.encode("gbk"))
    text, info = read_document(g)
    assert text == TEXT and info["encoding"] == "gb18030"
    b = tmp_path / "bom.txt"
    b.write_bytes(TEXT.encode("utf-8-sig"))
    assert read_document(b)[0] == TEXT


def test_traditional_gb18030_and_utf16():
    trad = "產業增加值達到21.31億元（責任單位：市商務局）"
    assert decode_text(trad.encode("gb18030"))[0] == trad
    assert decode_text(trad.encode("utf-16"))[0] == trad


def test_md(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# 标题\n\n" + TEXT, encoding="utf-8")
    text, info = read_document(p)
    assert "新增省级以上创新平台20家" in text and info["format"] == "md"


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("一、总体要求")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "目标值"
    table.cell(1, 0).text = "研发投入增长"
    table.cell(1, 1).text = "7%以上"
    d.add_paragraph("二、重点任务（责任单位：市科学技术局）")
    p = tmp_path / "a.docx"
    d.save(p)
    text, info = read_document(p)
    assert text.splitlines() == ["一、总体要求", "指标 | 目标值", "研发投入增长 | 7%以上", "二、重点任务（责任单位：市科学技术局）"]
    assert info == {"format": "docx", "paragraphs": 2, "tables": 1}


def test_pdf(tmp_path):
    p = tmp_path / "a.pdf"
    p.write_bytes(_pdf_bytes(["1. Goal: 21.31 billion by 2021", "2. Tasks"]))
    text, info = read_document(p)
    assert "21.31 billion by 2021" in text and "2. Tasks" in text
    assert info == {"format": "pdf", "pages": 1}


def test_pdf_without_text(tmp_path):
    p = tmp_path / "scan.pdf"
    p.write_bytes(_pdf_bytes([]))
    with pytest.raises(DocumentError, match="没有可提取的文字"):
        read_document(p)


def test_html_body_blocks(tmp_path):
    html = (
        "<html><head><title>页面标题</title><style>p{color:red}</style></head><body>"
        "<script>var x = 1;</script><h1>滕州市工作方案</h1><p>一、总体要求<b>加粗</b>文字</p>"
        "<div>1.推进创新平台建设。<br>到2026年，新增20家。</div>"
        "<table><tr><td>指标</td><td>目标</td></tr></table></body></html>"
    )
    p = tmp_path / "a.html"
    p.write_text(html, encoding="utf-8")
    text, info = read_document(p)
    assert text.splitlines() == [
        "滕州市工作方案", "一、总体要求加粗文字", "1.推进创新平台建设。", "到2026年，新增20家。", "指标 | 目标",
    ]
    assert "var x" not in text and "页面标题" not in text and info["format"] == "html"


def test_html_gbk_meta(tmp_path):
    p = tmp_path / "g.htm"
    p.write_bytes('<html><head><meta charset="gbk"></head><body><p>责任单位</p></body></html>'.encode("gbk"))
    assert read_document(p)[0] == "责任单位"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "文件为空"),
        ("blank.md", b"  \n\n ", "文件为空"),
        ("binary.txt", bytes(range(256)) * 4, "二进制"),
        ("bad.docx", b"PK\x03\x04 this is not a zip", r"无法读取 \.docx 文件：文件已损坏"),
        ("bad.pdf", b"%PDF-1.4\n garbage garbage", r"无法读取 \.pdf 文件：文件已损坏"),
        ("empty.docx", b"", "文件为空"),
        ("empty.html", b"<html><body><script>x</script></body></html>", "没有正文"),
        ("prog.exe", b"MZ\x90\x00", r"不支持的文件类型 \.exe，支持 \.txt \.md \.docx \.pdf \.html"),
        ("noext", b"text", "不支持的文件类型"),
    ],
)
def test_refusals(tmp_path, name, data, message):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(DocumentError, match=message):
        read_document(p)


def test_binary_without_nul_rejected():
    import random

    rng = random.Random(0)
    data = bytes(rng.randrange(1, 256) for _ in range(4000))
    with pytest.raises(DocumentError):
        decode_text(data)


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_document(tmp_path / "nope.txt")
