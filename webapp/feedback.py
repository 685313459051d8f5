"""Staff's 👍/👎 on answers, kept server-side in one JSONL file that evaluators read.

One line per judgement: when, 👍 or 👎, the question, the answer, the citations it gave, the
document filter and an optional comment. ``python -m eval feedback`` summarises the file.
The web chat records through ``FeedbackLog.add``; so does ``POST /api/feedback``.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import Request  # module-level: FastAPI resolves handler signatures

FULL = "反馈记录已满，暂时不能保存更多反馈，请联系管理员。"
SAVED_UP = "已记录：赞（回答有用）。谢谢！"
SAVED_DOWN = "已记录：踩（回答有误）。谢谢，评测人员会查看。"
UNDONE = "已撤销这条反馈。"
NO_ANSWER = "没有可评价的回答。"
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Feedback:
    """One judgement of one answer."""

    liked: bool | None  # None: the user took an earlier judgement back
    question: str
    answer: str
    comment: str = ""
    doc_filter: str | None = None
    citations: list[str] = field(default_factory=list)
    source: str = "chat"  # chat | api
    time: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class FeedbackLog:
    """Appends judgements to ``path`` (JSON lines), one writer at a time.

    Texts longer than ``max_chars`` are cut; once the file holds ``max_mb`` megabytes
    nothing more is written (``add`` returns ``FULL``) so a flood cannot fill the disk.
    """

    def __init__(self, path: Path, max_chars: int, max_mb: float) -> None:
        self.path = Path(path)
        self.max_chars = max_chars
        self.max_bytes = int(max_mb * 1024 * 1024)
        self._lock = threading.Lock()

    def _cut(self, text: Any) -> str:
        # A lone surrogate (sent as "\ud800" in JSON) cannot be written as UTF-8.
        return _SURROGATE.sub("\ufffd", str(text or ""))[: self.max_chars]

    def add(self, fb: Feedback) -> str:
        """Store ``fb``; returns the Chinese message to show."""
        row = {**fb.to_dict(), "question": self._cut(fb.question), "answer": self._cut(fb.answer),
               "comment": self._cut(fb.comment),
               "doc_filter": None if fb.doc_filter is None else self._cut(fb.doc_filter),
               "citations": [self._cut(c) for c in fb.citations[:20]],
               "time": fb.time or time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        line = json.dumps(row, ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            size = self.path.stat().st_size if self.path.exists() else 0
            if size + len(line.encode("utf-8")) > self.max_bytes:
                return FULL
            # One write of one whole line, flushed: a crash leaves whole lines only.
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                os.write(fd, line.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
        if fb.liked is None:
            return UNDONE
        return SAVED_UP if fb.liked else SAVED_DOWN


def read_feedback(path: Path) -> list[dict[str, Any]]:
    """Every judgement in the file, oldest first; a damaged line is skipped."""
    out: list[dict[str, Any]] = []
    if not Path(path).is_file():
        return out
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if isinstance(row, dict):
            out.append(row)
    return out


def answer_at(messages: list[tuple[str, str, bool]], index: int
              ) -> tuple[str, str, list[str]] | None:
    """The question, answer and 来源 text of the answer a 👍/👎 was given to.

    ``messages`` are the chat's messages as (role, text, is_panel) in display order, where
    a panel is a collapsible 来源/相关条款 message; ``index`` is the clicked message, the
    answer itself or one of its panels.
    """
    if not 0 <= index < len(messages):
        return None
    while index >= 0 and messages[index][2]:  # a panel: the answer is above it
        index -= 1
    if index < 0 or messages[index][0] != "assistant":
        return None
    question = next((t for r, t, p in reversed(messages[:index]) if r == "user" and not p), "")
    panels = []
    for role, text, panel in messages[index + 1:]:
        if not panel or role != "assistant":
            break
        panels.append(text)
    return question, messages[index][1], panels


def register(api: Any, web: Any, check_auth: Any, error: Any) -> None:
    """``POST /api/feedback`` (before the API's catch-all route): a JSON object with
    ``question``, ``answer``, ``liked`` (true, false, or null to take one back) and optional
    ``comment``, ``doc_filter``, ``citations``. The body is read up to ``max_request_kb``."""
    from fastapi import Depends
    from fastapi.responses import JSONResponse

    from assistant import limits

    @api.post("/api/feedback", dependencies=[Depends(check_auth)])
    async def feedback(request: Request) -> JSONResponse:
        cfg = web.config
        body = await limits.read_body(request.stream(), cfg.max_request_kb * 1024)
        if body is None:
            raise error(413, f"请求体太大（上限 {cfg.max_request_kb} KB）。")
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise error(422, "请求格式不正确：请求体必须是 JSON 对象。")
        liked = data.get("liked")
        texts = {k: data.get(k) for k in ("question", "answer", "comment", "doc_filter")}
        citations = data.get("citations") or []
        if liked not in (True, False, None) or "liked" not in data:
            raise error(422, "请求格式不正确：字段 liked 必须是 true、false 或 null。")
        if not isinstance(texts["question"], str) or not isinstance(texts["answer"], str) \
                or not texts["question"].strip() or not texts["answer"].strip():
            raise error(422, "请求格式不正确：缺少字段 question 或 answer。")
        if any(v is not None and not isinstance(v, str) for v in texts.values()) or \
                not isinstance(citations, list) or not all(isinstance(c, str) for c in citations):
            raise error(422, "请求格式不正确：字段类型不对。")
        message = web.feedback.add(Feedback(
            liked=liked, question=texts["question"], answer=texts["answer"],
            comment=texts["comment"] or "", doc_filter=texts["doc_filter"],
            citations=citations, source="api"))
        if message == FULL:
            raise error(507, message)
        return JSONResponse({"status": "saved", "message": message})
