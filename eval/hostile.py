"""Hostile-load benchmark: ordinary answer times and server memory while one client attacks.

``python -m eval.hostile [--seconds 20] [--clients 8]`` starts the web app (``python -m
assistant serve`` on 127.0.0.1, a free port, in a subprocess, with the current config),
then for ``--seconds`` runs one hostile client, which sends in turn a follow-up question
with a 1 MB history turn (the benchmark questions' characters in random order), a
2,000-character random question and a follow-up with 40 turns of 2,000 characters, beside ``--clients`` ordinary clients
asking the benchmark's questions. Prints ordinary p50/p95, the hostile requests' outcomes
and the server's peak RSS (VmHWM), and exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from eval.bench import _env, _free_port, _percentile, stop_server
from index.config import ROOT

TARGETS = {"p95_ms": 200.0, "peak_rss_mb": 1536.0}
HUGE_TURN = 1_000_000


def random_question(rng: random.Random, n: int = 2000) -> str:
    """``n`` random CJK characters: what a tokenizer and a POS tagger know least."""
    return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(n))


def peak_rss_mb(pid: int) -> float:
    """A process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def start_server(env: dict[str, str], start_timeout: float = 180) -> tuple[subprocess.Popen, str]:
    """The web app in a subprocess; returns once it has answered and finished warming up."""
    import httpx

    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1",
                             "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + start_timeout
    with httpx.Client(timeout=5) as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"app exited ({proc.returncode}): {proc.stderr.read()[-2000:]}")
            with contextlib.suppress(httpx.HTTPError, ValueError):
                if client.get(base + "/api/health").json().get("warmed_up_s") is not None:
                    return proc, base
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"app not ready on {base} after {start_timeout} s")


def run(base: str, questions: list[dict[str, Any]], seconds: float = 20, clients: int = 8,
        seed: int = 0) -> dict[str, Any]:
    """Ordinary and hostile clients against the app at ``base`` for ``seconds``."""
    import httpx

    stop = time.monotonic() + seconds
    lock = threading.Lock()
    ordinary: list[float] = []
    errors: list[str] = []
    hostile: Counter[str] = Counter()
    hostile_ms: list[float] = []

    def ordinary_client(i: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as c:
            j = i
            while time.monotonic() < stop:
                item = questions[j % len(questions)]
                j += clients
                t = time.perf_counter()
                try:
                    r = c.post("/api/ask", json={"question": item["question"],
                                                 "history": item.get("history") or []})
                    ok = r.status_code == 200 and bool(r.json().get("answer"))
                    problem = None if ok else f"{r.status_code} {r.text[:100]}"
                except (httpx.HTTPError, ValueError) as exc:
                    problem = f"{type(exc).__name__}: {exc}"
                with lock:
                    ordinary.append((time.perf_counter() - t) * 1000)
                    if problem:
                        errors.append(problem)

    def hostile_client() -> None:
        rng = random.Random(seed)
        # the benchmark questions' characters in random order: word after word to match
        chars = sorted({ch for q in questions for ch in q["question"]})
        huge = "".join(rng.choice(chars) for _ in range(HUGE_TURN))
        bodies = [
            ("1 MB history turn", lambda: {"question": "那它的优选项目计划总投资呢？",  # follow-up
                                           "history": [{"role": "user", "content": huge}]}),
            ("2,000-char random question", lambda: {"question": random_question(rng)}),
            ("40 history turns of 2,000 chars", lambda: {"question": "那它的优选项目计划总投资呢？",
                                                         "history": [{"role": "user", "content": huge[i:i + 2000]}
                                                                     for i in range(0, 80_000, 2000)]}),
        ]
        k = 0
        while time.monotonic() < stop:
            name, body = bodies[k % len(bodies)]
            k += 1
            payload = json.dumps(body(), ensure_ascii=False).encode()
            t = time.perf_counter()
            # A fresh connection each time: the server closes one whose body it refused unread.
            try:
                with httpx.Client(base_url=base, timeout=180) as c:
                    outcome = str(c.post("/api/ask", content=payload,
                                         headers={"content-type": "application/json"}).status_code)
            except httpx.HTTPError as exc:
                outcome = type(exc).__name__
            with lock:
                hostile[f"{name}: {outcome}"] += 1
                hostile_ms.append((time.perf_counter() - t) * 1000)

    threads = [threading.Thread(target=ordinary_client, args=(i,)) for i in range(clients)]
    threads.append(threading.Thread(target=hostile_client))
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return {"seconds": seconds, "clients": clients, "ordinary_requests": len(ordinary),
            "ordinary_errors": len(errors), "error_samples": errors[:3],
            "p50_ms": _percentile(ordinary, 50), "p95_ms": _percentile(ordinary, 95),
            "hostile_requests": dict(hostile), "hostile_p95_ms": _percentile(hostile_ms, 95)}


def benchmark(seconds: float = 20, clients: int = 8, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Start the app, run the clients, read the server's peak memory, stop the app."""
    from eval.dataset import load_qa

    proc, base = start_server(env or _env())
    try:
        result = run(base, load_qa(), seconds, clients)
        result["peak_rss_mb"] = peak_rss_mb(proc.pid)
    finally:
        stop_server(proc)
    result["ok"] = result["p95_ms"] <= TARGETS["p95_ms"] and \
        result["peak_rss_mb"] < TARGETS["peak_rss_mb"] and not result["ordinary_errors"]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.hostile", description=__doc__)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args(argv)
    r = benchmark(args.seconds, args.clients)
    print(f"| ordinary clients | requests | errors | p50 ms | p95 ms (≤ {TARGETS['p95_ms']:g}) "
          f"| server peak RSS MB (< {TARGETS['peak_rss_mb']:g}) |")
    print("|---|---|---|---|---|---|")
    print(f"| {r['clients']} | {r['ordinary_requests']} | {r['ordinary_errors']} | "
          f"{r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['peak_rss_mb']:.0f} |")
    print("\nhostile requests (outcome: count):")
    for k, v in sorted(r["hostile_requests"].items()):
        print(f"  {k}: {v}")
    print(f"hostile p95: {r['hostile_p95_ms']:.0f} ms")
    for sample in r["error_samples"]:
        print(f"error: {sample}")
    print("targets met" if r["ok"] else "TARGETS MISSED")
    return 0 if r["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
