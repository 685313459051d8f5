"""``python -m index build|add|remove|replace|restore|list|inspect``: build the search index,
manage the documents in it, or show what a document parses into."""

from __future__ import annotations

import argparse
import sys

import index  # noqa: F401  (sets the offline environment first)
from index.config import Config
from index.errors import PolicyQAError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the search index from the corpus (or add a document)")
    b.add_argument("--if-stale", action="store_true",
                   help="do nothing when the saved index matches the corpus and settings")
    b.add_argument("--add", metavar="FILE", nargs="+",
                   help="add documents (.txt .md .docx .pdf .html) to the user corpus and index only them")
    b.add_argument("--encoder", help="override the encoder setting for this build")
    b.add_argument("--quiet", action="store_true", help="no progress bars")
    a = sub.add_parser("add", help="add documents to the user corpus and the index")
    a.add_argument("files", metavar="FILE", nargs="+", help="documents (.txt .md .docx .pdf .html)")
    a.add_argument("--as-new", action="store_true",
                   help="add even when a user document has the same title, issuer and 文号")
    r = sub.add_parser("remove", help="remove a user document (file, record, index entries)")
    r.add_argument("doc_id")
    p = sub.add_parser("replace", help="make FILE the new version of a user document")
    p.add_argument("doc_id")
    p.add_argument("file", metavar="FILE")
    s = sub.add_parser("restore", help="make an earlier version of a user document current again")
    s.add_argument("doc_id")
    s.add_argument("version", type=int)
    li = sub.add_parser("list", help="list the documents with status, version, file, date, counts")
    li.add_argument("--json", action="store_true", help="print JSON instead of text")
    for cmd in (a, r, p, s):
        cmd.add_argument("--quiet", action="store_true", help="no progress bars")
    i = sub.add_parser("inspect", help="print the outline, figures and 责任单位 of a document")
    i.add_argument("file", help="a document file (.txt .md .docx .pdf .html), a corpus doc_id, "
                   "or a folder of documents (with --summary)")
    i.add_argument("--json", action="store_true", help="print JSON instead of text")
    i.add_argument("--summary", action="store_true",
                   help="a few lines per document: metadata, clauses, figures, lists, furniture")
    args = parser.parse_args(argv)
    try:
        config = Config.load()
        if getattr(args, "encoder", None):
            config = config.replace(encoder=args.encoder)
        if args.command in ("add", "remove", "replace", "restore", "list"):
            from index.collection_cli import run

            run(config, args)
        elif args.command == "build":
            from index.build import build_index
            from index.collection_cli import print_addition

            if args.add:
                print_addition(config, args.add, quiet=args.quiet)
            else:
                build_index(config, if_stale=args.if_stale, progress=not args.quiet)
        else:
            from pathlib import Path

            from index.inspect import (
                inspect_document,
                load_parsed,
                summarize_folder,
                summarize_parsed,
            )

            if args.summary and Path(args.file).is_dir():
                print(summarize_folder(config, args.file))
            elif args.summary:
                print(summarize_parsed(load_parsed(config, args.file), Path(args.file).name))
            else:
                print(inspect_document(config, args.file, as_json=args.json))
    except (PolicyQAError, FileNotFoundError, ValueError) as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 2
    except MemoryError:
        print("错误: 内存不足：文件过大或结构异常，无法处理。请拆分文件，或另存为 .txt 后再试。",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback: say what failed and what to do
        print(f"错误: 处理时发生意外错误（{type(exc).__name__}），操作未完成。"
              "请重试；若仍失败，请把命令和文件交给维护人员。", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
