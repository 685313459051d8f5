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
    # the header row once, then each data cell named by its column (index/tables.py)
    assert text.splitlines() == [
        "一、总体要求", "指标 | 目标值", "指标：研发投入增长 | 目标值：7%以上", "二、重点任务（责任单位：市科学技术局）"]
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


def _read_html(tmp_path, html: str, name: str = "page.html"):
    p = tmp_path / name
    p.write_text(html, encoding="utf-8")
    return read_document(p)


BODY = "".join(f"<p>（{n}）加快推进第{n}项重点任务建设，到2026年新增创新平台{n}家，形成示范效应。</p>"
               for n in "一二三四五")


def test_html_site_furniture_and_front_matter_dropped(tmp_path):
    html = (
        "---\nlayout: default\ntitle: 某市关于印发行动计划的通知\n---\n<style>p{}</style>"
        "<div class='top'><a href='/'>首页</a><a href='/a'>政务公开</a><form><input>搜索</form></div>"
        "<article><header><span>政策解读</span><span>政策原文</span>"
        "<h1>某市关于印发行动计划的通知</h1><div>来源：公众号某某</div></header>"
        f"<div class='body'>{BODY}</div></article>"
        "<div><a href='./'>返回政策原文列表</a></div><nav><a>← 上一篇</a><a>下一篇 →</a></nav>"
    )
    text, info = _read_html(tmp_path, html)
    lines = text.splitlines()
    assert lines[0] == "某市关于印发行动计划的通知"
    assert lines[1].startswith("（一）加快推进")
    for furniture in ("layout", "---", "政策解读", "来源", "返回", "上一篇", "下一篇", "首页", "搜索"):
        assert furniture not in text
    assert info["metadata"] == []


def test_html_metadata_table_and_body_in_a_cell(tmp_path):
    html = (
        "<table><tr><td><table>"
        "<tr><td><b>索 引 号：</b></td><td>000014349/2019-00004</td>"
        "<td><b>主题分类：</b></td><td>卫生、体育\\卫生</td></tr>"
        "<tr><td><b>发文机关：</b></td><td>国务院办公厅</td><td><b>成文日期：</b></td><td>2019年01月16日</td></tr>"
        "<tr><td><b>标　　题：</b></td><td colspan='3'>国务院办公厅关于加强某项工作的意见</td></tr>"
        "<tr><td><b>发文字号：</b></td><td>国办发〔2019〕4号</td><td><b>发布日期：</b></td><td>2019年01月30日</td></tr>"
        "</table></td></tr></table>"
        "<table><tr><td><table><tr><td id='content'>"
        "<p style='text-align: center'>国务院办公厅关于加强</p>"
        "<p style='text-align: center'><span>某项工作的意见</span></p>"
        "<p style='text-align: center'>国办发〔2019〕4号</p>"
        f"{BODY}<p>国务院办公厅</p><p>2019年1月16日</p></td></tr></table></td>"
        "<td><a href='#'>扫一扫在手机打开当前页</a></td></tr></table>"
    )
    text, info = _read_html(tmp_path, html)
    meta = dict(info["metadata"])
    assert meta == {
        "索引号": "000014349/2019-00004", "主题分类": "卫生、体育\\卫生", "发文机关": "国务院办公厅",
        "成文日期": "2019年01月16日", "标题": "国务院办公厅关于加强某项工作的意见",
        "发文字号": "国办发〔2019〕4号", "发布日期": "2019年01月30日"}
    from index.clean import clean_text

    clean, _ = clean_text(text)
    lines = clean.splitlines()
    # the body cell comes out as paragraphs, the title broken over two centred lines is
    # one line again, and no metadata line is left for the outline
    assert lines[:2] == ["国务院办公厅关于加强某项工作的意见", "国办发〔2019〕4号"]
    assert sum(1 for line in lines if line.startswith("（")) == 5
    assert "|" not in clean and "索" not in clean and "主题分类" not in clean
    assert "扫一扫" not in clean


def test_html_metadata_list_items_and_hidden_copy(tmp_path):
    html = (
        "<div class='crumb'>当前位置：<a>首页</a> &gt; <a>规范性文件</a></div>"
        "<ul><li><span>统一编号：</span> GZ0220210019 </li><li><span>文 号：</span> 穗府办规〔2021〕19号 </li>"
        "<li><span>发布机关：</span> 某市人民政府办公厅 </li></ul>"
        "<h1 class='info_title'>某市人民政府办公厅关于印发某实施细则的通知</h1>"
        f"<div id='info_cont'>{BODY}</div>"
        f"<div class='copy' style='display:none;'>{BODY}</div>"
    )
    text, info = _read_html(tmp_path, html)
    assert info["metadata"] == [("统一编号", "GZ0220210019"), ("文号", "穗府办规〔2021〕19号"),
                                ("发布机关", "某市人民政府办公厅")]
    from index.clean import clean_text

    clean, _ = clean_text(text)
    assert clean.splitlines()[0] == "某市人民政府办公厅关于印发某实施细则的通知"
    assert clean.count("（一）加快推进") == 1  # the hidden copy is not read
    assert "当前位置" not in clean and "统一编号" not in clean


def test_html_table_header_and_merged_cells(tmp_path):
    html = (
        "<h1>某市门诊特定病种费用标准</h1>" + BODY +
        "<table><tr><td colspan='3'>附表 费用标准</td></tr>"
        "<tr><td>类别</td><td>病种</td><td>最高支付限额</td></tr>"
        "<tr><td rowspan='2'>一类</td><td>高血压病</td><td>200元/月</td></tr>"
        "<tr><td>糖尿病</td><td>300元/月</td></tr>"
        "<tr><td colspan='2'>合计</td><td>500元/月</td></tr></table>"
    )
    text, _ = _read_html(tmp_path, html)
    lines = text.splitlines()
    i = lines.index("附表 费用标准")
    assert lines[i + 1:i + 5] == [
        "类别 | 病种 | 最高支付限额",
        "类别：一类 | 病种：高血压病 | 最高支付限额：200元/月",
        "类别：一类 | 病种：糖尿病 | 最高支付限额：300元/月",  # rowspan repeated, no shift
        "类别：合计 | 最高支付限额：500元/月",  # colspan written once, column kept
    ]


def test_html_data_table_with_long_cells_is_a_table(tmp_path):
    long = "推动人才资源向基层倾斜，加大公开招聘力度，优先保障基层用人需求。" * 12
    html = (BODY + "<table><tr><td>序号</td><td>工作事项</td><td>主要内容</td><td>牵头单位</td></tr>"
            f"<tr><td>1</td><td>扩大家庭医生来源</td><td>{long}</td><td>各区政府</td></tr>"
            f"<tr><td>2</td><td>加强人才培养</td><td>{long}</td><td>市卫生健康委</td></tr></table>")
    lines = _read_html(tmp_path, html)[0].splitlines()
    assert lines[-3] == "序号 | 工作事项 | 主要内容 | 牵头单位"
    assert lines[-1].startswith("序号：2 | 工作事项：加强人才培养 | 主要内容：推动")
    assert lines[-1].endswith(" | 牵头单位：市卫生健康委")


def test_html_column_named_like_a_metadata_field_stays(tmp_path):
    html = (BODY + "<table><tr><td>分类</td><td>名称</td><td>限额</td></tr>"
            "<tr><td>一类</td><td>高血压病</td><td>200元/月</td></tr></table>")
    text, info = _read_html(tmp_path, html)
    assert info["metadata"] == []
    assert text.splitlines()[-2:] == ["分类 | 名称 | 限额", "分类：一类 | 名称：高血压病 | 限额：200元/月"]


def test_html_th_header_and_plain_rows(tmp_path):
    html = (
        BODY + "<table><thead><tr><th>产品名称</th><th>产量</th></tr></thead>"
        "<tr><td>饮料酒</td><td>15767</td></tr></table>"
        "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>"
    )
    lines = _read_html(tmp_path, html)[0].splitlines()
    assert lines[-4:] == ["产品名称 | 产量", "产品名称：饮料酒 | 产量：15767", "1 | 2", "3 | 4"]


def test_html_two_column_form_has_no_header(tmp_path):
    html = (BODY + "<table><tr><td>单位名称</td><td>某某科技有限公司</td></tr>"
            "<tr><td>联系地址</td><td>某市某区某路</td></tr></table>")
    lines = _read_html(tmp_path, html)[0].splitlines()
    assert lines[-2:] == ["单位名称 | 某某科技有限公司", "联系地址 | 某市某区某路"]


def test_html_deep_nesting_is_read(tmp_path):
    # the walk is iterative: thousands of nested blocks cannot overflow the stack
    html = "<html><body>" + "<div>" * 3000 + BODY + "</div>" * 3000 + "</body></html>"
    text, _ = _read_html(tmp_path, html)
    assert text.splitlines()[0].startswith("（一）加快推进") and len(text.splitlines()) == 5


def test_html_lone_publication_date_beside_the_title(tmp_path):
    """No metadata block, but the page's 发布日期 in the title's attribute row (not the
    date bar of the day the page was saved) dates the document."""
    html = ("<div class='top'><span class='date'>2023年10月11日 星期三</span></div>"
            "<h1>青山县2015年国民经济和社会发展统计公报</h1><div class='attr'><span>来源：<b></b></span>"
            "<span>访问量：<b>199</b></span><span>发布日期：<b>2017-05-15 10:49:00</b></span></div>"
            f"<div class='body'>{BODY}<p>（青山县统计局）</p></div>")
    text, info = _read_html(tmp_path, html)
    assert info["metadata"] == [("发布日期", "2017-05-15 10:49:00")]
    from index.clean import clean_text
    from index.ingest import infer_source

    assert "发布日期" not in clean_text(text)[0]
    source = infer_source(text, file="page.html", info=info)
    assert (source.date, source.year, source.issuer) == ("2017-05-15", 2015, "青山县统计局")
    # inside the body, a paragraph starting 发布日期： is the document's own text
    html = f"<h1>青山县果园提升方案</h1><div class='body'>{BODY}<p>发布日期：2017-05-15</p></div>"
    assert _read_html(tmp_path, html)[1]["metadata"] == []


def test_txt_metadata_block_in_info(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text("索 引 号：000014349/2018-00217\n发文字号：\n国办发〔2018〕121号\n" + TEXT, encoding="utf-8")
    text, info = read_document(p)
    assert info["metadata"] == [("索引号", "000014349/2018-00217"), ("发文字号", "国办发〔2018〕121号")]
    assert text.endswith(TEXT)  # the raw text is kept; clean_text drops the block
