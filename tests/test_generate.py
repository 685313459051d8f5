"""eval.generate: deterministic, parseable, and its questions' answers are in the text."""

from __future__ import annotations

import json

import pytest

from corpus.sources import load_sources
from eval.generate import generate, write_corpus
from index.clean import normalize
from index.ingest import parse_file


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen")
    docs = write_corpus(out, 12, seed=7)
    return out, docs


def test_same_seed_same_bytes(tmp_path, corpus):
    out, _ = corpus
    again = tmp_path / "again"
    write_corpus(again, 12, seed=7)
    for name in ["sources.yaml", "questions.jsonl"] + [f"gen-{i:04d}.txt" for i in range(1, 13)]:
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_other_seed_other_documents():
    assert generate(3, seed=7)[0].text != generate(3, seed=8)[0].text


def test_prefix_is_stable():
    # a document does not depend on how many are generated after it
    assert generate(2, seed=7)[1].text == generate(5, seed=7)[1].text


def test_sources_are_valid_and_places_fictional(corpus):
    out, docs = corpus
    sources = load_sources(out / "sources.yaml")
    assert [s.doc_id for s in sources] == [f"gen-{i:04d}" for i in range(1, 13)]
    assert len({s.place for s in sources}) == len(sources)
    for s in sources:
        assert "东营" not in s.place and "滕州" not in s.place
    text = "".join(d.text for d in docs)
    assert "东营" not in text and "東營" not in text and "滕州" not in text


def test_both_scripts_and_tables():
    docs = generate(40, seed=7)
    scripts = {d.source.script for d in docs}
    assert scripts == {"simplified", "traditional"}
    assert any(d.text.startswith("索引号") or d.text.startswith("索引號") for d in docs)
    assert any(not d.text.startswith("索引") for d in docs)


def test_parses_into_planted_structure(corpus):
    out, docs = corpus
    for d in docs:
        parsed = parse_file(out / d.source.file, d.source)
        numbered = [c for c in parsed.clauses if c.level >= 1]
        assert len(numbered) == d.headings, d.source.doc_id
        assert len(parsed.duties) == d.duties, d.source.doc_id
        found = {(f.value, normalize(f.unit)) for f in parsed.figures}
        for value, unit in d.figures:
            assert any(v is not None and abs(v - value) < 1e-9 and u == unit
                       for v, u in found), (d.source.doc_id, value, unit)


def test_question_golds_in_text(corpus):
    out, docs = corpus
    lines = (out / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(x) for x in lines]
    assert len(questions) == sum(len(d.questions) for d in docs)
    kinds = {q["kind"] for q in questions}
    assert kinds == {"figure", "count", "investment", "task", "responsibility"}
    for q in questions:
        text = (out / f"{q['doc_id']}.txt").read_text(encoding="utf-8")
        assert q["gold"] in text, q
        for u in q["units"]:
            assert u in text


def test_refuses_bad_n():
    with pytest.raises(ValueError, match="n must be >= 0"):
        generate(-1)


def test_cli_refuses_corpus_dir():
    from eval.generate import main

    with pytest.raises(SystemExit):
        main(["--n", "1", "--out", "corpus/generated"])
