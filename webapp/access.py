"""One login for the whole web app: sessions, HTTP Basic, lockout after failed attempts.

The UI, Gradio's own routes and the JSON API sit behind one ASGI guard (``LoginGuard``):
a browser logs in once on ``/login`` and its session cookie opens every route; a script
sends HTTP Basic (or logs in on ``/login`` like ``gradio_client`` does) and is accepted
everywhere too. Nothing about the documents is served before login: the login page is
this module's own, not Gradio's (whose page embeds the API description).
"""

from __future__ import annotations

import asyncio
import base64
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

SESSION_COOKIE = "policyqa_session"
MAX_SESSIONS = 10_000
MAX_LOGIN_BODY = 4096
FAILURE_DELAY_S = 0.5  # each failed attempt answers this much later (not blocking others)
# Routes anyone may reach: the login page itself and a bare liveness answer.
PUBLIC_PATHS = ("/login", "/login/", "/logout", "/logout/", "/api/health")

LOGIN_REQUIRED = "需要登录：请提供正确的用户名和密码。"
LOCKED_OUT = "登录失败次数过多，请 {wait} 秒后再试。"
BAD_PASSWORD = "用户名或密码不正确。"


@dataclass
class _Failures:
    times: list[float] = field(default_factory=list)
    locked_until: float = 0.0


class Authenticator:
    """Checks credentials, keeps sessions and locks out addresses that keep failing.

    Args:
        auth: ``"user:password"``; empty means no login (every request is let through).
        max_failures: failed attempts from one address before it is locked out.
        lockout_s: how long the lockout lasts (and the window failures are counted in).
        session_hours: how long a session cookie stays valid.
    """

    def __init__(self, auth: str, *, max_failures: int, lockout_s: float,
                 session_hours: float) -> None:
        self.enabled = bool(auth)
        user, _, password = auth.partition(":")
        self._user, self._password = user.encode(), password.encode()
        self.max_failures, self.lockout_s = max_failures, lockout_s
        self.session_s = session_hours * 3600
        self._sessions: dict[str, tuple[str, float]] = {}
        self._failures: dict[str, _Failures] = {}
        self._lock = threading.Lock()

    # ----- credentials and lockout
    def locked_for(self, client: str) -> int:
        """Seconds ``client`` must still wait (0 when it may try)."""
        with self._lock:
            f = self._failures.get(client)
            wait = f.locked_until - time.monotonic() if f else 0
        return max(0, int(wait + 0.999))

    def check(self, client: str, user: str, password: str) -> bool:
        """True for the right credentials; a wrong pair counts towards ``client``'s lockout."""
        ok = secrets.compare_digest(user.encode(), self._user) & secrets.compare_digest(
            password.encode(), self._password)
        now = time.monotonic()
        with self._lock:
            f = self._failures.setdefault(client, _Failures())
            if ok:
                self._failures.pop(client, None)
                return True
            f.times = [t for t in f.times if now - t < self.lockout_s] + [now]
            if len(f.times) >= self.max_failures:
                f.locked_until, f.times = now + self.lockout_s, []
            if len(self._failures) > MAX_SESSIONS:  # forget the oldest addresses
                for key in list(self._failures)[: len(self._failures) // 2]:
                    self._failures.pop(key, None)
        return False

    # ----- sessions
    def open_session(self, user: str) -> str:
        token = secrets.token_urlsafe(32)
        now = time.time()
        with self._lock:
            if len(self._sessions) >= MAX_SESSIONS:
                live = {k: v for k, v in self._sessions.items() if v[1] > now}
                self._sessions = dict(list(live.items())[-(MAX_SESSIONS // 2):])
            self._sessions[token] = (user, now + self.session_s)
        return token

    def session_user(self, token: str | None) -> str | None:
        if not token:
            return None
        with self._lock:
            entry = self._sessions.get(token)
            if entry is None:
                return None
            if entry[1] < time.time():
                self._sessions.pop(token, None)
                return None
            return entry[0]

    def close_session(self, token: str | None) -> None:
        with self._lock:
            self._sessions.pop(token or "", None)

    def basic_user(self, client: str, header: str | None) -> str | None | bool:
        """The user an ``Authorization: Basic`` header names: None when there is no such
        header, False when its credentials are wrong (counted as a failure)."""
        if not header or not header.lower().startswith("basic "):
            return None
        try:
            user, _, password = base64.b64decode(header[6:].strip()).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            user, password = "", ""
        return user if self.check(client, user, password) else False


# --------------------------------------------------------------------------- ASGI guard


def _headers(scope: dict[str, Any]) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _cookie(headers: dict[str, str], name: str) -> str | None:
    for part in headers.get("cookie", "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def _client(scope: dict[str, Any]) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


async def _send(send: Any, status: int, body: bytes, content_type: str,
                extra: list[tuple[bytes, bytes]] | None = None) -> None:
    headers = [(b"content-type", content_type.encode()),
               (b"content-length", str(len(body)).encode()),
               (b"cache-control", b"no-store")] + (extra or [])
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def send_json(send: Any, status: int, data: dict[str, Any],
                    extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    await _send(send, status, body, "application/json; charset=utf-8", extra)


def login_page(title: str, message: str = "", next_url: str = "/") -> bytes:
    """The login form: the app's name and nothing about its documents."""
    note = f'<p class="err">{html.escape(message)}</p>' if message else ""
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>登录 · {html.escape(title)}</title>
<style>body{{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
background:#f5f6f8;display:flex;justify-content:center;padding-top:12vh}}
form{{background:#fff;padding:2em 2.5em;border-radius:8px;box-shadow:0 1px 6px #0002;width:18em}}
label{{display:block;margin:.8em 0 .3em}}input{{width:100%;padding:.5em;box-sizing:border-box}}
button{{margin-top:1.2em;width:100%;padding:.6em;background:#4f46e5;color:#fff;border:0;
border-radius:4px;font-size:1em}}.err{{color:#b91c1c}}</style></head><body>
<form method="post" action="/login"><h2>{html.escape(title)}</h2><p>请登录后使用。</p>{note}
<input type="hidden" name="next" value="{html.escape(next_url, quote=True)}">
<label for="username">用户名</label><input id="username" name="username" autocomplete="username" required>
<label for="password">密码</label><input id="password" name="password" type="password"
autocomplete="current-password" required><button type="submit">登录</button></form></body></html>""".encode()


def _safe_next(value: str) -> str:
    """Only a local path: never an open redirect to another site."""
    parts = urlsplit(value or "/")
    if parts.scheme or parts.netloc or not (parts.path or "/").startswith("/") or value.startswith("//"):
        return "/"
    return value or "/"


class LoginGuard:
    """ASGI middleware: every route but ``PUBLIC_PATHS`` needs a session or HTTP Basic.

    Sets ``scope["state"]["user"]`` for the routes behind it (the JSON API reads it).
    """

    def __init__(self, app: Any, auth: Authenticator, title: str) -> None:
        self.app, self.auth, self.title = app, auth, title

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket") or not self.auth.enabled:
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "/")
        headers = _headers(scope)
        client = _client(scope)
        token = _cookie(headers, SESSION_COOKIE)
        user = self.auth.session_user(token)
        if user is None and "authorization" in headers:
            wait = self.auth.locked_for(client)
            if wait:
                await self._locked(scope, send, wait)
                return
            found = self.auth.basic_user(client, headers.get("authorization"))
            if found is False:
                await asyncio.sleep(FAILURE_DELAY_S)
            user = found or None
        scope.setdefault("state", {})["user"] = user
        if scope["type"] == "http" and path in ("/login", "/login/"):
            await self._login(scope, receive, send, user, client)
            return
        if scope["type"] == "http" and path in ("/logout", "/logout/"):
            self.auth.close_session(token)
            expired = f"{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly".encode()
            await _send(send, 303, b"", "text/plain",
                        [(b"location", b"/login"), (b"set-cookie", expired)])
            return
        if user is not None or path in PUBLIC_PATHS:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        accept = headers.get("accept", "")
        if scope.get("method") == "GET" and "text/html" in accept:
            target = quote(path + (f"?{scope['query_string'].decode('latin-1')}"
                                   if scope.get("query_string") else ""), safe="/?=&")
            await _send(send, 303, b"", "text/plain", [(b"location", f"/login?next={target}".encode())])
            return
        await send_json(send, 401, {"error": LOGIN_REQUIRED},
                        [(b"www-authenticate", b'Basic realm="policyqa", charset="UTF-8"')])

    async def _locked(self, scope: dict[str, Any], send: Any, wait: int) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await send_json(send, 429, {"error": LOCKED_OUT.format(wait=wait)},
                        [(b"retry-after", str(wait).encode())])

    async def _login(self, scope: dict[str, Any], receive: Any, send: Any,
                     user: str | None, client: str) -> None:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        browser = "text/html" in _headers(scope).get("accept", "")
        if scope.get("method") != "POST":
            if user is not None:
                await _send(send, 303, b"", "text/plain", [(b"location", b"/")])
                return
            page = login_page(self.title, next_url=_safe_next(query.get("next", ["/"])[0]))
            await _send(send, 200, page, "text/html; charset=utf-8")
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > MAX_LOGIN_BODY:
                await send_json(send, 413, {"error": "登录请求过大。"})
                return
            if not message.get("more_body"):
                break
        form = parse_qs(body.decode("utf-8", "replace"))
        name, password = form.get("username", [""])[0], form.get("password", [""])[0]
        next_url = _safe_next(form.get("next", ["/"])[0])
        wait = self.auth.locked_for(client)
        if wait:
            if browser:
                page = login_page(self.title, LOCKED_OUT.format(wait=wait), next_url)
                await _send(send, 429, page, "text/html; charset=utf-8")
            else:
                await self._locked(scope, send, wait)
            return
        if not self.auth.check(client, name, password):
            await asyncio.sleep(FAILURE_DELAY_S)
            if browser:
                page = login_page(self.title, BAD_PASSWORD, next_url)
                await _send(send, 401, page, "text/html; charset=utf-8")
            else:
                await send_json(send, 401, {"error": BAD_PASSWORD})
            return
        token = self.auth.open_session(name)
        cookie = (f"{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; "
                  f"Max-Age={int(self.auth.session_s)}").encode()
        if browser:
            await _send(send, 303, b"", "text/plain",
                        [(b"location", next_url.encode()), (b"set-cookie", cookie)])
        else:  # gradio_client and scripts: 200 and the cookie (a redirect counts as failure)
            await send_json(send, 200, {"success": True}, [(b"set-cookie", cookie)])
