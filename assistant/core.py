"""The assistant: analyse a question, find the clause and figure that answer it, compose a
short cited answer, check it is grounded, or say the documents don't hold it.

``Assistant`` is the front: it loads the index, keeps what is derived from it
(``assistant.state.State``) and hands each question to ``assistant.respond``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.answer import Answer
from assistant.chat import flatten_history
from assistant.limits import TOO_LONG, recent_history
from assistant.respond import answer_question
from assistant.state import State
from corpus.sources import Source
from index.clean import normalize
from index.config import Config
from index.records import Responsibility


class Assistant:
    """Answers questions about the indexed documents.

    Loads the index once (building it when missing or stale); ``ask`` is thread-safe.
    What takes long to load and is not needed before the first question (word lists, the
    POS tagger, the encoder model) loads on first use, or in ``warm_up``.
    """

    def __init__(self, config: Config | None = None, *, progress: bool = False) -> None:
        from index.backend import open_backend

        self.config = config or Config.load()
        self._lock = threading.RLock()
        # The backend Config.backend names (local files or Milvus), behind one seam.
        self._set_index(open_backend(self.config, progress=progress))

    @property
    def index(self):  # noqa: ANN201 - SearchIndex, imported lazily
        return self._state.index

    def warm_up(self) -> None:
        """Load now what the first question would otherwise wait for: the question word
        segmenter, term weights and heading words, the POS tagger, the script converters
        and the encoder model.

        The web app calls it in a background thread once it is listening, and again before
        it starts a question's time budget (the second call waits for the first, then
        returns at once). ``ask`` meanwhile waits only for the parts it needs, and nothing
        is loaded twice.
        """
        self._state.warm_up()

    # -- loading -------------------------------------------------------------------------
    def _set_index(self, idx, added: Sequence[str] | None = None) -> None:  # noqa: ANN001 - an IndexBackend
        """Answer from ``idx`` from now on.

        Args:
            idx: the index.
            added: doc_ids of documents ``idx`` holds after exactly those of the current
                index (the same documents, in the same order): only these are worked
                through, the rest is reused. None to derive everything from ``idx``.
        """
        with self._lock:
            # one assignment: a question in progress keeps the state it started with
            self._state = State(idx) if added is None else State(idx, self._state, added)

    # -- public API ----------------------------------------------------------------------
    def documents(self) -> list[Source]:
        return list(self._state.sources)

    def responsibilities(self) -> list[Responsibility]:
        """Every responsibility record, in index order."""
        idx = self._state.index
        return [d for doc_id in idx.doc_ids() for d in idx.document(doc_id).duties]

    def tasks_for_unit(self, unit: str) -> list[Responsibility]:
        """Every responsibility record naming ``unit`` (either script, partial names allowed)."""
        u = normalize(unit).strip()
        if not u:
            return []
        return [d.duty for v in self._state.in_scope(()) for d in v.duties
                if any(u == x or (len(u) >= 2 and u in x) for x in d.units)]

    def add_documents(self, paths: list[str | Path], progress_callback=None) -> list[Source]:  # noqa: ANN001
        """Add user documents to the corpus and the index, and answer from them at once.

        The index is extended (only the new documents are parsed and embedded) and so is
        what the assistant derives from it, when the saved index is the one in memory;
        otherwise both are built again.

        Args:
            paths: the files (.txt .md .docx .pdf .html).
            progress_callback: called as ``(fraction, message)`` at each stage.

        Returns:
            The added documents' metadata. Raises DocumentError (nothing changed) when a
            file is empty, corrupt, unsupported, too large or already in the corpus.
        """
        from index.build import extend_index

        def step(fraction: float, message: str) -> None:
            if progress_callback is not None:
                progress_callback(fraction, message)

        with self._lock:
            step(0.1, "解析并校验文件")
            addition = extend_index(self.config, [str(p) for p in paths], base=self.index)
            step(0.8, "载入新索引")
            if addition.extended is self.index:
                self._set_index(addition.index, added=[s.doc_id for s in addition.sources])
            else:
                self._set_index(addition.index)
            step(1.0, "完成")
        return addition.sources

    def remove_document(self, doc_id: str) -> Source:
        """Remove a user document (``index.collection.remove_document``) and answer without
        it at once. Returns its record; DocumentError (nothing changed) when it cannot go."""
        from index.collection import remove_document

        return self._change(remove_document, doc_id)

    def replace_document(self, doc_id: str, path: str | Path) -> Source:
        """Make the file at ``path`` the new version of ``doc_id`` and answer from it at
        once. Returns the new version's record."""
        from index.collection import replace_document

        return self._change(replace_document, doc_id, path)

    def restore_version(self, doc_id: str, version: int) -> Source:
        """Make an earlier version of ``doc_id`` current again. Returns its record."""
        from index.collection import restore_version

        return self._change(restore_version, doc_id, version)

    def _change(self, operation: Callable[..., Any], *args: Any) -> Source:
        with self._lock:
            change = operation(self.config, *args, base=self.index)
            self._set_index(change.index)
        return change.source

    def reload(self) -> None:
        from index.backend import open_backend

        with self._lock:
            self._set_index(open_backend(self.config))

    def ask(self, question: str, history: list | None = None, doc_filter: str | None = None) -> Answer:
        """Answer one question.

        Args:
            question: the question, Simplified or Traditional Chinese.
            history: earlier turns, oldest first (``{"role", "content"}`` dicts or Gradio
                messages), used to resolve follow-ups that leave out their subject; only
                the newest few are read (see ``assistant.limits.recent_history``).
            doc_filter: a doc_id to search only that document.
        """
        t0 = time.perf_counter()
        text = (question or "").strip()
        if not text:
            ans = Answer(question=question or "", answer="请输入问题。", found=False, type="empty")
        elif len(text) > self.config.max_question_chars:
            ans = Answer(question=text[:100], answer=TOO_LONG.format(limit=self.config.max_question_chars),
                         found=False, type="invalid")
        else:
            state = self._state  # one snapshot: a document added meanwhile is for the next question
            turns = flatten_history(recent_history(history, self.config))
            ans = answer_question(state, text, turns, doc_filter, self.config)
        return replace(ans, latency_ms=(time.perf_counter() - t0) * 1000)
