"""``python -m index inspect DIR --summary``: a few lines per document a person can check."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "index", "inspect", *args], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=300)


def test_folder_summary_lists_every_document_and_totals(tmp_path):
    for name in ("upload_sample.txt", "hexi_industry_2025.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "README.md").write_text("# 说明\n这个文件夹里的文件。\n", encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    out = _run(str(tmp_path), "--summary")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "== upload_sample.txt" in text and "== hexi_industry_2025.txt" in text
    assert "README" not in text  # the folder's description is not a document
    assert "== broken.docx" in text and "无法解析" in text
    for part in ("title=", "issuer=", "doc_number=", "date=", "place=", "kind=", "条款",
                 "层级", "数字", "责任单位", "去掉的页面杂项"):
        assert part in text, part
    assert "合计：2 篇" in text and "无法解析 1 篇" in text
    # The sample's 责任单位 list is counted and shown with its units.
    block = text.split("== upload_sample.txt")[1].split("==")[0]
    assert "责任单位 0 组" not in block


def test_single_file_summary():
    out = _run(str(FIXTURES / "upload_sample.txt"), "--summary")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("== upload_sample.txt") and "条款" in out.stdout
