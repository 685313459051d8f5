"""A grade asked with 几级 that the text names in words (直接认定为最高信用等级): the name of
the grade, from GradeWordAnswerer, on 岭西市's plan written for these tests."""

from __future__ import annotations

import pytest
from answerer_corpus import assistant_on, context
from test_share_base import LINGXI

from assistant.answerers.grade_word import GradeWordAnswerer


@pytest.fixture(scope="module")
def lingxi(tmp_path_factory, request):  # noqa: ANN001, ANN201
    return assistant_on(tmp_path_factory.mktemp("grade-word"), [LINGXI], request, name="grade_word")


@pytest.mark.parametrize("question", ["岭西新落户的研发机构，经评定合格能拿到几级信用？", "岭西新落户研发机构的信用等级是几级？"])
def test_a_grade_named_in_words(lingxi, question):
    ans = lingxi.ask(question)
    assert ans.found and "最高信用等级" in ans.answer, ans.answer
    assert GradeWordAnswerer().answer(context(lingxi, question)) is not None


def test_a_grade_the_text_never_gives_is_refused(lingxi):
    ans = lingxi.ask("岭西新落户研发机构的海关认证是几级？")
    assert not ans.found and "最高信用等级" not in ans.answer.split("以下条款")[0]
