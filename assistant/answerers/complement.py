"""Values one sentence implies from two of its figures, computed and shown with both cited:
``不是X的有几个`` (the whole less the part its ``其中`` names: 26个指标…其中15个指标自动生成 →
26−15) and ``新增…之前是多少`` (the level less the increment written beside it: 新增运营里程
30公里，总里程达909公里 → 909−30)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.compose import cite, in_script
from assistant.figures import FigureView, decimal_places, number_text
from assistant.scoring import score_figures, unmatched_text

if TYPE_CHECKING:
    from assistant.context import QueryContext

# 不是自动生成的 / 非自动生成的 / 除了自动生成的(以外) : the part the question leaves out
REST = re.compile(r"(?:不是|并非|非|没有|不属于|除了?)(?P<w>[\u4e00-\u9fff]{2,10}?)(?:的|以外|之外|外)(?:还有|其余|其他)?(?:有|是|为|共)?(?:多少|几)")
# 新增…之前 / 开通…以前 / 此前: the level before an increment the sentence states
BEFORE = re.compile(r"(?:之前|以前|前原有|此前|原来|原有)(?:的)?[，,]?[^。？?]{0,16}?(?:是|为|有)?(?:多少|几)")
_INCREMENT = r"(?:新增|增加|增长|提高|新开通|新建成?|扩大)"
_ASKED_NEW = re.compile(r"新增|新开通|新建|增加")  # 新增…之前: the level after is no answer
_LEVEL = r"(?:达到?|为|总计|累计|共|增至|提高到|增加到|达到了)"


def _fmt(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}" if decimals else str(int(round(value)))


def sentence_figures(ctx: QueryContext, fi: FigureView) -> list[FigureView]:
    view = ctx.state.view(fi.doc.source.doc_id)
    figs = [f for f in view.figs if f.fig.sentence == fi.fig.sentence and f.fig.clause_id == fi.fig.clause_id]
    return sorted(figs, key=lambda f: f.fig.clean_span[0])


def _between(fi: FigureView, a: int, b: int) -> str:
    return fi.doc.clean[a:b]


def rest(ctx: QueryContext) -> Answer | None:
    """不是X的有几个: of a sentence ``N…，其中M…X``, N−M (N and M of one unit, M's phrase
    holding X's words)."""
    q = ctx.question
    m = REST.search(q.norm)
    if not m:
        return None
    left_out = m.group("w")
    for x in score_figures(ctx, strict=False)[:ctx.config.complement_candidates]:
        figs = sentence_figures(ctx, x.item)
        for i, whole in enumerate(figs):
            after = [f for f in figs[i + 1:] if f.unit == whole.unit]
            if not after:
                continue
            part = after[0]
            gap = _between(whole, whole.fig.clean_span[1], part.fig.clean_span[0])
            tail = re.split(r"[，,；;。]", _between(part, part.fig.clean_span[1], part.fig.clean_span[1] + 30))[0]
            if "其中" not in gap or len(gap) > ctx.config.complement_gap or left_out not in (tail + gap[-6:]):
                continue
            if not whole.fig.value or part.fig.value is None or part.fig.value >= whole.fig.value \
                    or unmatched_text(ctx, _specific(ctx), whole.ctx + " " + whole.seg, limit=0.0, doc_id=whole.doc.source.doc_id):
                continue
            return _answer(ctx, whole, part, f"不是{left_out}的", "−")
    # the whole is no answer to 不是X的: a refusal, not the total
    return refusal(ctx, f"文件中没有找到总数和其中“{left_out}”的数字，无法推算不是{left_out}的部分。")


def before(ctx: QueryContext) -> Answer | None:
    """新增…之前是多少: of a sentence stating an increment D and the level N it reached
    (新增运营里程30公里，总里程达909公里), N−D."""
    q = ctx.question
    if not BEFORE.search(q.norm):
        return None
    for x in score_figures(ctx, strict=False)[:ctx.config.complement_candidates]:
        figs = sentence_figures(ctx, x.item)
        for inc in figs:
            lead = inc.doc.clean[max(0, inc.fig.clean_span[0] - 12):inc.fig.clean_span[0]]
            if not re.search(_INCREMENT + r"[^，,；;。\d]{0,10}$", lead):
                continue
            levels = [f for f in figs if f.unit == inc.unit and f is not inc and f.fig.clean_span[0] > inc.fig.clean_span[1]
                      and _reached(f)] or _stated_before(figs, inc, lead)
            if not levels or not all(t in x.item.sent for t in _measure_terms(ctx, levels[0])) \
                    or unmatched_text(ctx, _specific(ctx), levels[0].ctx + " " + levels[0].seg, limit=0.0, doc_id=levels[0].doc.source.doc_id):
                continue  # 科创板上市公司 asked, 境内外上市公司 written
            level = levels[0]
            if inc.fig.value is None or not level.fig.value or inc.fig.value >= level.fig.value:
                continue
            return _answer(ctx, level, inc, f"新增{inc.fig.text}之前", "−")
    if _ASKED_NEW.search(q.norm):  # the level reached is no answer to 新增…之前
        return refusal(ctx, "文件中没有找到新增之前的数字，也没有同一句里的总数和新增数可以推算。")
    return None


def _stated_before(figs: list[FigureView], inc: FigureView, lead: str) -> list[FigureView]:
    """现有体育场地26570个，比2021年新增1513个: the level is the figure just before an
    increment counted from a year (比…新增), in the phrase before it."""
    if not re.search(r"比[^，,；;。]{1,8}" + _INCREMENT, lead):
        return []
    prior = [f for f in figs if f.fig.clean_span[1] <= inc.fig.clean_span[0]]
    if not prior or prior[-1].unit != inc.unit:
        return []
    gap = inc.doc.clean[prior[-1].fig.clean_span[1]:inc.fig.clean_span[0]]
    return [prior[-1]] if len(re.findall(r"[，,]", gap)) == 1 and not re.search(r"[；;。]", gap) else []


def _specific(ctx: QueryContext) -> tuple[str, ...]:
    """The terms a figure's sentence must all name: not the increment asked (新开通) nor the
    whole area (全市), which the sentence need not repeat."""
    return tuple(t for t in ctx.terms if not _ASKED_NEW.search(t) and not re.fullmatch(r"全[国省市县区镇乡村]", t))


def refusal(ctx: QueryContext, text: str) -> Answer:
    q = ctx.question
    return Answer(question=q.text, answer=in_script(text, q.script), found=False, type=q.intent)


def _reached(fi: FigureView) -> bool:
    """The figure is a level reached (总里程达909公里): 达/为/累计… written just before it."""
    return bool(re.match(_LEVEL, fi.fig.text)
                or re.search(_LEVEL + "$", fi.doc.clean[max(0, fi.fig.clean_span[0] - 3):fi.fig.clean_span[0]]))


def _measure_terms(ctx: QueryContext, fi: FigureView) -> list[str]:
    """The question's terms found in the level's own phrase (总里程): at least one must be."""
    found = [t for t in ctx.terms if t in fi.seg]
    return found if found else ["\0"]  # none: the level measures something else


def _answer(ctx: QueryContext, a: FigureView, b: FigureView, what: str, op: str) -> Answer:
    q = ctx.question
    na, nb = number_text(a.fig), number_text(b.fig)
    decimals = max(decimal_places(na), decimal_places(nb))
    v = _fmt(round(a.fig.value - b.fig.value, decimals), decimals)
    computation = f"{na}{op}{nb}={v}"
    start, end = min(a.fig.clean_span[0], b.fig.clean_span[0]), max(a.fig.clean_span[1], b.fig.clean_span[1])
    clean = a.doc.clean
    start = max((m.end() for m in re.finditer(r"[，,。；;：:\n]", clean[max(0, start - 40):start])), default=0) + max(0, start - 40)
    stop = re.search(r"[，,。；;]", clean[end:end + 40])
    said = re.sub(r"^\s*\d+[.、．]\s*", "", clean[start:end + (stop.start() if stop else 0)].strip())  # no list number
    text = (f"{ctx.state.place(a.doc)}：文件写明“{said}”；{what}为{v}{a.fig.unit}"
            f"（{computation}，据文件数字计算，文件未直接给出）。")
    return Answer(question=q.text, answer=in_script(text, q.script), found=True,
                  citations=(cite(a.doc, a.clause, *a.fig.clean_span, highlight=(a.fig.text, b.fig.text)),),
                  figures=(f"{v}{a.fig.unit}", a.fig.text, b.fig.text), type="derived", computation=computation)
