"""A Milvus server on 127.0.0.1 from the milvus-lite package (Milvus' own C++ engine).

For tests and benchmarks: ``pymilvus`` reaches it by ``http://127.0.0.1:PORT`` exactly as it
reaches a Milvus standalone or cluster. (A ``milvus_uri`` that is a file path runs the same
engine in-process instead; pymilvus starts it.)
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

LITE_HINT = 'pip install "pymilvus==2.5.18" "milvus-lite==2.5.1" "setuptools<81"'


@contextlib.contextmanager
def quiet_pkg_resources() -> Iterator[None]:
    """milvus-lite imports ``pkg_resources``, which warns on stderr that it is deprecated."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated",
                                category=UserWarning)
        yield


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiteServer:
    """milvus-lite's server binary serving ``data_dir/milvus.db`` on 127.0.0.1.

    Args:
        data_dir: a folder for the server's data (created).
        port: the TCP port; default a free one.
    """

    def __init__(self, data_dir: str | Path, port: int | None = None) -> None:
        try:
            with quiet_pkg_resources():
                from milvus_lite.server import Server
        except ImportError as exc:
            raise ImportError(f"milvus-lite is not installed: {LITE_HINT}") from exc
        data_dir = Path(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.uri = f"http://127.0.0.1:{self.port}"
        self._server = Server(str(data_dir / "milvus.db"), f"127.0.0.1:{self.port}")
        # The server's search library logs every commit at INFO; the child gets ERROR.
        before = os.environ.get("RUST_LOG")
        os.environ["RUST_LOG"] = "error"
        try:
            started = self._server.init() and self._server.start()
        finally:
            if before is None:
                os.environ.pop("RUST_LOG", None)
            else:
                os.environ["RUST_LOG"] = before
        if not started:
            raise RuntimeError(f"milvus-lite did not start on 127.0.0.1:{self.port} ({data_dir})")

    def wait(self, timeout: float = 30.0) -> LiteServer:
        """Return once the server accepts connections (RuntimeError after ``timeout`` s)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"milvus-lite did not listen on 127.0.0.1:{self.port} in {timeout} s")

    def stop(self) -> None:
        """Stop the server process (it is killed when it does not stop within 2 s)."""
        proc = getattr(self._server, "_p", None)
        if proc is not None and proc.poll() is None:
            proc.terminate()
        self._server.stop()
