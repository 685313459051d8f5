"""The corpora a QA file is asked against: the seeds, or the seeds plus the realdocs.

Items in the contract schema name their corpus (``"corpus": "seeds"`` or ``"realdocs"``).
The realdocs corpus is a benchmark-only index under ``var/bench-realdocs/``: the configured
corpus (the seeds) plus every document of ``../shared/realdocs`` added as user documents of
a separate config, so the app's own index and user documents are never touched. It is
built once and reused while the stored copies match the source files (the index itself is
rebuilt by ``load_or_build`` when code, encoder or settings change).
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.sources import load_sources
from index.config import ROOT, Config

REALDOCS_DIR = ROOT.parent / "shared" / "realdocs"
BENCH_DIR = Path("var") / "bench-realdocs"
DOC_SUFFIXES = (".html", ".txt", ".md", ".docx", ".pdf")
SEED_KIND = "seed"


@dataclass(frozen=True)
class BenchCorpus:
    """A corpus to ask a QA file against.

    Attributes:
        name: ``seeds`` or ``realdocs``.
        config: the config the assistant is built from.
        doc_ids: item document name (a realdocs file stem) → the doc_id it was given in the
            index; names not listed are doc_ids already (the seeds).
    """

    name: str
    config: Config
    doc_ids: dict[str, str] = field(default_factory=dict)

    def doc_id(self, name: str) -> str:
        return self.doc_ids.get(name, name)


def corpus_of(items: Sequence[dict[str, Any]]) -> str:
    """``realdocs`` when any item needs it (that corpus holds the seeds too), else ``seeds``."""
    return "realdocs" if any(it.get("corpus") == "realdocs" for it in items) else "seeds"


def doc_kind(name: str) -> str:
    """A document's kind from its realdocs file prefix (``gov_tiyu2018`` → ``gov``); the
    seeds (no prefix) are ``seed``."""
    return name.split("_", 1)[0] if "_" in name else SEED_KIND


def realdocs_files(source_dir: Path = REALDOCS_DIR) -> list[Path]:
    """The documents of a realdocs folder (its README is not one), sorted by name."""
    if not source_dir.is_dir():
        raise FileNotFoundError(f"realdocs folder {str(source_dir)!r} not found")
    return sorted(p for p in source_dir.iterdir()
                  if p.is_file() and p.suffix.lower() in DOC_SUFFIXES and p.stem.lower() != "readme")


def bench_config(base: Config, work_dir: Path = BENCH_DIR) -> Config:
    """``base`` with its user documents and index under ``work_dir``."""
    return base.replace(user_dir=str(Path(work_dir) / "user"), index_dir=str(Path(work_dir) / "index"))


def _stored_mapping(config: Config, files: Sequence[Path]) -> dict[str, str] | None:
    """stem → doc_id when ``user_dir`` holds exactly ``files`` byte for byte, else None."""
    from index.store import sha256_file

    user_dir = config.path("user_dir")
    sources = load_sources(user_dir / "sources.yaml") if (user_dir / "sources.yaml").exists() else []
    stored = {sha256_file(user_dir / s.file): s.doc_id for s in sources if (user_dir / s.file).is_file()}
    if len(stored) != len(sources) or len(sources) != len(files):
        return None
    mapping = {}
    for f in files:
        doc_id = stored.get(sha256_file(f))
        if doc_id is None:
            return None
        mapping[f.stem] = doc_id
    return mapping


def prepare_realdocs(base: Config, source_dir: Path = REALDOCS_DIR, work_dir: Path = BENCH_DIR,
                     *, progress: bool = False, encoder: Any = None) -> BenchCorpus:
    """The realdocs corpus: reused when its stored copies match ``source_dir``, else built.

    Args:
        base: the configured settings (its corpus, the seeds, stays the corpus).
        source_dir: the realdocs folder.
        work_dir: where the benchmark's user documents and index live (relative to the repo
            root unless absolute); wiped and rebuilt when stale.
        progress: progress bars and a summary line while building.
        encoder: the encoder to embed with (default: the config's).

    Returns:
        A ``BenchCorpus`` whose ``doc_ids`` map every file stem to its doc_id.
    """
    from index.build import extend_index

    config = bench_config(base, work_dir)
    files = realdocs_files(Path(source_dir))
    mapping = _stored_mapping(config, files)
    if mapping is None:
        for name in ("user_dir", "index_dir"):
            shutil.rmtree(config.path(name), ignore_errors=True)
        if progress:
            print(f"building the realdocs benchmark index ({len(files)} documents) → "
                  f"{config.path('index_dir')}")
        added = extend_index(config, files, progress=progress, encoder=encoder).sources
        mapping = {f.stem: s.doc_id for f, s in zip(files, added, strict=True)}
    return BenchCorpus("realdocs", config, mapping)


def prepare(items: Sequence[dict[str, Any]], base: Config, *, progress: bool = False) -> BenchCorpus:
    """The corpus the items are asked against (``corpus_of``), ready to answer from."""
    if corpus_of(items) == "realdocs":
        return prepare_realdocs(base, progress=progress)
    return BenchCorpus("seeds", base)
