"""Question words fitted to the scoped documents (``assistant.scoped``): a word another
document taught the lexicon does not make a scoped question miss its own document."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.scoped import fit_terms


def _state(texts: dict[str, str], learnt_elsewhere: tuple[str, ...] = ()) -> SimpleNamespace:
    """Documents by id; ``learnt_elsewhere``: words only documents outside any scope taught
    the lexicon (``State.learnt_elsewhere``)."""
    docs = {k: SimpleNamespace(clean=v) for k, v in texts.items()}
    return SimpleNamespace(document=docs.__getitem__,
                           learnt_elsewhere=lambda word, scope: word in learnt_elsewhere)


STATE = _state({"a": "（四）營造一流營商環境。加快信用體系建設。", "b": "推进营商环境建设三年行动。"})


def test_a_word_the_scoped_document_does_not_use_is_cut_into_words_it_uses():
    assert fit_terms(STATE, ["营商环境建设", "单位"], ["a"]) == ["营商环境", "建设", "单位"]


def test_words_the_scope_uses_and_unscoped_questions_are_left_alone():
    assert fit_terms(STATE, ["营商环境建设"], ["b"]) == ["营商环境建设"]
    assert fit_terms(STATE, ["营商环境建设"], ["a", "b"]) == ["营商环境建设"]
    assert fit_terms(STATE, ["营商环境建设"], []) == ["营商环境建设"]


def test_a_word_that_cannot_be_cut_whole_into_the_scopes_words_is_cut_as_everyday_words():
    # 治理 is not in a: not 营商环境 + 治理, but the everyday dictionary's 营商 + 环境治理
    assert fit_terms(STATE, ["营商环境治理"], ["a"]) == ["营商", "环境治理"]
    assert fit_terms(STATE, ["环境", "营商环境建设", "建设"], ["a"]) == ["环境", "营商环境", "建设"]


def test_a_word_only_other_documents_taught_the_lexicon_is_cut_as_everyday_words():
    state = _state({"a": "加快发展新能源汽车产业。", "b": "新能源汽车下乡。"}, learnt_elsewhere=("新能源汽车",))
    assert fit_terms(state, ["新能源汽车", "产业"], ["a"]) == ["新能源", "汽车", "产业"]
    assert fit_terms(_state({"a": "加快发展新能源汽车产业。"}), ["新能源汽车"], ["a"]) == ["新能源汽车"]


def test_a_word_the_scope_never_uses_that_names_no_thing_is_left_out():
    assert fit_terms(STATE, ["包括", "信用"], ["a"]) == ["信用"]
    assert fit_terms(STATE, ["包括", "信用"], []) == ["包括", "信用"]
