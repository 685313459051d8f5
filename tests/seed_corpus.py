"""A writable copy of the seed corpus for tests that build their own index."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def copy_seed_corpus(dest: Path, extra: list[dict[str, Any]] = ()) -> Path:
    """The seed files and their ``sources.yaml`` in ``dest`` (created), plus ``extra``
    ``sources.yaml`` entries (their files must be copied in by the caller)."""
    dest.mkdir(parents=True)
    sources = yaml.safe_load((ROOT / "corpus" / "sources.yaml").read_text(encoding="utf-8"))
    for d in sources["documents"]:
        shutil.copy(ROOT / "corpus" / d["file"], dest / d["file"])
    sources["documents"] += list(extra)
    (dest / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True),
                                       encoding="utf-8")
    return dest
