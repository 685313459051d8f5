"""Answers that hold as the corpus grows: the seed benchmark asked of the seeds alone and of
the seeds with every document of ../shared/realdocs and 100 generated documents added.

A seed question names its document by place or title (东营, 滕州市…方案), so what else is
in the index must not change its answer. The grown index is the realdocs benchmark index
(``var/bench-realdocs``, reused when current, see ``eval.corpora``) copied, then extended
with 100 documents of ``eval.generate`` as a user adds them (``index.build.extend_index``).
Compared per question: scored correct or not, and the answer's text.
"""

from __future__ import annotations

import shutil

import pytest

from eval.corpora import REALDOCS_DIR, bench_config, prepare_realdocs
from eval.dataset import load_qa
from eval.runner import run_benchmark
from index.config import Config

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not REALDOCS_DIR.is_dir(), reason="../shared/realdocs is missing")]

GENERATED = 100
GEN_SEED = 7
# Measured 2026-11-30 before questions scoped to documents were weighed by those documents
# alone (before: 3-4 seed questions lost their score and 10-11 answers changed text with
# the realdocs and 100 generated documents added). A scoped question now weighs its words
# over the scoped documents' sentences (assistant.state.State.weights_for), ranks clauses
# by BM25 with the scope's own idf (index.lexical.BM25Index.scores_within) and reads a word
# only other documents taught the lexicon as everyday words (assistant.scoped). One answer
# still changes text, of a question scoped to no document: un-qd asks about 青岛, a place
# no seed mentions (refused as unknown) but a real document does (refused after a search).
MOVES = ("an unscoped question naming a place no seed document mentions is refused "
         "otherwise once another document mentions it (see the note above)")


def _rows(config: Config, *, scopes: bool = False) -> dict[str, dict]:
    """Each seed question's benchmark row; with ``scopes``, also the documents it is scoped
    to (by place, title or the conversation) as the assistant reads it."""
    from assistant.context import build_context
    from assistant.core import Assistant

    assistant = Assistant(config)
    items = load_qa(None)
    result = run_benchmark(assistant, items, progress=False)
    rows = {r["id"]: r for r in result["items"]}
    if scopes:
        for item in items:
            ctx = build_context(assistant._state, item["question"], item.get("history") or [], None, config)
            rows[item["id"]]["scope"] = ctx.scope
    return rows


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    from eval.generate import write_corpus
    from index.build import extend_index, load_or_build

    base = Config.load()
    seeds = _rows(base, scopes=True)
    realdocs = prepare_realdocs(base)
    load_or_build(realdocs.config)  # current with this code before it is copied and extended
    work = tmp_path_factory.mktemp("grown")
    for name in ("user_dir", "index_dir"):
        src = realdocs.config.path(name)
        shutil.copytree(src, work / src.name)
    grown = bench_config(base, work)
    generated = write_corpus(work / "generated", GENERATED, GEN_SEED)
    added = extend_index(grown, sorted((work / "generated").glob("*.txt")))
    assert len(added.sources) == len(generated) and added.incremental
    return seeds, _rows(grown)


def test_the_seed_score_is_identical_with_other_documents_in_the_index(both):
    seeds, grown = both
    assert len(seeds) == len(grown) > 300
    moved = {i: (seeds[i]["correct"], grown[i]["correct"]) for i in seeds
             if seeds[i]["correct"] != grown[i]["correct"]}
    assert moved == {}, f"seed questions scored differently in the grown index: {moved}"


def test_the_answers_of_scoped_seed_questions_are_identical_with_other_documents_in_the_index(both):
    seeds, grown = both
    scoped = [i for i in seeds if seeds[i]["scope"]]
    assert len(scoped) > 250  # most seed questions name their document
    changed = {i: (seeds[i]["question"], seeds[i]["response"].get("answer"),
                   grown[i]["response"].get("answer"))
               for i in scoped if seeds[i]["response"].get("answer") != grown[i]["response"].get("answer")}
    assert changed == {}, f"{len(changed)} scoped seed answers changed in the grown index: {changed}"


@pytest.mark.xfail(strict=True, reason=MOVES)
def test_the_seed_answers_are_identical_with_other_documents_in_the_index(both):
    seeds, grown = both
    changed = {i: (seeds[i]["question"], seeds[i]["response"].get("answer"),
                   grown[i]["response"].get("answer"))
               for i in seeds if seeds[i]["response"].get("answer")
               != grown[i]["response"].get("answer")}
    assert changed == {}, f"{len(changed)} seed answers changed in the grown index: {changed}"
