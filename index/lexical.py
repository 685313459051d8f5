"""BM25 over jieba tokens of the normalised text, with a dictionary learnt from the corpus.

A private ``jieba.Tokenizer`` (never the global one) segments text. At build time it starts
from jieba's full dictionary plus the corpus' own terms (heading phrases, 责任单位 names,
figure measures, quoted terms), so ``高端装备``, ``市行政审批局``, ``专精特新`` stay whole. The
saved lexicon keeps only the dictionary entries the corpus uses (plus every character it
holds): segmenting with it gives the corpus text the same tokens, loads in milliseconds
instead of jieba's ~1 s, and cuts a question only into pieces the index can match. It also
keeps every term learnt from the corpus, so a document added later (``extended``) is
segmented exactly as a full build would segment it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

LEXICON_VERSION = 1
# Function words that carry no topic; idf would shrink them anyway, this keeps queries short.
STOPWORDS = frozenset(
    "的 了 和 与 及 或 是 在 等 为 对 将 把 由 以 其 之 于 并 而 且 个 各 有 要 我 本 该 这 那 着 也 "
    "都 就 从 向 按 哪些 什么 多少 怎么 如何 是否 吗 呢 啊 请问 关于".split()
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
_TERM_SPLIT = re.compile(r"[、，,；;：:（）()《》“”\"'‘’\s/和及与]+")
_QUOTED = re.compile(r"[“\"《]([^”\"》]{2,12})[”\"》]")
_MARKER = re.compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[.．、]|[①-⑳]|[一二三四五六七八九十]是)\s*"
)
_LIST_ITEM = re.compile(r"(?<=、)([\u3400-\u9fff]{2,6})(?=、)")
MIN_TERM, MAX_TERM = 2, 10
# A heading names its subject after a general verb and before a general suffix:
# 巩固升级|高端装备|产业, 修复壮大|现代金融|服务业. Both lists are ordinary policy Chinese.
_HEAD_VERB = re.compile(r"^.*(?:发展|培育|壮大|升级|提升|构建|推进|实施|建设|加快|加强|优化|巩固|修复|突破|提速|提质|做强|做大)")
_HEAD_SUFFIX = re.compile(r"(?:产业链|产业|服务业|行业|经济|集群)$")
# General policy vocabulary jieba's dictionary cuts apart; always kept whole. Names of
# particular documents' industries or units do not belong here: they come from the corpus
# (headings, 责任单位, measures) when the index is built.
DOMAIN_TERMS = (
    "专精特新", "小巨人", "单项冠军", "瞪羚企业", "独角兽", "高新技术企业", "规上工业", "规模以上",
    "新旧动能转换", "营商环境", "县域经济", "责任单位", "牵头单位", "增加值", "研发经费",
    "技术改造", "招商引资",
)

_cache_lock = threading.Lock()
_cache_dir: Path | None = None


def _owned_private(folder: Path) -> bool:
    """The folder is this user's and nobody else can write into it."""
    if not hasattr(os, "getuid"):  # Windows: per-user profile folders
        return True
    st = folder.stat()
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def private_folder(folder: str | Path | None = None) -> Path:
    """The project's cache folder, made private: ``folder``, else ``Config.cache_dir``
    (default ``var/cache``), created with mode 0o700; when it belongs to someone else or
    others can write into it, a fresh private temp folder instead (nothing trusted)."""
    if folder is None:
        from index.config import Config

        try:
            folder = Config.load().path("cache_dir")
        except ValueError:  # a bad setting is reported by the entry point; cache anyway
            folder = Config().path("cache_dir")
    path = Path(folder)
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        private = _owned_private(path)
    except OSError:
        private = False
    return path if private else Path(tempfile.mkdtemp(prefix="policyqa-cache-"))


def use_cache_dir(folder: str | Path | None = None) -> Path:
    """Point jieba's dictionary cache at a folder this project owns, and return it.

    jieba would keep it in the shared temp folder (``/tmp/jieba.cache``) and load it with
    ``marshal``: another local user could plant one there. The folder is ``folder``, else
    ``Config.cache_dir`` (default ``var/cache``), created with mode 0o700; when it belongs
    to someone else or others can write into it, a fresh private temp folder is used
    instead (no cache kept between runs, nothing trusted). Applies to jieba's shared
    tokenizer (the one ``jieba.posseg`` uses) and to every ``Lexicon`` made afterwards.
    """
    global _cache_dir
    jieba = _import_jieba()
    path = private_folder(folder)
    with _cache_lock:
        _cache_dir = path
        jieba.dt.tmp_dir = str(path)
    return path


def _import_jieba() -> Any:
    """``import jieba`` without the warning its ``import pkg_resources`` prints on stderr
    (setuptools < 81 is pinned for milvus-lite; jieba reads the same dictionary either way)."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated",
                                category=UserWarning)
        import jieba
    return jieba


def _jieba() -> Any:
    """The jieba module, quiet and with its cache in the project's folder."""
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)  # its own logger prints "Building prefix dict..."
    if _cache_dir is None:
        use_cache_dir()
    return jieba


def _is_token(tok: str) -> bool:
    """A token carries meaning: not whitespace, punctuation or symbols only."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in tok)


def corpus_terms(texts: Iterable[str]) -> list[str]:
    """Terms to keep whole: policy vocabulary, phrases of headings, unit names, measures,
    quoted terms and the middle items of 、-separated lists.

    Args:
        texts: normalised headings, unit names, measures and text to look for quotes in.

    Returns:
        Distinct CJK terms of 2 to 10 characters, in first-seen order.
    """
    seen: dict[str, None] = dict.fromkeys(DOMAIN_TERMS)
    for text in texts:
        text = _MARKER.sub("", text or "").rstrip("。.")
        # Quoted terms, middle items of 、-lists (专精特新、瞪羚、…), heading phrases.
        pieces = [m.group(1) for m in _QUOTED.finditer(text)]
        pieces += _LIST_ITEM.findall(text) + _TERM_SPLIT.split(text)
        cores = []
        for piece in pieces:
            core = _HEAD_SUFFIX.sub("", _HEAD_VERB.sub("", piece.strip(" 。.")))
            if core != piece:
                cores.append(core)
        for piece in pieces + cores:
            piece = piece.strip(" 。.")
            if MIN_TERM <= len(piece) <= MAX_TERM and all(_CJK.match(ch) for ch in piece):
                seen.setdefault(piece, None)
    return list(seen)


class Lexicon:
    """Tokenizer for index and questions: a private jieba with the corpus' terms.

    Args:
        freq: word -> frequency (a compact dictionary from ``to_dict``); None for jieba's
            full default dictionary.
        total: the dictionary's total frequency (keeps word probabilities as in the full one).
        bigrams: also emit the character bigrams of CJK runs (robust to segmentation
            differences between a question and the text).
    """

    def __init__(self, freq: dict[str, int] | None = None, total: int | None = None, *,
                 bigrams: bool = False) -> None:
        jieba = _jieba()
        self.bigrams = bigrams
        self._jieba = jieba.Tokenizer()
        self._jieba.tmp_dir = str(_cache_dir)
        self._seen: set[str] | None = None
        if freq is not None:
            pf: dict[str, int] = {}
            for word, f in freq.items():
                pf[word] = int(f)
                for i in range(1, len(word)):
                    pf.setdefault(word[:i], 0)
            self._jieba.FREQ = pf
            self._jieba.total = int(total or sum(freq.values()) or 1)
            self._jieba.initialized = True

    @classmethod
    def full(cls, *, bigrams: bool = False) -> Lexicon:
        """jieba's whole default dictionary, copied from jieba's shared tokenizer, so it is
        read from disk once per process however many full lexicons are made."""
        jieba = _jieba()
        jieba.dt.check_initialized()
        lex = cls(bigrams=bigrams)
        lex._jieba.FREQ = dict(jieba.dt.FREQ)
        lex._jieba.total = jieba.dt.total
        lex._jieba.initialized = True
        return lex

    @classmethod
    def from_corpus(cls, terms: Iterable[str], *, bigrams: bool = False) -> Lexicon:
        """jieba's full dictionary plus ``terms``; records what it uses for ``to_dict``."""
        lex = cls(bigrams=bigrams)
        lex._jieba.initialize()
        lex._seen = set()
        for term in terms:
            if lex._jieba.FREQ.get(term, 0) <= 0:
                lex._jieba.add_word(term)
                lex._seen.add(term)  # kept even if unused: an added document segments alike
        return lex

    def extended(self, terms: Iterable[str]) -> tuple[Lexicon, list[str]]:
        """This lexicon (a saved, compact one) grown by the terms of added documents.

        It segments as the lexicon of a full build would: jieba's full dictionary, this
        one's entries with their frequencies, then the ``terms`` it does not know yet. What
        it records for ``to_dict`` starts from everything this one holds.

        Returns:
            (the new lexicon, the terms that were new to it).
        """
        lex = Lexicon.full(bigrams=self.bigrams)
        freq = lex._jieba.FREQ
        mine = {w: f for w, f in self._jieba.FREQ.items() if f > 0}
        for word, f in mine.items():
            if freq.get(word) != f:
                freq[word] = f
                for i in range(1, len(word)):
                    freq.setdefault(word[:i], 0)
        lex._jieba.total = self._jieba.total
        new = [t for t in dict.fromkeys(terms) if freq.get(t, 0) <= 0]
        for term in new:
            lex._jieba.add_word(term)
        lex._seen = set(mine) | set(new)
        return lex, new

    def copy(self) -> Lexicon:
        """A segmenter with its own copy of this one's dictionary: teaching it words
        (``add_word``) leaves this one as it is."""
        self._jieba.check_initialized()
        lex = Lexicon(bigrams=self.bigrams)
        lex._jieba.FREQ = dict(self._jieba.FREQ)
        lex._jieba.total = self._jieba.total
        lex._jieba.initialized = True
        return lex

    def vocabulary(self) -> list[str]:
        """The words this segmenter knows (with a positive frequency)."""
        return [w for w, f in self._jieba.FREQ.items() if f > 0 and len(w) >= 2]

    def learnt(self, word: str) -> bool:
        """Whether ``word`` is one of this lexicon's own words (the corpus taught it), not
        one of jieba's everyday dictionary."""
        self._jieba.check_initialized()
        if self._jieba.FREQ.get(word, 0) <= 0:
            return False
        everyday = _jieba().dt
        everyday.check_initialized()
        return everyday.FREQ.get(word, 0) <= 0

    def add_word(self, word: str) -> None:
        """Teach the segmenter one more word (kept whole from now on)."""
        self._jieba.check_initialized()
        if self._jieba.FREQ.get(word, 0) <= 0:
            self._jieba.add_word(word)

    def _words(self, text: str) -> list[str]:
        out: list[str] = []
        pos = 0
        # Numbers whole (jieba without HMM would cut 21.31 into 21 . 31).
        for m in _NUMBER.finditer(text):
            if m.start() > pos:
                out.extend(self._jieba.lcut(text[pos:m.start()], HMM=False))
            out.append(m.group())
            pos = m.end()
        if pos < len(text):
            out.extend(self._jieba.lcut(text[pos:], HMM=False))
        return [w for w in (w.strip() for w in out) if w and _is_token(w)]

    def words(self, text: str) -> list[str]:
        """Precise segmentation of normalised ``text`` (whole words, no sub-words)."""
        return self._words(text.lower())

    def tokenize(self, text: str) -> list[str]:
        """BM25 terms of normalised ``text``: words, their dictionary sub-words, bigrams."""
        freq = self._jieba.FREQ
        out: list[str] = []
        for w in self._words(text.lower()):
            if w not in STOPWORDS:
                out.append(w)
            # A long dictionary word also yields the dictionary words inside it, so
            # 巩固升级高端装备产业 still matches a question about 高端装备.
            n = len(w)
            if n > 2 and _CJK.match(w[0]):
                for size in range(n - 1, 1, -1):
                    for i in range(0, n - size + 1):
                        sub = w[i:i + size]
                        if freq.get(sub, 0) > 0 and sub not in STOPWORDS:
                            out.append(sub)
        if self.bigrams:
            for run in _CJK_RUN.findall(text):
                out.extend("#" + run[i:i + 2] for i in range(len(run) - 1))
        if self._seen is not None:
            self._seen.update(out)
            self._seen.update(_CJK.findall(text))  # its characters (one findall, not a match each)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The compact dictionary: only entries the corpus used, plus its characters."""
        freq = self._jieba.FREQ
        used = self._seen if self._seen is not None else {w for w, f in freq.items() if f > 0}
        words = {w: int(freq[w]) for w in sorted(used) if freq.get(w, 0) > 0}
        return {"version": LEXICON_VERSION, "bigrams": self.bigrams,
                "total": int(self._jieba.total), "freq": words}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Lexicon:
        if d.get("version") != LEXICON_VERSION:
            raise ValueError(f"lexicon version {d.get('version')!r} != {LEXICON_VERSION}")
        return cls(d["freq"], d["total"], bigrams=bool(d["bigrams"]))


_DEFAULT: Lexicon | None = None


def tokenize(text: str, lexicon: Lexicon | None = None) -> list[str]:
    """BM25 terms of ``text`` (normalised first: NFKC, Traditional → Simplified).

    Args:
        text: any text, e.g. a question.
        lexicon: the index's lexicon (``SearchIndex.lexicon``); default jieba's dictionary.
    """
    from index.clean import normalize

    global _DEFAULT
    if lexicon is None:
        if _DEFAULT is None:
            _DEFAULT = Lexicon()
        lexicon = _DEFAULT
    return lexicon.tokenize(normalize(text))


# how many scopes' own BM25 indexes one index keeps (BM25Index.scores_within)
SUBSETS_KEPT = 32


class BM25Index:
    """Okapi BM25 over pre-tokenised documents, with Lucene's idf and length normalisation.

    score(d, q) = Σ over the query's tokens t (repeats count again) of
    idf(t) · tf / (tf + k1 · (1 − b + b · |d| / avgdl)), idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)).
    The same scores as ``bm25s.BM25(method="lucene")`` (tests/test_bm25.py checks it).

    Two views of the same tokens are kept: the documents' token ids in order (``tokens``
    cut by ``offsets``), from which ``extended`` rebuilds the index after documents are
    added or re-tokenised without running the tokenizer again, and the postings (token →
    documents, with each pair's precomputed score), which answer a query.

    Args:
        vocab: token strings; a token's id is its position.
        tokens: int32 token ids of every document, one after another.
        offsets: int64, ``len(documents) + 1`` positions into ``tokens``.
        ids: ``vocab``'s token → id map when the caller has it already (shared, not copied).
    """

    K1, B = 1.5, 0.75

    def __init__(self, vocab: list[str], tokens: np.ndarray, offsets: np.ndarray, *,
                 ids: dict[str, int] | None = None) -> None:
        self.vocab = vocab
        self.ids = {t: i for i, t in enumerate(vocab)} if ids is None else ids
        self.tokens = np.asarray(tokens, dtype=_id_dtype(len(vocab)))
        self.offsets = np.asarray(offsets, dtype=np.int64)
        self.n_docs = len(self.offsets) - 1
        self.indptr, self.docs, self.data = self._postings()
        self._subsets: dict[bytes, BM25Index] = {}  # scopes' own indexes (scores_within)
        self._subsets_lock = threading.Lock()

    def _postings(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        v = len(self.vocab)
        lengths = np.diff(self.offsets)
        # A stable sort by token keeps each token's documents in order (radix sort for
        # 16-bit ids): no (token, document) keys to sort, so computing the postings on
        # load is cheaper than reading them from disk.
        order = np.argsort(self.tokens, kind="stable")
        term = self.tokens[order].astype(np.int64)
        doc = np.repeat(np.arange(self.n_docs, dtype=np.int32), lengths)[order]
        new = np.ones(len(term), dtype=bool)
        if len(term):
            new[1:] = (term[1:] != term[:-1]) | (doc[1:] != doc[:-1])
        starts = np.flatnonzero(new)
        tf = np.diff(np.append(starts, len(term))).astype(np.float32)
        term, docs = term[starts], doc[starts]
        df = np.bincount(term, minlength=v)
        indptr = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        # A document without tokens counts as one (empty) token, as in bm25s.
        dl = np.maximum(lengths, 1).astype(np.float32)
        avgdl = float(dl.mean()) if self.n_docs else 1.0
        idf = np.log(1 + (self.n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        norm = self.K1 * ((1 - self.B) + self.B * dl[docs] / avgdl)
        data = (idf[term] * tf / (norm + tf)).astype(np.float32)
        return indptr, docs, data

    @classmethod
    def build(cls, docs_tokens: Iterable[list[str]]) -> BM25Index:
        return cls.from_rows(*cls.encode(docs_tokens))

    @staticmethod
    def encode(docs_tokens: Iterable[list[str]]) -> tuple[dict[str, int], list[np.ndarray]]:
        """A vocabulary and each document's token ids. ``docs_tokens`` may be a generator:
        each document's tokens become an array of ids as it arrives, so a build never
        holds every token string at once."""
        vocab: dict[str, int] = {}
        rows = [np.fromiter((vocab.setdefault(t, len(vocab)) for t in toks if t), dtype=np.int32)
                for toks in docs_tokens]
        return vocab, rows

    @classmethod
    def from_rows(cls, vocab: dict[str, int], rows: Sequence[Any]) -> BM25Index:
        """The index of documents given as token ids of ``vocab``."""
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        flat = (np.concatenate([np.asarray(r, dtype=np.int64) for r in rows])
                if rows and offsets[-1] else np.zeros(0, np.int64))
        return cls(list(vocab), flat, offsets)

    def row(self, i: int) -> list[str]:
        """The tokens of document ``i``."""
        return [self.vocab[t] for t in self.tokens[self.offsets[i]:self.offsets[i + 1]]]

    def extended(self, inserts: Sequence[tuple[int, list[list[str]]]],
                 replace: dict[int, list[str]] | None = None) -> BM25Index:
        """A new index over these documents with ``replace``'s rows tokenised anew and each
        ``(position, documents)`` of ``inserts`` put before row ``position`` (``n_docs``:
        at the end); statistics (idf, avgdl) are recomputed over everything.

        Positions and ``replace``'s keys are row numbers of this index.
        """
        vocab = dict(self.ids)

        def ids(toks: list[str]) -> list[int]:
            return [vocab.setdefault(t, len(vocab)) for t in toks if t]

        rows: list[Any] = np.split(self.tokens, self.offsets[1:-1]) if self.n_docs else []
        for i, toks in (replace or {}).items():
            rows[i] = ids(toks)
        for position, docs in sorted(inserts, key=lambda x: -x[0]):
            rows[position:position] = [ids(toks) for toks in docs]
        return self.from_rows(vocab, rows)

    def containing(self, token: str) -> np.ndarray:
        """The documents whose tokens include ``token``."""
        i = self.ids.get(token)
        if i is None:
            return np.zeros(0, np.int32)
        return self.docs[self.indptr[i]:self.indptr[i + 1]]

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every document (0 where no token matches)."""
        out = np.zeros(self.n_docs, dtype=np.float32)
        for t in tokens:
            i = self.ids.get(t)
            if i is not None:
                s, e = self.indptr[i], self.indptr[i + 1]
                out[self.docs[s:e]] += self.data[s:e]  # a token's documents are distinct
        return out

    def scores_within(self, tokens: list[str], rows: np.ndarray) -> np.ndarray:
        """BM25 score of every document as if ``rows`` (sorted row numbers) were the whole
        index: idf and the average length counted over them alone, so a search scoped to
        some documents scores alike whatever else the index holds; 0 outside ``rows``."""
        out = np.zeros(self.n_docs, dtype=np.float32)
        if len(rows):
            out[rows] = self._within(rows).scores(tokens)
        return out

    def _within(self, rows: np.ndarray) -> BM25Index:
        """The index of ``rows`` alone (same vocabulary), made once per set of rows."""
        key = rows.tobytes()
        sub = self._subsets.get(key)
        if sub is None:
            starts, ends = self.offsets[rows], self.offsets[rows + 1]
            sub = BM25Index(self.vocab, np.concatenate([self.tokens[s:e] for s, e in zip(starts, ends, strict=True)]),
                            np.concatenate([[0], np.cumsum(ends - starts)]), ids=self.ids)
            with self._subsets_lock:  # two threads may both make it: equal indexes
                while len(self._subsets) >= SUBSETS_KEPT:
                    self._subsets.pop(next(iter(self._subsets)))
                self._subsets[key] = sub
        return sub

    def save(self, directory: Path) -> None:
        """Vocabulary and token ids only: the postings are derived from them on load."""
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "vocab.json").write_text(json.dumps(self.vocab, ensure_ascii=False),
                                              encoding="utf-8")
        for name in ("tokens", "offsets"):
            np.save(directory / f"{name}.npy", getattr(self, name), allow_pickle=False)

    @classmethod
    def load(cls, directory: Path) -> BM25Index:
        vocab = json.loads((directory / "vocab.json").read_text(encoding="utf-8"))
        tokens = np.load(directory / "tokens.npy", allow_pickle=False)
        offsets = np.load(directory / "offsets.npy", allow_pickle=False)
        if (not isinstance(vocab, list) or offsets.ndim != 1 or len(offsets) == 0
                or offsets[0] != 0 or offsets[-1] != len(tokens)
                or bool(np.any(np.diff(offsets) < 0))
                or (len(tokens) and (int(tokens.max()) >= len(vocab) or int(tokens.min()) < 0))):
            raise ValueError(f"BM25 arrays disagree in {directory}")
        return cls(vocab, tokens, offsets)


def _id_dtype(vocab_size: int) -> type:
    """The smallest unsigned type that holds every token id (uint16 up to 65,536 tokens)."""
    return np.uint16 if vocab_size <= 1 << 16 else np.uint32
