"""Where a saved local index lives: the manifest's file name and the folder the previous
index waits in during a swap. Below both ``index.store`` and ``index.journal``, so neither
imports the other to find them."""

from __future__ import annotations

from pathlib import Path

MANIFEST = "manifest.json"


def backup_dir(index_dir: Path) -> Path:
    """Where the previous index waits while a new one is renamed into place."""
    return index_dir.with_name(f".{index_dir.name}.previous")
