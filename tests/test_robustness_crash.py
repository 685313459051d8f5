"""Robustness: a build killed at any point leaves the previous index usable; a store file
truncated or edited by hand is detected by its checksum and rebuilt, never served."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from app_fixtures import app_config, shared_bot

from index import store
from index.build import load_or_build
from index.config import ROOT
from index.errors import IndexCorruptError

QUERIES = ["东营2021年高端装备产业增加值目标", "规范企业纳统责任单位", "滕州新增省级以上创新平台"]


def _results(cfg) -> list[list[str]]:
    idx = store.load_index(cfg)
    return [[h.clause.id for h in idx.search(q, k=5)] for q in QUERIES]


@pytest.fixture
def copy_cfg(tmp_path):
    """A copy of the shared (fresh) index on its own folders."""
    shared = app_config()
    shared_bot()
    shutil.copytree(shared.path("index_dir"), tmp_path / "index")
    # the user documents too: earlier tests may have uploaded some into the shared index,
    # and an index is only current for the corpus it was built from
    if shared.path("user_dir").exists():
        shutil.copytree(shared.path("user_dir"), tmp_path / "user")
    else:
        (tmp_path / "user").mkdir()
    return shared.replace(index_dir=str(tmp_path / "index"), user_dir=str(tmp_path / "user"),
                          upload_dir=str(tmp_path / "uploads"))


def _build_process(cfg) -> subprocess.Popen:
    env = dict(os.environ, POLICYQA_INDEX_DIR=str(cfg.path("index_dir")),
               POLICYQA_USER_DIR=str(cfg.path("user_dir")),
               POLICYQA_UPLOAD_DIR=str(cfg.path("upload_dir")), POLICYQA_ENCODER=cfg.encoder)
    return subprocess.Popen([sys.executable, "-m", "index", "build", "--quiet"], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.slow
def test_build_killed_at_any_point_keeps_the_previous_index(copy_cfg):
    cfg = copy_cfg
    expected = _results(cfg)
    manifest = store.read_manifest(cfg)
    index_dir = cfg.path("index_dir")
    parent = index_dir.parent
    # Fixed delays, then "as soon as the temporary build folder appears" and "as soon as its
    # manifest is being written": both races with the rename.
    points = [0.2, 1.0, 2.0, "building", "manifest"]
    killed = 0
    for point in points:
        proc = _build_process(cfg)
        deadline = time.time() + 60
        if isinstance(point, float):
            time.sleep(point)
        else:
            while proc.poll() is None and time.time() < deadline:
                tmp = [p for p in parent.glob(f".{index_dir.name}.building-*")]
                if tmp and (point == "building" or any(
                        (t / "manifest.json.tmp").exists() or (t / "manifest.json").exists()
                        for t in tmp)):
                    break
                time.sleep(0.005)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait(30)
        # The previous index (or a complete new one) is there, verified and identical.
        assert store.is_stale(cfg) is None
        now = store.read_manifest(cfg)
        store.verify(index_dir, now)
        # same documents, clauses, figures and duties (how many vectors came from the cache,
        # and how many rows an append tokenised again, is build bookkeeping: it differs
        # when a full build finished before the kill)
        content = ("embedded", "cached", "retokenized")
        assert {k: v for k, v in now["counts"].items() if k not in content} == \
            {k: v for k, v in manifest["counts"].items() if k not in content}
        assert _results(cfg) == expected, point
    assert killed >= 3  # the kills really landed mid-build


def test_crash_between_the_two_renames_is_recovered(copy_cfg):
    cfg = copy_cfg
    expected = _results(cfg)
    index_dir = cfg.path("index_dir")
    os.replace(index_dir, store.backup_dir(index_dir))  # old moved away, new never arrived
    assert _results(cfg) == expected
    assert index_dir.exists()


@pytest.mark.parametrize("damage", ["truncate-faiss", "edit-documents", "delete-bm25",
                                    "garbage-manifest", "drop-checksums"])
def test_damaged_store_is_detected_and_rebuilt(copy_cfg, damage, capsys):
    cfg = copy_cfg
    expected = _results(cfg)
    index_dir = cfg.path("index_dir")
    if damage == "truncate-faiss":
        path = index_dir / "clauses.faiss"
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif damage == "edit-documents":
        path = index_dir / "documents.jsonl.gz"
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        # A hand edit that keeps valid JSON: change a figure in the stored text.
        assert "27.05" in text
        path.write_bytes(gzip.compress(text.replace("27.05", "99.99").encode("utf-8")))
    elif damage == "delete-bm25":
        next((index_dir / "bm25").glob("*.npy")).unlink()
    elif damage == "garbage-manifest":
        (index_dir / "manifest.json").write_text("{not json", encoding="utf-8")
    else:
        m = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
        del m["checksums"]
        (index_dir / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
        (index_dir / "documents.jsonl.gz").write_bytes(gzip.compress(b""))
    if damage != "garbage-manifest":
        with pytest.raises(IndexCorruptError, match="python -m index build"):
            store.load_index(cfg)
    else:
        assert store.is_stale(cfg) == "索引清单已损坏"
    if damage not in ("truncate-faiss", "edit-documents"):
        return  # detection is enough; rebuilding is the same path (7 s each on 2 cores)
    idx = load_or_build(cfg)  # never serves the damaged store: rebuilds, says so
    assert "正在重建索引" in capsys.readouterr().err
    assert "99.99" not in gzip.decompress((index_dir / "documents.jsonl.gz").read_bytes()).decode()
    assert [[h.clause.id for h in idx.search(q, k=5)] for q in QUERIES] == expected
    store.verify(index_dir, store.read_manifest(cfg))
