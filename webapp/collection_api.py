"""REST routes of the document collection: ``GET/DELETE/PUT /api/documents/{id}``,
``POST /api/documents`` and ``POST /api/documents/{id}/versions/{n}/restore``.

A file comes as ``multipart/form-data`` (field ``file``). An added file with the title,
issuer and 文号 of a user document is refused (409, use PUT) unless ``?as_new=true``. Its bytes are counted as they
arrive and the request is refused (413) past ``max_upload_mb``; the file is staged in a
temporary folder deleted after the request, so the copy in ``user_dir`` is the only one
kept. The reader limits apply when it is parsed. Each change runs under the app's upload
lock and the Assistant answers from the new collection as soon as it returns.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.requests import Request

from index.build import safe_file_name
from index.errors import DocumentError, DocumentNotFoundError
from webapp.files import MULTIPART_SLACK, too_big

UPLOAD_FIELD = "file"


def register(api: Any, web: Any, check_auth: Callable[..., None],
             error: Callable[[int, str], Exception]) -> None:
    """Add the routes to ``api`` (before its catch-all route).

    Args:
        api: the FastAPI app.
        web: the ``WebApp`` (config, bot, lock, check_upload).
        check_auth: the dependency that refuses a request without login.
        error: makes the exception the API turns into ``{"error": message}`` with a status.
    """
    from fastapi import Depends
    from fastapi.responses import JSONResponse
    from starlette.concurrency import run_in_threadpool

    from index import collection

    auth = [Depends(check_auth)]

    def entry(doc_id: str) -> dict[str, Any]:
        return collection.document_info(web.config, doc_id, web.bot.index).to_dict()

    async def run(action: Callable[[], Any]) -> Any:
        """``action()`` in a worker thread under the upload lock; domain errors as JSON."""
        def locked() -> Any:
            with web.lock:
                return action()

        try:
            return await run_in_threadpool(locked)
        except DocumentNotFoundError as exc:
            raise error(404, str(exc)) from None
        except DocumentError as exc:
            raise error(400, str(exc)) from None
        except (OSError, ValueError) as exc:
            raise error(500, f"处理文档时出错，文档集合未改变：{exc}") from None

    def user_document(doc_id: str, action: str) -> None:
        """404 for an unknown id, 403 for a seed (corpus/) document."""
        found = collection.document_info(web.config, doc_id, web.bot.index)
        if found.seed:
            raise error(403, f"「{found.source.label}」（{doc_id}）是内置文档，不能{action}；"
                             "只能删除或替换用户添加的文档。")

    def checked(path: Path, duplicates: bool) -> None:
        """The web upload's checks (type, size, empty; with ``duplicates``, already in)."""
        seen = web._known_hashes() if duplicates else set()
        _, problem = web.check_upload(path, seen)
        if problem:
            status = 409 if "重复" in problem else 413 if "太大" in problem else 400
            raise error(status, problem)

    class staged:  # noqa: N801 - used as ``async with staged(request) as path``
        """The uploaded file in a temporary folder, removed on exit."""

        def __init__(self, request: Request) -> None:
            self.request = request
            self.folder = tempfile.TemporaryDirectory(prefix="policyqa-api-")

        async def __aenter__(self) -> Path:
            try:
                return await self._receive()
            except BaseException:
                self.folder.cleanup()
                raise

        async def __aexit__(self, *exc: object) -> None:
            self.folder.cleanup()

        async def _receive(self) -> Path:
            cfg = web.config
            limit = int(cfg.max_upload_mb * 1024 * 1024) + MULTIPART_SLACK
            refusal = too_big(cfg)
            declared = self.request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise error(413, refusal)
            if "multipart/form-data" not in self.request.headers.get("content-type", ""):
                raise error(400, f"请用 multipart/form-data 上传文件（字段名 {UPLOAD_FIELD}）。")
            received = 0
            source = self.request.receive

            async def counted() -> dict[str, Any]:
                nonlocal received
                message = await source()
                received += len(message.get("body", b""))
                if received > limit:  # a body without (or with a false) length
                    raise error(413, refusal)
                return message

            try:
                form = await Request(self.request.scope, counted).form(max_files=1, max_fields=4)
            except Exception as exc:
                if getattr(exc, "status", None) == 413:
                    raise
                raise error(400, "上传内容无法解析：请用 multipart/form-data 上传一个文件。") from None
            upload = form.get(UPLOAD_FIELD)
            if upload is None or isinstance(upload, str) or not getattr(upload, "filename", ""):
                raise error(400, f"缺少文件：请在字段 {UPLOAD_FIELD} 中上传一个文件。")
            path = Path(self.folder.name) / safe_file_name(upload.filename, set())
            with open(path, "wb") as f:
                while chunk := await upload.read(1 << 20):
                    f.write(chunk)
            await upload.close()
            return path

    @api.get("/api/documents/{doc_id}", dependencies=auth)
    async def get_document(doc_id: str) -> JSONResponse:
        return JSONResponse(await run(lambda: entry(doc_id)))

    @api.delete("/api/documents/{doc_id}", dependencies=auth)
    async def delete_document(doc_id: str) -> JSONResponse:
        def remove() -> dict[str, Any]:
            user_document(doc_id, "删除")
            source = web.bot.remove_document(doc_id)
            return {"removed": doc_id, "label": source.label,
                    "message": f"已删除：{source.label}（文件、早期版本和索引条目）。"}

        return JSONResponse(await run(remove))

    @api.put("/api/documents/{doc_id}", dependencies=auth)
    async def replace(doc_id: str, request: Request) -> JSONResponse:
        async with staged(request) as path:
            def change() -> dict[str, Any]:
                user_document(doc_id, "替换")
                checked(path, duplicates=False)
                source = web.bot.replace_document(doc_id, path)
                return {"document": entry(doc_id),
                        "message": f"已替换：{source.label} 现为第 {source.version} 版。"}

            return JSONResponse(await run(change))

    @api.post("/api/documents", dependencies=auth)
    async def add(request: Request, as_new: bool = False) -> JSONResponse:
        async with staged(request) as path:
            def change() -> dict[str, Any]:
                checked(path, duplicates=True)
                same = None if as_new else collection.matching_document(
                    web.config, path, web.bot.index)
                if same is not None:
                    raise error(409, f"与已有文档 {same.source.doc_id}（{same.source.label}）标题、"
                                     "发文单位和文号相同，可能是它的新版本：请用 PUT /api/documents/"
                                     f"{same.source.doc_id} 替换；若确是另一份文档，加 ?as_new=true。")
                added = web.bot.add_documents([path])
                return {"added": [entry(s.doc_id) for s in added],
                        "message": f"已添加：{'、'.join(s.label for s in added)}。"}

            return JSONResponse(await run(change), status_code=201)

    @api.post("/api/documents/{doc_id}/versions/{version}/restore", dependencies=auth)
    async def restore(doc_id: str, version: int) -> JSONResponse:
        def change() -> dict[str, Any]:
            user_document(doc_id, "恢复")
            source = web.bot.restore_version(doc_id, version)
            return {"document": entry(doc_id),
                    "message": f"已恢复：{source.label} 的第 {version} 版为当前版本。"}

        return JSONResponse(await run(change))
