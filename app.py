"""The web app: a Gradio UI (问答, 责任单位, 文档, 评测) mounted in FastAPI beside a JSON API."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import html
import json
import re
import secrets
import sys
import threading
import time
import unicodedata
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator
from starlette.requests import Request  # module-level: FastAPI resolves handler signatures

import index  # noqa: F401  (offline environment before gradio loads)
from assistant import limits
from assistant.chat import content_text
from index.config import Config
from index.errors import DocumentError, PolicyQAError
from webapp import eval_tab
from webapp.access import LOCKED_OUT, LOGIN_REQUIRED, Authenticator, LoginGuard
from webapp.docview import register as register_docview
from webapp.docview import view_url
from webapp.feedback import NO_ANSWER, Feedback, FeedbackLog, answer_at
from webapp.feedback import register as register_feedback
from webapp.files import (
    NOT_UPLOADED,
    SIZE_MESSAGE_JS,
    UploadLimits,
    blocked_paths,
    confine,
    discard_staged,
    staged_file,
    upload_folder,
)
from webapp.transcript import conversation_key, conversation_titles

TITLE = "政策文件问答"
FAIL_HEADERS = ["编号", "题型", "问题", "期望", "回答"]
GROUP_HEADERS = {"题型": ["题型", "题数", "准确率"], "文档": ["文档", "题数", "准确率"]}
KEEP_EVAL_RESULTS = eval_tab.KEEP_EVAL_RESULTS
ALL_DOCS = "全部"
UPLOAD_TYPES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
EMPTY_QUESTION = "请输入问题，例如某项目标的数字，或某项任务由哪些单位负责。"
TOO_LONG = limits.TOO_LONG  # a template: TOO_LONG.format(limit=config.max_question_chars)
STREAM_STEPS = 12
# how long after the server listens the warm-up starts (the listening socket first)
WARM_UP_DELAY_S = 0.5
# shown above the chat while the dictionaries and the encoder load
WARMING = "正在加载词典和编码模型，稍候片刻；此时提问也可以，第一个回答会慢一两秒。"
DUTY_HEADERS = ["文档", "条款", "任务", "责任单位", "牵头单位"]
DOC_HEADERS = ["文档ID", "名称", "发文机关", "日期", "文号", "文字", "推断字段", "缺失字段", "条款数"]
FIELD_NAMES = {"title": "标题", "label": "名称", "place": "地区", "issuer": "发文机关",
               "date": "日期", "year": "年份", "doc_number": "文号", "kind": "文种",
               "script": "文字"}


# --------------------------------------------------------------------------- rendering

# Characters that start markdown markup (emphasis, code, links, headings, tables, LaTeX);
# "<" and ">" are already HTML-escaped. Plain "." and "-" stay readable.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~$])")
_MD_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]#|~$])")


def escape_md(text: str) -> str:
    """Make user or document text inert: no HTML markup and no markdown syntax."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False)).replace("\n", "  \n")


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def highlight(text: str, parts: tuple[str, ...] | list[str]) -> str:
    """Escape ``text`` and emphasise every occurrence of ``parts`` (longest first)."""
    marks: list[tuple[int, int]] = []
    for part in sorted({p for p in parts if p and p.strip()}, key=len, reverse=True):
        start = text.find(part)
        while start >= 0:
            end = start + len(part)
            if all(end <= a or start >= b for a, b in marks):
                marks.append((start, end))
            start = text.find(part, end)
    out, pos = [], 0
    for a, b in sorted(marks):
        out.append(escape_md(text[pos:a]))
        inner = escape_md(text[a:b])
        # CommonMark does not close ``**`` next to punctuation such as "%": use <strong> there.
        if _is_punct(text[a]) or _is_punct(text[b - 1]):
            out.append(f"<strong>{inner}</strong>")
        else:
            out.append(f"**{inner}**")
        pos = b
    out.append(escape_md(text[pos:]))
    return "".join(out)


def render_citations(citations: Any) -> str:
    """One block per citation: document, clause path, the quote with its figures in bold."""
    blocks = []
    for i, c in enumerate(citations, 1):
        quote = highlight(c.quote, tuple(c.highlight))
        link = view_url(c.doc_id, c.clause, c.quote, tuple(c.highlight))
        blocks.append(
            f"**[{i}] {escape_md(c.title)}**  \n"
            f"条款：{escape_md(c.path or c.clause)}　[查看原文]({link})  \n"
            f"> “{quote}”"
        )
    return "\n\n".join(blocks)


def render_answer(ans: Any) -> str:
    """The answer text with the figures it states in bold, plus any arithmetic."""
    from index.clean import to_simplified

    # Figures come as the document writes them; a Simplified answer to a Traditional
    # document states them in Simplified.
    figures = {v for f in ans.figures for v in (f, to_simplified(f))}
    text = highlight(ans.answer, tuple(figures))
    if ans.computation:
        text += f"\n\n计算：{escape_md(ans.computation)}"
    return text


def message_row(msg: Any) -> tuple[str, str, bool]:
    """One chat message as (role, text, is_panel): a panel is a 来源/相关条款 message (it has
    a metadata title). Undoes the markdown escaping this app applied to the text."""
    if isinstance(msg, dict):
        role, content, meta = msg.get("role"), msg.get("content"), msg.get("metadata")
    else:
        role = getattr(msg, "role", None)
        content = getattr(msg, "content", None)
        meta = getattr(msg, "metadata", None)
    text = html.unescape(_MD_UNESCAPE.sub(r"\1", content_text(content)))
    if role == "assistant":
        text = re.sub(r"</?strong>", "", text.replace("**", ""))
    return str(role or ""), text.strip(), bool(meta and meta.get("title"))


def flatten_history(history: Any) -> list[dict[str, str]]:
    """Chat history as ``[{"role", "content"}]`` text turns, oldest first.

    Drops 来源/相关条款 messages (those with metadata), file parts and empty turns; undoes the
    markdown escaping this app applied to its own answers.
    """
    turns: list[dict[str, str]] = []
    for role, text, panel in map(message_row, history or []):
        if role in ("user", "assistant") and not panel and text:
            turns.append({"role": role, "content": text})
    return turns


class WebApp:
    """One Assistant per process, shared by the UI and the API; uploads are serialised."""

    def __init__(self, config: Config, bot: Any = None) -> None:
        self.config = config
        if bot is None:
            from assistant.core import Assistant

            bot = Assistant(config)
        self.bot = bot
        self.access = Authenticator(config.auth, max_failures=config.login_max_failures,
                                    lockout_s=config.login_lockout_s,
                                    session_hours=config.session_hours)
        # The one folder uploads through the web UI are accepted from (see webapp.files).
        self.upload_folder = upload_folder(config)
        self.lock = threading.Lock()
        self.started = time.time()
        self.warm_s: float | None = None  # seconds warm_up took, once it has finished
        self.evaluator = eval_tab.EvalRunner()
        self.feedback = FeedbackLog(config.path("feedback_file"), config.max_turn_chars,
                                    config.max_feedback_mb)

    # ----- lookups
    def examples(self, n: int = 4) -> list[str]:
        """Example questions made from the documents' own records (a figure and a 责任单位
        list of each document, every other one in Traditional), so they fit any corpus."""
        from assistant.compose import strip_marker, subject_of
        from index.clean import to_simplified, to_traditional

        idx = self.bot.index  # read through its seam (index.backend.IndexBackend)
        out: list[str] = []
        for source in self.sources():
            if len(out) >= 2 * n:
                break
            place = source.place or ""
            doc = idx.document(source.doc_id)
            fig = next((f for f in doc.figures if f.measure
                        and f.value is not None and ("元" in f.unit or f.unit in ("%", "％"))
                        and (c := idx.clause(f.clause_id)) is not None and c.level >= 2), None)
            if fig is not None:
                subject = subject_of(idx.clause(fig.clause_id), idx.clause)
                measure = fig.measure
                for k in range(min(len(subject), len(measure)), 0, -1):  # 产业 + 产业增加值
                    if subject.endswith(measure[:k]):
                        measure = measure[k:]
                        break
                out.append(f"{place}{subject}{measure}是多少？")
            duty = next(iter(doc.duties), None)
            if duty is not None:
                out.append(f"{place}“{strip_marker(duty.task).rstrip('。')}”由哪些单位负责？")
        out = [to_traditional(q) if i % 2 else to_simplified(q) for i, q in enumerate(out)]
        return out[:n]

    def sources(self) -> list[Any]:
        return list(self.bot.documents())

    def labels(self) -> dict[str, str]:
        return {s.doc_id: s.label for s in self.sources()}

    def doc_choices(self) -> list[tuple[str, str]]:
        return [(ALL_DOCS, ALL_DOCS)] + [(s.label, s.doc_id) for s in self.sources()]

    def resolve_filter(self, doc_filter: str | None) -> str | None:
        if not doc_filter or doc_filter == ALL_DOCS:
            return None
        known = self.labels()
        if doc_filter in known:
            return doc_filter
        for doc_id, label in known.items():
            if label == doc_filter:
                return doc_id
        raise ValueError(f"未知文档：{doc_filter}。可选：{', '.join(known) or '（无）'}")

    def clause_path(self, clause_id: str) -> str:
        clause = self.bot.index.clause(clause_id)
        return clause.path_text if clause is not None else clause_id

    def ask(self, question: str, history: list[dict[str, str]] | None = None,
            doc_filter: str | None = None) -> Any:
        return self.bot.ask(question, history=history or None,
                            doc_filter=self.resolve_filter(doc_filter))

    def record_feedback(self, messages: Any, at: Any, liked: Any, comment: str = "",
                        doc_filter: str | None = None) -> str:
        """Keep a 👍/👎 the chat gave the answer at ``at`` of ``messages`` (its raw
        messages); returns the Chinese message to show."""
        rows = [message_row(m) for m in messages or []]
        at = at[0] if isinstance(at, list | tuple) else at
        found = answer_at(rows, at) if isinstance(at, int) else None
        if found is None:
            return NO_ANSWER
        question, answer, panels = found
        judged = {True: True, False: False, "Like": True, "Dislike": False}.get(liked)
        return self.feedback.add(Feedback(
            liked=judged, question=question, answer=answer, comment=scrub(comment or "").strip(),
            doc_filter=None if doc_filter in (None, "", ALL_DOCS) else doc_filter,
            citations=panels))

    def export_conversation(self, messages: Any) -> str | None:
        """The conversation as a Markdown file in the upload folder (served for download,
        deleted with the other stale files); None while it is empty."""
        from webapp.transcript import to_markdown

        rows = [message_row(m) for m in messages or []]
        if not any(role == "user" for role, _, _ in rows):
            return None
        path = self.upload_folder / f"对话-{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}.md"
        path.write_text(to_markdown(rows), encoding="utf-8")
        return str(path)

    # ----- tables
    def duty_rows(self, duties: Any = None, query: str = "") -> list[list[str]]:
        """The 责任单位 table: document, clause, task, units, lead units (— where the
        document marks none). ``query`` keeps the rows it occurs in (either script) or
        whose units it names (short forms too: 审批局, 卫健委)."""
        from index.unitnames import matches_text, matches_unit

        labels = self.labels()
        duties = self.bot.responsibilities() if duties is None else duties
        rows = []
        for r in duties:
            row = [labels.get(r.doc_id, r.doc_id), self.clause_path(r.clause_id), r.task,
                   "、".join(r.units), "、".join(r.lead) or "—"]
            if query.strip() and not (matches_text(query, " ".join(row[:3]))
                                      or any(matches_unit(query, u) for u in (*r.units, *r.lead))):
                continue
            rows.append(row)
        return rows

    def units(self) -> list[str]:
        """Every responsible unit once, in Simplified script (市財政局 and 市财政局 are one
        unit; looking either up finds the tasks of both)."""
        from index.unitnames import unit_key

        return sorted({unit_key(u) for r in self.bot.responsibilities() for u in r.units})

    def tasks_for_unit(self, unit: str) -> list[list[str]]:
        """The tasks of the unit ``unit`` names: in either script, in part or by its short
        form (审批局 finds 市行政审批服务局's tasks)."""
        from index.unitnames import matches_unit

        unit = (unit or "").strip()
        if not unit:
            return []
        return self.duty_rows([r for r in self.bot.responsibilities()
                               if any(matches_unit(unit, u) for u in r.units)])

    def doc_rows(self) -> list[list[Any]]:
        from index.backend import doc_summaries

        counts = doc_summaries(self.bot.index)  # no document read on an on-demand backend
        rows = []
        for s in self.sources():
            summary = counts.get(s.doc_id)
            rows.append([
                s.doc_id, s.label, s.issuer or "—", s.date or (str(s.year) if s.year else "—"),
                s.doc_number or "—", "繁体" if s.script == "traditional" else "简体",
                "、".join(FIELD_NAMES.get(f, f) for f in s.inferred) or "—",
                "、".join(FIELD_NAMES.get(f, f) for f in s.missing) or "—",
                summary.clauses if summary is not None else 0,
            ])
        return rows

    def outline(self, doc_id: str | None) -> str:
        if not doc_id or doc_id == ALL_DOCS:
            return "请选择一份文档查看提纲。"
        parsed = self._document(doc_id)
        if parsed is None:
            return f"没有找到文档：{escape_md(doc_id)}"
        s = parsed.source
        lines = [f"### {escape_md(s.title or s.label)}", "", f"[打开全文]({view_url(doc_id)})", ""]
        for c in parsed.clauses:
            if c.level < 1:
                continue
            heading = c.path[-1] if c.path else f"{c.marker}{c.heading}"
            lines.append("  " * (c.level - 1) + "- " + escape_md(heading))
        return "\n".join(lines) if len(lines) > 4 else "\n".join(lines) + "\n（该文档没有识别出条款标题）"

    @property
    def ready(self) -> bool:
        """Whether the warm-up has finished: a question is answered at full speed."""
        return self.warm_s is not None

    def warm_status(self) -> str:
        """The line above the chat: what is still loading, or nothing once warm."""
        return "" if self.ready else WARMING

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for (encoder model, jieba's
        dictionaries); run in the background once the server listens."""
        t = time.perf_counter()
        try:
            self.bot.warm_up()
        except Exception as exc:  # the first question will load it instead, or say why
            print(f"预加载失败：{type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        finally:
            self.warm_s = round(time.perf_counter() - t, 2)

    def _document(self, doc_id: str) -> Any:
        """The parsed document, or None when the index has no such id."""
        try:
            return self.bot.index.document(doc_id)
        except KeyError:
            return None

    def health(self) -> dict[str, Any]:
        from index.backend import doc_summaries

        idx = self.bot.index
        docs = doc_summaries(idx)  # counts, without reading every document
        manifest = getattr(idx, "manifest", None) or {}
        if not isinstance(manifest, dict):
            manifest = getattr(manifest, "__dict__", {})
        encoder = manifest.get("encoder") or self.config.encoder
        built = manifest.get("built_at") or manifest.get("created") or manifest.get("build_time")
        return {
            "status": "ok",
            "documents": len(docs),
            "clauses": sum(d.clauses for d in docs.values()),
            "responsibilities": sum(d.duties for d in docs.values()),
            "encoder": encoder.get("id") if isinstance(encoder, dict) else encoder,
            "index_built": built,
            "uptime_s": round(time.time() - self.started, 1),
            "ready": self.ready,
            "warmed_up_s": self.warm_s,
        }

    # ----- uploads
    def _known_hashes(self) -> set[str]:
        """Content hashes of the documents in the collection: those the corpus and the user
        ``sources.yaml`` list. A file in the user folder that no list names does not count;
        an upload a killed process left unfinished is settled first."""
        from index import journal, store

        journal.recover(self.config)
        return {store.sha256_file(p) for _, p in store.corpus_documents(self.config)
                if p.is_file()}

    def check_upload(self, path: Path, seen: set[str]) -> tuple[bytes | None, str | None]:
        """The file's bytes, or a Chinese message saying why it is refused."""
        name = path.name
        if path.suffix.lower() not in UPLOAD_TYPES:
            return None, f"{name}：不支持的文件类型（支持 {'、'.join(UPLOAD_TYPES)}）。"
        try:
            size = path.stat().st_size
        except OSError:
            return None, f"{name}：无法读取文件。"
        limit = self.config.max_upload_mb
        if size > limit * 1024 * 1024:
            return None, f"{name}：文件太大（{size / 1048576:.1f} MB），上限为 {limit:g} MB。"
        try:
            data = path.read_bytes()
        except OSError:
            return None, f"{name}：无法读取文件。"
        if not data.strip():
            return None, f"{name}：文件是空的。"
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            return None, f"{name}：与已有文档重复，未添加。"
        seen.add(digest)
        return data, None

    def add_files(self, files: list[str], progress: Any = None) -> tuple[str, bool]:
        """Check and index uploads. Returns (a Chinese report, whether anything changed).

        The uploaded files are read where they are; the index copies each accepted one
        into ``user_dir`` in the same transaction that lists and indexes it, so that copy
        is the only one kept.
        """
        def report(frac: float, desc: str) -> None:
            if progress is not None:
                progress(frac, desc=desc)

        if not files:
            return "请先选择要上传的文件。", False
        messages, accepted = [], []
        with self.lock:
            try:
                seen = self._known_hashes()
            except (OSError, ValueError, PolicyQAError) as exc:
                return f"无法读取已有文档的清单，未添加任何文档：{escape_md(exc)}", False
            report(0.05, "检查文件")
            for f in files:
                path = Path(f)
                _, problem = self.check_upload(path, seen)
                if problem:
                    messages.append(problem)
                else:
                    accepted.append(path)
            replaced = self._supersede(accepted, messages)
            added = self._index([p for p in accepted if p not in replaced], messages, report)
        if added:
            names = "、".join(s.label for s in added)
            messages.insert(0, f"已添加 {len(added)} 份文档：{names}。现在可以在问答中提问。")
        return (("\n".join(f"- {escape_md(m)}" for m in messages) or "没有添加任何文档。"),
                bool(added or replaced))

    def _supersede(self, paths: list[Path], messages: list[str]) -> list[Path]:
        """Uploads with the title, issuer and 文号 of a user document become its new
        version (the old one is kept, restorable). Returns the files so used."""
        from index.collection import matching_document

        used = []
        for path in paths:
            same = matching_document(self.config, path, self.bot.index)
            if same is None:
                continue
            try:
                source = self.bot.replace_document(same.source.doc_id, path)
            except (DocumentError, PolicyQAError, OSError) as exc:
                messages.append(f"{path.name}：未能替换「{same.source.label}」：{exc}")
            else:
                messages.append(f"{path.name}：与「{source.label}」标题、发文机关和文号相同，已作为它的"
                                f"第 {source.version} 版替换旧版本（旧版本可在下方恢复）。")
            used.append(path)
        return used

    def _index(self, paths: list[Path], messages: list[str], report: Any) -> list:
        """Add ``paths`` as one upload; when one of several is refused, add the others one
        by one. A failed upload changes nothing (``index.build.extend_index``)."""
        if not paths:
            return []
        total = len(paths)

        def callback(*args: Any, **kwargs: Any) -> None:
            desc = kwargs.get("desc") or next((a for a in args if isinstance(a, str)), "建立索引")
            nums = [a for a in args if isinstance(a, int | float) and not isinstance(a, bool)]
            if len(nums) >= 2 and nums[1]:
                frac = nums[0] / nums[1]
            elif nums:
                frac = nums[0] if nums[0] <= 1 else 0.5
            else:
                frac = 0.5
            report(0.1 + 0.85 * min(max(float(frac), 0.0), 1.0), str(desc))

        report(0.1, f"解析并索引 {total} 份文档")
        try:
            return list(self.bot.add_documents(paths, progress_callback=callback))
        except DocumentError as exc:
            if total == 1:
                messages.append(f"{paths[0].name}：{exc}")
                return []
        except Exception as exc:  # nothing was kept; say what failed, never a traceback
            messages.append(f"处理文件时出错，未添加任何文档：{exc}")
            return []
        # One bad file in a batch: add the others one by one so the good ones still go in.
        added = []
        for path in paths:
            try:
                added += list(self.bot.add_documents([path], progress_callback=callback))
            except Exception as exc:
                messages.append(f"{path.name}：{exc}")
        return added


# --------------------------------------------------------------------------- chat


def chat_fn(web: WebApp):
    """The ChatInterface function: streams the answer, then the 来源 / 相关条款 sections."""
    import gradio as gr

    config = web.config

    def respond(message: Any, history: list, doc_filter: str | None = None):
        question = scrub(content_text(message)).strip()
        if not question:
            yield EMPTY_QUESTION
            return
        if len(question) > config.max_question_chars:
            yield TOO_LONG.format(limit=config.max_question_chars)
            return
        try:
            # Only the recent turns, the long ones (a refused 1 MB message) dropped unread.
            turns = flatten_history(limits.recent_history(history, config))
            web.bot.warm_up()  # loads once, before the clock: start-up is no question's cost
            ans = limits.within(config.request_timeout_s, web.ask, question, turns, doc_filter)
        except limits.AnswerTimeout as exc:
            yield escape_md(str(exc))
            return
        except (PolicyQAError, ValueError) as exc:
            yield f"出错了：{escape_md(str(exc))}"
            return
        except Exception as exc:  # never a traceback in the chat
            yield f"出错了，请稍后再试。（{escape_md(type(exc).__name__)}）"
            return
        text = render_answer(ans)
        step = max(1, len(text) // STREAM_STEPS)
        for end in range(step, len(text), step):
            yield [gr.ChatMessage(role="assistant", content=text[:end])]
            time.sleep(0.02)
        final = [gr.ChatMessage(role="assistant", content=text)]
        if ans.citations:
            final.append(gr.ChatMessage(role="assistant", content=render_citations(ans.citations),
                                        metadata={"title": "来源", "status": "done"}))
        if ans.related and not ans.found:
            final.append(gr.ChatMessage(role="assistant", content=render_citations(ans.related),
                                        metadata={"title": "相关条款", "status": "done"}))
        yield final

    return respond


def client_chat(web: WebApp):
    """The ``/chat`` endpoint for API clients (``gradio_client``): one answer as a dict,
    with earlier turns and a document filter checked against the collection as it is now."""

    def chat(message: str, history: list[dict[str, Any]] | None = None,
             doc_filter: str | None = None) -> dict[str, Any]:
        """Answer a question about the policy documents.

        Args:
            message: the question, Simplified or Traditional Chinese.
            history: earlier turns, oldest first, as {"role": "user"|"assistant", "content": str}.
            doc_filter: a document id or name to answer from; empty or 全部 for all documents.

        Returns:
            {"answer", "found", "citations": [{"doc_id", "clause_id", "clause_path",
            "quote", ...}], ...}: /api/ask's answer, except that a citation's heading path
            is ``clause_path`` (gradio_client takes any dict with a ``path`` for a file to
            download); a question that cannot be answered gives {"error": message}.
        """
        config = web.config
        question = scrub(content_text(message)).strip()
        if not question:
            return {"error": EMPTY_QUESTION}
        if len(question) > config.max_question_chars:
            return {"error": TOO_LONG.format(limit=config.max_question_chars)}
        turns = flatten_history(limits.recent_history(history or [], config))
        try:
            web.bot.warm_up()
            ans = limits.within(config.request_timeout_s, web.ask, question, turns, doc_filter)
        except (limits.AnswerTimeout, PolicyQAError, ValueError) as exc:
            return {"error": str(exc)}
        except Exception as exc:  # never a traceback to a client
            return {"error": f"出错了，请稍后再试。（{type(exc).__name__}）"}
        data = ans.to_dict()
        for key in ("citations", "related"):
            data[key] = [{("clause_path" if k == "path" else k): v for k, v in c.items()}
                         for c in data.get(key) or [] if isinstance(c, dict)]
        return data

    return chat


# --------------------------------------------------------------------------- benchmark


def run_eval(web: WebApp, sample: float | None, progress: Any = None,
             qa_file: str = "eval/qa.jsonl") -> dict[str, Any]:
    """Run a benchmark set on all items, or on ``sample`` items spread over the set."""
    return web.evaluator.run(web.bot, web.config, qa_file, sample, progress)


# --------------------------------------------------------------------------- UI


def build_ui(web: WebApp):
    """The Gradio Blocks: four tabs sharing one WebApp."""
    import gradio as gr
    import pandas as pd

    from webapp import collection_ui as coll_ui

    def update_all():
        """Every view of the collection, after a change (8 outputs: see ``refreshed``)."""
        choices = web.doc_choices()
        doc_ids = [c for c in choices if c[1] != ALL_DOCS]
        return (
            gr.update(choices=choices),
            pd.DataFrame(web.duty_rows(), columns=DUTY_HEADERS),
            gr.update(choices=web.units()),
            pd.DataFrame(web.doc_rows(), columns=DOC_HEADERS),
            gr.update(choices=doc_ids, value=doc_ids[0][1] if doc_ids else None),
            pd.DataFrame(coll_ui.collection_rows(web), columns=coll_ui.HEADERS),
            gr.update(choices=coll_ui.user_choices(web), value=None),
            gr.update(choices=[], value=None),
        )

    class _InertChatInterface(gr.ChatInterface):
        """Shows the user's own message as text: typed HTML or markdown is never markup."""

        def _append_message_to_history(self, message, history, role="user"):  # noqa: ANN001, ANN202
            if role == "user" and isinstance(message, str):
                message = escape_md(message)
            elif role == "user" and isinstance(message, dict) and isinstance(message.get("text"), str):
                message = {**message, "text": escape_md(message["text"])}
            return super()._append_message_to_history(message, history, role)

        def _load_chat_history(self, conversations):  # noqa: ANN001, ANN202
            return gr.skip()  # the list is drawn with the names staff give (see below)

    # Staged uploads and files the app made are deleted once stale, and all at shutdown.
    age = web.config.staged_max_age_s
    with gr.Blocks(title=TITLE, analytics_enabled=False,
                   delete_cache=(max(60, age // 6), age)) as demo:
        logout = "　[退出登录](/logout)" if web.access.enabled else ""
        gr.Markdown(f"# {TITLE}\n离线问答：答案只来自已收录的政策文件，并给出原文出处。{logout}")
        # While the app warms up: a line saying so, checked each second until it is warm.
        warming = gr.Markdown(web.warm_status(), elem_id="warm-status")
        warm_timer = gr.Timer(1.0, active=not web.ready)

        def warm_tick():
            return web.warm_status(), gr.Timer(active=not web.ready)

        gr.on([demo.load, warm_timer.tick], warm_tick, None, [warming, warm_timer],
              api_visibility="private", queue=False)
        with gr.Tab("问答", id="chat"):
            doc_filter = gr.Dropdown(choices=web.doc_choices(), value=ALL_DOCS, label="文档筛选",
                                     info="只在所选文档中查找答案", interactive=True)
            chatbot = gr.Chatbot(label="对话", height=520, buttons=["copy", "copy_all"],
                                 allow_tags=False, sanitize_html=True,
                                 placeholder="请输入关于政策文件的问题（简体或繁体均可）。")
            chat = _InertChatInterface(
                chat_fn(web),
                chatbot=chatbot,
                textbox=gr.Textbox(placeholder="输入问题，按回车发送", show_label=False,
                                   submit_btn="发送", stop_btn="停止", max_lines=6,
                                   elem_id="question",
                                   max_length=web.config.max_question_chars),
                additional_inputs=[doc_filter],
                examples=[[q, ALL_DOCS] for q in web.examples()] or None,
                examples_label="示例问题",
                cache_examples=False,
                # The browser's streaming endpoint; clients use /chat below (history, filter).
                api_name="chat_stream",
                api_visibility="undocumented",
                save_history=True,  # conversations kept in the browser, listed at the left
                fill_height=False,
            )
            # Gradio has no Chinese for this one button (its other labels follow the browser).
            chat.new_chat_button.value = "新建对话"
            # Names staff give conversations, kept in the browser beside the conversations.
            names = gr.BrowserState({}, storage_key="policyqa_conversation_names")
            with gr.Row(equal_height=True):
                new_name = gr.Textbox(label="给当前对话起名", scale=4, max_length=60,
                                      placeholder="例如：东营产业目标核对", elem_id="conversation-name")
                rename_btn = gr.Button("重命名", elem_id="rename-conversation", scale=1)

            def rename(messages, name, known):
                key, name = conversation_key(messages), scrub(name or "").strip()
                if not key:
                    return known, gr.skip()
                return {**(known or {}), key: name} if name else \
                    {k: v for k, v in (known or {}).items() if k != key}, ""

            rename_btn.click(rename, [chatbot, new_name, names], [names, new_name],
                             api_visibility="private")
            gr.on([demo.load, chat.saved_conversations.change, names.change],
                  lambda convs, known: gr.Dataset(samples=conversation_titles(convs, known)),
                  [chat.saved_conversations, names], chat.chat_history_dataset,
                  api_visibility="private", queue=False)
            with gr.Row(equal_height=True):
                comment = gr.Textbox(label="对回答的意见（可选）", scale=4, elem_id="feedback-comment",
                                     placeholder="先写意见，再点回答下方的“赞”或“踩”，意见随评价一起保存",
                                     max_length=web.config.max_turn_chars)
                feedback_status = gr.Markdown(elem_id="feedback-status")
                export_btn = gr.Button("导出本对话（Markdown）", elem_id="export", scale=1)
            export_file = gr.File(label="导出的对话", elem_id="export-file", visible=False)

            def feedback(messages, note, chosen, data: gr.LikeData):
                message = web.record_feedback(messages, data.index, data.liked, note, chosen)
                return message, ("" if message not in (NO_ANSWER,) else gr.skip())

            # Gradio finds the event-data argument by its type; postponed annotations
            # (from __future__) are strings it does not resolve.
            feedback.__annotations__["data"] = gr.LikeData

            chatbot.like(feedback, [chatbot, comment, doc_filter], [feedback_status, comment],
                         api_visibility="private")
            gr.api(client_chat(web), api_name="chat")

            def export(messages):
                path = web.export_conversation(messages)
                return gr.update(value=path, visible=path is not None)

            export_btn.click(export, chatbot, export_file, api_visibility="private")
        with gr.Tab("责任单位", id="duties"):
            gr.Markdown("每项任务及其责任单位。输入任务、单位或文档中的字词筛选（简繁均可，单位可用简称，"
                        "如“审批局”“卫健委”）；选择或输入单位查看其全部任务。")
            duty_query = gr.Textbox(label="筛选", placeholder="例如：统计、纳统、卫健委",
                                    elem_id="duty-filter", max_length=100)
            duties = gr.Dataframe(pd.DataFrame(web.duty_rows(), columns=DUTY_HEADERS),
                                  max_height=480, wrap=True,
                                  column_widths=["14%", "20%", "36%", "22%", "8%"],
                                  interactive=False, label="任务与责任单位", elem_id="duties")

            def duty_table(query: str):
                return pd.DataFrame(web.duty_rows(query=query or ""), columns=DUTY_HEADERS)

            duty_query.change(duty_table, duty_query, duties, api_name="filter_duties",
                              show_progress="hidden")
            unit = gr.Dropdown(choices=web.units(), value=None, label="责任单位",
                               allow_custom_value=True,
                               filterable=True, interactive=True)
            unit_tasks = gr.Dataframe(pd.DataFrame(columns=DUTY_HEADERS), max_height=360,
                                      wrap=True, interactive=False, label="该单位负责的任务")
            def unit_rows(unit_name: str):
                return pd.DataFrame(web.tasks_for_unit(unit_name), columns=DUTY_HEADERS)

            unit.change(unit_rows, unit, unit_tasks, api_name="tasks_for_unit")
        with gr.Tab("文档", id="docs"):
            docs = gr.Dataframe(pd.DataFrame(web.doc_rows(), columns=DOC_HEADERS),
                                max_height=300, wrap=True, interactive=False, label="已收录文档")
            with gr.Row():
                with gr.Column(scale=1):
                    doc_ids = [c for c in web.doc_choices() if c[1] != ALL_DOCS]
                    outline_doc = gr.Dropdown(choices=doc_ids, label="查看提纲",
                                              value=doc_ids[0][1] if doc_ids else None)
                    files = gr.File(file_count="multiple", file_types=list(UPLOAD_TYPES), elem_id="upload",
                                    label=f"上传文档（txt/md/docx/pdf/html，单个不超过 "
                                          f"{web.config.max_upload_mb:g} MB）")
                    upload_btn = gr.Button("添加到知识库", variant="primary")
                    upload_status = gr.Markdown(label="上传结果")
                with gr.Column(scale=2):
                    outline = gr.Markdown(web.outline(doc_ids[0][1] if doc_ids else None),
                                          max_height=520, label="提纲")
            outline_doc.change(web.outline, outline_doc, outline, api_name="outline")

            def upload(paths, progress=gr.Progress()):
                # Only files this app's upload route staged: never a path a request names.
                staged = [staged_file(p, web.upload_folder, demo.upload_file_set)
                          for p in (paths or [])]
                if any(p is None for p in staged):
                    discard_staged([p for p in staged if p is not None], web.upload_folder)
                    return (NOT_UPLOADED, None, *[gr.skip()] * 8)
                try:
                    message, changed = web.add_files([str(p) for p in staged], progress)
                finally:
                    discard_staged(staged, web.upload_folder)
                if not changed:
                    return (message, None, *[gr.skip()] * 8)
                return (message, None, *update_all())

            gr.Markdown("### 管理文档\n内置文档不能修改。替换后只有新版本参与问答，早期版本可以恢复；"
                        "上传与已有用户文档标题、发文单位和文号都相同的文件，会自动作为它的新版本。")
            coll = gr.Dataframe(pd.DataFrame(coll_ui.collection_rows(web), columns=coll_ui.HEADERS),
                                max_height=300, wrap=True, interactive=False,
                                label="文档集合（状态与版本）", elem_id="collection")
            with gr.Row():
                target = gr.Dropdown(choices=coll_ui.user_choices(web), value=None,
                                     label="要修改的用户文档", elem_id="manage-doc", scale=3)
                confirm = gr.Checkbox(label="确认删除", value=False, elem_id="confirm-delete")
                delete_btn = gr.Button("删除文档", variant="stop", elem_id="delete-doc")
            with gr.Row():
                new_file = gr.File(file_types=list(UPLOAD_TYPES), label="新版本文件",
                                   elem_id="replace-file", scale=3)
                replace_btn = gr.Button("替换为新版本", elem_id="replace-doc")
            with gr.Row():
                version = gr.Dropdown(choices=[], label="早期版本", elem_id="restore-version", scale=3)
                restore_btn = gr.Button("恢复此版本", elem_id="restore-doc")
            manage_status = gr.Markdown(label="管理结果", elem_id="manage-status")
            refreshed = [doc_filter, duties, unit, docs, outline_doc, coll, target, version]
            upload_btn.click(upload, files, [upload_status, files, *refreshed], api_name="upload")
            target.change(lambda d: gr.update(choices=coll_ui.version_choices(web, d), value=None),
                          target, version, api_visibility="private")

            def after(result):
                message, changed = result
                return (escape_md(message), False, None, *(update_all() if changed else [gr.skip()] * 8))

            def delete(doc_id, sure):
                return after(coll_ui.remove(web, doc_id, bool(sure)))

            def replace(doc_id, path):
                staged = staged_file(path, web.upload_folder, demo.upload_file_set) if path else None
                if path and staged is None:
                    return (NOT_UPLOADED, False, None, *[gr.skip()] * 8)
                try:
                    return after(coll_ui.replace(web, doc_id, staged))
                finally:
                    if staged is not None:
                        discard_staged([staged], web.upload_folder)

            def restore(doc_id, chosen):
                return after(coll_ui.restore(web, doc_id, chosen))

            outputs = [manage_status, confirm, new_file, *refreshed]
            delete_btn.click(delete, [target, confirm], outputs, api_name="delete_document")
            replace_btn.click(replace, [target, new_file], outputs, api_name="replace_document")
            restore_btn.click(restore, [target, version], outputs, api_name="restore_version")
        with gr.Tab("评测", id="eval"):
            gr.Markdown("在内置问答集上评测当前文档集合。题数为 0 表示全部；评测中可随时取消。"
                        "真实文档问答集需要它自己的文档集合，请在命令行运行 "
                        "`python -m eval --qa eval/qa_realdocs.jsonl`。")
            with gr.Row():
                qa_set = gr.Dropdown(choices=list(eval_tab.QA_SETS), value=next(iter(eval_tab.QA_SETS)),
                                     label="问答集", scale=3)
                sample = gr.Number(value=20, precision=0, minimum=0, label="题数")
                eval_btn = gr.Button("开始评测", variant="primary")
                cancel_btn = gr.Button("取消评测", variant="stop", elem_id="cancel-eval")
            eval_status = gr.Markdown(label="评测状态", elem_id="eval-status")
            # The 取消 click answers in its own line: its reply may arrive after the run's.
            cancel_status = gr.Markdown(label="取消", elem_id="cancel-status")
            metrics = gr.Dataframe(pd.DataFrame(columns=["指标", "数值"]), label="指标",
                                   interactive=False)
            # Vega-Lite reads ASCII field names; the axis titles are Chinese. Created empty
            # (None): a plot created from an empty table draws no bars when data arrives.
            chart = gr.BarPlot(None, x="shape", y="accuracy",
                               x_title="题型", y_title="准确率", y_lim=[0, 1], label="各题型准确率",
                               elem_id="eval-chart")
            with gr.Row():
                by_type = gr.Dataframe(pd.DataFrame(columns=GROUP_HEADERS["题型"]),
                                       label="各题型", interactive=False, max_height=360)
                by_doc = gr.Dataframe(pd.DataFrame(columns=GROUP_HEADERS["文档"]),
                                      label="各文档", interactive=False, max_height=360)
            failures = gr.Dataframe(pd.DataFrame(columns=FAIL_HEADERS), label="未通过的题目",
                                    wrap=True, interactive=False, max_height=400)
            with gr.Row():
                result_file = gr.File(label="下载结果 JSON")
                csv_file = gr.File(label="下载结果 CSV")

            def evaluate(question_set: str, sample: float | None, progress=gr.Progress()):  # noqa: B008
                qa_file = eval_tab.QA_SETS.get(question_set, "eval/qa.jsonl")
                try:
                    result = run_eval(web, sample, progress, qa_file)
                except eval_tab.Cancelled as exc:
                    return (str(exc), *[gr.skip()] * 7)
                except Exception as exc:  # the runner is optional; say what went wrong
                    return (f"评测无法运行：{escape_md(str(exc) or type(exc).__name__)}",
                            *[gr.skip()] * 7)
                tables = eval_tab.eval_tables(result)
                json_path, csv_path = eval_tab.write_downloads(result, web.upload_folder)
                return (
                    f"完成：{result['n']} 题，{len(tables['failures'])} 题未通过。",
                    pd.DataFrame(tables["metrics"], columns=["指标", "数值"]),
                    pd.DataFrame([[r[0], r[2]] for r in tables["by_type"]], columns=["shape", "accuracy"]),
                    pd.DataFrame(tables["by_type"], columns=GROUP_HEADERS["题型"]),
                    pd.DataFrame(tables["by_doc"], columns=GROUP_HEADERS["文档"]),
                    pd.DataFrame(tables["failures"], columns=FAIL_HEADERS),
                    str(json_path), str(csv_path),
                )

            eval_btn.click(evaluate, [qa_set, sample],
                           [eval_status, metrics, chart, by_type, by_doc, failures, result_file,
                            csv_file], api_name="evaluate")
            cancel_btn.click(web.evaluator.cancel, None, cancel_status, api_name="cancel_evaluation",
                             queue=False)
        demo.load(update_all, None, refreshed,
                  api_visibility="private")
    return demo


# --------------------------------------------------------------------------- API


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """Text a client sent, with lone surrogates (not encodable as UTF-8) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


class Turn(BaseModel):
    """One earlier chat turn sent to /api/ask."""

    model_config = ConfigDict(extra="ignore")
    role: Literal["user", "assistant"]
    content: str

    _scrub = field_validator("content")(lambda cls, v: scrub(v))


class AskRequest(BaseModel):
    """The body of POST /api/ask."""

    model_config = ConfigDict(extra="ignore")
    question: str
    history: list[Turn] | None = None
    doc_filter: str | None = None

    _scrub = field_validator("question", "doc_filter")(
        lambda cls, v: v if v is None else scrub(v))


def build_api(web: WebApp):
    """FastAPI app with /api/ask, /api/documents (list, add, get, replace, delete, restore),
    /api/health; errors are JSON in Chinese."""
    from fastapi import Depends, FastAPI
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from pydantic import ValidationError
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException as StarletteHTTPException

    class ApiError(Exception):
        def __init__(self, status: int, message: str) -> None:
            super().__init__(message)
            self.status, self.message = status, message

    @contextlib.asynccontextmanager
    async def lifespan(_: Any):  # noqa: ANN202
        # Listening first, warming up second: started at once, the warm-up's loads hold
        # the GIL while the server binds and delay /api/health by ~1 s on two cores.
        warm = threading.Thread(target=web.warm_up, name="warm-up", daemon=True)
        asyncio.get_running_loop().call_later(WARM_UP_DELAY_S, warm.start)
        yield

    api = FastAPI(title=TITLE, docs_url=None, redoc_url=None, openapi_url=None,
                  lifespan=lifespan)
    def logged_in(request: Request) -> bool:
        """A session or HTTP Basic the LoginGuard accepted, or (API alone, as in tests)
        HTTP Basic checked here with the same lockout."""
        if not web.access.enabled or getattr(request.state, "user", None):
            return True
        client = request.client.host if request.client else "unknown"
        if wait := web.access.locked_for(client):
            raise ApiError(429, LOCKED_OUT.format(wait=wait))
        return bool(web.access.basic_user(client, request.headers.get("authorization")))

    def check_auth(request: Request) -> None:
        if not logged_in(request):
            raise ApiError(401, LOGIN_REQUIRED)

    @api.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": 'Basic realm="policyqa", charset="UTF-8"'} \
            if exc.status == 401 else None
        # A message may echo client input (an unknown doc_filter): never as markup.
        return JSONResponse({"error": html.escape(exc.message, quote=False)},
                            status_code=exc.status, headers=headers)

    @api.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x != "body")
            kind = e.get("type", "")
            if not where or kind == "json_invalid":
                problems.append("请求体必须是 JSON 对象")
            elif kind == "missing":
                problems.append(f"缺少字段 {where}")
            elif kind.endswith("_type") or kind.endswith("_parsing"):
                problems.append(f"字段 {where} 类型不对")
            elif kind == "literal_error":
                problems.append(f"字段 {where} 只能是 user 或 assistant")
            else:
                problems.append(f"字段 {where} 不合法")
        return JSONResponse({"error": "请求格式不正确：" + "；".join(problems) + "。"},
                            status_code=422)

    @api.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        messages = {404: "没有这个接口。", 405: "不支持这个请求方法。"}
        return JSONResponse({"error": messages.get(exc.status_code, "请求出错。")},
                            status_code=exc.status_code)

    @api.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"error": "服务器内部错误，请稍后再试。"}, status_code=500)

    @api.post("/api/ask", dependencies=[Depends(check_auth)])
    async def ask(request: Request) -> JSONResponse:
        # Limits first (see assistant.limits): a body over max_request_kb is refused
        # unparsed (413), a history turn over max_turn_chars with 400; older turns past
        # max_history_turns / max_history_chars are dropped by the assistant.
        cfg = web.config
        limit = cfg.max_request_kb * 1024
        declared = request.headers.get("content-length", "")
        body = None if declared.isdigit() and int(declared) > limit else \
            await limits.read_body(request.stream(), limit)
        if body is None:
            raise ApiError(413, limits.BODY_TOO_LARGE.format(
                limit=cfg.max_request_kb, chars=cfg.max_question_chars))
        try:
            # Python's JSON reader keeps a lone surrogate escape ("\ud800"), which the
            # model then replaces (scrub); pydantic's own reader would refuse the request.
            req = AskRequest.model_validate(json.loads(body))
        except ValueError as exc:  # ValidationError is a ValueError; so is bad JSON
            errors = exc.errors() if isinstance(exc, ValidationError) else \
                [{"type": "json_invalid", "loc": ("body",)}]
            raise RequestValidationError(errors) from None
        question = req.question.strip()
        if not question:
            raise ApiError(400, "问题不能为空。")
        if len(question) > cfg.max_question_chars:
            raise ApiError(400, TOO_LONG.format(limit=cfg.max_question_chars))
        history = [t.model_dump() for t in req.history or []]
        problem = limits.long_turn(history, cfg)
        if problem:
            raise ApiError(400, problem)

        def answer() -> Any:
            web.bot.warm_up()  # loads once, before the clock: start-up is no question's cost
            return limits.within(cfg.request_timeout_s, web.ask, question, history,
                                 req.doc_filter)

        try:
            ans = await run_in_threadpool(answer)
        except limits.AnswerTimeout as exc:
            raise ApiError(503, str(exc)) from None
        except ValueError as exc:
            raise ApiError(400, str(exc)) from None
        except PolicyQAError as exc:
            raise ApiError(500, str(exc)) from None
        except Exception:
            raise ApiError(500, "服务器内部错误：回答问题时出错，请稍后再试。") from None
        data = ans.to_dict()
        # Fields a client shows as text are HTML-escaped so an echoed question is never markup.
        for key in ("question", "answer"):
            if isinstance(data.get(key), str) and re.search(r"[<>]", data[key]):
                data[key] = html.escape(data[key], quote=False)
        return JSONResponse(data)

    @api.get("/api/documents", dependencies=[Depends(check_auth)])
    def documents() -> JSONResponse:
        from index.collection import list_documents

        try:
            # status (seed/active/unindexed), version, added, counts, earlier versions
            out = [e.to_dict() for e in list_documents(web.config, web.bot.index)]
        except Exception:
            raise ApiError(500, "服务器内部错误：无法列出文档。") from None
        return JSONResponse({"count": len(out), "documents": out})

    from webapp.collection_api import register as register_collection

    # GET/DELETE/PUT /api/documents/{id}, POST /api/documents, .../versions/{n}/restore
    register_collection(api, web, check_auth, ApiError)
    register_feedback(api, web, check_auth, ApiError)  # POST /api/feedback
    register_docview(api, web, check_auth)  # GET /doc/{doc_id}: the document view

    @api.get("/api/health")
    def health(request: Request) -> JSONResponse:
        # Public for load balancers, but counts, versions and times only after login.
        if not logged_in(request):
            # whether it answers at full speed yet (a load balancer's readiness), no counts
            return JSONResponse({"status": "ok", "ready": web.ready})
        try:
            return JSONResponse(web.health())
        except Exception:
            raise ApiError(500, "服务器内部错误：索引不可用。") from None

    @api.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"],
                   include_in_schema=False)
    def unknown(rest: str) -> JSONResponse:
        return JSONResponse({"error": f"没有这个接口：/api/{rest}"}, status_code=404)

    return api


# --------------------------------------------------------------------------- entry points


def create_app(config: Config, bot: Any = None):
    """The FastAPI app serving the JSON API and, at ``/``, the Gradio UI.

    Args:
        config: settings (host, port, auth, upload limits, concurrency...).
        bot: an existing ``Assistant`` to share (tests); by default one is created here,
            once per process.
    """
    loaded: dict[str, Any] = {}
    loader = None
    if bot is None:  # load the index while gradio imports: start-up is the longer of the two
        def load() -> None:
            try:
                from assistant.core import Assistant

                loaded["bot"] = Assistant(config)
            except BaseException as exc:  # re-raised below, in the caller's thread
                loaded["error"] = exc

        loader = threading.Thread(target=load, name="load-index", daemon=True)
        loader.start()
    import gradio as gr

    if loader is not None:
        loader.join()
        if "error" in loaded:
            raise loaded["error"]
        bot = loaded["bot"]
    web = WebApp(config, bot)
    folder = web.upload_folder  # set before the UI is built: components read it
    api = build_api(web)
    demo = build_ui(web)
    demo.queue(default_concurrency_limit=max(config.concurrency, 8))
    theme = gr.themes.Soft(font=["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei",
                                 "PingFang SC", "sans-serif"],
                           font_mono=["DejaVu Sans Mono", "monospace"])
    # Login is the LoginGuard's (one login for UI and API), not Gradio's own.
    app = gr.mount_gradio_app(api, demo, path="/", theme=theme, show_error=False,
                              max_file_size=int(config.max_upload_mb * 1024 * 1024),
                              allowed_paths=[], blocked_paths=blocked_paths(config, folder),
                              footer_links=[], head=SIZE_MESSAGE_JS,
                              app_kwargs={"openapi_url": None, "docs_url": None,
                                          "redoc_url": None})
    confine(demo)
    app.add_middleware(UploadLimits, config=config, folder=folder)
    app.add_middleware(LoginGuard, auth=web.access, title=TITLE)
    app.state.web = web
    return app


def exposure_problem(config: Config) -> str | None:
    """Why serving ``config.host`` would expose the documents to the network without login."""
    import ipaddress

    host = config.host.strip("[]")
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if loopback or config.auth or config.allow_remote_without_login:
        return None
    return (f"拒绝启动：监听 {config.host} 会让网络上的任何人无需登录就能查看全部文档、提问和上传文件。"
            "请在 config.yaml 中设置 auth: 用户名:密码（或环境变量 POLICYQA_AUTH）；"
            "如确需无登录对外开放，设置 allow_remote_without_login: true。")


def serve(config: Config) -> None:
    """Start the web app on ``config.host:config.port`` (blocks)."""
    import uvicorn

    problem = exposure_problem(config)
    if problem:
        raise PolicyQAError(problem)
    app = create_app(config)
    print(f"政策文件问答已启动：http://{config.host}:{config.port}/  （Ctrl+C 退出）", flush=True)
    uvicorn.run(app, host=config.host, port=config.port, log_level="warning")


if __name__ == "__main__":
    serve(Config.load())
