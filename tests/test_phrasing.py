"""Courtesies and particles of tone change nothing a question asks (assistant/phrasing.py)."""

from __future__ import annotations

import pytest
from answerer_corpus import context

from assistant.phrasing import plain_question
from assistant.respond import respond


@pytest.mark.parametrize(("asked", "plain"), [
    ("请问云溪县茶叶产业产值是多少？", "云溪县茶叶产业产值是多少？"),
    ("麻煩問一下，雲溪縣茶葉產業產值是多少呀？", "雲溪縣茶葉產業產值是多少？"),
    ("云溪县茶叶产业产值能到40亿元吗啊？", "云溪县茶叶产业产值能到40亿元吗？"),
    ("能到40亿元嗎呢", "能到40亿元嗎"),
    ("那松岭县的呢？", "那松岭县的呢？"),  # 呢 asks: a follow-up keeps it
    ("请问", "请问"),  # nothing else would be left
    ("你好，云溪县茶叶产业产值是多少？谢谢！", "云溪县茶叶产业产值是多少？"),
    ("云溪县 茶叶产业 产值是多少？", "云溪县茶叶产业产值是多少？"),
    ("gdp 增长 5%吗", "gdp 增长 5%吗"),  # a space beside a letter or digit stays
    ("我想了解一下，云溪县茶叶产业产值能到40亿元吗，麻烦告诉我。", "云溪县茶叶产业产值能到40亿元吗"),
    ("想咨询一下云溪县茶叶产业产值是多少？请告诉我", "云溪县茶叶产业产值是多少？"),
    ("告诉我云溪县茶叶产业产值", "告诉我云溪县茶叶产业产值"),  # an ask that opens the question stays
])
def test_courtesies_and_tone_are_left_out(asked, plain):
    assert plain_question(asked) == plain


@pytest.mark.parametrize(("asked", "plain"), [
    ("请问云溪县茶叶产业产值能到40亿元吗啊？", "云溪县茶叶产业产值能到40亿元吗？"),
    ("想问一下，云溪县茶叶产业和竹木产业产值分别是多少啊？", "云溪县茶叶产业和竹木产业产值分别是多少？"),
    ("我想了解一下，云溪县茶叶产业产值能到40亿元吗，麻烦告诉我。", "云溪县茶叶产业产值能到40亿元吗？"),
])
def test_the_answer_is_the_plain_questions(answering, asked, plain):
    a, b = respond(context(answering, asked)), respond(context(answering, plain))
    assert a.found and a.answer == b.answer and a.citations == b.citations
    assert a.question == asked  # answered as asked
