"""Render benchmark results: a console table, a Markdown summary and a PNG chart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

HEADLINE = (
    ("score (overall accuracy)", "accuracy", "pct"),
    ("numeric accuracy", "numeric_accuracy", "pct"),
    ("responsibility precision", "unit_precision", "pct"),
    ("responsibility recall", "unit_recall", "pct"),
    ("responsibility F1", "unit_f1", "pct"),
    ("citation accuracy", "citation_accuracy", "pct"),
    ("refusal precision", "refusal_precision", "pct"),
    ("refusal recall", "refusal_recall", "pct"),
    ("retrieval recall@1", "recall@1", "pct"),
    ("retrieval recall@5", "recall@5", "pct"),
    ("retrieval MRR", "mrr", "num"),
    ("latency p50 (ms)", "latency_p50_ms", "ms"),
    ("latency p95 (ms)", "latency_p95_ms", "ms"),
    ("answer length (chars, mean)", "answer_chars_mean", "ms"),
    ("answer length (chars, max)", "answer_chars_max", "ms"),
    ("answers passing grounding check", "grounded_rate", "pct"),
    ("answerable wrongly refused", "false_refusal_rate", "pct"),
    ("correct answers citing the clause and figure", "correct_cited_rate", "pct"),
)


CONTRACT_HEAD = (
    ("accuracy", "accuracy"),
    ("gold quote cited", "quote_citation"),
    ("unanswerable refused", "unanswerable_refused"),
    ("answerable wrongly refused", "answerable_wrongly_refused"),
    ("answers stating a foreign figure", "foreign_figure_rate"),
    ("yes/no verdict first", "yesno_verdict"),
    ("lead unit named", "lead_named"),
)


def fmt(value: float | None, kind: str = "pct") -> str:
    """A metric as text: percentages with one decimal, ``-`` when undefined."""
    if value is None:
        return "-"
    if kind == "pct":
        return f"{100 * value:.1f}%"
    if kind == "ms":
        return f"{value:.0f}"
    return f"{value:.3f}"


def _rows(result: dict[str, Any]) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    m = result["metrics"]
    per_type = [(t, str(s["n"]), fmt(s["accuracy"])) for t, s in m["by_type"].items()]
    per_type += [(f"doc: {d}", str(s["n"]), fmt(s["accuracy"])) for d, s in m["by_doc"].items()]
    per_type += [(f"file: {f}", str(s["n"]), fmt(s["accuracy"])) for f, s in (m.get("by_set") or {}).items()]
    head = [(label, fmt(m["overall"][key], kind)) for label, key, kind in HEADLINE]
    return per_type, head


def contract_lines(result: dict[str, Any]) -> list[str]:
    """The contract scores (``eval.consistency``) as plain-text lines; none for old files."""
    c = result["metrics"].get("contract")
    if not c:
        return []
    lines = ["", "answer contract"]
    lw = max(len(label) for label, _ in CONTRACT_HEAD) + 2
    lines += [f"  {label:<{lw}}{fmt(c['overall'][key]):>9}" for label, key in CONTRACT_HEAD]
    lines.append(f"  {'paraphrase agreement':<{lw}}{fmt(c['paraphrase_agreement']):>9}"
                 f"  ({c['paraphrase_pairs']} pairs)")
    for title, groups in (("by type", c["by_type"]), ("by document kind", c["by_kind"])):
        w = max(len(title), *(len(k) for k in groups)) + 4
        lines += ["", f"{title:<{w}}{'n':>5}  {'accuracy':>9}  {'quote':>7}  {'refused':>8}  {'foreign':>8}"]
        lines += [f"  {k:<{w - 2}}{g['n']:>5}  {fmt(g['accuracy']):>9}  {fmt(g['quote_citation']):>7}  "
                  f"{fmt(g['answerable_wrongly_refused'] if k != 'unanswerable' else g['unanswerable_refused']):>8}  "
                  f"{fmt(g['foreign_figure_rate']):>8}" for k, g in groups.items()]
    lines += ["", "(refused: answerable items wrongly refused; for unanswerable, the share refused)"]
    return lines


def console_table(result: dict[str, Any]) -> str:
    """Per-type n and accuracy, then the headline metrics, as a plain-text table."""
    per_type, head = _rows(result)
    w = max(len(r[0]) for r in per_type + [("type", "", "")]) + 2
    lines = [f"{'type':<{w}}{'n':>5}  {'accuracy':>9}", "-" * (w + 16)]
    lines += [f"{t:<{w}}{n:>5}  {a:>9}" for t, n, a in per_type]
    lines.append("-" * (w + 16))
    lines.append(f"{'all':<{w}}{result['metrics']['overall']['n']:>5}  {fmt(result['metrics']['score']):>9}")
    lines.append("")
    lw = max(len(label) for label, _ in head) + 2
    lines += [f"{label:<{lw}}{val:>9}" for label, val in head]
    lines += contract_lines(result)
    return "\n".join(lines)


def markdown_summary(result: dict[str, Any]) -> str:
    """The run as Markdown: headline metrics, per-type and per-doc tables, the wrong items."""
    per_type, head = _rows(result)
    m = result["metrics"]
    cfg = result.get("config") or {}
    out = ["# QA benchmark results", ""]
    if cfg:
        out += [", ".join(f"{k}: `{v}`" for k, v in cfg.items()), ""]
    out += [f"**Score (overall accuracy): {fmt(m['score'])}** over {m['overall']['n']} items.", ""]
    out += ["| metric | value |", "|---|---|"] + [f"| {label} | {val} |" for label, val in head]
    out += ["", "## By type", "", "| type | n | accuracy | citation | recall@5 |", "|---|---|---|---|---|"]
    for t, s in m["by_type"].items():
        out.append(f"| {t} | {s['n']} | {fmt(s['accuracy'])} | {fmt(s['citation_accuracy'])} | "
                   f"{fmt(s['recall@5'])} |")
    out += ["", "## By document", "", "| doc | n | accuracy |", "|---|---|---|"]
    out += [f"| {d} | {s['n']} | {fmt(s['accuracy'])} |" for d, s in m["by_doc"].items()]
    if m.get("by_set"):
        out += ["", "## By QA file", "", "| file | n | accuracy | wrongly refused |", "|---|---|---|---|"]
        out += [f"| {f} | {s['n']} | {fmt(s['accuracy'])} | {fmt(s['false_refusal_rate'])} |"
                for f, s in m["by_set"].items()]
    out += _contract_markdown(m.get("contract"))
    wrong = [r for r in result.get("items", []) if not r.get("correct")]
    if wrong:
        out += ["", f"## Wrong answers ({len(wrong)})", "", "| id | type | question | answer |", "|---|---|---|---|"]
        for r in wrong[:200]:
            ans = ((r.get("response") or {}).get("answer") or r.get("error") or "").replace("\n", " ")
            ans = ans.replace("|", "\\|")[:120]
            q = r["question"].replace("|", "\\|")
            out.append(f"| {r['id']} | {r['type']} | {q} | {ans} |")
    return "\n".join(out) + "\n"


def _contract_markdown(c: dict[str, Any] | None) -> list[str]:
    if not c:
        return []
    out = ["", "## Answer contract", "", "| metric | value |", "|---|---|"]
    out += [f"| {label} | {fmt(c['overall'][key])} |" for label, key in CONTRACT_HEAD]
    out.append(f"| paraphrase agreement ({c['paraphrase_pairs']} pairs) | {fmt(c['paraphrase_agreement'])} |")
    for title, groups in (("By type", c["by_type"]), ("By document kind", c["by_kind"])):
        out += ["", f"### {title}", "",
                "| group | n | accuracy | quote cited | wrongly refused | unanswerable refused | foreign figure |",
                "|---|---|---|---|---|---|---|"]
        out += [f"| {k} | {g['n']} | {fmt(g['accuracy'])} | {fmt(g['quote_citation'])} | "
                f"{fmt(g['answerable_wrongly_refused'])} | {fmt(g['unanswerable_refused'])} | "
                f"{fmt(g['foreign_figure_rate'])} |" for k, g in groups.items()]
    if c["paraphrase_split"]:
        out += ["", "Paraphrases that disagree with their original: " + ", ".join(c["paraphrase_split"])]
    if c["foreign_figure_ids"]:
        out += ["", "Answers stating a foreign figure: " + ", ".join(c["foreign_figure_ids"])]
    return out


def write_chart(result: dict[str, Any], path: Path) -> Path:
    """Accuracy by type (bars) and the latency histogram, side by side, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    m = result["metrics"]
    types = list(m["by_type"])
    acc = [100 * (m["by_type"][t]["accuracy"] or 0.0) for t in types]
    lat = [r["latency_ms"] for r in result.get("items", []) if r.get("latency_ms") is not None]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))
    ax1.bar(range(len(types)), acc, color="#4c72b0")
    ax1.set_xticks(range(len(types)), types, rotation=40, ha="right")
    ax1.set_ylim(0, 110)
    ax1.set_ylabel("accuracy (%)")
    ax1.set_title(f"Accuracy by type (overall {fmt(m['score'])})")
    for i, a in enumerate(acc):
        ax1.text(i, a + 1, f"{a:.0f}", ha="center", fontsize=8)
    ax2.hist(lat or [0], bins=30, color="#55a868")
    ax2.set_xlabel("latency (ms)")
    ax2.set_ylabel("questions")
    ax2.set_title("Latency")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
