"""What ``python -m index add|remove|replace|restore|list`` print (Chinese)."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path

from index.collection import STATUS_NAMES, Entry
from index.config import Config
from index.errors import DocumentError


def print_addition(config: Config, files: Sequence[str], quiet: bool = False) -> None:
    """Add ``files`` (``extend_index``) and say what went in."""
    from index.build import extend_index

    added = extend_index(config, list(files), progress=not quiet)
    for src in added.sources:
        print(f"已加入 {src.doc_id}: {src.label}")
    if added.incremental and config.backend == "milvus":
        print(f"Milvus 索引已扩充：只写入了新文档的数据（共 {len(added.index.doc_ids())} 篇文档）")
    elif added.incremental:
        step = added.index.manifest["appended"][-1]
        print(f"索引已扩充：只解析、编码了新文档，用时 {sum(step['phases'].values()):.1f} 秒"
              f"（共 {len(added.index.doc_ids())} 篇文档）")


def format_entry(e: Entry) -> str:
    """One document in a few lines: id, status, version, file, date added, counts, name,
    then its earlier versions."""
    s = e.source
    lines = [f"{s.doc_id}  [{STATUS_NAMES[e.status]}]  第 {s.version} 版  文件 {s.file}  "
             f"加入 {s.added or '—'}  条款 {e.clauses}，数字 {e.figures}，"
             f"责任单位 {e.responsibilities} 组",
             f"    {s.label}"]
    for v in e.earlier:
        lines.append(f"    早期版本：第 {v.source.version} 版 {v.source.file}"
                     f"（加入 {v.source.added or '—'}，{v.replaced} 被替换）")
    return "\n".join(lines)


def format_list(entries: Sequence[Entry]) -> str:
    seeds = sum(e.seed for e in entries)
    head = f"共 {len(entries)} 篇文档（内置 {seeds} 篇，用户 {len(entries) - seeds} 篇）"
    return "\n".join([head, *(format_entry(e) for e in entries)])


def run(config: Config, args: argparse.Namespace) -> None:
    """Carry out one collection command; errors propagate (the CLI prints them, exit 2)."""
    from index import collection

    if args.command == "list":
        entries = collection.list_documents(config)
        if args.json:
            print(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=1))
        else:
            print(format_list(entries))
        return
    if args.command == "add":
        for file in [] if args.as_new else args.files:
            same = collection.matching_document(config, file)
            if same is not None:
                raise DocumentError(
                    f"{Path(file).name} 与已有文档 {same.source.doc_id}（{same.source.label}）"
                    f"标题、发文单位和文号相同，可能是它的新版本：请用 `python -m index replace "
                    f"{same.source.doc_id} {file}` 替换；若确是另一份文档，加 --as-new。")
        print_addition(config, args.files, quiet=args.quiet)
        return
    progress, t = not args.quiet, time.perf_counter()
    if args.command == "remove":
        change = collection.remove_document(config, args.doc_id, progress=progress)
        print(f"已删除 {change.source.doc_id}: {change.source.label}（文件、早期版本和索引条目）")
    elif args.command == "replace":
        change = collection.replace_document(config, args.doc_id, args.file, progress=progress)
        print(f"已替换 {change.source.doc_id}: 现为第 {change.source.version} 版"
              f"（{change.source.file}），旧版本保留为早期版本")
    else:
        change = collection.restore_version(config, args.doc_id, args.version,
                                            progress=progress)
        print(f"已恢复 {change.source.doc_id} 的第 {change.source.version} 版"
              f"（{change.source.file}）为当前版本")
    print(f"索引已更新：共 {len(change.index.doc_ids())} 篇文档，用时 {time.perf_counter() - t:.1f} 秒")
