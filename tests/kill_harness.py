"""Kill -9 a CLI change of the collection at a named step or a moment, for the crash tests
of uploads (test_security_uploads) and of removals and replacements (test_security_collection).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from index import journal
from index.config import ROOT, Config

# Two small documents to add, remove and replace: each holds a phrase the other does not.
ORCHARD = ("关于印发青山县2025年果园提升方案的通知\n一、总体目标\n"
           "到2025年，新建果园示范基地6个，完成投资3.2亿元。\n"
           "二、重点任务\n（一）推进果园建设。（责任单位：县农业局）\n")
TEA = ("关于印发白石县2025年茶园提升方案的通知\n一、总体目标\n"
       "到2025年，新建生态茶园示范片区9个，完成投资4.7亿元。\n"
       "二、重点任务\n（一）推进茶园建设。（责任单位：县林业局）\n")


def copy_case(cfg: Config, dest: Path, stale: bool = False) -> Config:
    """A copy of ``cfg``'s index and user folder in ``dest``; ``stale``: as after a parser
    update, so the change builds the index whole."""
    shutil.copytree(cfg.path("index_dir"), dest / "index")
    shutil.copytree(cfg.path("user_dir"), dest / "user")
    if stale:
        path = dest / "index" / "manifest.json"
        manifest = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps({**manifest, "code": "an older parser"}), encoding="utf-8")
    return cfg.replace(index_dir=str(dest / "index"), user_dir=str(dest / "user"))


def cli_env(cfg: Config, **extra: str) -> dict[str, str]:
    """The environment that points a CLI process at ``cfg``'s folders."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYQA_")}
    return dict(env, POLICYQA_CORPUS_DIR=str(cfg.path("corpus_dir")),
                POLICYQA_INDEX_DIR=str(cfg.path("index_dir")),
                POLICYQA_USER_DIR=str(cfg.path("user_dir")), POLICYQA_ENCODER=cfg.encoder,
                **extra)


def run_killed(cmd: list[str], cfg: Config, point: str | float) -> bool:
    """Run ``cmd`` killed at ``point``: a step name (``POLICYQA_CRASH_AT``), or seconds after
    the journal appears. Returns whether it died before finishing."""
    if isinstance(point, str):
        proc = subprocess.run(cmd, cwd=ROOT, env=cli_env(cfg, POLICYQA_CRASH_AT=point),
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == -signal.SIGKILL, (point, proc.returncode, proc.stderr)
        return True
    running = subprocess.Popen(cmd, cwd=ROOT, env=cli_env(cfg), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    pending, deadline = cfg.path("user_dir") / journal.JOURNAL, time.time() + 120
    while running.poll() is None and not pending.exists() and time.time() < deadline:
        time.sleep(0.002)
    time.sleep(point)
    running.send_signal(signal.SIGKILL)
    return running.wait(60) == -signal.SIGKILL
