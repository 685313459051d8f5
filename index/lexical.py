"""BM25 over jieba tokens of the normalised text, with a dictionary learnt from the corpus.

A private ``jieba.Tokenizer`` (never the global one) segments text. At build time it starts
from jieba's full dictionary plus the corpus' own terms (heading phrases, 责任单位 names,
figure measures, quoted terms), so ``高端装备``, ``市行政审批局``, ``专精特新`` stay whole. The
saved lexicon keeps only the dictionary entries the corpus uses (plus every character it
holds): segmenting with it gives the corpus text the same tokens, loads in milliseconds
instead of jieba's ~1 s, and cuts a question only into pieces the index can match.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import bm25s
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
        import jieba

        jieba.setLogLevel(logging.WARNING)  # its own logger prints "Building prefix dict..."
        self.bigrams = bigrams
        self._jieba = jieba.Tokenizer()
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
        import jieba

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
        for term in terms:
            if lex._jieba.FREQ.get(term, 0) <= 0:
                lex._jieba.add_word(term)
        lex._seen = set()
        return lex

    def vocabulary(self) -> list[str]:
        """The words this segmenter knows (with a positive frequency)."""
        return [w for w, f in self._jieba.FREQ.items() if f > 0 and len(w) >= 2]

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
            self._seen.update(ch for ch in text if _CJK.match(ch))
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


class BM25Index:
    """bm25s over pre-tokenised documents; scores every document for one query."""

    def __init__(self, model: bm25s.BM25, n_docs: int) -> None:
        self.model = model
        self.n_docs = n_docs

    @classmethod
    def build(cls, docs_tokens: list[list[str]]) -> BM25Index:
        model = bm25s.BM25(method="lucene")
        # An empty document still needs a token so bm25s keeps its row.
        model.index([toks or [""] for toks in docs_tokens], show_progress=False)
        return cls(model, len(docs_tokens))

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every document (0 where no token matches)."""
        ids = self.model.get_tokens_ids([t for t in tokens if t])
        if not ids or self.n_docs == 0:
            return np.zeros(self.n_docs, dtype=np.float32)
        return np.asarray(self.model.get_scores(ids), dtype=np.float32)

    def save(self, directory: Path) -> None:
        self.model.save(str(directory), allow_pickle=False, show_progress=False)
        (directory / "n_docs.json").write_text(json.dumps({"n_docs": self.n_docs}))

    @classmethod
    def load(cls, directory: Path) -> BM25Index:
        model = bm25s.BM25.load(str(directory), allow_pickle=False, show_progress=False)
        n = json.loads((directory / "n_docs.json").read_text())["n_docs"]
        return cls(model, int(n))

