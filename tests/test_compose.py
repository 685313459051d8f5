"""Wording helpers of answers: outline markers come off a heading, a leading year stays."""

from __future__ import annotations

import pytest

from assistant.compose import strip_marker


@pytest.mark.parametrize(("heading", "subject"), [
    ("一、总体要求", "总体要求"),
    ("（二）提供一站式服务", "提供一站式服务"),
    ("(3)加强保障", "加强保障"),
    ("3．推进试点", "推进试点"),
    ("12 总则", "总则"),
    # a heading that begins with a year: the year is part of the subject, not a marker
    ("2026年重点工作", "2026年重点工作"),
    ("三、2027年工作安排", "2027年工作安排"),
    # 一是… is a sentence, not 一 plus 是…
    ("一是加快建设", "一是加快建设"),
])
def test_strip_marker(heading: str, subject: str) -> None:
    assert strip_marker(heading) == subject
