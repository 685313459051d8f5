"""The collection as staff manage it in the 文档 tab: what each document is, and delete,
replace and restore, each said in Chinese and none leaving a half-changed collection.

The operations are the REST API's (``webapp.collection_api``) and the CLI's
(``index.collection``): the Assistant changes the saved index in one transaction and answers
from the new collection as soon as it returns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from index import collection
from index.errors import DocumentError, PolicyQAError

HEADERS = ["文档ID", "名称", "状态", "版本", "文件", "添加时间", "条款", "数字", "责任单位", "早期版本"]
PICK_FIRST = "请先在上方选择一份文档。"


def collection_rows(web: Any) -> list[list[Any]]:
    """One row per document of the collection, current versions only."""
    rows = []
    for e in collection.list_documents(web.config, web.bot.index):
        s = e.source
        earlier = "、".join(f"第{v.source.version}版" for v in e.earlier) or "—"
        rows.append([s.doc_id, s.label, collection.STATUS_NAMES[e.status], s.version or 1,
                     s.file or "—", (s.added or "—")[:16].replace("T", " "), e.clauses,
                     e.figures, e.responsibilities, earlier])
    return rows


def user_choices(web: Any) -> list[tuple[str, str]]:
    """(label, doc_id) of the documents staff may change: the user documents."""
    return [(f"{e.source.label}（{e.source.doc_id}）", e.source.doc_id)
            for e in collection.list_documents(web.config, web.bot.index) if not e.seed]


def version_choices(web: Any, doc_id: str | None) -> list[tuple[str, int]]:
    """(label, version) of ``doc_id``'s earlier versions, newest first."""
    if not doc_id:
        return []
    try:
        entry = collection.document_info(web.config, doc_id, web.bot.index)
    except DocumentError:
        return []
    return [(f"第{v.source.version}版（{v.source.file}，{v.replaced[:10]} 被替换）", v.source.version)
            for v in reversed(entry.earlier)]


def _run(web: Any, action: Any) -> tuple[str, bool]:
    """``action()`` under the app's upload lock: (message, whether the collection changed)."""
    try:
        with web.lock:
            return action(), True
    except (DocumentError, PolicyQAError, ValueError) as exc:
        return f"未改变文档集合：{exc}", False
    except OSError as exc:
        return f"处理文档时出错，文档集合未改变：{exc}", False


def remove(web: Any, doc_id: str | None, confirmed: bool) -> tuple[str, bool]:
    """Delete a user document once the user confirmed it."""
    if not doc_id:
        return PICK_FIRST, False
    if not confirmed:
        return "请先勾选“确认删除”：删除后该文档及其早期版本都不再参与问答。", False

    def act() -> str:
        source = web.bot.remove_document(doc_id)
        return f"已删除：{source.label}（文件、早期版本和索引条目）。"

    return _run(web, act)


def replace(web: Any, doc_id: str | None, path: str | Path | None) -> tuple[str, bool]:
    """Make the file at ``path`` the new version of ``doc_id``."""
    if not doc_id:
        return PICK_FIRST, False
    if not path:
        return "请先上传新版本的文件。", False
    _, problem = web.check_upload(Path(path), set())
    if problem:
        return problem, False

    def act() -> str:
        source = web.bot.replace_document(doc_id, Path(path))
        return f"已替换：{source.label} 现为第 {source.version} 版，只有这一版参与问答；早期版本可恢复。"

    return _run(web, act)


def restore(web: Any, doc_id: str | None, version: Any) -> tuple[str, bool]:
    """Make an earlier version current again."""
    if not doc_id:
        return PICK_FIRST, False
    if version in (None, ""):
        return "请先选择要恢复的版本。", False

    def act() -> str:
        source = web.bot.restore_version(doc_id, int(version))
        return f"已恢复：{source.label} 的第 {int(version)} 版为当前版本。"

    return _run(web, act)
