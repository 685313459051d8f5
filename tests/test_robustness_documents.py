"""Robustness: bad documents via ``add_documents`` and via the app's upload function.

Each is refused with a clear message; the index and the corpus are byte-for-byte unchanged
and nothing is written outside the user folder.
"""

from __future__ import annotations

import hashlib
import io
import pathlib
import zipfile
from pathlib import Path

import pytest
from test_robustness_questions import private_bot

import app
from index.build import add_documents
from index.config import ROOT
from index.errors import DocumentError

GOOD_TEXT = ("关于印发青山县2025年果园提升方案的通知\n一、总体目标\n"
             "到2025年，新建果园示范基地6个，完成投资3.2亿元。\n"
             "二、重点任务\n（一）推进果园建设。（责任单位：县农业局）\n")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("docs")
    cfg, bot = private_bot(root)
    return cfg, bot, app.WebApp(cfg, bot=bot)


def _tree(*folders: Path) -> dict[str, str]:
    """sha256 of every file under the folders (missing folders are empty)."""
    out = {}
    for folder in folders:
        if folder.exists():
            for p in sorted(folder.rglob("*")):
                if p.is_file():
                    out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _snapshot(cfg) -> dict[str, str]:
    return _tree(cfg.path("index_dir"), cfg.path("user_dir"), cfg.path("upload_dir"),
                 cfg.path("corpus_dir"))


def _docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    """case -> (file, a word the refusal message must contain)."""
    tmp.mkdir(parents=True, exist_ok=True)
    files = {}

    def put(case, name, data, word):
        p = tmp / name
        p.write_bytes(data)
        files[case] = (p, word)

    put("empty", "empty.txt", b"", "空")
    put("whitespace", "blank.txt", b" \n\t\r\n ", "空")
    put("binary", "binary.txt", bytes(range(256)) * 40, "文本")
    put("wrong-extension", "program.exe", b"MZ\x90\x00" + b"\x00" * 100, "类型")
    put("no-extension", "README", GOOD_TEXT.encode(), "类型")
    put("corrupt-docx", "broken.docx", b"PK\x03\x04 this is not a zip archive", "docx")
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w") as z:
        z.writestr("hello.txt", "not a word document")
    put("zip-as-docx", "fake.docx", zbuf.getvalue(), "docx")
    put("corrupt-pdf", "broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF garbage", "")
    put("html-no-text", "empty.html", b"<html><script>alert(1)</script><body> </body></html>", "")
    put("no-clauses", "dots.txt", "。。。，，，".encode(), "")
    return files


def test_bad_documents_via_add_documents_change_nothing(env, tmp_path):
    cfg, _, _ = env
    before = _snapshot(cfg)
    for case, (path, word) in _bad_files(tmp_path).items():
        with pytest.raises(DocumentError) as err:
            add_documents(cfg, [path], progress=False)
        assert str(err.value).strip() and word in str(err.value), (case, str(err.value))
        assert "Traceback" not in str(err.value)
    assert _snapshot(cfg) == before


def test_bad_documents_via_upload_change_nothing(env, tmp_path):
    cfg, bot, web = env
    before = _snapshot(cfg)
    n_docs = len(bot.documents())
    files = _bad_files(tmp_path)
    for case, (path, _) in files.items():
        message, changed = web.add_files([str(path)])
        assert not changed, case
        assert path.name in message or "文件" in message, (case, message)
        assert "Traceback" not in message
    # all at once, too
    message, changed = web.add_files([str(p) for p, _ in files.values()])
    assert not changed and message.count("\n") + 1 >= len(files)
    assert _snapshot(cfg) == before
    assert len(bot.documents()) == n_docs


def test_duplicate_of_an_existing_document_is_refused(env, tmp_path):
    cfg, bot, web = env
    corpus_doc = cfg.path("corpus_dir") / bot.documents()[0].file
    copy = tmp_path / "copy-of-corpus.txt"
    copy.write_bytes(corpus_doc.read_bytes())
    before = _snapshot(cfg)
    with pytest.raises(DocumentError, match="已在语料中"):
        add_documents(cfg, [copy], progress=False)
    message, changed = web.add_files([str(copy)])
    assert not changed and "重复" in message
    assert _snapshot(cfg) == before


def test_100mb_file_is_refused_by_size_before_it_is_read(env, tmp_path, monkeypatch):
    cfg, _, web = env
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:  # sparse: instant, no 100 MB written
        f.truncate(100 * 1024 * 1024)
    reads = []
    real_read_bytes, real_open = pathlib.Path.read_bytes, pathlib.Path.open

    def read_bytes(self):
        if self.name == big.name:
            reads.append(self)
        return real_read_bytes(self)

    def path_open(self, *a, **kw):
        if self.name == big.name:
            reads.append(self)
        return real_open(self, *a, **kw)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    monkeypatch.setattr(pathlib.Path, "open", path_open)
    before = _snapshot(cfg)
    with pytest.raises(DocumentError, match="过大"):
        add_documents(cfg, [big], progress=False)
    message, changed = web.add_files([str(big)])
    assert not changed and "太大" in message and "20 MB" in message
    assert reads == []
    assert _snapshot(cfg) == before


@pytest.mark.parametrize("name", ["../../x.txt", "..\\..\\x.txt", ".hidden.txt"])
def test_hostile_file_names_stay_inside_the_user_folder(env, tmp_path, name):
    cfg, _, web = env
    if "/" in name and not name.startswith("/"):
        src = tmp_path / "a" / "b" / name  # resolves to tmp_path / "x.txt"
        (tmp_path / "a" / "b").mkdir(parents=True)
    else:
        src = tmp_path / Path(name).name
    src.write_text(GOOD_TEXT + name, encoding="utf-8")
    outside_before = _tree(tmp_path.parent, ROOT / "corpus", ROOT / "var")
    allowed = (cfg.path("user_dir"), cfg.path("upload_dir"))
    message, changed = web.add_files([str(src)])
    assert changed, message
    outside_after = _tree(tmp_path.parent, ROOT / "corpus", ROOT / "var")
    new = set(outside_after) - set(outside_before)
    assert not [p for p in new if not any(Path(p).is_relative_to(a) for a in allowed)], new
    staging = cfg.path("upload_dir")  # Gradio's staging folder: the app stores nothing there
    assert not (staging.exists() and any(p.is_file() for p in staging.rglob("*")))
    for p in cfg.path("user_dir").iterdir():
        assert p.resolve().parent == cfg.path("user_dir").resolve() and not p.name.startswith(".")


def test_user_document_count_limit(env, tmp_path):
    cfg, _, _ = env
    from corpus.sources import load_sources

    n = len(load_sources(cfg.path("user_dir") / "sources.yaml"))
    small = cfg.replace(max_user_docs=n + 1)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    # Two other documents (another title each): one with the title, issuer and 文号 of a
    # user document would replace it instead of adding one.
    a.write_text(GOOD_TEXT.replace("青山县", "甲山县"), encoding="utf-8")
    b.write_text(GOOD_TEXT.replace("青山县", "乙山县"), encoding="utf-8")
    before = _snapshot(cfg)
    with pytest.raises(DocumentError, match="上限"):
        add_documents(small, [a, b], progress=False)
    assert _snapshot(cfg) == before
    web = app.WebApp(small, bot=env[1])
    web.bot.config = small  # the Assistant adds through its own config
    try:
        message, changed = web.add_files([str(a), str(b)])
    finally:
        web.bot.config = cfg
    # The batch is refused; the app then tries the files one by one, so one fits and the
    # other is refused: the limit holds either way.
    assert "上限" in message, message
    assert len(load_sources(cfg.path("user_dir") / "sources.yaml")) == n + 1


def test_upload_size_limit_is_configurable(env, tmp_path):
    cfg, bot, _ = env
    web = app.WebApp(cfg.replace(max_upload_mb=0.001), bot=bot)
    p = tmp_path / "two-kb.txt"
    p.write_text(GOOD_TEXT * 20, encoding="utf-8")
    before = _snapshot(cfg)
    message, changed = web.add_files([str(p)])
    assert not changed and "太大" in message
    assert _snapshot(cfg) == before


# --------------------------------------------------------------------------- safe defaults


def test_binds_localhost_unless_configured(monkeypatch):
    import uvicorn

    from index.config import Config

    assert Config().host == "127.0.0.1"
    assert Config.load(path="/nonexistent.yaml", env={}).host == "127.0.0.1"
    seen = {}
    monkeypatch.setattr(app, "create_app", lambda cfg: object())
    monkeypatch.setattr(uvicorn, "run", lambda _app, **kw: seen.update(kw))
    app.serve(Config())
    assert seen["host"] == "127.0.0.1"


def test_optional_login_protects_the_api(env):
    from fastapi.testclient import TestClient

    cfg, bot, _ = env
    api = app.build_api(app.WebApp(cfg.replace(auth="admin:s3cret"), bot=bot))
    with TestClient(api) as c:
        assert c.get("/api/documents").status_code == 401
        health = c.get("/api/health").json()  # liveness and readiness only before login, no counts
        assert set(health) == {"status", "ready"} and health["status"] == "ok" and isinstance(health["ready"], bool)
        assert c.post("/api/ask", json={"question": "x"}, auth=("admin", "wrong")).status_code == 401
        assert "documents" in c.get("/api/health", auth=("admin", "s3cret")).json()


def test_no_pickle_eval_or_exec_in_the_code():
    pattern = __import__("re").compile(
        r"\bimport\s+(c?pickle|dill|marshal|shelve)\b|\bpickle\.|torch\.load\(|"
        r"allow_pickle\s*=\s*True|(?<![\w.])(eval|exec)\(|yaml\.load\(|yaml\.unsafe_load")
    files = [ROOT / "app.py"] + [p for d in ("assistant", "index", "eval", "corpus")
                                  for p in (ROOT / d).rglob("*.py")]
    hits = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in files
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if pattern.search(line)]
    assert hits == []
