"""Reading the real documents of ../shared/realdocs: furniture out, title first, metadata read.

Every file listed in the corpus README is read and cleaned as the index would; the checks
are generic (the furniture phrases any government site or newspaper page uses), so that
they also say what a held-out page must come out like.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from index.clean import clean_text
from index.read import read_document

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"
if not REALDOCS.is_dir():
    REALDOCS = Path("/work/shared/realdocs")
README = REALDOCS / "README.md"
ROWS = re.findall(r"^\| (\w+\.(?:html|txt)) \| ([^|]+) \|", README.read_text(encoding="utf-8"),
                  re.M) if README.is_file() else []
pytestmark = pytest.mark.skipif(not ROWS, reason="shared/realdocs not present")

# A line of the cleaned text must not start with any of these (site and newspaper furniture).
FURNITURE_STARTS = (
    "当前位置", "您的位置", "上一篇", "下一篇", "← ", "返回", "【字", "打印", "关闭窗口", "扫一扫",
    "来源：", "来源:", "分享", "相关报道", "相关链接", "相关附件", "责任编辑", "下载", "全屏", "收藏",
    "layout:", "title:", "---", "政策解读", "政策原文", "浏览次数", "阅读量", "访问量", "发表时间",
    "无障碍", "长者助手", "搜索", "首页", "用户登录", "网站标识码", "主办单位", "粤ICP备",
)
FURNITURE_LINES = {"大", "中", "小", "】", "【", ">", "简体", "繁體", "English", "×", "+", "-"}
FURNITURE_ANYWHERE = ("下转第", "上接第", "扫一扫在手机打开当前页", "【打印】", "【关闭】")
META_KEYS = ("索引号", "索 引 号", "统一编号")


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def _core_title(title: str) -> str:
    """The README title less what was added to it: 文号 and reprint notes in brackets at the
    end, a note after a comma."""
    core = title
    while True:
        core = re.sub(r"，[^（）]*$", "", core)
        m = re.search(r"（[^（）]*）$", core)
        if not m or len(core) - len(m.group(0)) < 8:
            return core
        core = core[: m.start()]


@pytest.fixture(scope="module")
def docs():
    out = {}
    for name, _ in ROWS:
        raw, info = read_document(REALDOCS / name)
        clean, offsets = clean_text(raw)
        out[name] = (raw, info, clean, offsets)
    return out


@pytest.mark.parametrize(("name", "title"), ROWS, ids=[r[0] for r in ROWS])
def test_no_furniture_left(docs, name, title):
    _, _, clean, _ = docs[name]
    lines = [line.strip() for line in clean.splitlines() if line.strip()]
    bad = [line for line in lines if line.startswith(FURNITURE_STARTS) or line in FURNITURE_LINES]
    assert bad == []
    assert [p for p in FURNITURE_ANYWHERE if p in clean] == []


@pytest.mark.parametrize(("name", "title"), ROWS, ids=[r[0] for r in ROWS])
def test_title_near_the_start(docs, name, title):
    _, _, clean, _ = docs[name]
    head = _flat(clean[:1500])
    core = _flat(_core_title(title))
    # a report's page may title it without year and place (政府工作报告)
    short = re.sub(r"^\d{4}年\S{2,8}?(?:省|市|自治区)(?:人民)?", "", core)
    assert core in head or (short != core and short in _flat(clean[:200]))


@pytest.mark.parametrize(("name", "title"), ROWS, ids=[r[0] for r in ROWS])
def test_metadata_block_read(docs, name, title):
    raw, info, clean, offsets = docs[name]
    page = (REALDOCS / name).read_text(encoding="utf-8")
    pairs = info.get("metadata", [])
    if not name.endswith(".html") or not any(k in page for k in META_KEYS):
        # no block: at most the page's own publication date beside the title
        assert pairs == [] or (name.endswith(".html") and len(pairs) == 1 and pairs[0][0] == "发布日期")
        return
    meta = dict(pairs)
    assert len(meta) >= 3
    for key, value in pairs:
        assert " " not in key and "：" not in key
        assert _flat(value) in _flat(re.sub(r"<[^>]+>", "", page))
    if name.startswith("gov_"):
        assert {"索引号", "主题分类", "发文机关", "成文日期", "发文字号", "发布日期"} <= set(meta)
        assert meta["发文字号"] in title
    # the block is not in the text the outline parser sees
    flat = _flat(clean[:400])
    assert not any(k in flat for k in ("索引号", "主题分类", "统一编号", "发文机关："))
    assert len(offsets) == len(clean) + 1 and offsets[-1] == len(raw)
