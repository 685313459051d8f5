"""usem3's tokenizer and weights cached as plain arrays: the same vectors as the package's
own load, written once and atomically, a damaged cache never used, a shared folder never
trusted."""

from __future__ import annotations

import json
import os
import time

import numpy as np
import pytest

import index  # noqa: F401  (offline environment)
from index import model_cache
from index.encoders import USEM3Encoder

TEXTS = ["东营2021年新一代信息技术产业增加值目标是多少？", "規範企業納統由哪些單位負責？",
         "  The cat sat on the mat.  ", "ＡＢＣ１２３％", "", "专精特新“小巨人”企业"]


@pytest.fixture(scope="module")
def package_vectors():
    return USEM3Encoder(threads=1).encode(TEXTS)  # no cache_dir: the package's own load


def test_a_cached_encoder_gives_the_package_s_vectors(tmp_path, package_vectors):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    first = USEM3Encoder(threads=1, cache_dir=cache)
    np.testing.assert_array_equal(first.encode(TEXTS), package_vectors)
    folder = model_cache.cache_folder(cache)
    assert folder.is_dir() and (folder / "tokenizer.json").is_file()
    assert [p.name for p in cache.iterdir()] == [folder.name]  # no temp folder left behind
    second = USEM3Encoder(threads=1, cache_dir=cache)
    model = second._load()
    # read from the cache: the embedding table is mapped from its file, not decompressed
    assert isinstance(model._backend.table.base, np.memmap)
    np.testing.assert_array_equal(second.encode(TEXTS), package_vectors)
    tok = model._sp
    assert tok.encode(TEXTS[0]) == first._load()._sp.encode(TEXTS[0])


def test_a_damaged_cache_is_written_again(tmp_path, package_vectors):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    USEM3Encoder(threads=1, cache_dir=cache).encode(["预热"])
    folder = model_cache.cache_folder(cache)
    meta = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
    meta["pieces"] = meta["pieces"][:-1]  # scores and pieces now disagree
    (folder / "tokenizer.json").write_text(json.dumps(meta), encoding="utf-8")
    (folder / "w.d0.npy").unlink()
    enc = USEM3Encoder(threads=1, cache_dir=cache)
    np.testing.assert_array_equal(enc.encode(TEXTS), package_vectors)
    again = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
    assert len(again["pieces"]) == len(meta["pieces"]) + 1 and (folder / "w.d0.npy").is_file()


def test_a_cache_that_would_encode_differently_is_not_written(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    model = model_cache.load(None)
    _ = model._model
    real = model_cache._read_tokenizer

    def off_by_one(folder):
        sp = real(folder)
        sp._scores[5] += 1.0
        return sp

    monkeypatch.setattr(model_cache, "_read_tokenizer", off_by_one)
    assert not model_cache.write(model, model_cache.cache_folder(cache))
    assert list(cache.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_holds_no_cache(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    enc = USEM3Encoder(threads=1, cache_dir=shared)
    assert enc._private() is None
    enc.encode(["预热"])
    assert list(shared.iterdir()) == []


def test_writing_clears_left_over_and_outdated_caches(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    killed, busy, outdated = cache / ".usem3-killed", cache / ".usem3-busy", cache / "usem3-0.0.1-1-2-f1"
    for d in (killed, busy, outdated):
        d.mkdir()
        (d / "w.table.npy").write_bytes(b"x")
    hours_ago = time.time() - 2 * model_cache.STALE_TMP_S
    os.utime(killed, (hours_ago, hours_ago))
    model = model_cache.load(None)
    _ = model._model
    folder = model_cache.cache_folder(cache)
    assert model_cache.write(model, folder)
    # another process's write in progress (recent) stays; the rest goes
    assert sorted(p.name for p in cache.iterdir()) == sorted([folder.name, busy.name])
