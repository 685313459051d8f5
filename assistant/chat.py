"""Conversation history: flatten what the web app or the API sends into plain turns."""

from __future__ import annotations

from typing import Any


def flatten_history(history: list[Any] | None) -> list[dict[str, str]]:
    """Turn history into ``[{"role": "user"|"assistant", "content": str}]``, oldest first.

    Accepts API dicts, Gradio message dicts whose content is a list of parts, ChatMessage
    objects and (user, assistant) pairs; drops messages with metadata (sources panels).
    """
    out: list[dict[str, str]] = []
    for msg in history or []:
        if isinstance(msg, (list, tuple)) and len(msg) == 2 and not isinstance(msg, dict):
            for role, content in zip(("user", "assistant"), msg, strict=True):
                if content:
                    out.append({"role": role, "content": content_text(content)})
            continue
        role = _get(msg, "role")
        if role not in ("user", "assistant"):
            continue
        meta = _get(msg, "metadata")
        if meta and (meta.get("title") if isinstance(meta, dict) else getattr(meta, "title", None)):
            continue
        text = content_text(_get(msg, "content"))
        if text.strip():
            out.append({"role": role, "content": text})
    return out


def _get(msg: Any, key: str) -> Any:
    return msg.get(key) if isinstance(msg, dict) else getattr(msg, key, None)


def content_text(content: Any) -> str:
    """The text of a message's content, whatever shape the browser or the API sent: a
    string, a ``{"type": "text", "text": ...}`` part, or a list of parts (non-text parts,
    such as files, give no text)."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        if content.get("type", "text") == "text":
            return str(content.get("text") or content.get("content") or "")
        return ""
    if isinstance(content, (list, tuple)):
        return "".join(content_text(part) for part in content)
    return ""
