"""Security: one login for the whole app, lockout after failures, nothing shown before login,
no exposed host without login, and input edges answered in Chinese JSON."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from app_fixtures import CHROMIUM, CHROMIUM_ARGS, app_config, need_browser, serve_app, shared_bot
from fastapi.testclient import TestClient
from test_robustness_questions import private_bot

import app
from index.config import Config
from index.errors import PolicyQAError

USER, PASSWORD = "admin", "s3cret-口令"
QUESTION = "东营2021年新一代信息技术产业增加值目标是多少？"


@pytest.fixture()
def client():
    cfg = app_config(auth=f"{USER}:{PASSWORD}", login_max_failures=5, login_lockout_s=30)
    with TestClient(app.create_app(cfg, bot=shared_bot())) as c:
        yield c


def _login(c, password=PASSWORD, browser=False):
    headers = {"accept": "text/html"} if browser else {}
    return c.post("/login", data={"username": USER, "password": password}, headers=headers,
                  follow_redirects=False)


def test_nothing_about_the_documents_before_login(client):
    units = app.WebApp(app_config(), bot=shared_bot()).units()
    doc_ids = [s.doc_id for s in shared_bot().documents()]
    assert units and doc_ids
    page = client.get("/", headers={"accept": "text/html"}, follow_redirects=True)
    assert page.status_code == 200 and "登录" in page.text
    for route in ("/", "/config", "/gradio_api/info", "/openapi.json", "/api/documents",
                  "/gradio_api/upload", "/gradio_api/queue/join", "/api/health",
                  "/gradio_api/info?all_endpoints=true", "/theme.css"):
        r = client.get(route)
        for secret in (*units[:5], *doc_ids):
            assert secret not in r.text, (route, secret)
    assert client.get("/config").status_code == 401
    health = client.get("/api/health").json()  # liveness and readiness only, no counts
    assert set(health) == {"status", "ready"} and health["status"] == "ok" and isinstance(health["ready"], bool)


def test_one_login_opens_the_ui_and_the_api(client):
    r = _login(client, browser=True)
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=Lax" in r.headers["set-cookie"]
    # The browser session cookie opens the API too ...
    ans = client.post("/api/ask", json={"question": QUESTION})
    assert ans.status_code == 200 and "21.31亿元" in ans.json()["answer"]
    assert client.get("/config").status_code == 200
    assert "documents" in client.get("/api/health").json()
    client.get("/logout", follow_redirects=False)
    assert client.get("/config").status_code == 401


def test_http_basic_opens_the_ui_too(client):
    auth = (USER, PASSWORD)
    assert client.get("/config", auth=auth).status_code == 200
    assert client.get("/gradio_api/info", auth=auth).status_code == 200
    assert client.post("/api/ask", json={"question": QUESTION}, auth=auth).status_code == 200


def test_script_login_as_gradio_client_does(client):
    r = _login(client)  # form post, no text/html: 200 JSON and the cookie
    assert r.status_code == 200 and r.json() == {"success": True}
    assert client.get("/gradio_api/info").status_code == 200


def test_lockout_after_failed_attempts(client):
    started = time.perf_counter()
    codes = [_login(client, password=f"wrong{i}").status_code for i in range(5)]
    assert codes == [401] * 5
    assert time.perf_counter() - started >= 5 * 0.4  # each failure answers late
    locked = _login(client)  # even the right password, while locked out
    assert locked.status_code == 429 and "登录失败次数过多" in locked.json()["error"]
    basic = client.get("/api/documents", auth=(USER, PASSWORD))
    assert basic.status_code == 429
    assert int(locked.headers["retry-after"]) > 0


def test_wrong_basic_counts_towards_the_lockout(client):
    for _ in range(5):
        assert client.get("/api/documents", auth=(USER, "nope")).status_code == 401
    assert client.get("/api/documents", auth=(USER, PASSWORD)).status_code == 429


def test_login_redirect_stays_on_this_site(client):
    page = client.get("/login?next=//evil.example/x")
    assert "evil.example" not in page.text
    r = client.post("/login", data={"username": USER, "password": PASSWORD,
                                     "next": "https://evil.example/"},
                    headers={"accept": "text/html"}, follow_redirects=False)
    assert r.headers["location"] == "/"


def test_public_host_without_login_is_refused():
    assert app.exposure_problem(Config(host="127.0.0.1")) is None
    assert app.exposure_problem(Config(host="localhost")) is None
    assert app.exposure_problem(Config(host="::1")) is None
    problem = app.exposure_problem(Config(host="0.0.0.0"))
    assert problem and "auth" in problem and "拒绝启动" in problem
    assert app.exposure_problem(Config(host="0.0.0.0", auth="a:b")) is None
    assert app.exposure_problem(Config(host="0.0.0.0", allow_remote_without_login=True)) is None
    with pytest.raises(PolicyQAError, match="拒绝启动"):
        app.serve(Config(host="0.0.0.0"))
    assert Config.load(env={"POLICYQA_ALLOW_REMOTE_WITHOUT_LOGIN": "yes"}).allow_remote_without_login


def test_input_edges_answer_in_chinese_json():
    with TestClient(app.create_app(app_config(), bot=shared_bot()),
                    raise_server_exceptions=False) as c:
        r = c.post("/api/ask", content='{"question":"x","doc_filter":"\\ud800"}',
                   headers={"content-type": "application/json"})
        assert r.status_code == 400 and "未知文档" in r.json()["error"]
        r = c.post("/api/ask", content='{"question":"东营\\ud800新一代信息技术产业增加值目标"}',
                   headers={"content-type": "application/json"})
        assert r.status_code == 200 and r.json()["answer"]
        r = c.post("/api/ask", content='{"question":"x","history":[{"role":"user","content":"\\udfff"}]}',
                   headers={"content-type": "application/json"})
        assert r.status_code == 200


@pytest.mark.slow
@pytest.mark.browser
def test_browser_logs_in_once_for_chat_and_upload(tmp_path):
    """A real Chromium: the login form, then the chat and an upload on the same session."""
    need_browser()
    from playwright.sync_api import sync_playwright

    cfg, bot = private_bot(tmp_path / "app", auth=f"{USER}:{PASSWORD}", max_upload_mb=0.5)
    big = tmp_path / "big.txt"
    big.write_text("大" * 300_000, encoding="utf-8")  # 0.9 MB
    sample = Path(__file__).resolve().parent / "fixtures" / "upload_sample.txt"
    with serve_app(cfg, bot) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg = browser.new_page(locale="zh-CN")
        pg.set_default_timeout(60_000)
        pg.goto(url)
        assert "/login" in pg.url
        assert "请登录" in pg.locator("body").inner_text()
        assert not any(s.doc_id in pg.content() for s in bot.documents())
        pg.fill("#username", USER)
        pg.fill("#password", "wrong")
        pg.click("button[type=submit]")
        assert "用户名或密码不正确" in pg.locator("body").inner_text()
        pg.fill("#username", USER)
        pg.fill("#password", PASSWORD)
        pg.click("button[type=submit]")
        pg.get_by_role("tab", name="问答").wait_for()
        assert pg.get_by_role("link", name="退出登录").count() == 1
        box = pg.locator("#question textarea")
        box.fill(QUESTION)
        box.press("Enter")
        pg.wait_for_function("() => document.body.innerText.includes('21.31亿元')")
        pg.get_by_role("tab", name="文档").click()
        pg.locator("#upload input[type=file]").set_input_files(str(sample))
        pg.wait_for_function("(n) => document.querySelector('#upload').innerText.includes(n)",
                             arg=sample.stem)
        pg.get_by_role("button", name="添加到知识库").click()
        pg.get_by_text("已添加 1 份文档").wait_for()
        # Too large: Gradio's own browser-side refusal, said in Chinese with the right limit.
        pg.locator("#upload input[type=file]").set_input_files(str(big))
        pg.wait_for_function("() => document.body.innerText.includes('超过单个文件上限')")
        text = pg.locator("body").inner_text()
        assert "0.5 MB" in text or "512.0 KB" in text, text[-500:]
        assert "exceed the maximum" not in text
        pg.screenshot(path=str(Path(__file__).parent / "artifacts" / "upload-too-big.png"))
        link = pg.get_by_role("link", name="退出登录")
        assert link.get_attribute("href").endswith("/logout")
        pg.goto(url + "logout")
        pg.wait_for_url("**/login")
        assert "请登录" in pg.locator("body").inner_text()
        browser.close()
    staging = Path(os.environ["GRADIO_TEMP_DIR"])
    assert not list(staging.rglob(f"*{sample.stem}*"))  # the staged copy is gone
