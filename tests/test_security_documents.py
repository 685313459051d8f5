"""Hostile documents: zip bombs, swollen packages, long PDFs, look-alike encodings, and
jieba's dictionary cache.

Every hostile file is built here, at test time. A refusal is fast, costs little memory, is
worded in Chinese and leaves the index and the corpus byte-for-byte as they were, whether
it comes through ``read_document``, ``extend_index`` or the CLI (which shows no traceback).
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import random
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from test_read import _pdf_bytes
from test_robustness_documents import _docx, _snapshot, env  # noqa: F401  (env: a fixture)

from index.build import extend_index
from index.config import ROOT, Config
from index.errors import DocumentError
from index.read import check_zip_package, decode_text, read_document

SECONDS = 5.0  # a refusal must come well within this
MAX_RSS_MB = 200  # and cost less memory than this
_XML_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             b"<w:body>")
_XML_PARA = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>"
_XML_TAIL = b"</w:body></w:document>"

# A Traditional-script paragraph in the style of a Taiwan statute (written for this test).
TRADITIONAL = (
    "第 1 條\n為安全、有效、迅速推動颱風災後重建工作，特制定本條例。本條例未規定者，"
    "依災害防救法及其他相關法律之規定辦理。\n第 2 條\n災後重建應以人為本，以生活為核心，"
    "並應尊重多元文化特色，保障社區參與，兼顧國土保安與環境資源保育。\n第 3 條\n"
    "重建經費由中央政府編列特別預算支應，總額新臺幣一千二百億元，由行政院統籌分配。"
)
SIMPLIFIED = (
    "一、总体要求\n到2026年，全市新增省级以上创新平台20家，规模以上工业增加值增长8%。\n"
    "二、重点任务\n（一）加快产业转型升级。推动传统产业数字化改造，培育专精特新企业。"
    "（责任单位：市工业和信息化局、市科学技术局）"
)
# Simplified text whose GBK bytes are also valid Big5 (as Big5 they read as nonsense).
GBK_ALSO_BIG5 = (
    "为加快推进产业发展，提升服务质量，完善政策体系，优化营商环境，特制定本办法。\n"
    "第二条 市科学技术局依法负责本办法的组织实施，各区应建立工作机制，推动灾后重建与经济发展。"
)


# ---------------------------------------------------------------- hostile file builders


def _copy_docx(path: Path, replace: dict[str, bytes] | None = None,
               extra: int = 0, xml_mb: float = 0) -> Path:
    """A real python-docx package, with members replaced, ``extra`` tiny members added, or
    word/document.xml swapped for ``xml_mb`` MB of repetitive XML (streamed: the test never
    holds it in memory either)."""
    src = zipfile.ZipFile(io.BytesIO(_docx("关于印发青山县果园提升方案的通知")))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            if info.filename == "word/document.xml" and xml_mb:
                n = int(xml_mb * 2**20) // len(_XML_PARA)
                with z.open("word/document.xml", "w") as out:
                    out.write(_XML_HEAD)
                    block = _XML_PARA * 10000
                    for _ in range(n // 10000):
                        out.write(block)
                    out.write(_XML_TAIL)
            else:
                z.writestr(info.filename, (replace or {}).get(info.filename, src.read(info)))
        for i in range(extra):
            z.writestr(f"customXml/extra{i}.xml", b"<a/>")
    return path


def zip_bomb(tmp: Path) -> Path:
    """A 50 MB word/document.xml in a package of about 190 KB."""
    return _copy_docx(tmp / "bomb.docx", xml_mb=50)


def many_members(tmp: Path) -> Path:
    return _copy_docx(tmp / "members.docx", extra=5000)


def ratio_bomb(tmp: Path) -> Path:
    """Within the size limit (5 MB) but packed about 340 to 1: nothing real compresses so."""
    return _copy_docx(tmp / "ratio.docx", xml_mb=5)


def lying_sizes(tmp: Path) -> Path:
    """An 8 MB document.xml whose local and central headers both declare 1000 bytes."""
    path = _copy_docx(tmp / "liar.docx", xml_mb=8)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
        real = info.file_size
    name = b"word/document.xml"
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        for m in re.finditer(re.escape(sig), bytes(data)):
            start = m.start()
            name_len = int.from_bytes(data[start + (26 if sig == b"PK\x03\x04" else 28):][:2], "little")
            name_at = start + (30 if sig == b"PK\x03\x04" else 46)
            if bytes(data[name_at:name_at + name_len]) == name:
                assert int.from_bytes(data[start + size_at:start + size_at + 4], "little") == real
                data[start + size_at:start + size_at + 4] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as z:
        assert z.getinfo("word/document.xml").file_size == 1000
    return path


def long_pdf(tmp: Path, pages: int = 2001) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    path = tmp / f"pages-{pages}.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    return path


HOSTILE = {  # case -> (builder, a phrase the refusal must contain)
    "zip-bomb": (zip_bomb, "压缩炸弹"),
    "5000-members": (many_members, "个部件"),
    "ratio-340": (ratio_bomb, "压缩比"),
    "lying-sizes": (lying_sizes, "已损坏"),
    "2001-pages": (long_pdf, "页数过多"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    tmp = tmp_path_factory.mktemp("hostile")
    return {case: (build(tmp), phrase) for case, (build, phrase) in HOSTILE.items()}


def _child_env(**more: str) -> dict[str, str]:
    variables = dict(os.environ, HF_HUB_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False",
                     PYTHONPATH=str(ROOT))
    variables.update(more)
    return variables


# ---------------------------------------------------------------- the hostile files


def test_the_hostile_files_are_what_they_claim(hostile):
    bomb = hostile["zip-bomb"][0]
    assert bomb.stat().st_size < 300 * 1024
    with zipfile.ZipFile(bomb) as z:
        assert z.getinfo("word/document.xml").file_size > 50 * 10**6
    with zipfile.ZipFile(hostile["5000-members"][0]) as z:
        assert len(z.infolist()) > 5000
    with zipfile.ZipFile(hostile["ratio-340"][0]) as z:
        info = z.getinfo("word/document.xml")
        assert info.file_size < Config().max_docx_uncompressed_mb * 2**20
        assert info.file_size > 200 * info.compress_size


@pytest.mark.parametrize("case", list(HOSTILE))
def test_read_document_refuses_fast_and_small(hostile, case):
    """In a fresh process, so the peak memory (ru_maxrss) is this read's own."""
    path, phrase = hostile[case]
    code = (
        "import json, resource, sys, time\n"
        "import docx, pypdf\n"
        "from index.read import read_document\n"
        "from index.errors import DocumentError\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "t = time.perf_counter()\n"
        "try:\n"
        "    read_document(sys.argv[1]); message = None\n"
        "except DocumentError as exc:\n"
        "    message = str(exc)\n"
        "print(json.dumps({'message': message, 'seconds': time.perf_counter() - t,"
        " 'rss_mb': (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) / 1024}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                         text=True, env=_child_env(), timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    found = json.loads(out.stdout)
    assert found["message"] and phrase in found["message"], found
    assert found["seconds"] < SECONDS, found
    assert found["rss_mb"] < MAX_RSS_MB, found


@pytest.mark.parametrize("case", list(HOSTILE))
def test_extend_index_refuses_and_changes_nothing(env, hostile, case):  # noqa: F811
    cfg, bot, _ = env
    path, phrase = hostile[case]
    before = _snapshot(cfg)
    n_docs = len(bot.documents())
    t = time.perf_counter()
    with pytest.raises(DocumentError, match=phrase):
        extend_index(cfg, [path])
    assert time.perf_counter() - t < SECONDS
    assert _snapshot(cfg) == before
    assert len(bot.documents()) == n_docs


@pytest.mark.parametrize("case", list(HOSTILE))
def test_web_upload_refuses_in_chinese(env, hostile, case):  # noqa: F811
    cfg, bot, web = env
    path, phrase = hostile[case]
    before = _snapshot(cfg)
    t = time.perf_counter()
    message, changed = web.add_files([str(path)])
    assert time.perf_counter() - t < SECONDS
    assert not changed and phrase in message and "Traceback" not in message, message
    assert _snapshot(cfg) == before


@pytest.mark.parametrize("command", ["build", "inspect"])
@pytest.mark.parametrize("case", list(HOSTILE))
def test_cli_refuses_in_chinese_without_traceback(env, hostile, case, command):  # noqa: F811
    cfg, _, _ = env
    path, phrase = hostile[case]
    before = _snapshot(cfg)
    args = ["build", "--add", str(path), "--quiet"] if command == "build" else ["inspect", str(path)]
    child = _child_env(**{f"POLICYQA_{f.name.upper()}": str(getattr(cfg, f.name))
                          for f in dataclasses.fields(cfg)})
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "index", *args], capture_output=True, text=True,
                         env=child, timeout=120, cwd=ROOT)
    assert time.perf_counter() - t < 30  # a fresh interpreter's imports included
    assert out.returncode != 0
    assert phrase in out.stderr and out.stderr.startswith("错误"), out.stderr
    assert "Traceback" not in out.stderr + out.stdout
    assert _snapshot(cfg) == before


def test_a_real_memory_error_reaches_the_cli_in_chinese(tmp_path):
    """A real MemoryError (the address space capped in the child) while a large but
    allowed text file is read and parsed."""
    big = tmp_path / "big.txt"
    line = "（一）推进产业发展，提升服务质量。（责任单位：市科学技术局）\n"
    big.write_text(line * 150_000, encoding="utf-8")  # about 13 MB, under max_upload_mb
    code = (
        "import resource, sys\n"
        "from index.__main__ import main\n"
        "import index.inspect, index.ingest\n"
        "used = int(open('/proc/self/statm').read().split()[0]) * resource.getpagesize()\n"
        "resource.setrlimit(resource.RLIMIT_AS, (used + 120 * 2**20, resource.RLIM_INFINITY))\n"
        "sys.exit(main(['inspect', sys.argv[1]]))\n"
    )
    if not Path("/proc/self/statm").exists():
        pytest.skip("needs /proc to cap the child's memory")
    out = subprocess.run([sys.executable, "-c", code, str(big)], capture_output=True, text=True,
                         env=_child_env(), timeout=300, cwd=ROOT)
    assert out.returncode == 2, out.stderr[-2000:]
    assert "文件过大或结构异常" in out.stderr
    assert "Traceback" not in out.stderr and "MemoryError" not in out.stderr


def test_docx_limits_are_the_configs(tmp_path):
    ratio = _copy_docx(tmp_path / "ratio.docx", xml_mb=2)
    with pytest.raises(DocumentError, match="max_docx_ratio"):
        read_document(ratio)
    with pytest.raises(DocumentError, match="超过 1 MB 上限"):
        read_document(ratio, config=Config(max_docx_uncompressed_mb=1, max_docx_ratio=10**6))
    text, info = read_document(ratio, config=Config(max_docx_ratio=10**6))
    assert info["paragraphs"] > 50_000 and set(text) == {"a", "\n"}
    members = _copy_docx(tmp_path / "m.docx", extra=20)
    with pytest.raises(DocumentError, match="max_docx_members"):
        read_document(members, config=Config(max_docx_members=20))
    assert read_document(members)[0] == "关于印发青山县果园提升方案的通知"


def test_an_ordinary_long_word_document_is_read(tmp_path):
    """Hundreds of pages of varied text (document.xml over 1 MB, so the ratio rule
    applies) stay well inside the limits."""
    import docx

    rng = random.Random(7)
    words = ["推进", "产业", "发展", "提升", "服务", "质量", "完善", "政策", "体系", "优化",
             "营商", "环境", "建立", "机制", "责任", "单位", "科学", "技术", "企业", "创新"]
    d = docx.Document()
    for i in range(5000):
        d.add_paragraph(f"（{i}）" + "".join(rng.choices(words, k=30)) + f"，投资{rng.random():.4f}亿元。")
    path = tmp_path / "long.docx"
    d.save(path)
    with zipfile.ZipFile(path) as z:
        assert z.getinfo("word/document.xml").file_size > 2**20
    text, info = read_document(path)
    assert info["paragraphs"] == 5000 and text.startswith("（0）")


def test_check_zip_package_serves_any_ooxml_package():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 400_000)  # 2.4 MB, packs ~1000:1
    with pytest.raises(DocumentError, match=r"\.xlsx .*压缩比"):
        check_zip_package(buf.getvalue(), max_bytes=2**30, max_members=10, max_ratio=100,
                          kind=".xlsx")
    check_zip_package(buf.getvalue(), max_bytes=2**30, max_members=10, max_ratio=10**4,
                      kind=".xlsx")
    with pytest.raises(DocumentError, match="损坏"):
        check_zip_package(b"PK\x03\x04 not a zip", max_bytes=2**30, max_members=10,
                          max_ratio=100)


def test_pdf_limits_are_the_configs(tmp_path):
    four = long_pdf(tmp_path, pages=4)
    with pytest.raises(DocumentError, match="4 页，上限 3 页"):
        read_document(four, config=Config(max_pdf_pages=3))
    with pytest.raises(DocumentError, match="没有可提取的文字"):  # within the limit: read
        read_document(four, config=Config(max_pdf_pages=4))
    text_pdf = tmp_path / "text.pdf"
    text_pdf.write_bytes(_pdf_bytes(["Policy text"]))
    assert read_document(text_pdf)[0] == "Policy text"
    with pytest.raises(DocumentError, match="max_pdf_seconds"):
        read_document(text_pdf, config=Config(max_pdf_seconds=1e-9))


def test_pypdf_says_nothing_in_english(tmp_path):
    """A PDF with a wrong startxref pointer: pypdf repairs it and logs English warnings."""
    import logging
    import warnings

    pdf = re.sub(rb"startxref\n\d+", b"startxref\n9999", _pdf_bytes(["Policy text"]))
    path = tmp_path / "repaired.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([sys.executable, "-m", "index", "inspect", str(path)],
                         capture_output=True, text=True, env=_child_env(), timeout=120, cwd=ROOT)
    assert out.returncode == 0 and "Policy text" in out.stdout, out.stderr
    assert out.stderr == ""
    # quiet only while reading: the logger's level and the warning filters come back
    level, filters = logging.getLogger("pypdf").level, list(warnings.filters)
    assert read_document(path)[0] == "Policy text"
    assert logging.getLogger("pypdf").level == level and warnings.filters == filters


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize("codec, expected", [
    ("big5", "big5"), ("cp950", "big5"), ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"), ("utf-16", "utf-16"), ("utf-32", "utf-32"),
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8"),
])
def test_traditional_text_in_every_encoding(tmp_path, codec, expected):
    path = tmp_path / "trad.txt"
    path.write_bytes(TRADITIONAL.encode(codec))
    text, info = read_document(path)
    assert text == TRADITIONAL and info["encoding"] == expected


def test_big5_bytes_are_valid_gb18030_garbage_which_is_not_chosen():
    data = TRADITIONAL.encode("big5")
    garbage = data.decode("gb18030")  # the old reading: accepted, and nonsense
    assert garbage != TRADITIONAL
    assert decode_text(data) == (TRADITIONAL, "big5")


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "utf-16-le", "utf-16-be"])
def test_simplified_text(codec):
    text, encoding = decode_text(SIMPLIFIED.encode(codec))
    assert text == SIMPLIFIED
    assert encoding == ("gb18030" if codec == "gbk" else codec)


def test_gbk_text_that_is_also_valid_big5_stays_simplified():
    data = GBK_ALSO_BIG5.encode("gbk")
    assert data.decode("big5") != GBK_ALSO_BIG5  # decodes, as nonsense
    assert decode_text(data) == (GBK_ALSO_BIG5, "gb18030")


def test_hong_kong_big5hkscs():
    hk = "香港特別行政區政府今日公布，有關措施將於下月實施，市民可以睇下啲資料。"
    with pytest.raises(UnicodeEncodeError):
        hk.encode("big5")
    assert decode_text(hk.encode("big5hkscs")) == (hk, "big5hkscs")


def test_binary_with_zero_bytes_is_still_refused():
    rng = random.Random(1)
    samples = [
        bytes(b for x in rng.randbytes(4000) for b in (x, 0)),  # every other byte zero
        bytes(range(256)) * 40,
        rng.randbytes(8000) + b"\x00\x00",
    ]
    for data in samples:
        with pytest.raises(DocumentError, match="文本"):
            decode_text(data)


# ---------------------------------------------------------------- jieba's cache


def test_jieba_cache_lives_in_our_folder_never_the_system_temp(tmp_path):
    """A child with TMPDIR pointing at a folder of its own: jieba would write its cache
    there (tempfile.gettempdir()); it must land in cache_dir instead."""
    systmp, cache = tmp_path / "systmp", tmp_path / "var" / "cache"
    systmp.mkdir()
    code = (
        "import tempfile, jieba, jieba.posseg as pseg\n"
        "from index.lexical import Lexicon\n"
        f"assert tempfile.gettempdir() == {str(systmp)!r}\n"
        "lex = Lexicon.from_corpus(['青山县'])\n"
        "print(lex.words('青山县推进产业发展'))\n"
        "Lexicon.full(); pseg.lcut('青山县人民政府')\n"
        "print(jieba.dt.tmp_dir)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, cwd=ROOT,
                         env=_child_env(TMPDIR=str(systmp), POLICYQA_CACHE_DIR=str(cache)))
    assert out.returncode == 0, out.stderr
    assert "青山县" in out.stdout and out.stdout.strip().endswith(str(cache))
    assert list(systmp.iterdir()) == []
    assert (cache / "jieba.cache").is_file()
    assert cache.stat().st_mode & 0o777 == 0o700


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_cache_folder_others_can_write_is_not_trusted(tmp_path):
    import jieba

    from index import lexical

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    (shared / "jieba.cache").write_bytes(b"planted")
    before = lexical._cache_dir
    try:
        used = lexical.use_cache_dir(shared)
        assert used != shared and jieba.dt.tmp_dir == str(used)
        assert used.stat().st_mode & 0o777 == 0o700 and list(used.iterdir()) == []
        lex = lexical.Lexicon.from_corpus(["青山县"])
        assert lex.words("青山县推进产业发展")[0] == "青山县"
        assert (used / "jieba.cache").is_file()
        assert (shared / "jieba.cache").read_bytes() == b"planted"
    finally:
        lexical.use_cache_dir(before)


# ---------------------------------------------------------------- the settings


def test_limits_are_settings_read_from_yaml_and_environment(tmp_path):
    yaml_file = tmp_path / "config.yaml"
    yaml_file.write_text("max_docx_members: 50\nmax_pdf_seconds: 2.5\n", encoding="utf-8")
    cfg = Config.load(yaml_file, env={"POLICYQA_MAX_PDF_PAGES": "10",
                                      "POLICYQA_MAX_DOCX_UNCOMPRESSED_MB": "12.5",
                                      "POLICYQA_CACHE_DIR": str(tmp_path / "c")})
    assert (cfg.max_docx_members, cfg.max_pdf_seconds, cfg.max_pdf_pages) == (50, 2.5, 10)
    assert cfg.max_docx_uncompressed_mb == 12.5 and cfg.path("cache_dir") == tmp_path / "c"
    defaults = Config()
    assert (defaults.max_docx_uncompressed_mb, defaults.max_docx_members, defaults.max_docx_ratio,
            defaults.max_pdf_pages, defaults.max_pdf_seconds) == (30.0, 1000, 100.0, 2000, 60.0)
    for bad in ({"max_docx_members": 0}, {"max_pdf_pages": 0}, {"max_docx_uncompressed_mb": 0},
                {"max_pdf_seconds": -1}, {"max_docx_ratio": 0.5}, {"cache_dir": " "}):
        with pytest.raises(ValueError, match=next(iter(bad))):
            Config(**bad)
