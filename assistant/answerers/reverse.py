"""〈单位〉负责哪些任务: every task whose unit list holds the unit, across the scope."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, cn_count, in_script, sentence_bounds, strip_marker
from assistant.views import DutyView
from index.clean import normalize

if TYPE_CHECKING:
    from assistant.context import QueryContext


class ReverseAnswerer:
    name = "reverse"

    def answer(self, ctx: QueryContext) -> Answer | None:
        q = ctx.question
        found = [(d, i) for v in ctx.state.in_scope(ctx.scope) for d in v.duties
                 if (i := _position(q.units, d.units)) is not None]
        if not found:
            return _stated_duties(ctx)
        asked_lead = bool(re.search(_LEAD_ONLY, q.norm)) and not re.search(_WHICH_LEAD, q.norm)
        found = _as_asked(q.norm, found)
        if not found:
            return None
        first, at = found[0]
        unit_name = first.duty.units[at]
        mark_lead = bool(re.search(_WHICH_LEAD, q.norm))
        led_only = asked_lead and all(_leads(d, i) for d, i in found)
        by_doc: dict[str, list[tuple[DutyView, int]]] = {}
        for d, i in found:
            by_doc.setdefault(d.duty.doc_id, []).append((d, i))
        parts, leading = [], []
        lead_name = next((d.duty.units[i] for d, i in found if _leads(d, i)), unit_name)  # as its lead list writes it
        for ds in by_doc.values():
            labels: dict[str, bool] = {}  # a task's name → whether the unit leads it
            phrases: dict[str, list[str]] = {}  # a measure's name → the sentences of it the unit's lists close
            for d, i in ds:
                name = task_name(d)
                labels[name] = labels.get(name, False) or (mark_lead and _leads(d, i))
                phrases.setdefault(name, []).extend(p for p in [task_phrase(d)] if p)
            tasks = "；".join(n + (f"（{'；'.join(phrases[n])}）" if phrases[n] else "") + ("（牵头）" if lead else "")
                             for n, lead in labels.items())
            parts.append(f"{ctx.state.place(ds[0][0].doc)}{cn_count(len(labels))}项：{tasks}")
            leading += [n for n, lead in labels.items() if lead]
        role = "牵头" if led_only else "负责"
        text = f"{unit_name}{role}的任务——" + "。".join(parts) + "。"
        if asked_lead and not led_only:  # 牵头的有哪些, and the documents mark no lead for it
            text = f"文件未标明{unit_name}牵头的任务；{text}"
        if mark_lead:  # 哪项是它牵头: said in so many words
            text += f"其中{lead_name}牵头：{'；'.join(leading)}。" if leading else f"其中文件未标明{unit_name}牵头的任务。"
        cits = tuple(cite(d.doc, d.clause, *d.duty.clean_span, sentence=False, highlight=(d.duty.units[i],))
                     for d, i in found)
        cits += tuple(cite(d.doc, d.clause, d.closes[0], d.closes[0] + len(p), highlight=(p,))  # the sentences named
                      for d, _ in found if d.closes and (p := task_phrase(d)))
        return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=cits,
                      units=(unit_name,), type="reverse",
                      extra={"tasks": [d.duty.task for d, _ in found]})


# 牵头的措施 / 牵头哪些: only the tasks it leads; 单独负责: only those it has alone;
# 哪项是它牵头: every task, its lead ones marked
_LEAD_ONLY = r"牵头的|牵头(哪些|什么|哪几|哪[项条个])"
_SOLO = r"单独|独自|独立负责"
_WHICH_LEAD = r"(哪[项条个些几]|哪几项).{0,4}(它|其)?牵头|牵头的是哪"
_PLACE_PREFIX = re.compile(r"^(省|市|县|区|州|自治区)")


# a task written as a whole sentence (鼓励创新OPC创业信贷产品，支持…) is named by its heading
TASK_NAME_CHARS = 20


def task_name(d: DutyView) -> str:
    """What a task is called: its own words when short, else the heading of its clause
    (创新金融服务产品) when that is a short title."""
    task = strip_marker(d.duty.task).rstrip("。；;")
    if len(task) <= TASK_NAME_CHARS:
        return task
    head = strip_marker(d.clause.heading).rstrip("。；;")
    return head if 2 <= len(head) <= TASK_NAME_CHARS and not re.search(r"[，,；;]", head) else task


def task_phrase(d: DutyView) -> str | None:
    """A list that closes only some sentences of its measure (``DutyView.closes``), named by the
    measure's heading: the words its first sentence opens with (开辟国际数据通道), which say
    which part of the measure it is; None when they are no short phrase."""
    task = strip_marker(d.duty.task).rstrip("。；;")
    if d.closes is None or task_name(d) == task:
        return None
    first = re.split(r"[，,；;：:。]", task)[0].strip()
    return first if 2 <= len(first) <= TASK_NAME_CHARS else None


def _position(asked: tuple[str, ...], units: tuple[str, ...]) -> int | None:
    """Where a list names a unit asked about: as written, or without the 省/市/县 before it
    (省人力资源社会保障厅 is the list's 人力资源社会保障厅)."""
    bare = {_PLACE_PREFIX.sub("", u) for u in asked}
    for i, u in enumerate(units):
        if u in asked or _PLACE_PREFIX.sub("", u) in bare:
            return i
    return None


def _leads(d: DutyView, i: int) -> bool:
    return d.duty.units[i] in d.duty.lead


def _as_asked(norm: str, found: list[tuple[DutyView, int]]) -> list[tuple[DutyView, int]]:
    """The tasks the question asks for: those the unit leads or has alone, when it says so
    (and the documents mark leads); else all."""
    if re.search(_SOLO, norm):
        return [(d, i) for d, i in found if len(d.duty.units) == 1]
    if re.search(_LEAD_ONLY, norm) and not re.search(_WHICH_LEAD, norm):
        led = [(d, i) for d, i in found if _leads(d, i)]
        return led or found
    return found


# what a unit's own sentence says it does: 财政部负责安排…, 公安部会同…, 市统计局牵头…;
# not its head (市财政局负责人应当…, 主管同志) — stated_duty's guard
_DOES = re.compile(r"^(?:要|应|应当|将)?(?:负责|牵头|会同|承担|主管|组织|指导)(?!人|同志)")
MAX_STATED = 8


def _stated_duties(ctx: QueryContext) -> Answer | None:
    """No responsibility list holds the unit: the sentences where the document says what
    the unit does (a 职责 section: ``财政部负责安排、审核实施本预案所需经费``), in order."""
    q, state = ctx.question, ctx.state
    docs = ctx.scope or tuple(dict.fromkeys(h.clause.doc_id for h in ctx.hits))
    cits, unit_name = [], None
    for doc_id in docs:
        doc = state.document(doc_id)
        for c in doc.clauses:
            lo, hi = c.clean_span
            text = normalize(doc.clean[lo:hi]).lower()
            if len(text) != hi - lo:
                continue  # offsets would not map back to the document's text
            for u in q.units:
                at = text.find(u)
                if at < 0 or not _DOES.match(text[at + len(u):]):
                    continue
                unit_name = unit_name or doc.clean[lo + at:lo + at + len(u)]
                s, e = sentence_bounds(doc, c, lo + at, lo + at + len(u))
                cits.append(cite(doc, c, s, e, highlight=(doc.clean[lo + at:lo + at + len(u)],)))
                break
            if len(cits) >= MAX_STATED:
                break
    if not cits:
        return None
    parts = "；".join(c.quote.rstrip("。；;") for c in cits)
    text = f"{unit_name}的职责：{parts}。"
    return Answer(question=q.text, answer=in_script(text, q.script), found=True, citations=tuple(cits),
                  units=(unit_name,), type="reverse")
