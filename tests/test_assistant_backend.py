"""The assistant answers from any ``IndexBackend``: on a backend that offers nothing but
the seam's methods (no ``documents``, ``clause_by_id``, ``figures``, ``duties`` or
``encoder``) every answer is the one the in-memory index gives."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from answerer_corpus import YUNXI

from assistant.respond import answer_question
from assistant.state import State
from index.backend import IndexBackend

QUESTIONS = [
    "云溪县2026年茶叶产业产值目标是多少？",
    "云溪和松岭的茶叶产业产值目标各是多少？",
    "根据目标推算，云溪县茶叶产业2025年产值是多少？",
    "云溪县茶叶产业产值比竹木产业产值高出多少？",
    "云溪县茶叶产业计划总投资中年度计划投资以外还剩多少？",
    "云溪县哪个重点产业2026年产值目标最高？",
    "云溪县各重点产业的计划总投资合计是多少？",
    "云溪县保障产业用地由谁牵头？",
    "县农业农村局负责哪些任务？",
    "云溪县这份文件的发文字号是什么？",
    "云溪县保障措施有哪些？",
    "云溪县有哪些特色种植模式？",
    "云溪县茶叶出口额是多少？",
    "西安市茶叶产业产值目标是多少？",
]


class SeamOnly:
    """A backend that serves documents by id, as a remote one would; it counts look-ups."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.config = inner.config
        self.lexicon = inner.lexicon
        self.looked_up: list[str] = []

    @property
    def sources(self) -> Sequence[Any]:
        return self._inner.sources

    def doc_ids(self) -> list[str]:
        return self._inner.doc_ids()

    def document(self, doc_id: str) -> Any:
        self.looked_up.append(doc_id)
        return self._inner.document(doc_id)

    def clause(self, clause_id: str) -> Any:
        return self._inner.clause(clause_id)

    def search(self, query: str, k: int = 5, doc_ids: Sequence[str] | None = None) -> list[Any]:
        return self._inner.search(query, k=k, doc_ids=doc_ids)

    def search_facts(self, query: str, k: int = 10, doc_ids: Sequence[str] | None = None) -> list[Any]:
        return self._inner.search_facts(query, k=k, doc_ids=doc_ids)

    def encode_query(self, text: str) -> Any:
        return self._inner.encode_query(text)


def test_answers_through_the_seam_alone_are_the_same(answering):
    backend = SeamOnly(answering.index)
    assert isinstance(backend, IndexBackend)
    state = State(backend)
    for q in QUESTIONS:
        got = answer_question(state, q, [], None, answering.config)
        want = answering.ask(q)
        assert got.to_dict() | {"latency_ms": 0} == want.to_dict() | {"latency_ms": 0}, q
    assert set(backend.looked_up) <= set(backend.doc_ids())


def test_a_question_on_one_document_looks_up_only_that_one(answering):
    backend = SeamOnly(answering.index)
    state = State(backend)
    state.warm_up()  # term weights and heading words read every document once
    backend.looked_up.clear()
    ans = answer_question(state, "云溪县2026年茶叶产业产值目标是多少？", [], None, answering.config)
    assert ans.found
    assert set(backend.looked_up) == {YUNXI}
