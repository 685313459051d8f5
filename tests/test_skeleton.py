"""The skeleton: config, sources, layout rules, offline environment."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.sources import Source, load_sources
from index.config import Config

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def test_config_defaults_and_env_override(tmp_path):
    cfg = Config.load(path=tmp_path / "missing.yaml", env={})
    assert cfg.host == "127.0.0.1" and cfg.port == 7860
    (tmp_path / "c.yaml").write_text("port: 8000\nretriever: bm25\n", encoding="utf-8")
    cfg = Config.load(path=tmp_path / "c.yaml", env={"POLICYQA_PORT": "9000"})
    assert cfg.port == 9000 and cfg.retriever == "bm25"


@pytest.mark.parametrize(
    ("env", "match"),
    [
        ({"POLICYQA_RETRIEVER": "magic"}, "retriever 'magic' must be one of"),
        ({"POLICYQA_PORT": "abc"}, "not a valid int"),
        ({"POLICYQA_PORT": "0"}, "port"),
        ({"POLICYQA_NOPE": "1"}, "unknown settings"),
    ],
)
def test_config_rejects_bad_values(tmp_path, env, match):
    with pytest.raises(ValueError, match=match):
        Config.load(path=tmp_path / "none.yaml", env=env)


def test_sources_describe_both_seeds():
    sources = {s.doc_id: s for s in load_sources()}
    assert set(sources) == {"dongying-2021", "tengzhou-2024"}
    dy = sources["dongying-2021"]
    assert dy.title is None and "title" in dy.missing and "label" in dy.inferred
    assert dy.script == "traditional"
    tz = sources["tengzhou-2024"]
    assert tz.doc_number == "滕政发〔2024〕8号" and tz.date == "2024-08-06"
    for s in sources.values():
        assert (ROOT / "corpus" / s.file).exists()


@pytest.mark.skipif(not SEEDS.exists(), reason="shared/seeds not beside the repo")
def test_corpus_files_are_the_seeds_byte_for_byte():
    for s in load_sources():
        assert (ROOT / "corpus" / s.file).read_bytes() == (SEEDS / s.file).read_bytes()


def test_source_validation():
    with pytest.raises(ValueError, match="script 'latin'"):
        Source(doc_id="x", file="x.txt", label="x", script="latin")
    with pytest.raises(ValueError, match="doc_id"):
        Source(doc_id="Bad Id", file="x.txt", label="x", script="simplified")


STAGES = {"corpus": 0, "index": 1, "assistant": 2, "eval": 3, "app": 3}


@pytest.mark.parametrize("stage", ["corpus", "index", "assistant", "eval"])
def test_stages_import_only_earlier_stages(stage):
    for py in (ROOT / stage).rglob("*.py"):
        tree = ast.parse(py.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in STAGES and not (stage == "assistant" and top == "app"):
                    assert STAGES[top] <= STAGES[stage], f"{py}: {stage} imports {name}"


@pytest.mark.parametrize("module", ["index", "assistant", "eval"])
def test_cli_help(module):
    out = subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True,
                         text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "usage: python -m" in out.stdout


def test_entry_points_are_offline():
    code = "import index, os; print(os.environ['HF_HUB_OFFLINE'], os.environ['GRADIO_ANALYTICS_ENABLED'])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={"PATH": "/usr/bin:/bin"})
    assert out.stdout.split() == ["1", "False"]
