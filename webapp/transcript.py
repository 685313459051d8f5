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


def conversation_key(messages: list[dict] | None) -> str:
    """What names a conversation for its title: its first question's text."""
    from assistant.chat import content_text

    for m in messages or []:
        if isinstance(m, dict) and m.get("role") == "user":
            return content_text(m.get("content")).strip()[:200]
    return ""


def conversation_titles(conversations: list | None, names: dict | None) -> list[list[str]]:
    """The saved-conversation list's rows: the name the user gave a conversation, else its
    first question cut to 40 characters."""
    rows = []
    for conv in conversations or []:
        if not conv:
            continue
        key = conversation_key(conv)
        title = (names or {}).get(key) or key or "对话"
        rows.append([title if len(title) <= 40 else title[:40] + "…"])
    return rows
