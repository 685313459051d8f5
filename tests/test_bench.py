"""eval.bench: a tiny run (seeds and 5 generated documents) writes a sane JSON report."""

from __future__ import annotations

import json
import math
import tempfile

import pytest

from eval.bench import main, markdown, question_set


def test_question_set_spreads():
    qs = [{"question": str(i)} for i in range(100)]
    picked = question_set(qs, 10)
    assert len(picked) == 10 and picked[0]["question"] == "0" and picked[-1]["question"] == "90"


def test_bad_sizes():
    with pytest.raises(SystemExit):
        main(["--sizes", "a,b"])


@pytest.mark.slow
def test_tiny_bench(tmp_path, capsys, monkeypatch):
    out = tmp_path / "results"
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # where the work folder goes
    assert main(["--sizes", "2,5", "--out", str(out), "--passes", "1"]) == 0
    assert list(temp.glob("policyqa-bench-*")) == []  # removed when the run ends
    report = json.loads(next(out.glob("bench-*.json")).read_text(encoding="utf-8"))
    assert next(out.glob("bench-*.png")).stat().st_size > 1000
    assert [r["size"] for r in report["results"]] == [2, 5]
    for r in report["results"]:
        b = r["build"]
        for key in ("build_s", "parse_s", "embed_s", "faiss_s", "bm25_s", "index_mb", "peak_mb"):
            assert b[key] > 0 and math.isfinite(b[key]), key
        assert b["counts"]["documents"] == r["size"]
        assert r["ready"]["wall_s"] > 0
        assert 0 < r["answers"]["p50_ms"] <= r["answers"]["p95_ms"]
        add = r["add"]
        assert add["add_one_s"] > 0 and add["add_one_cli_s"] > 0
        assert add["incremental"] and add["answered_after_add"], add
        assert {"parse", "lexicon", "tokenize", "bm25", "embed", "faiss", "write"} <= set(add["phases"])
        rest = r["rest"]
        assert "error" not in rest, rest
        assert rest["errors"] == 0 and rest["requests"] == 80 and rest["rps"] > 0
        assert rest["health_ready_s"] > 0 and rest["first_answer_after_health_s"] > 0
        # warm only after it listens; both first answers measured (at once, and once ready)
        assert rest["health_warm_s"] >= rest["health_ready_s"] > 0
        assert rest["first_answer_after_ready_s"] > 0
    assert report["results"][1]["answers"]["accuracy"] >= 0
    assert {c["target"] for c in report["checks"]} >= {
        "seeds: build", "seeds: answer p50", "seeds: web app ready (/api/health answers)",
        "seeds: web app warm (/api/health reports ready)",
        "seeds: first answer after /api/health reports ready"}
    table = capsys.readouterr().out
    assert "| 2 |" in table and "| 5 |" in table
    assert markdown(report["results"], report["checks"]) in table
