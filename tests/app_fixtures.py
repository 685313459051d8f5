"""Helpers for the web app tests: one real Assistant on a temporary index, one live server.

Both are built at most once per test session (module-level cache), whichever test module
asks first, and live in a temporary directory so uploads never touch the real corpus.
"""

from __future__ import annotations

import atexit
import contextlib
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import index  # noqa: F401  (offline environment first)
from index.config import Config

_STATE: dict[str, Any] = {}
_LOCK = threading.RLock()


def temp_root() -> Path:
    """The session's temporary folder for the app's index, user documents and uploads."""
    with _LOCK:
        if "root" not in _STATE:
            root = Path(tempfile.mkdtemp(prefix="policyqa-app-test-"))
            atexit.register(shutil.rmtree, root, True)
            _STATE["root"] = root
        return _STATE["root"]


def app_config(**changes: Any) -> Config:
    """A Config whose index, user and upload folders are temporary."""
    root = temp_root()
    return Config(**{"index_dir": str(root / "index"), "user_dir": str(root / "user"),
                     "upload_dir": str(root / "uploads"),
                     "feedback_file": str(root / "feedback.jsonl"), **changes})


def shared_bot() -> Any:
    """The real Assistant over the real corpus, built into the temporary index once."""
    with _LOCK:
        if "bot" not in _STATE:
            from assistant.core import Assistant

            _STATE["bot"] = Assistant(app_config())
        return _STATE["bot"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(cfg: Config, bot: Any) -> tuple[Any, threading.Thread, str]:
    """The whole app (Gradio UI + API) under uvicorn in a background thread, on a free port."""
    import uvicorn

    import app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app.create_app(cfg, bot=bot), host="127.0.0.1",
                                           port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            raise RuntimeError("the web app did not start")
        time.sleep(0.1)
    return server, thread, f"http://127.0.0.1:{port}/"


def live_url() -> str:
    """The shared app on the shared Assistant, started once per test session."""
    bot = shared_bot()
    with _LOCK:
        if "url" not in _STATE:
            server, _, _STATE["url"] = _start(app_config(), bot)
            atexit.register(setattr, server, "should_exit", True)
        return _STATE["url"]


@contextlib.contextmanager
def serve_app(cfg: Config, bot: Any) -> Iterator[str]:
    """The whole app on its own config and Assistant, until the block ends."""
    server, thread, url = _start(cfg, bot)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(10)


# A real browser: Debian's chromium driven by Playwright (never `playwright install`).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def need_browser() -> None:
    """Skip when chromium or Playwright is missing; fail instead when CI=true."""
    import os

    import pytest

    missing = None
    if not Path(CHROMIUM).exists():
        missing = f"{CHROMIUM} not found (apt-get install chromium fonts-wqy-microhei)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "playwright for Python is not installed"
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser test needs a browser in CI: {missing}")
        pytest.skip(missing)
