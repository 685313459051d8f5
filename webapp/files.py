"""Files through Gradio: the app reads back only what a user uploaded into its one folder.

Gradio checks a file path sent to an event (``_check_allowed``) only in an app it launched
itself; mounted in FastAPI that check is skipped, and a request naming ``/etc/passwd`` as a
``FileData`` input gets the file copied into Gradio's cache and served. ``confine`` turns
the check on, blocks the project's own folders, and ``staged_file`` checks each path again
before the app touches it, so neither a Gradio change nor a new event can reopen the hole.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from index.config import ROOT, Config
from webapp.access import send_json

UPLOAD_ROUTE = "/gradio_api/upload"
MULTIPART_SLACK = 64 * 1024  # form boundaries and headers around the file bytes
NOT_UPLOADED = "只能添加通过本页面上传的文件。"
_SYSTEM = ("/etc", "/root", "/home", "/proc", "/sys", "/dev", "/boot")


def too_big(config: Config) -> str:
    """The refusal of a request body larger than one upload may be (Gradio's upload route
    and the REST document routes say the same)."""
    return f"文件太大：单个文件不能超过 {config.max_upload_mb:g} MB。"


def upload_folder(config: Config) -> Path:
    """The one folder Gradio stages uploads in, created private to this user: Gradio's
    ``GRADIO_TEMP_DIR`` when set (one per process: Gradio reads it globally), else
    ``upload_dir``, which then becomes Gradio's."""
    folder = Path(os.environ.get("GRADIO_TEMP_DIR") or config.path("upload_dir")).resolve()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ["GRADIO_TEMP_DIR"] = str(folder)
    return folder


def blocked_paths(config: Config, folder: Path) -> list[str]:
    """Folders no Gradio event may read or serve: the corpus, the index, the repository's
    settings and history, and the system's own folders (but none that holds the upload
    folder or Gradio's own files, which it must still serve)."""
    import gradio

    keep = (folder, Path(gradio.__file__).resolve().parent)
    candidates = [config.path("corpus_dir"), config.path("user_dir"), config.path("index_dir"),
                  ROOT / ".git", ROOT / "config.yaml", *map(Path, _SYSTEM)]
    out = []
    for p in candidates:
        p = p.resolve()
        if not any(k.is_relative_to(p) for k in keep):
            out.append(str(p))
    return out


def confine(demo: Any) -> None:
    """Apply Gradio's own path check to a mounted app (it runs only once ``has_launched``)."""
    demo.has_launched = True


def staged_file(path: Any, folder: Path, uploaded: set[str]) -> Path | None:
    """``path`` when Gradio's upload route stored it (it is in ``uploaded``, the app's
    ``upload_file_set``) as a regular file inside the upload folder, else None. A file an
    event copied in from elsewhere is in the folder too, but never in ``uploaded``."""
    raw = str(getattr(path, "name", path))
    try:
        p = Path(raw).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    known = raw in uploaded or str(p) in uploaded
    return p if known and p.is_file() and p.is_relative_to(folder) else None


def discard_staged(paths: list[Path], folder: Path) -> None:
    """Delete handled uploads (and their now empty Gradio sub-folders)."""
    for p in paths:
        if p.is_relative_to(folder):
            p.unlink(missing_ok=True)
            parent = p.parent
            if parent != folder and parent.is_relative_to(folder):
                with contextlib.suppress(OSError):
                    parent.rmdir()


def folder_bytes(folder: Path) -> int:
    total = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(dirpath, name)).st_size
    return total


class UploadLimits:
    """ASGI middleware in front of Gradio's upload route: refuse, in Chinese and before a
    byte is stored, a body larger than the upload limit or one that would overfill the
    staging folder; Gradio's own (English) size refusals are said in Chinese too."""

    def __init__(self, app: Any, config: Config, folder: Path) -> None:
        self.app, self.folder = app, folder
        self.max_file = int(config.max_upload_mb * 1024 * 1024)
        self.quota = int(config.max_staged_mb * 1024 * 1024)
        self.too_big = too_big(config)
        self.full = "上传暂存区已满，请稍后再试（或先添加、清除已上传的文件）。"

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope.get("path", "").endswith(UPLOAD_ROUTE):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        try:
            length = int(headers.get("content-length", "0"))
        except ValueError:
            length = 0
        if length > self.max_file * 4 + MULTIPART_SLACK:  # several files may come at once
            await send_json(send, 413, {"error": self.too_big})
            return
        if folder_bytes(self.folder) + length > self.quota:
            await send_json(send, 507, {"error": self.full})
            return

        async def chinese(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and message["status"] == 413:
                body = self.too_big.encode("utf-8")
                await send({"type": "http.response.start", "status": 413, "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                chinese.done = True  # type: ignore[attr-defined]
                return
            if getattr(chinese, "done", False):
                return
            await send(message)

        await self.app(scope, receive, chinese)


# Gradio's browser code checks an upload's size itself and says so in English
# ("File(s) exceed the maximum allowed size of 20.0 Mb: ..."); this says it in Chinese.
SIZE_MESSAGE_JS = """<script>
(() => {
  const re = /File\\(s\\) exceed the maximum allowed size of ([\\d.]+) ?(\\w+):?\\s*(.*)/;
  const fix = (node) => {
    const m = node.nodeValue && node.nodeValue.match(re);
    if (m) node.nodeValue = `文件太大：${m[3] ? m[3] + " " : ""}超过单个文件上限 ${m[1]} ${m[2].toUpperCase()}。`;
  };
  new MutationObserver((records) => records.forEach((r) => {
    r.addedNodes.forEach((n) => {
      if (n.nodeType === 3) fix(n);
      else if (n.nodeType === 1) {
        const w = document.createTreeWalker(n, NodeFilter.SHOW_TEXT);
        while (w.nextNode()) fix(w.currentNode);
      }
    });
    if (r.type === "characterData") fix(r.target);
  })).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
})();
</script>"""

