"""Earlier versions of user documents: ``user_dir/versions.yaml``, read and written.

An earlier version stays a file in ``user_dir`` listed here; only the current version (the
``sources.yaml`` record with the same doc_id) is indexed (``index.collection``). Uploads
(``index.build``) read it too, to refuse an earlier version's file added again.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from typing import Any

import yaml

from corpus.sources import Source
from index import store
from index.config import Config
from index.journal import VERSIONS


@dataclasses.dataclass(frozen=True)
class Version:
    """An earlier version of a user document: its record, and when it was superseded."""

    source: Source
    replaced: str

    def to_dict(self) -> dict[str, Any]:
        return {"replaced": self.replaced, "source": self.source.to_dict()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Version:
        return cls(source=Source.from_dict(d["source"]), replaced=str(d["replaced"]))


def load_versions(config: Config) -> list[Version]:
    """The earlier versions ``user_dir/versions.yaml`` lists, in the order they were
    superseded (none when there is no such file)."""
    path = config.path("user_dir") / VERSIONS
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return []
    try:
        return [Version.from_dict(d) for d in data.get("versions") or []]
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"版本清单格式不正确：{path}（{exc}）") from exc


def save_versions(config: Config, versions: Sequence[Version]) -> None:
    """Write ``versions.yaml`` (temporary file, fsync, rename)."""
    path = config.path("user_dir") / VERSIONS
    tmp = path.with_name(VERSIONS + ".tmp")
    text = yaml.safe_dump({"versions": [v.to_dict() for v in versions]},
                          allow_unicode=True, sort_keys=False)
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def earlier_hashes(config: Config) -> dict[str, str]:
    """sha256 of every earlier version's file -> what to tell someone who uploads it again."""
    user_dir = config.path("user_dir")
    out = {}
    for v in load_versions(config):
        path = user_dir / v.source.file
        if path.is_file():
            out[store.sha256_file(path)] = (
                f"{v.source.label}（{v.source.doc_id} 的第 {v.source.version} 版，早期版本；"
                f"可用 `python -m index restore {v.source.doc_id} {v.source.version}` 恢复）")
    return out
