"""``python -m eval rephrase``: whether answers hold when a question is reworded in ways that
change nothing it asks.

Each answerable question of a benchmark file (no follow-ups) is asked as written and then in
each rewording below; an answer holds when it is found or refused alike, states the same
figures and cites the same first clause. Prints, per rewording, how many answers held of
those the rewording changed; ``--json`` writes every changed answer too. The rewordings are
the ones staff make without thinking: the other script, 26年 for 2026年, full-width digits,
a courtesy before (请问), thanks after (谢谢), a particle of tone (吗啊), spaces between words,
a courtesy around it (我想了解一下，…，麻烦告诉我。), and the document named as a frame before it
(根据《title》，… and title里，…).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

_HAN = r"[\u4e00-\u9fff]"


def _traditional(q: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(q)


# each takes the question and the title of the document it asks about ("" when unknown)
REWORDINGS: dict[str, Callable[[str, str], str]] = {
    "traditional": lambda q, t: _traditional(q),
    "short_year": lambda q, t: re.sub(r"20(\d\d)年", r"\1年", q),
    "full_width": lambda q, t: q.translate(str.maketrans("0123456789%", "０１２３４５６７８９％")),
    "courtesy": lambda q, t: "请问" + q,
    "thanks": lambda q, t: re.sub(r"[？?]?$", "？谢谢！", q, count=1),
    "tone": lambda q, t: re.sub(r"[？?]?$", "啊？", q, count=1),
    "spaces": lambda q, t: re.sub(rf"(?<={_HAN}{{4}})(?={_HAN})", " ", q, count=2),
    "wrapped": lambda q, t: "我想了解一下，" + re.sub(r"[？?]$", "", q) + "，麻烦告诉我。",
    "title_frame": lambda q, t: f"根据《{t}》，{q}" if t else q,
    "title_written": lambda q, t: f"{t}里，{q}" if t else q,
}


def _key(ans: Any) -> tuple[bool, frozenset[str], str]:
    return ans.found, frozenset(ans.figures), ans.citations[0].clause if ans.citations else ""


def run(bot: Any, items: Sequence[dict[str, Any]],
        rewordings: dict[str, Callable[[str, str], str]] = REWORDINGS,
        title_of: Callable[[dict[str, Any]], str] = lambda it: "") -> dict[str, Any]:
    """For each rewording: the questions it changed, how many answers held, and those that did
    not; ``title_of`` gives the title of the one document an item asks about ("" if none)."""
    asked = [it for it in items if it.get("found") and not it.get("history") and it.get("type") != "followup"]
    plain = {it["id"]: _key(bot.ask(it["question"])) for it in asked}
    out: dict[str, Any] = {}
    for name, reword in rewordings.items():
        changed, broke = 0, []
        for it in asked:
            q = reword(it["question"], title_of(it))
            if q == it["question"]:
                continue
            changed += 1
            ans = bot.ask(q)
            if _key(ans) != plain[it["id"]]:
                broke.append({"id": it["id"], "question": q, "answer": ans.answer})
        out[name] = {"changed": changed, "held": changed - len(broke), "broke": broke}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    from eval.dataset import load_qa

    parser = argparse.ArgumentParser(prog="python -m eval rephrase", description=__doc__.splitlines()[0])
    parser.add_argument("--qa", type=Path, default=Path("eval/qa_realdocs.jsonl"), help="the benchmark file")
    parser.add_argument("--json", type=Path, help="write every answer that did not hold to this file")
    args = parser.parse_args(argv)
    try:
        items = load_qa(args.qa)
        from assistant.core import Assistant
        from eval.corpora import prepare
        from index.config import Config

        corpus = prepare(items, Config.load())
        bot = Assistant(corpus.config)
    except Exception as e:  # a message, not a traceback
        print(f"error: {type(e).__name__}: {e}")
        return 1

    titles = {s.doc_id: s.title or "" for s in bot.documents()}

    def title_of(it: dict[str, Any]) -> str:
        doc = it.get("doc")
        return titles.get(corpus.doc_id(doc), "") if isinstance(doc, str) else ""

    result = run(bot, items, title_of=title_of)
    for name, r in result.items():
        share = f"{100 * r['held'] / r['changed']:.1f}%" if r["changed"] else "—"
        print(f"{name:12s} {r['held']:4d} / {r['changed']:4d} held  {share}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0
