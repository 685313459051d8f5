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
# Measured 2026-11-30, after question words are fitted to the scoped documents
# (assistant.scoped; before it: 5 scores and 13 texts moved, realdocs alone 96.4%): with
# the realdocs and 100 generated documents added, 4 seed questions lose their score
# (dy-cmp-gro-max, dy-der-hy-vs-xx, tz-list-sites, both-tour) and 11 answers change in
# text; with the realdocs alone the seed score is 96.7% instead of 98.3%. In the cases
# traced the question's terms, scope and top clause are the same; the answerer then picks
# another item or refuses. A likely cause, not verified: statistics of the whole index
# (BM25 idf, the assistant's term weights) that other documents move.
MOVES = ("seed answers move when other documents are added: scoped questions use statistics "
         "of the whole index (see the note above)")


def _rows(config: Config) -> dict[str, dict]:
    from assistant.core import Assistant

    result = run_benchmark(Assistant(config), load_qa(None), progress=False)
    return {r["id"]: r for r in result["items"]}


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    from eval.generate import write_corpus
    from index.build import extend_index

    base = Config.load()
    seeds = _rows(base)
    realdocs = prepare_realdocs(base)
    work = tmp_path_factory.mktemp("grown")
    for name in ("user_dir", "index_dir"):
        src = realdocs.config.path(name)
        shutil.copytree(src, work / src.name)
    grown = bench_config(base, work)
    generated = write_corpus(work / "generated", GENERATED, GEN_SEED)
    added = extend_index(grown, sorted((work / "generated").glob("*.txt")))
    assert len(added.sources) == len(generated) and added.incremental
    return seeds, _rows(grown)


@pytest.mark.xfail(strict=True, reason=MOVES)
def test_the_seed_score_is_identical_with_other_documents_in_the_index(both):
    seeds, grown = both
    assert len(seeds) == len(grown) > 300
    moved = {i: (seeds[i]["correct"], grown[i]["correct"]) for i in seeds
             if seeds[i]["correct"] != grown[i]["correct"]}
    assert moved == {}, f"seed questions scored differently in the grown index: {moved}"


@pytest.mark.xfail(strict=True, reason=MOVES)
def test_the_seed_answers_are_identical_with_other_documents_in_the_index(both):
    seeds, grown = both
    changed = {i: (seeds[i]["question"], seeds[i]["response"].get("answer"),
                   grown[i]["response"].get("answer"))
               for i in seeds if seeds[i]["response"].get("answer")
               != grown[i]["response"].get("answer")}
    assert changed == {}, f"{len(changed)} seed answers changed in the grown index: {changed}"
