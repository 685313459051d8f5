"""Document metadata: the `sources.yaml` records that say what each corpus file is."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

CORPUS_DIR = Path(__file__).resolve().parent
SCRIPTS = ("traditional", "simplified")
META_FIELDS = (
    "title", "label", "place", "issuer", "date", "year", "doc_number", "kind", "script",
)
# What a document is, named by the last genre word of its title (政府工作报告 → 报告).
KINDS = (
    "方案", "计划", "意见", "办法", "细则", "条例", "报告", "公报", "通知", "规划", "措施", "批复",
    "预案", "标准", "规定", "决定", "要点", "纲要", "公告", "通告", "函", "法", "安排",
)
_DOC_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True)
class Source:
    """What one corpus file is: its stable id and its metadata.

    `found` names the fields read from an explicit line or field of the file (its metadata
    block, title line, 文号 line, signature); `inferred` the fields derived from something
    else (the place from the issuer, a year from the body); `missing` the fields nobody
    could determine (they are None). A field is in at most one of the three. A user
    document also has a `version` (1, then one more for each replacement) and the time it
    was `added` (ISO 8601, UTC).
    """

    doc_id: str
    file: str
    label: str
    script: Literal["traditional", "simplified"]
    title: str | None = None
    place: str | None = None
    issuer: str | None = None
    date: str | None = None
    year: int | None = None
    doc_number: str | None = None
    kind: str | None = None
    found: tuple[str, ...] = ()
    inferred: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    notes: str = ""
    version: int = 1
    added: str | None = None

    def __post_init__(self) -> None:
        if not _DOC_ID.match(self.doc_id):
            raise ValueError(
                f"doc_id {self.doc_id!r} must be lower-case letters, digits and '-' (max 64)"
            )
        if self.script not in SCRIPTS:
            raise ValueError(f"script {self.script!r} must be one of {SCRIPTS}")
        if self.date is not None and not re.match(r"^\d{4}-\d{2}-\d{2}$", self.date):
            raise ValueError(f"date {self.date!r} must be YYYY-MM-DD")
        if self.kind is not None and self.kind not in KINDS:
            raise ValueError(f"kind {self.kind!r} must be one of {KINDS}")
        if isinstance(self.version, bool) or not isinstance(self.version, int) \
                or self.version < 1:
            raise ValueError(f"version {self.version!r} must be a whole number >= 1")
        for name in (*self.found, *self.inferred, *self.missing):
            if name not in META_FIELDS:
                raise ValueError(
                    f"field {name!r} in found/inferred/missing must be one of {META_FIELDS}")
        twice = sorted(
            (set(self.found) & set(self.inferred)) | (set(self.found) & set(self.missing))
            | (set(self.inferred) & set(self.missing)))
        if twice:
            raise ValueError(f"fields {twice} are in more than one of found/inferred/missing")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("found", "inferred", "missing"):
            d[key] = list(d[key])
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        d = dict(d)
        for key in ("found", "inferred", "missing"):
            d[key] = tuple(d.get(key) or ())
        if d.get("year") is not None:
            d["year"] = int(d["year"])
        if d.get("date") is not None:
            d["date"] = str(d["date"])
        if d.get("added") is not None:
            d["added"] = str(d["added"])
        known = {f for f in cls.__dataclass_fields__}
        unknown = sorted(set(d) - known)
        if unknown:
            raise ValueError(f"unknown source fields {unknown}; allowed: {sorted(known)}")
        return cls(**d)


# libyaml's safe loader and dumper when PyYAML has them (10× faster on a long corpus list).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_sources(path: str | Path | None = None) -> list[Source]:
    """Read a sources.yaml file (default: the one beside this module).

    Returns:
        The documents in file order. Raises ValueError on duplicate ids or bad fields.
    """
    path = Path(path) if path is not None else CORPUS_DIR / "sources.yaml"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    return list(_parse(data, str(path)))


@functools.lru_cache(maxsize=8)
def _parse(data: bytes, path: str) -> tuple[Source, ...]:
    """Sources from a file's bytes, parsed once per content (a rebuild reads it often)."""
    loader = _LOADER(data.decode("utf-8"))  # what yaml.safe_load does
    try:
        parsed = loader.get_single_data() or {}
    finally:
        loader.dispose()
    sources = tuple(Source.from_dict(d) for d in parsed.get("documents") or [])
    dupes = sorted(i for i, n in Counter(s.doc_id for s in sources).items() if n > 1)
    if dupes:
        raise ValueError(f"duplicate doc_id in {path}: {dupes}")
    return sources


def save_sources(sources: list[Source], path: str | Path) -> None:
    """Write sources to a YAML file atomically (temporary file, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    text = yaml.dump({"documents": [s.to_dict() for s in sources]}, Dumper=_DUMPER,
                     allow_unicode=True, sort_keys=False)
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
