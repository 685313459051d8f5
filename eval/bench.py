"""Scale benchmark: build, load, answer and serve at several corpus sizes.

``python -m eval.bench [--sizes 2,100,1000,real] [--out eval/results]``. Size 2 is the two
seed documents; ``real`` the seeds and the real documents of ``../shared/realdocs`` (less the
two longest, which the "add one document" measurement adds; ``eval.bench_real``); any
other size N is N documents from ``eval.generate``. Each size gets its own
folder (corpus, index, user documents); every build and every start-up runs in a fresh
subprocess so timings and peak memory do not leak from one measurement into the next.
Writes ``bench-<time>.json`` and ``.png`` into ``--out`` and prints a markdown table.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from eval.bench_real import REAL, held_out, prepare_real, stage_times
from index.config import ROOT, Config

SEED_SIZE = 2
GEN_SEED = 7
# Questions asked of the seed corpus (a fixed set; generated corpora use questions.jsonl).
SEED_QUESTIONS = (
    "2021年新一代信息技术产业增加值达到多少？",
    "高端装备产业实施重大项目多少个？",
    "医养健康产业的责任单位有哪些？",
    "到2026年规模以上工业总产值达到多少？",
    "新增省级以上创新平台多少家？",
    "推进创新平台建设的责任单位",
    "滕州市县域经济高质量发展试点工作方案的发文字号",
    "“四新”经济增加值占GDP比重",
    "市行政审批局负责哪些任务？",
    "滕州市研发经费投入年均增长多少？",
)
TARGETS = {
    "seed_build_s": 30, "app_ready_s": 5, "seed_p50_ms": 50, "seed_p95_ms": 150,
    "k_build_s": 900, "k_p50_ms": 100, "k_peak_mb": 4096, "k_add_s": 10,
    # the first answer once /api/health reports ready (README: why ready, not listening)
    "rest_p95_ms": 500, "first_answer_after_ready_s": 1,
    # issue 17: seeds + ../shared/realdocs
    "real_p50_ms": 15, "real_p95_ms": 50, "real_add_s": 2, "real_add_cli_s": 4,
}


def _config(work: Path) -> Config:
    return Config(corpus_dir=str(work / "corpus"), user_dir=str(work / "user"),
                  index_dir=str(work / "index"))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    return env


def _percentile(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    k = (len(xs) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def _dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# ---------------------------------------------------------------- corpus


def prepare_corpus(work: Path, size: int | str) -> list[dict[str, Any]]:
    """Write the corpus for one size into ``work/corpus``; return its question set."""
    if size == REAL:
        return prepare_real(work)
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    if size == SEED_SIZE:
        corpus.mkdir(parents=True)
        from corpus.sources import load_sources

        for s in load_sources(ROOT / "corpus" / "sources.yaml"):
            shutil.copyfile(ROOT / "corpus" / s.file, corpus / s.file)
        shutil.copyfile(ROOT / "corpus" / "sources.yaml", corpus / "sources.yaml")
        return [{"id": f"seed-q{i + 1}", "question": q, "gold": None}
                for i, q in enumerate(SEED_QUESTIONS)]
    from eval.generate import write_corpus

    write_corpus(corpus, size, GEN_SEED)
    return [json.loads(line) for line in
            (corpus / "questions.jsonl").read_text(encoding="utf-8").splitlines()]


def question_set(questions: list[dict[str, Any]], n: int = 40) -> list[dict[str, Any]]:
    """A fixed, spread-out subset: every kind of question, across the whole corpus."""
    if len(questions) <= n:
        return questions
    step = len(questions) / n
    return [questions[int(i * step)] for i in range(n)]


# ---------------------------------------------------------------- children


def child_build(work: Path) -> dict[str, Any]:
    """Build the index from scratch (runs in its own process); phase times from the manifest."""
    t_start = time.perf_counter()
    from index.build import build_index
    from index.encoders import make_encoder

    config = _config(work)
    if config.path("index_dir").exists():
        shutil.rmtree(config.path("index_dir"))
    t_import = time.perf_counter() - t_start
    encoder = make_encoder(config)
    t = time.perf_counter()
    encoder.encode(["预热"])  # load the model outside the embed timing
    t_model = time.perf_counter() - t
    manifest = build_index(config, progress=False, encoder=encoder)
    phases = manifest["phases"]
    main = ("parse", "embed", "faiss", "bm25")
    return {
        "import_s": t_import, "model_load_s": t_model,
        **{f"{k}_s": phases.get(k, 0.0) for k in main},
        # lexicon, tokenising, writing the files
        "other_s": manifest["build_seconds"] - sum(phases.get(k, 0.0) for k in main),
        "phases": phases, "build_s": manifest["build_seconds"], "counts": manifest["counts"],
        "index_type": manifest["index_type"], "peak_mb": _peak_mb(),
    }


def child_ready(work: Path) -> dict[str, Any]:
    """Import and construct the Assistant from a built index (its own process)."""
    t0 = time.perf_counter()
    from assistant.core import Assistant

    t_import = time.perf_counter() - t0
    bot = Assistant(_config(work))
    t_ready = time.perf_counter() - t0
    bot.ask("预热")
    return {"import_s": t_import, "assistant_s": t_ready - t_import,
            "first_answer_s": time.perf_counter() - t0 - t_ready, "peak_mb": _peak_mb()}


def child_serve(work: Path, port: int) -> None:
    """The REST app (create_app) on 127.0.0.1:port, until killed."""
    import uvicorn

    from app import create_app

    config = _config(work).replace(port=port)
    uvicorn.run(create_app(config), host="127.0.0.1", port=port, log_level="warning")


def _run_child(args: list[str], timeout: float) -> tuple[dict[str, Any], float]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "eval.bench", *args], cwd=ROOT, env=_env(),
                          capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"child {args} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    line = [x for x in proc.stdout.splitlines() if x.startswith("{")][-1]
    return json.loads(line), wall


# ---------------------------------------------------------------- in-process measurements


def measure_answers(work: Path, questions: list[dict[str, Any]], passes: int = 3,
                    profile: bool = True) -> dict[str, Any]:
    """Warm answer latency and accuracy over a fixed question set, plus a profile."""
    from assistant.core import Assistant

    bot = Assistant(_config(work))
    for q in questions[:3]:
        bot.ask(q["question"])  # warm: jieba, encoder, caches
    lat: list[float] = []
    correct = scored = 0
    for p in range(passes):
        for q in questions:
            t = time.perf_counter()
            ans = bot.ask(q["question"])
            lat.append((time.perf_counter() - t) * 1000)
            if p == 0 and q.get("gold"):
                scored += 1
                gold = q.get("value")
                text = ans.answer
                if q.get("units"):
                    from index.clean import normalize

                    correct += normalize(q["units"][0]) in normalize(text)
                elif gold is not None:
                    correct += _num(gold) in text
    out: dict[str, Any] = {"n_questions": len(questions), "p50_ms": _percentile(lat, 50),
                           "p95_ms": _percentile(lat, 95), "max_ms": max(lat),
                           "mean_ms": statistics.fmean(lat)}
    if scored:
        out["accuracy"] = correct / scored
    if profile:
        out["profile"] = _profile(bot, questions)
        out["stages_ms"] = stage_times(bot, questions)
    return out


def _num(v: float) -> str:
    return f"{v:.2f}" if v != int(v) else str(int(v))


def _profile(bot: Any, questions: list[dict[str, Any]], top: int = 12) -> list[dict[str, Any]]:
    """cProfile of one pass: the functions with the most cumulative time per question."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for q in questions:
        bot.ask(q["question"])
    prof.disable()
    stats = pstats.Stats(prof)
    rows = []
    for (file, line, name), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rel = file.replace(str(ROOT) + "/", "")
        if rel.startswith(("assistant/", "index/")):
            rows.append({"function": f"{rel}:{line}:{name}", "calls": nc,
                         "cum_ms_per_q": ct * 1000 / len(questions),
                         "self_ms_per_q": tt * 1000 / len(questions)})
    rows.sort(key=lambda r: -r["cum_ms_per_q"])
    return rows[:top]


def _new_document(work: Path, size: int) -> tuple[Path, Any]:
    """A generated document the corpus does not have yet (one more each run)."""
    from eval.generate import generate

    user = work / "user"
    n = len([p for p in user.iterdir() if p.suffix == ".txt"]) if user.exists() else 0
    doc = generate(1, seed=GEN_SEED + 1000 + n, start=size + 1 + n)[0]
    path = work / "new" / f"neu-dokument-{n + 1}.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(doc.text, encoding="utf-8")
    return path, doc


def measure_add(work: Path, size: int | str) -> dict[str, Any]:
    """Time adding one new document, as the web app does (the loaded Assistant takes it in
    and answers from it) and as ``python -m index add`` does (the saved index is loaded,
    then extended), and check that a question about it is then answered (a generated
    document's; a real one is timed only)."""
    from assistant.core import Assistant
    from index.build import add_documents
    from index.encoders import make_encoder

    config = _config(work)
    bot = Assistant(config)
    bot.ask("预热")  # a running app has its encoder and lexicons loaded
    out: dict[str, Any] = {}
    if size == REAL:
        path, out["added_chars"] = held_out(work, 0)
    else:
        path, doc = _new_document(work, size)
    t = time.perf_counter()
    (source,) = bot.add_documents([path])
    app_s = time.perf_counter() - t
    if size != REAL:
        question = next(q for q in doc.questions if q.value is not None)
        out["answered_after_add"] = question.gold in bot.ask(question.question).answer
    manifest = bot.index.manifest
    del bot

    encoder = make_encoder(config)
    encoder.encode(["预热"])  # the model load is not part of adding
    if size == REAL:
        path, out["added_chars_cli"] = held_out(work, 1)
    else:
        path, _ = _new_document(work, size)
    t = time.perf_counter()
    add_documents(config, [path], progress=False, encoder=encoder)
    cli_s = time.perf_counter() - t
    return {"add_one_s": app_s, "add_one_cli_s": cli_s, **out,
            "incremental": "appended" in manifest,
            "phases": (manifest.get("appended") or [{}])[-1].get("phases")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_app(work: Path) -> tuple[subprocess.Popen, str, float]:
    """The REST app of ``work`` in a subprocess: (process, base URL, start time)."""
    port = _free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "eval.bench", "--child", "serve",
                             "--work", str(work), "--port", str(port)], cwd=ROOT, env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return proc, f"http://127.0.0.1:{port}", t0


def _wait_health(proc: subprocess.Popen, base: str, t0: float, timeout: float, *,
                 ready: bool = False) -> float:
    """Seconds from ``t0`` until ``/api/health`` answers (``ready``: reports ready: true)."""
    import httpx

    with httpx.Client(timeout=5) as client:
        while time.perf_counter() - t0 < timeout:
            if proc.poll() is not None:
                raise RuntimeError(f"app exited ({proc.returncode}): {proc.stderr.read()[-2000:]}")
            with contextlib.suppress(httpx.HTTPError, ValueError):
                r = client.get(base + "/api/health")
                if r.status_code == 200 and (not ready or r.json().get("ready")):
                    return time.perf_counter() - t0
            time.sleep(0.05)
    raise RuntimeError(f"app not {'warm' if ready else 'listening'} on {base} after {timeout} s")


def _first_answer(base: str, question: str) -> float:
    import httpx

    with httpx.Client(base_url=base, timeout=60) as c:
        t = time.perf_counter()
        c.post("/api/ask", json={"question": question})
        return time.perf_counter() - t


def measure_rest(work: Path, questions: list[dict[str, Any]], clients: int = 8,
                 per_client: int = 10, start_timeout: float = 180) -> dict[str, Any]:
    """Start the app in a subprocess twice: time ``/api/health`` and a question asked the
    moment it answers (the app still warming up); then ``/api/health`` reporting ready, a
    question asked then, and 8 concurrent clients."""
    import httpx

    proc, base, t0 = _start_app(work)
    try:
        listening = _wait_health(proc, base, t0, start_timeout)
        # a question the moment /api/health first answers: it waits for the warm-up
        first_cold = _first_answer(base, questions[0]["question"])
    finally:
        stop_server(proc)
    proc, base, t0 = _start_app(work)
    try:
        ready = _wait_health(proc, base, t0, start_timeout)
        warm = _wait_health(proc, base, t0, start_timeout, ready=True)
        # the first question once /api/health reports ready (issue 17: ≤ 1 s)
        first = _first_answer(base, questions[0]["question"])
        lat: list[float] = []
        errors = 0
        lock = threading.Lock()

        def worker(i: int) -> None:
            nonlocal errors
            with httpx.Client(base_url=base, timeout=60) as c:
                for j in range(per_client):
                    q = questions[(i * per_client + j) % len(questions)]["question"]
                    t = time.perf_counter()
                    try:
                        r = c.post("/api/ask", json={"question": q})
                        ok = r.status_code == 200 and "answer" in r.json()
                    except (httpx.HTTPError, ValueError):
                        ok = False
                    dt = (time.perf_counter() - t) * 1000
                    with lock:
                        lat.append(dt)
                        errors += not ok

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
        t = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - t
        return {"health_ready_s": ready, "health_warm_s": warm, "first_answer_after_ready_s": first,
                "health_ready_s_first_start": listening, "first_answer_after_health_s": first_cold,
                "clients": clients, "requests": len(lat),
                "errors": errors, "p50_ms": _percentile(lat, 50), "p95_ms": _percentile(lat, 95),
                "rps": len(lat) / wall}
    finally:
        stop_server(proc)


def stop_server(proc: subprocess.Popen) -> None:
    """Stop a server process: politely, then for good after 20 s."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# ---------------------------------------------------------------- driver


def bench_size(work: Path, size: int | str, *, rest: bool = True, reuse: bool = False,
               passes: int = 3, log: Any = print) -> dict[str, Any]:
    """Every measurement for one corpus size in ``work`` (created if missing)."""
    work.mkdir(parents=True, exist_ok=True)
    # Other processes on the machine slow every timing: record how busy it was.
    result: dict[str, Any] = {"size": size, "loadavg_before": os.getloadavg()[0]}
    build_json = work / "build.json"
    if reuse and build_json.exists() and (work / "index" / "manifest.json").exists() \
            and _index_current(work):
        questions = question_set([json.loads(x) for x in
                                  (work / "questions.json").read_text().splitlines()])
        result["build"] = json.loads(build_json.read_text())
        log(f"[{size}] reusing the build in {work}")
    else:
        all_q = prepare_corpus(work, size)
        (work / "questions.json").write_text(
            "\n".join(json.dumps(q, ensure_ascii=False) for q in all_q), encoding="utf-8")
        questions = question_set(all_q)
        if (work / "user").exists() and size != REAL:
            shutil.rmtree(work / "user")
        log(f"[{size}] building…")
        build, wall = _run_child(["--child", "build", "--work", str(work)], timeout=3600)
        build["wall_s"] = wall
        build_json.write_text(json.dumps(build))
        result["build"] = build
    result["build"]["index_mb"] = _dir_mb(work / "index")
    result["corpus_mb"] = _dir_mb(work / "corpus")
    log(f"[{size}] build {result['build']['build_s']:.1f} s; app start…")
    ready, wall = _run_child(["--child", "ready", "--work", str(work)], timeout=600)
    ready["wall_s"] = wall - ready["first_answer_s"]
    result["ready"] = ready
    log(f"[{size}] ready {ready['wall_s']:.1f} s; answers…")
    result["answers"] = measure_answers(work, questions, passes=passes)
    if rest:
        log(f"[{size}] REST…")
        try:
            result["rest"] = measure_rest(work, questions)
        except Exception as exc:  # the app is optional here; report why it did not run
            result["rest"] = {"error": f"{type(exc).__name__}: {exc}"[:2000]}
    log(f"[{size}] add one document…")
    result["add"] = measure_add(work, size)
    result["loadavg_after"] = os.getloadavg()[0]
    return result


def _index_current(work: Path) -> bool:
    from index.store import is_stale

    return is_stale(_config(work)) is None


def check_targets(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each issue target with the measured value and pass/fail."""
    checks = []

    def check(name: str, value: float | None, limit: float, unit: str) -> None:
        if value is None:
            return
        checks.append({"target": name, "value": round(value, 3), "limit": limit, "unit": unit,
                       "pass": value <= limit})

    by_size = {r["size"]: r for r in results if r["size"] != REAL}
    seed = by_size.get(SEED_SIZE)
    if seed:
        check("seeds: build", seed["build"]["build_s"], TARGETS["seed_build_s"], "s")
        ready = (seed.get("rest") or {}).get("health_ready_s")
        check("seeds: web app ready (/api/health answers)", ready, TARGETS["app_ready_s"], "s")
        check("seeds: web app warm (/api/health reports ready)", (seed.get("rest") or {}).get(
            "health_warm_s"), TARGETS["app_ready_s"], "s")
        check("seeds: first answer after /api/health reports ready", (seed.get("rest") or {}).get(
            "first_answer_after_ready_s"), TARGETS["first_answer_after_ready_s"], "s")
        check("seeds: answer p50", seed["answers"]["p50_ms"], TARGETS["seed_p50_ms"], "ms")
        check("seeds: answer p95", seed["answers"]["p95_ms"], TARGETS["seed_p95_ms"], "ms")
    big = by_size.get(max(by_size)) if by_size and max(by_size) >= 1000 else None
    if big:
        n = big["size"]
        check(f"{n} docs: build", big["build"]["build_s"], TARGETS["k_build_s"], "s")
        check(f"{n} docs: answer p50", big["answers"]["p50_ms"], TARGETS["k_p50_ms"], "ms")
        check(f"{n} docs: peak memory (build)", big["build"]["peak_mb"], TARGETS["k_peak_mb"], "MB")
        check(f"{n} docs: add one document (web app)", big["add"]["add_one_s"],
              TARGETS["k_add_s"], "s")
        checks.append({"target": f"{n} docs: the added document answers its question",
                       "value": big["add"]["answered_after_add"], "limit": True, "unit": "",
                       "pass": bool(big["add"]["answered_after_add"])})
        check(f"{n} docs: add one document (python -m index add)", big["add"]["add_one_cli_s"],
              TARGETS["k_add_s"], "s")
    real = next((r for r in results if r["size"] == REAL), None)
    if real:
        check("real documents: answer p50", real["answers"]["p50_ms"], TARGETS["real_p50_ms"], "ms")
        check("real documents: answer p95", real["answers"]["p95_ms"], TARGETS["real_p95_ms"], "ms")
        check("real documents: add the longest (web app)", real["add"]["add_one_s"],
              TARGETS["real_add_s"], "s")
        check("real documents: add the next longest (python -m index add)",
              real["add"]["add_one_cli_s"], TARGETS["real_add_cli_s"], "s")
    for r in results:
        rest = r.get("rest") or {}
        if "p95_ms" in rest:
            checks.append({"target": f"{r['size']} docs: REST 8 clients p95, no errors",
                           "value": round(rest["p95_ms"], 1), "limit": TARGETS["rest_p95_ms"],
                           "unit": f"ms, {rest['errors']} errors",
                           "pass": rest["p95_ms"] <= TARGETS["rest_p95_ms"] and not rest["errors"]})
    return checks


def markdown(results: list[dict[str, Any]], checks: list[dict[str, Any]]) -> str:
    def f(x: Any, fmt: str = ".1f") -> str:
        return "—" if x is None else format(x, fmt)

    head = ("| docs | clauses | build s (parse / embed / FAISS / BM25 / other) | index MB | "
            "peak MB | Assistant ready s | /api/health s: answers / ready | first answer s: "
            "at once / once ready | p50 / p95 ms | accuracy | "
            "REST 8× p50 / p95 ms, req/s, errors | add one doc s (app / CLI) |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in results:
        b, a, rest = r["build"], r["answers"], r.get("rest") or {}
        rest_s = (f"{f(rest.get('p50_ms'), '.0f')} / {f(rest.get('p95_ms'), '.0f')}, "
                  f"{f(rest.get('rps'))}, {rest.get('errors')}") if "p50_ms" in rest else "n/a"
        lines.append(
            f"| {r['size']} | {b['counts']['clauses']} | {f(b['build_s'])} ({f(b['parse_s'])} / "
            f"{f(b['embed_s'])} / {f(b['faiss_s'], '.2f')} / {f(b['bm25_s'], '.2f')} / "
            f"{f(b['other_s'])}) | {f(b['index_mb'])} | {f(b['peak_mb'], '.0f')} | "
            f"{f(r['ready']['wall_s'])} | {f(rest.get('health_ready_s'))} / "
            f"{f(rest.get('health_warm_s'))} | {f(rest.get('first_answer_after_health_s'), '.2f')} / "
            f"{f(rest.get('first_answer_after_ready_s'), '.2f')} | "
            f"{f(a['p50_ms'])} / {f(a['p95_ms'])} | "
            f"{f(a.get('accuracy'), '.0%') if a.get('accuracy') is not None else '—'} | "
            f"{rest_s} | {f(r['add']['add_one_s'])} / {f(r['add'].get('add_one_cli_s'))} |")
    lines += ["", "| target | measured | limit | result |", "|---|---|---|---|"]
    for c in checks:
        lines.append(f"| {c['target']} | {c['value']} {c['unit']} | {c['limit']} | "
                     f"{'pass' if c['pass'] else '**fail**'} |")
    return "\n".join(lines)


def plot(results: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    results = [r for r in results if r["size"] != REAL]  # a corpus, not a size
    if not results:
        return
    sizes = [r["size"] for r in results]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    ax1.plot(sizes, [r["build"]["build_s"] for r in results], "o-", label="build (total)")
    ax1.plot(sizes, [r["build"]["embed_s"] for r in results], "s--", label="embed")
    ax1.plot(sizes, [r["add"]["add_one_s"] for r in results], "^:", label="add one document")
    ax1.set(xscale="log", yscale="log", xlabel="documents", ylabel="seconds",
            title="Index build")
    ax1.legend()
    ax2.plot(sizes, [r["answers"]["p50_ms"] for r in results], "o-", label="answer p50")
    ax2.plot(sizes, [r["answers"]["p95_ms"] for r in results], "s--", label="answer p95")
    rest = [(r["size"], r["rest"]["p95_ms"]) for r in results if "p95_ms" in (r.get("rest") or {})]
    if rest:
        ax2.plot(*zip(*rest, strict=True), "^:", label="REST 8 clients p95")
    ax2.set(xscale="log", yscale="log", xlabel="documents", ylabel="ms", title="Latency")
    ax2.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2,100,1000",
                        help="comma-separated corpus sizes; 'real': the seeds and ../shared/realdocs")
    parser.add_argument("--out", default="eval/results", help="folder for the JSON and PNG")
    parser.add_argument("--work", help="working folder (default: a temporary one, removed)")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse builds already in --work (skip the build measurement)")
    parser.add_argument("--no-rest", action="store_true", help="skip the REST measurements")
    parser.add_argument("--passes", type=int, default=3, help="passes over the question set")
    parser.add_argument("--backend", choices=("local", "milvus"), default="local",
                        help="milvus: the local and the Milvus backend side by side at the "
                             "index level (eval.bench_backends)")
    parser.add_argument("--child", choices=("build", "ready", "serve"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        work = Path(args.work)
        if args.child == "serve":
            child_serve(work, args.port)
            return 0
        out = child_build(work) if args.child == "build" else child_ready(work)
        print(json.dumps(out))
        return 0

    try:
        names = {s.strip() for s in args.sizes.split(",") if s.strip()}
        sizes: list[int | str] = [*sorted(int(s) for s in names - {REAL}), *(names & {REAL})]
    except ValueError:
        parser.error(f"--sizes {args.sizes!r} must be comma-separated integers or 'real', "
                     "e.g. 2,100,1000,real")
    if not sizes or min((s for s in sizes if s != REAL), default=1) < 1:  # type: ignore[type-var]
        parser.error(f"--sizes {args.sizes!r} must list sizes >= 1")
    out_dir = Path(args.out)
    out_dir = out_dir if out_dir.is_absolute() else ROOT / out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    if args.backend == "milvus":
        from eval.bench_backends import run

        if REAL in sizes:
            parser.error("--backend milvus takes generated sizes only, not 'real'")

        with (contextlib.nullcontext(args.work) if args.work
              else tempfile.TemporaryDirectory(prefix="policyqa-bench-")) as work:
            return run(sizes, Path(work).resolve(), out_dir, passes=args.passes,
                       log=lambda m: print(m, file=sys.stderr, flush=True))
    results = []
    # Without --work the corpora and indexes live in a temporary folder removed at the end.
    with (contextlib.nullcontext(args.work) if args.work
          else tempfile.TemporaryDirectory(prefix="policyqa-bench-")) as work:
        work_root = Path(work).resolve()
        for size in sizes:
            log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
            results.append(bench_size(work_root / f"size-{size}", size, rest=not args.no_rest,
                                      reuse=args.reuse, passes=args.passes, log=log))
    checks = check_targets(results)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    report = {"created": stamp, "cpu_count": os.cpu_count(), "encoder": Config().encoder,
              "targets": TARGETS, "results": results, "checks": checks}
    json_path = out_dir / f"bench-{stamp}.json"
    json_path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    plot(results, out_dir / f"bench-{stamp}.png")  # generated sizes only
    print(markdown(results, checks))
    print(f"\n→ {json_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
