"""Every real document of ../shared/realdocs added as a user adds it, then asked about.

Through the web app's upload path (``WebApp.add_files`` → ``Assistant.add_documents`` →
``index.build.extend_index``) the 38 documents go one after another into one fresh index
over the seeds; through the CLI (``python -m index add``, ``python -m assistant ask``) two of
them go into a copy of that fresh index. Each must be added. Then one question per document,
built from its annotation (``tests/annotations/realdocs``): the first annotated figure's
place, time and measure (``广州市到2023年重点人群签约服务覆盖率是多少？``; a national or Taiwan
document without a place). The answer must cite that document and state the figure as the
annotation writes it (its number with its unit).

``EXPECTED_FAILURES`` names the documents whose question is not answered so, with why; the
test fails when one of them starts to pass (strict xfail), so the list only shrinks.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eval.annotations import REALDOCS, load_annotations, squeeze
from index.config import ROOT, Config

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not REALDOCS.is_dir(), reason="../shared/realdocs is missing")]

ANNOTATIONS = {k: v for k, v in load_annotations().items() if not v["file"].startswith("corpus/")}
# The CLI adds these two (an HTML page and a PDF text extraction) in a process of its own.
CLI_DOCS = ("gov_tiyu2018", "nhsa_feijian2023")

# Measured when this test was written: all 38 documents added (web app and CLI); of the 35
# whose annotation lists figures (3 state none), 25 answered with the figure and the document
# cited (27 before the refusal calibration; gov_zhifa2018's first figure then changed, and
# tjgb_yichun2022 is answered since a scoped question's words are fitted to its documents,
# issue 17). Measured again after answering from the evidence (issue 13): all 35 answered
# so (38 passed, 3 skipped in 5 minutes at load 6-7), the ten expected failures of then
# among them: a number of years is an amount, a unit names its kind of quantity (年龄, 分级),
# a record's measure named finds its other words in its sentence, a place several
# documents share (广州市) scopes to them all, a measure stated twice is stated twice.
# A document whose question is not answered so goes here with why ("answering": the record
# is exact but the assistant does not reach it).
EXPECTED_FAILURES: dict[str, str] = {}

_NUMBER = r"(?:\d+(?:[.．:：]\d+)*|[〇零一二三四五六七八九十百千万亿两萬億兩]+)"
_NOTE = re.compile(r"[（(][^（）()]*[）)]")


def question(annotation: dict[str, Any]) -> str | None:
    """The question about the document's first annotated figure, or None when it has none."""
    figures = annotation.get("figures") or []
    if not figures:
        return None
    fig = figures[0]
    measure = str(fig["measure"])
    while _NOTE.search(measure):  # notes in brackets, nested ones too, are no part of it
        measure = _NOTE.sub("", measure)
    measure = re.sub(r"[\s\u3000]+", "", measure)
    place = annotation.get("place") or ""
    place = "" if place in ("全国", "台湾") or place in measure else place
    time = str(fig.get("time") or "")
    time = "" if time in measure else time
    return f"{place}{time}{measure}是多少？"


def figure_forms(fig: dict[str, Any]) -> list[str]:
    """The figure as an answer must state it: each number of the annotated text with its
    unit (``80%``, ``100万元``), or the whole text for a figure without a unit."""
    text, unit = squeeze(str(fig["text"])) or "", squeeze(fig.get("unit") or "") or ""
    if not unit:
        return [text]
    return re.findall(_NUMBER + re.escape(unit), text) or [text]


def answered_from(ans: dict[str, Any], doc_id: str, fig: dict[str, Any]) -> tuple[bool, bool]:
    """(whether the answer cites the document, whether it states the figure)."""
    cited = any(c.get("doc_id") == doc_id for c in ans.get("citations") or ())
    said = squeeze(ans.get("answer") or "") or ""
    return cited, any(form in said for form in figure_forms(fig))


def _config(root: Path) -> Config:
    return Config(index_dir=str(root / "index"), user_dir=str(root / "user"),
                  upload_dir=str(root / "uploads"))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """A fresh index over the seed corpus, in a folder of its own (built once)."""
    from index.build import build_index

    root = tmp_path_factory.mktemp("realdocs-fresh")
    (root / "user").mkdir()
    build_index(_config(root), progress=False)
    return root


def _copy(fresh: Path, dest: Path) -> Config:
    shutil.copytree(fresh / "index", dest / "index")
    shutil.copytree(fresh / "user", dest / "user")
    return _config(dest)


@pytest.fixture(scope="module")
def web(fresh, tmp_path_factory) -> dict[str, Any]:
    """Every document added through the web app's upload function, one after another."""
    import app

    cfg = _copy(fresh, tmp_path_factory.mktemp("realdocs-web"))
    webapp = app.WebApp(cfg)
    added: dict[str, tuple[bool, str, str | None]] = {}
    for name, annotation in ANNOTATIONS.items():
        before = set(webapp.bot.index.documents)
        message, changed = webapp.add_files([str(REALDOCS / annotation["file"])])
        new = sorted(set(webapp.bot.index.documents) - before)
        added[name] = (changed, message, new[0] if len(new) == 1 else None)
    return {"web": webapp, "added": added}


def test_every_document_is_added_through_the_web_app(web):
    added = web["added"]
    assert len(added) == len(ANNOTATIONS) == 38
    refused = {name: message for name, (ok, message, doc_id) in added.items() if not ok or not doc_id}
    assert not refused, refused
    assert all("已添加 1 份文档" in message for _, message, _ in added.values())
    assert len(web["web"].bot.index.documents) == 2 + 38


def _cases() -> list[Any]:
    out = []
    for name in sorted(ANNOTATIONS):
        marks = [pytest.mark.xfail(strict=True, reason=EXPECTED_FAILURES[name])] \
            if name in EXPECTED_FAILURES else []
        out.append(pytest.param(name, marks=marks, id=name))
    return out


@pytest.mark.parametrize("name", _cases())
def test_a_figure_question_is_answered_from_the_added_document(web, name):
    annotation = ANNOTATIONS[name]
    q = question(annotation)
    if q is None:
        pytest.skip("the document states no figure (its annotation lists none)")
    _, _, doc_id = web["added"][name]
    assert doc_id is not None
    ans = web["web"].ask(q).to_dict()
    cited, said = answered_from(ans, doc_id, annotation["figures"][0])
    assert cited and said, (q, ans["answer"], [c.get("doc_id") for c in ans.get("citations") or ()])


def _cli(cfg: Config, module: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYQA_")}
    env.update(POLICYQA_INDEX_DIR=str(cfg.path("index_dir")), POLICYQA_USER_DIR=str(cfg.path("user_dir")))
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_review_figure_is_no_twin_of_this_years_target(web):
    # 甘肃: 今年 城镇新增就业30万人 (2026年) and the review's 全年 31.7万人 measure the same
    # thing at different times: the question asks this year's, so only 30万人 is stated
    ans = web["web"].ask("甘肃今年城镇新增就业目标是多少人？").to_dict()
    assert ans["found"] and "30万人" in ans["answer"] and "31.7万人" not in ans["answer"]


@pytest.mark.parametrize("name", CLI_DOCS)
def test_a_document_added_through_the_cli_is_answered(fresh, tmp_path, name):
    annotation = ANNOTATIONS[name]
    cfg = _copy(fresh, tmp_path)
    r = _cli(cfg, "index", "add", "--quiet", str(REALDOCS / annotation["file"]))
    assert r.returncode == 0 and "已加入" in r.stdout, r.stderr
    doc_id = re.search(r"已加入 ([^\s:：]+)", r.stdout).group(1)
    r = _cli(cfg, "assistant", "ask", "--json", question(annotation) or "")
    assert r.returncode == 0, r.stderr
    ans = json.loads(r.stdout)
    assert answered_from(ans, doc_id, annotation["figures"][0]) == (True, True), ans["answer"]
