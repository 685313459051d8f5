"""Inferred metadata against a reference table: ``python -m eval.metadata_check [README.md]``.

The reference is the realdocs README table (file | title | issuer | year | …). Its cells
carry editorial notes in trailing parentheses (the 文号, 转载 notes, the report's date);
those are dropped before comparing, and 文号 in a title's parenthesis is compared with
``doc_number``. The table writes four or more issuers as "A等N部门"; the inference lists
them all joined with 、, which counts as equal when it names N organs starting with A.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from corpus.sources import Source

DEFAULT_TABLE = Path("/work/shared/realdocs/README.md")
_DOC_NUMBER = re.compile(r"[〔\[]\d{4}[〕\]]\s*\d+号|令第\d+号")
_NOTE = re.compile(r"转载|網站|网站|印发通知|已廢止|\d+月\d+日|页面|县级市|中華民國")
FIELDS = ("title", "issuer", "year", "doc_number")


@dataclass(frozen=True)
class Expected:
    file: str
    title: str
    issuer: str
    year: int | None
    doc_number: str | None


def _strip_notes(cell: str) -> tuple[str, str | None]:
    """A cell without its trailing editorial notes, and the 文号 found among them."""
    cell = re.sub(r"，[^，]*转载$", "", cell.strip())
    number = None
    while m := re.search(r"（([^（）]*(?:（[^（）]*）[^（）]*)*)）$", cell):
        inner = m.group(1)
        if _DOC_NUMBER.search(inner):
            number = inner
        elif not _NOTE.search(inner):
            break
        cell = cell[: m.start()]
    return cell, number


def read_table(path: str | Path = DEFAULT_TABLE) -> list[Expected]:
    """The rows of a README table whose first column is a file name."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 4 or not re.match(r"^[a-z]\w*\.(?:html|txt)$", cells[0]):
            continue
        title, number = _strip_notes(cells[1])
        issuer, _ = _strip_notes(cells[2])
        year = re.match(r"\d{4}", cells[3])
        rows.append(Expected(cells[0], title, issuer, int(year.group(0)) if year else None,
                             number))
    return rows


def _same_issuer(got: str | None, want: str) -> bool:
    """Equal, or the table's "A等N部门" for N organs listed from A (joined with 、)."""
    if got == want:
        return True
    m = re.fullmatch(r"(.+?)等(\d+)个?部门", want)
    names = (got or "").split("、")
    return bool(m) and len(names) == int(m.group(2)) and names[0] == m.group(1)


def compare(expected: Expected, source: Source) -> dict[str, bool]:
    """Exact match per field (title, issuer, year, doc_number when the table gives one)."""
    out = {
        "title": source.title == expected.title,
        "issuer": _same_issuer(source.issuer, expected.issuer),
        "year": source.year == expected.year,
    }
    if expected.doc_number is not None:
        out["doc_number"] = source.doc_number == expected.doc_number
    return out


def run(table: str | Path = DEFAULT_TABLE) -> list[tuple[Expected, Source, dict[str, bool]]]:
    """Infer every file of the table (read from the table's folder) and compare."""
    from index.ingest import infer_source
    from index.read import read_document

    folder = Path(table).parent
    out = []
    for exp in read_table(table):
        if not (folder / exp.file).exists():  # a table row whose file is not (or no longer) there
            continue
        raw, info = read_document(folder / exp.file)
        try:
            source = infer_source(raw, file=exp.file, info=info)
        except TypeError:  # an inference without the reader's info
            source = infer_source(raw, file=exp.file)
        out.append((exp, source, compare(exp, source)))
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    table = argv[0] if argv else DEFAULT_TABLE
    results = run(table)
    absent = len(read_table(table)) - len(results)
    if absent:
        print(f"{absent} file(s) of the table are not in its folder: left out")
    for exp, src, ok in results:
        bad = [f for f, good in ok.items() if not good]
        if bad:
            print(f"{exp.file}: " + "; ".join(
                f"{f} {getattr(src, f)!r} ≠ {getattr(exp, f)!r}" for f in bad))
    for field in FIELDS:
        checked = [ok[field] for _, _, ok in results if field in ok]
        print(f"{field:<11} {sum(checked)}/{len(checked)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
