"""Question words fitted to the scoped documents (``assistant.scoped``): a word another
document taught the lexicon does not make a scoped question miss its own document."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.scoped import fit_terms


def _state(texts: dict[str, str]) -> SimpleNamespace:
    docs = {k: SimpleNamespace(clean=v) for k, v in texts.items()}
    return SimpleNamespace(document=docs.__getitem__)


STATE = _state({"a": "（四）營造一流營商環境。加快信用體系建設。", "b": "推进营商环境建设三年行动。"})


def test_a_word_the_scoped_document_does_not_use_is_cut_into_words_it_uses():
    assert fit_terms(STATE, ["营商环境建设", "单位"], ["a"]) == ["营商环境", "建设", "单位"]


def test_words_the_scope_uses_and_unscoped_questions_are_left_alone():
    assert fit_terms(STATE, ["营商环境建设"], ["b"]) == ["营商环境建设"]
    assert fit_terms(STATE, ["营商环境建设"], ["a", "b"]) == ["营商环境建设"]
    assert fit_terms(STATE, ["营商环境建设"], []) == ["营商环境建设"]


def test_a_word_that_cannot_be_cut_whole_stays():
    assert fit_terms(STATE, ["营商环境治理"], ["a"]) == ["营商环境治理"]  # 治理: not in a
    assert fit_terms(STATE, ["环境", "营商环境建设", "建设"], ["a"]) == ["环境", "营商环境", "建设"]
