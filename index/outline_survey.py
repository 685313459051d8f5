"""``python -m index.outline_survey DIR``: how the outline parser splits each document of a folder.

Prints per document: clause count, maximum depth, the share of text left in the preamble
(level 0) and the top-level headings, so a change to the parser can be judged by eye
against the outline style a person noted for each file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from index.errors import DocumentError
from index.ingest import parse_file
from index.records import ParsedDocument

SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def survey(doc: ParsedDocument) -> dict[str, object]:
    """Outline figures of one parsed document."""
    clauses = doc.clauses
    text = sum(len(c.text) for c in clauses) or 1
    pre = sum(len(c.text) for c in clauses if c.level == 0)
    top = [c for c in clauses if c.level == 1]
    return {
        "clauses": len(clauses),
        "depth": max((c.level for c in clauses), default=0),
        "preamble": round(pre / text, 3),
        "top": len(top),
        "headings": [c.path[-1][:24] for c in top],
    }


def _documents(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.iterdir()
                          if f.suffix.lower() in SUFFIXES and f.name.lower() != "readme.md")
        else:
            out.append(p)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m index.outline_survey", description=__doc__)
    p.add_argument("paths", type=Path, nargs="+", help="documents, or folders of documents")
    p.add_argument("--json", action="store_true", help="one JSON object per document")
    p.add_argument("--headings", type=int, default=12, help="top-level headings shown (text mode)")
    args = p.parse_args(argv)
    for path in _documents(args.paths):
        doc_id = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "doc"
        try:
            row = {"file": path.name, **survey(parse_file(path, doc_id=doc_id))}
        except (FileNotFoundError, DocumentError) as exc:
            print(f"{path.name}: {exc}", file=sys.stderr)
            continue
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
            continue
        heads = row["headings"]
        shown = " | ".join(heads[: args.headings]) + (" …" if len(heads) > args.headings else "")
        print(f"{path.name:26} n={row['clauses']:4} depth={row['depth']} pre={row['preamble']:.0%} "
              f"top={row['top']:3}  {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
