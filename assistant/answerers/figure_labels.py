"""Which of the figures one sentence states an answer gives, and what it calls it: of
figures that tie, those whose phrase holds the question's own verb; the figure's own item
when its phrase states a 分别 list (低保标准 of …分别提高25元、50元; 化工和新材料产业 of “化机”)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.figures import MIN_NAMED_MEASURE, FigureView, item_group, normalized

if TYPE_CHECKING:
    from assistant.context import QueryContext
    from assistant.scoring import Scored


def by_asked_verb(ctx: QueryContext, same: list[Scored]) -> list[Scored]:
    """Of figures that tie in one sentence, those whose phrase holds the question's own verb
    (一年发多少算力券: 每年发放…5000万元算力券, not 每年申领…算力券金额不超过100万元)."""
    if len(same) < 2:
        return same
    import jieba.posseg as pseg

    for w, flag in pseg.lcut(ctx.question.norm, HMM=False):
        if flag == "v" and not any(w in t for t in ctx.terms):
            hits = [s for s in same if w in s.item.seg]
            if 0 < len(hits) < len(same):
                return hits
    return same


def own_label(ctx: QueryContext, fi: FigureView, body: str) -> str:
    """The figure's own measure when its phrase states a 分别 list of several figures that
    each measure their own item (低保标准提高 of …分别提高25元、50元); "" otherwise."""
    if not re.search(r"分别|分別|依次", body):
        return ""
    own = normalized(fi.fig.measure or "").strip()
    others = [x for x in ctx.state.view(fi.doc.source.doc_id).figs if x is not fi and x.fig.sentence == fi.fig.sentence
              and x.fig.clean_span[0] >= fi.seg_span[0] and x.fig.clean_span[1] <= fi.seg_span[1]]
    group = item_group(fi) if others else ""
    if group:
        return group  # 化 of “化机”产业集群营收分别达到700亿元、375亿元: 化工和新材料产业
    if not others or len(own) < MIN_NAMED_MEASURE or any(normalized(x.fig.measure or "").strip() == own for x in others):
        # 第一产业增加值…，第二产业增加值…，分别比上年增长4.0%、9.2%: the item named in turn
        distinct = others and fi.item and len(fi.item) >= 2 and all(x.item != fi.item for x in others)
        return fi.item if distinct else ""
    return re.sub(r"(?:为|為|是|达|達)$", "", own).replace(" ", "")
