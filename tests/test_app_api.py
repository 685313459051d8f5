"""The web app without a browser: rendering helpers, the JSON API, uploads, the chat function."""

from __future__ import annotations

import json
import shutil

import pytest
from app_fixtures import app_config, shared_bot

import app
from index.config import ROOT

DONGYING = "东营2021年高端装备产业增加值目标是多少？"


# --------------------------------------------------------------------------- rendering


def test_escape_md_makes_html_and_markdown_inert():
    out = app.escape_md("<script>alert(1)</script> **粗体** [链接](http://x) $x$")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "\\*\\*粗体\\*\\*" in out and "\\[链接\\]" in out and "\\$x\\$" in out


def test_highlight_bolds_figures_and_escapes_the_rest():
    out = app.highlight("2021年產業增加值達到27.05億元<b>，同比增速10%以上。", ("27.05億元", "10%"))
    assert "**27.05億元**" in out
    # "**" next to "%" would not close in CommonMark: that one uses <strong>.
    assert "<strong>10%</strong>以上" in out
    assert "<b>" not in out and "&lt;b&gt;" in out


def test_flatten_history_handles_browser_parts_and_drops_sources():
    history = [
        {"role": "user", "content": [{"type": "text", "text": DONGYING}]},
        {"role": "assistant", "content": "目标是**27.05亿元**。"},
        {"role": "assistant", "content": "引文", "metadata": {"title": "来源", "status": "done"}},
        {"role": "user", "content": [{"type": "file", "file": {"path": "/x.png"}}]},
        {"role": "system", "content": "ignored"},
    ]
    assert app.flatten_history(history) == [
        {"role": "user", "content": DONGYING},
        {"role": "assistant", "content": "目标是27.05亿元。"},
    ]
    assert app.flatten_history(None) == []


# --------------------------------------------------------------------------- JSON API


@pytest.fixture(scope="module")
def client():
    from fastapi.testclient import TestClient

    with TestClient(app.create_app(app_config(), bot=shared_bot())) as c:
        yield c


def _error(resp, status):
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    data = resp.json()
    assert set(data) == {"error"} and data["error"]
    assert "Traceback" not in resp.text
    return data["error"]


def test_health(client):
    data = client.get("/api/health").json()
    assert data["status"] == "ok"
    assert data["documents"] >= 2 and data["clauses"] > 50
    assert data["encoder"] and data["index_built"]


def test_the_app_warms_up_after_it_starts_serving():
    import time

    from fastapi.testclient import TestClient

    with TestClient(app.create_app(app_config(), bot=shared_bot())) as c:
        first = c.get("/api/health").json()
        # serving before warming, and saying so (readiness: a question would still wait)
        assert first["warmed_up_s"] is None and first["ready"] is False
        assert c.app.state.web.warm_status() == app.WARMING
        deadline = time.monotonic() + 60
        while not c.get("/api/health").json()["ready"]:
            assert time.monotonic() < deadline, "warm-up never finished"
            time.sleep(0.2)
        assert c.get("/api/health").json()["warmed_up_s"] is not None
        assert c.app.state.web.warm_status() == ""
        assert shared_bot()._state._lexicon.done  # the question segmenter is loaded


def test_documents(client):
    data = client.get("/api/documents").json()
    ids = {d["doc_id"] for d in data["documents"]}
    assert {"dongying-2021", "tengzhou-2024"} <= ids and data["count"] == len(ids)
    dy = next(d for d in data["documents"] if d["doc_id"] == "dongying-2021")
    assert dy["script"] == "traditional" and "title" in dy["missing"]
    assert dy["clauses"] > 10 and dy["responsibilities"] > 10


def test_ask_and_follow_up(client):
    first = client.post("/api/ask", json={"question": DONGYING}).json()
    assert first["found"] and "27.05亿元" in first["answer"]
    assert first["citations"] and "27.05" in first["citations"][0]["quote"]
    history = [{"role": "user", "content": DONGYING},
               {"role": "assistant", "content": first["answer"]}]
    second = client.post("/api/ask", json={"question": "那它的优选项目计划总投资呢？",
                                           "history": history}).json()
    assert "55.54亿元" in second["answer"]


def test_ask_with_document_filter(client):
    resp = client.post("/api/ask", json={"question": "到2026年新增省级以上创新平台多少家？",
                                         "doc_filter": "tengzhou-2024"})
    data = resp.json()
    assert "20家" in data["answer"]
    assert all(c["doc_id"] == "tengzhou-2024" for c in data["citations"])
    assert "未知文档" in _error(
        client.post("/api/ask", json={"question": "x", "doc_filter": "nope"}), 400)


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({}, 422, "缺少字段 question"),
        ({"question": ""}, 400, "不能为空"),
        ({"question": "  \n "}, 400, "不能为空"),
        ({"question": 123}, 422, "类型不对"),
        ({"question": ["a"]}, 422, "类型不对"),
        ({"question": "x", "history": "earlier"}, 422, "history"),
        ({"question": "x", "history": [{"role": "bot", "content": "x"}]}, 422, "user 或 assistant"),
        ({"question": "x", "doc_filter": 5}, 422, "doc_filter"),
        ({"question": "东" * 10_000}, 400, "太长"),
    ],
)
def test_ask_rejects_bad_input(client, body, status, words):
    assert words in _error(client.post("/api/ask", json=body), status)


def test_ask_rejects_a_body_that_is_not_json(client):
    resp = client.post("/api/ask", content=b"question=hi",
                       headers={"content-type": "application/json"})
    assert "JSON" in _error(resp, 422)


def test_html_in_the_question_is_never_markup(client):
    resp = client.post("/api/ask", json={"question": "<script>alert(1)</script>火星移民计划是什么？"})
    assert resp.status_code == 200
    data = resp.json()
    for key in ("question", "answer"):
        assert "<script>" not in data[key]
    assert not data["found"]


def test_unknown_api_path_is_json_404(client):
    assert "没有这个接口" in _error(client.get("/api/nope"), 404)


def test_server_errors_are_json_without_traceback():
    from fastapi.testclient import TestClient

    web_app = app.create_app(app_config(), bot=shared_bot())

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    web_app.state.web.ask = broken
    with TestClient(web_app) as c:
        msg = _error(c.post("/api/ask", json={"question": DONGYING}), 500)
    assert "服务器内部错误" in msg and "boom" not in msg


def test_login_protects_the_api():
    from fastapi.testclient import TestClient

    with TestClient(app.create_app(app_config(auth="admin:s3cret"), bot=shared_bot())) as c:
        assert "登录" in _error(c.get("/api/documents"), 401)
        public = c.get("/api/health").json()
        # liveness and readiness only: no counts, versions or times before login
        assert set(public) == {"status", "ready"} and public["status"] == "ok"
        assert isinstance(public["ready"], bool)
        assert "登录" in _error(c.get("/api/documents", auth=("admin", "wrong")), 401)
        assert c.get("/api/health", auth=("admin", "s3cret")).status_code == 200
        resp = c.post("/api/ask", json={"question": DONGYING}, auth=("admin", "s3cret"))
        assert "27.05亿元" in resp.json()["answer"]
        assert c.get("/", headers={"accept": "text/html"},
                     follow_redirects=False).headers["location"].startswith("/login")


# --------------------------------------------------------------------------- chat function


@pytest.fixture(scope="module")
def web():
    return app.WebApp(app_config(), bot=shared_bot())


def _run_chat(web, message, history=(), doc_filter=app.ALL_DOCS):
    steps = list(app.chat_fn(web)(message, list(history), doc_filter))
    final = steps[-1]
    return steps, (final if isinstance(final, list) else [final])


def _content(msg):
    return msg if isinstance(msg, str) else msg.content


def test_chat_streams_the_answer_then_its_sources(web):
    steps, final = _run_chat(web, DONGYING)
    assert len(steps) > 2  # streamed
    assert "**27.05亿元**" in _content(final[0])
    sources = final[1]
    assert sources.metadata == {"title": "来源", "status": "done"}
    assert "**27.05億元**" in sources.content  # the quote, with its figure highlighted
    assert "高端裝備" in sources.content and "›" in sources.content  # the clause path


def test_chat_empty_input_gets_a_chinese_hint(web):
    for message in ("", "   ", [{"type": "text", "text": " "}]):
        _, final = _run_chat(web, message)
        assert _content(final[0]) == app.EMPTY_QUESTION


def test_chat_refusal_shows_related_clauses(web):
    _, final = _run_chat(web, "火星移民计划的预算是多少？")
    assert "没有找到" in _content(final[0])
    titles = [m.metadata.get("title") for m in final[1:]]
    assert "来源" not in titles


def test_chat_follow_up_uses_browser_shaped_history(web):
    history = [{"role": "user", "content": [{"type": "text", "text": DONGYING}]},
               {"role": "assistant", "content": [{"type": "text", "text": "目标是**27.05亿元**。"}]},
               {"role": "assistant", "content": "x", "metadata": {"title": "来源"}}]
    _, final = _run_chat(web, "那它的优选项目计划总投资呢？", history)
    assert "55.54亿元" in _content(final[0])


# --------------------------------------------------------------------------- uploads


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("empty.txt", b"", "空"),
        ("blank.txt", b"   \n\n", "空"),
        ("virus.exe", b"MZ\x90\x00", "不支持"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", ""),
        ("broken.docx", b"PK\x03\x04 not a zip", ""),
    ],
)
def test_bad_uploads_change_nothing(web, tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    before = [s.doc_id for s in web.sources()]
    message, changed = web.add_files([str(path)])
    assert not changed and name in message and words in message
    assert [s.doc_id for s in web.sources()] == before
    user = app_config().path("user_dir")
    assert not any(p.name.endswith(name) for p in user.glob("*")) if user.exists() else True


def test_duplicate_and_oversized_uploads_are_refused(web, tmp_path):
    before = len(web.sources())
    dup = tmp_path / "copy.txt"
    shutil.copy(ROOT / "corpus" / "003_313e9604e77a2f3b.txt", dup)
    message, changed = web.add_files([str(dup)])
    assert not changed and "重复" in message
    web = app.WebApp(app_config(max_upload_mb=0.001), bot=shared_bot())
    big = tmp_path / "big.txt"
    big.write_text("青河市" * 2000, encoding="utf-8")
    message, changed = web.add_files([str(big)])
    assert not changed and "太大" in message
    assert web.add_files([]) == ("请先选择要上传的文件。", False)
    assert len(web.sources()) == before


def test_tables_and_outline(web):
    rows = web.duty_rows()
    assert rows and all(len(r) == len(app.DUTY_HEADERS) for r in rows)
    assert any("市統計局" in r[3] and "企業納統" in r[2] for r in rows)
    tasks = web.tasks_for_unit("市统计局")  # Simplified finds the Traditional document
    assert any("納統" in r[2] for r in tasks)
    assert web.tasks_for_unit("  ") == []
    docs = {r[0]: r for r in web.doc_rows()}
    assert docs["tengzhou-2024"][4] == "滕政发〔2024〕8号"
    outline = web.outline("tengzhou-2024")
    assert "- 一、总体要求" in outline and "\n  - " in outline
    assert json.dumps(web.health(), ensure_ascii=False)


def test_benchmark_sample(web):
    from webapp import eval_tab

    result = app.run_eval(web, 4)
    assert result["n"] == 4
    tables = eval_tab.eval_tables(result)
    metric_rows = tables["metrics"]
    assert metric_rows[0] == ["题数", "4"] and any(r[0] == "总体准确率" for r in metric_rows)
    names = [r[0] for r in metric_rows]
    assert not [n for n in names if n.isascii()], names  # every metric named in Chinese
    assert all(len(v.split(".")[-1].rstrip("%")) <= 3 for _, v in metric_rows)  # rounded
    assert tables["by_type"] and all(0 <= acc <= 1 for _, _, acc in tables["by_type"])
    assert not [t for t, _, _ in tables["by_type"] if t.isascii()]  # shapes named in Chinese
    assert sum(n for _, n, _ in tables["by_doc"]) == 4
    assert all(len(r) == 5 for r in tables["failures"])


def test_benchmark_contract_set_downloads_and_cancel(web, tmp_path):
    import csv
    import threading

    from webapp import eval_tab

    result = app.run_eval(web, 6, qa_file="eval/qa_contract.jsonl")
    assert result["n"] == 6 and "contract" in result["metrics"]
    json_path, csv_path = eval_tab.write_downloads(result, tmp_path)
    assert json.loads(json_path.read_text(encoding="utf-8"))["n"] == 6
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == eval_tab.CSV_FIELDS and len(rows) == 7
    assert {r[6] for r in rows[1:]} <= {"是", "否"}
    # Cancelled from another thread (the 取消 button) after the first answers.
    assert web.evaluator.cancel() == "现在没有进行中的评测。"
    seen = []

    def progress(fraction, desc=""):
        seen.append(desc)
        if len(seen) == 3:
            threading.Thread(target=web.evaluator.cancel).start()
            threading.Event().wait(0.2)

    with pytest.raises(eval_tab.Cancelled, match="已取消：完成 \\d+/\\d+ 题"):
        app.run_eval(web, 0, progress)
    assert len(seen) < 20  # stopped long before the 362 questions
    assert app.run_eval(web, 1)["n"] == 1  # and the next run starts normally


def test_unit_list_has_each_unit_once_in_either_script(web):
    units = web.units()
    assert len(units) == len(set(units))
    assert "市财政局" in units and "市財政局" not in units  # Dongying writes it in Traditional
    docs = {row[0] for row in web.tasks_for_unit("市财政局")}
    assert len(docs) == 2  # the unit's tasks in both documents


def test_duty_table_filter_and_lookup_ignore_script_and_take_short_forms(web):
    rows = web.duty_rows()
    assert rows and all(len(r) == 5 and r[4] for r in rows)  # lead: the units or —
    simplified = web.duty_rows(query="统计")
    traditional = web.duty_rows(query="統計")
    assert simplified and simplified == traditional
    assert all("统计" in web_text or "統計" in web_text
               for web_text in ("".join(r) for r in simplified))
    assert web.duty_rows(query="没有这样的词") == []
    # A unit looked up in either script finds the same tasks.
    assert web.tasks_for_unit("市統計局") == web.tasks_for_unit("市统计局") != []
    units = web.units()
    assert len(units) == len(set(units)) and not any("財" in u or "統" in u for u in units)


def test_unit_short_forms_find_the_seed_units(web):
    # 审批局 stands for both documents' approval bureaus (市行政审批服务局, 市行政審批局);
    # 人社局 for 市人力资源和社会保障局 / 市人力資源社會保障局.
    approval = {r[3] for r in web.tasks_for_unit("审批局")}
    assert any("行政审批服务局" in u for u in approval) and any("行政審批局" in u for u in approval)
    assert any("人力資源社會保障局" in r[3] for r in web.tasks_for_unit("人社局"))
    assert web.duty_rows(query="卫健委") and all("衛生健康委" in r[3] for r in web.duty_rows(query="卫健委"))
