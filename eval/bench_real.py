"""The real-document corpus of ``eval.bench`` and the per-stage times of a question.

``--sizes real`` benches the seeds plus the documents of ``../shared/realdocs`` (the copies
and metadata the realdocs benchmark keeps in ``var/bench-realdocs/user``), less the two
longest, which are held out: adding them is the "add one document" measurement (the
longest as the web app adds it, the next as ``python -m index add`` does). Its questions are
the realdocs contract questions (``eval/qa_realdocs.jsonl``); they are timed, not scored.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from index.config import ROOT

REAL = "real"
HELD_OUT = 2
# Functions whose cumulative time is each stage of answering (assistant/ and index/).
STAGES = {
    "context": ("assistant/context.py:build_context",),  # analysis, then the search
    "search": ("index/hybrid.py:search", "index/hybrid.py:search_facts"),
    "scoring": ("assistant/scoring.py:score_figures", "assistant/scoring.py:score_duties"),
    "grounding": ("assistant/grounding.py:grounded",),
}


def prepare_real(work: Path) -> list[dict[str, Any]]:
    """Seeds in ``work/corpus``, realdocs less the held-out ones in ``work/user``, the
    held-out files in ``work/held-out``; returns the question set."""
    from corpus.sources import load_sources, save_sources
    from eval.bench import SEED_SIZE, prepare_corpus
    from eval.corpora import prepare_realdocs
    from index.config import Config
    from index.read import read_document

    prepare_corpus(work, SEED_SIZE)
    stored = prepare_realdocs(Config.load()).config.path("user_dir")
    sources = load_sources(stored / "sources.yaml")
    length = {s.doc_id: len(read_document(stored / s.file)[0]) for s in sources}
    held = sorted(sources, key=lambda s: -length[s.doc_id])[:HELD_OUT]
    for name in ("user", "held-out"):
        shutil.rmtree(work / name, ignore_errors=True)
        (work / name).mkdir()
    kept = [s for s in sources if s not in held]
    for s in kept:
        shutil.copyfile(stored / s.file, work / "user" / s.file)
    save_sources(kept, work / "user" / "sources.yaml")
    for s in held:
        shutil.copyfile(stored / s.file, work / "held-out" / s.file)
    (work / "held-out.json").write_text(json.dumps(
        [{"file": s.file, "chars": length[s.doc_id]} for s in held]), encoding="utf-8")
    items = [json.loads(x) for x in (ROOT / "eval" / "qa_realdocs.jsonl").read_text(
        encoding="utf-8").splitlines() if x.strip()]
    return [{"id": it["id"], "question": it["question"], "gold": None} for it in items]


def held_out(work: Path, n: int) -> tuple[Path, int]:
    """The ``n``-th held-out document (0: the longest) and its length in characters."""
    entry = json.loads((work / "held-out.json").read_text(encoding="utf-8"))[n]
    return work / "held-out" / entry["file"], entry["chars"]


def stage_times(bot: Any, questions: list[dict[str, Any]]) -> dict[str, float]:
    """Mean ms per question spent in each stage: analysis (the question, its scope and
    terms), search (BM25 + FAISS, clauses and facts), scoring (figures and 责任单位),
    composition (the answerers' other work) and grounding. Cumulative times under cProfile,
    which inflates every stage alike; the search a scorer runs counts as search too."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for q in questions:
        bot.ask(q["question"])
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    cum: dict[str, float] = {}
    for (file, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.items():
        key = f"{file.replace(str(ROOT) + '/', '')}:{name}"
        cum[key] = cum.get(key, 0.0) + ct
    n = max(len(questions), 1)

    def ms(stage: str) -> float:
        return sum(cum.get(f, 0.0) for f in STAGES[stage]) * 1000 / n

    total = cum.get("assistant/core.py:ask", 0.0) * 1000 / n
    out = {"analysis": ms("context") - ms("search"), "search": ms("search"),
           "scoring": ms("scoring"), "grounding": ms("grounding")}
    # The answerers' own work: choosing, composing and citing (scoring is inside them).
    out["composition"] = total - ms("context") - ms("scoring") - ms("grounding")
    out["total"] = total
    return {k: round(max(v, 0.0), 2) for k, v in out.items()}
