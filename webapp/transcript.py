"""A chat conversation as a Markdown document: each question, its answer and the sources
cited for it, for staff to keep or pass on."""

from __future__ import annotations

import time


def to_markdown(rows: list[tuple[str, str, bool]], title: str = "政策文件问答 对话记录") -> str:
    """``rows`` are the chat's messages as (role, text, is_panel), in order; a panel (来源,
    相关条款) is shown under the answer it belongs to as a quoted block."""
    out = [f"# {title}", "", f"导出时间：{time.strftime('%Y-%m-%d %H:%M')}", ""]
    n = 0
    for role, text, panel in rows:
        if not text:
            continue
        if panel:
            out += ["> **来源**", ">"] + [f"> {line}" if line else ">" for line in text.splitlines()] + [""]
        elif role == "user":
            n += 1
            out += [f"## 问 {n}：{text.splitlines()[0]}", ""] + text.splitlines()[1:]
        elif role == "assistant":
            out += ["**答：**" + text, ""]
    if n == 0:
        out.append("（本对话还没有问题。）")
    return "\n".join(out).rstrip() + "\n"
