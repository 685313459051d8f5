"""Request limits: what a question and its history may carry, and the time an answer may take.

One policy for every front end (the numbers are ``Config`` fields):

- a question longer than ``max_question_chars`` is refused;
- of the history, only the newest ``max_history_turns`` turns are read, a turn longer than
  ``max_turn_chars`` is dropped unread and older turns past ``max_history_chars`` in all
  are dropped. The assistant and the chat trim silently (a chat keeps a refused message in
  its history and the user cannot take it out); the REST API refuses a turn longer than
  ``max_turn_chars`` with 400, and a body over ``max_request_kb`` with 413, since its
  client sent them on purpose;
- the web app gives one answer ``request_timeout_s``; past it the user gets ``TIMED_OUT``.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterable, Callable
from typing import Any, TypeVar

from index.config import Config
from index.errors import PolicyQAError

T = TypeVar("T")

TOO_LONG = "问题太长：最多 {limit} 个字，请精简后再问。"
TURN_TOO_LONG = "历史消息太长：每条最多 {limit} 个字。"
BODY_TOO_LARGE = "请求太大：请求体最多 {limit} KB（问题最多 {chars} 个字）。"
TIMED_OUT = "回答超时：这个问题用时超过 {seconds:g} 秒，请换个更简短具体的问法，或稍后再试。"

# A chat exchange is two turns (a question, its answer) in up to four messages (the answer's
# sources panels, 来源 and 相关条款, are messages too).
_MESSAGES_PER_TURN = 2


class AnswerTimeout(PolicyQAError):
    """An answer took longer than the request's time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(TIMED_OUT.format(seconds=seconds))


def text_size(content: Any, cap: int) -> int:
    """How many characters of text ``content`` holds (a string, a ``{"type": "text"}`` part
    or a list of parts, as ``chat.content_text`` reads them), counting no further than
    just past ``cap``, so a huge message costs no more than a short one."""
    if isinstance(content, str):
        return len(content)
    if isinstance(content, dict):
        if content.get("type", "text") != "text":
            return 0
        return text_size(content.get("text") or content.get("content"), cap)
    if isinstance(content, (list, tuple)):
        total = 0
        for part in content:
            total += text_size(part, cap - total)
            if total > cap:
                break
        return total
    return 0


def recent_history(history: list[Any] | None, config: Config) -> list[Any]:
    """The part of ``history`` worth reading, oldest first, found without reading the rest.

    Walks back from the newest message (any shape ``chat.flatten_history`` accepts: dicts,
    Gradio messages, ``(user, assistant)`` pairs) and keeps up to ``max_history_turns``
    turns; a turn longer than ``max_turn_chars`` is skipped, and the walk stops when the
    kept text would pass ``max_history_chars``. Messages are returned as they came.
    """
    if not history:
        return []
    kept: list[Any] = []
    turns = chars = 0
    # Twice as many messages as a chat needs for that many turns, however long the list.
    for msg in reversed(history[-2 * _MESSAGES_PER_TURN * config.max_history_turns:]):
        sizes = [text_size(c, config.max_turn_chars) for c in _contents(msg)]
        if not any(sizes) or max(sizes) > config.max_turn_chars:
            continue
        if chars + sum(sizes) > config.max_history_chars:
            break
        kept.append(msg)
        chars += sum(sizes)
        turns += len(sizes)
        if turns >= config.max_history_turns:
            break
    return kept[::-1]


def long_turn(history: list[dict[str, Any]] | None, config: Config) -> str | None:
    """A Chinese refusal when a turn of a REST history is longer than ``max_turn_chars``."""
    for turn in history or []:
        if text_size(turn.get("content"), config.max_turn_chars) > config.max_turn_chars:
            return TURN_TOO_LONG.format(limit=config.max_turn_chars)
    return None


async def read_body(chunks: AsyncIterable[bytes], limit: int) -> bytes | None:
    """The request body, or None as soon as it passes ``limit`` bytes (the rest unread)."""
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def within(seconds: float, answer: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``answer(*args, **kwargs)``, or AnswerTimeout after ``seconds``.

    The answer runs in its own daemon thread. Python cannot stop a thread: on timeout it
    runs on and its result is dropped. The cost bounds (question length, history,
    ``max_tagged_chars``, ``max_question_terms``) keep that short; this is the backstop.
    """
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = answer(*args, **kwargs)
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=run, name="answer", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise AnswerTimeout(seconds)
    if "error" in box:
        raise box["error"]
    return box["value"]


def _contents(msg: Any) -> list[Any]:
    """The contents of the turns a message holds: two for a ``(user, assistant)`` pair, none
    for a sources panel or a message of another role."""
    if isinstance(msg, (list, tuple)) and not isinstance(msg, dict):
        return [c for c in msg if c]
    meta = _get(msg, "metadata")
    if _get(msg, "role") not in ("user", "assistant") or (
            meta and (meta.get("title") if isinstance(meta, dict) else getattr(meta, "title", None))):
        return []
    return [_get(msg, "content")]


def _get(msg: Any, key: str) -> Any:
    return msg.get(key) if isinstance(msg, dict) else getattr(msg, key, None)
