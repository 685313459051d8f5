"""Seeded generator of realistic (fictional) policy documents and their questions, for scale tests.

``python -m eval.generate --n 100 --seed 7 --out DIR`` writes ``gen-0001.txt`` … plus
``DIR/sources.yaml`` (a corpus folder the index can build from) and ``DIR/questions.jsonl``
(questions whose gold figure or 责任单位 comes from the same parameters as the text).
The documents follow the seeds' layout: 一、 → （一） → 1. (→ (1)) with 发展目标 /
优选项目 figures and ``(责任单位:…)`` lists; a fraction is Traditional Chinese and some
open with a metadata table. Place names are built from character pools. Generated files
are test data: never write them into ``corpus/``.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.sources import Source, save_sources

# Place names: two characters from these pools + 市. Chosen so no pair is a seed's place.
_PLACE_A = "青临安平河泽云川宁远明华瑞嘉清德和丰长兴永新广汇金盛文康"
_PLACE_B = "阳州城原陵山江川宁源浦塘峰湖亭岭泉溪津桥"
_FORBIDDEN_PLACES = {"东营", "滕州"}
_CN_DIGIT = "一二三四五六七八九十"

_INDUSTRIES = [
    "新一代信息技术", "高端装备", "新能源新材料", "医养健康", "高端化工", "现代高效农业",
    "文化创意", "精品旅游", "现代金融服务", "现代海洋", "现代物流", "生物医药", "节能环保",
    "数字经济", "智能制造", "新能源汽车", "绿色建材", "纺织服装", "食品加工", "商贸服务",
    "航空航天", "集成电路", "软件和信息服务", "氢能", "现代种业", "跨境电商",
]
_TASKS = [
    ("培育专精特新企业", "家", "专精特新中小企业", (5, 60)),
    ("建设创新平台", "家", "省级以上创新平台", (3, 30)),
    ("开展招商推介活动", "场", "招商推介活动不少于", (4, 40)),
    ("建设标准化厂房", "万平方米", "标准化厂房", (5, 120)),
    ("引进高层次人才", "名", "高层次人才", (20, 500)),
    ("新建5G基站", "个", "5G基站", (100, 3000)),
    ("实施技术改造项目", "个", "技术改造项目", (10, 200)),
    ("培育规模以上工业企业", "家", "规模以上工业企业", (10, 150)),
    ("举办人才招聘会", "场", "人才招聘会不少于", (3, 30)),
    ("建设数字化车间", "个", "数字化车间和智能工厂", (5, 80)),
]
# Department names, as in 市XX局; words from the seeds' 责任单位 lists.
_DEPT_WORDS = [
    "发展和改革", "工业和信息化", "科学技术", "商务", "财政", "自然资源和规划", "生态环境",
    "住房和城乡建设", "交通运输", "农业农村", "文化和旅游", "卫生健康", "市场监督管理",
    "人力资源和社会保障", "水务", "应急管理", "统计", "行政审批服务", "大数据", "金融监管",
    "教育", "民政", "海洋发展", "投资促进", "国有资产监督管理",
]
_DEPT_SUFFIX = ["局"] * 8 + ["委", "办公室"]
_OTHER_UNITS = ["市委组织部", "市委宣传部", "市科协", "市税务局", "市直有关部门", "各县区",
                "各镇街", "市城投集团"]
_DIRECTIONS = [
    "加快关键核心技术攻关", "推动产业链上下游协同", "强化龙头企业带动", "推进数字化转型",
    "完善产业配套体系", "优化营商环境", "扩大有效投资", "加强要素保障", "推进园区集聚发展",
    "培育产业集群", "深化开放合作", "推动绿色低碳发展",
]
_FILLER = [
    "统筹推进项目建设和企业培育，形成梯次发展格局",
    "围绕产业链部署创新链，提升产业整体竞争力",
    "健全工作推进机制，强化督导考核",
    "落实各项支持政策，加大财政金融支持力度",
    "推动重点企业开展智能化改造，提升生产效率和产品质量",
    "加强与高校院所合作，推进科技成果就地转化",
]
_FILLER += [
    "坚持市场主导与政府引导相结合，充分发挥企业主体作用，激发各类市场主体活力",
    "聚焦产业链关键环节，实施强链补链延链工程，提升产业链供应链韧性和安全水平",
    "加快新型基础设施建设，推动互联网、大数据、人工智能与实体经济深度融合",
    "完善公共服务平台，为中小企业提供研发设计、检验检测、人才培训等服务",
    "建立重点项目库，实行清单化管理、项目化推进，确保各项任务按期完成",
    "加强部门协同和上下联动，形成推动产业发展的工作合力",
]
_THEMES = ["产业发展工作安排", "产业高质量发展实施方案", "重点产业发展行动计划",
           "先进制造业强市建设工作方案"]
_TOPIC_CLASSES = ["宏观经济运行", "工业", "科技", "商贸流通", "农业农村"]


@dataclass
class Question:
    """One question with its known answer (``gold`` as written in the document)."""

    id: str
    doc_id: str
    question: str
    kind: str  # figure | count | investment | task | responsibility
    gold: str  # the figure text (or first unit) exactly as in the document
    value: float | None = None
    unit: str = ""
    units: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class GeneratedDoc:
    """One generated document: its text, metadata and what the parser should find in it."""

    source: Source
    text: str
    questions: list[Question]
    headings: int  # numbered outline markers (一、 （一） 1. (1))
    duties: int  # (责任单位:…) lists
    figures: list[tuple[float, str]]  # (value, unit) of every planted quantity


def _place_names(rng: random.Random, n: int) -> list[str]:
    pairs = [a + b for a in _PLACE_A for b in _PLACE_B if a != b and a + b not in _FORBIDDEN_PLACES]
    rng.shuffle(pairs)
    names = pairs[:n]
    if len(names) < n:  # more documents than two-character names: three characters
        triples = [a + b + c for a in _PLACE_A for b in _PLACE_A for c in _PLACE_B
                   if len({a, b, c}) == 3]
        rng.shuffle(triples)
        names += triples[: n - len(names)]
    return [p + "市" for p in names]


def _units(rng: random.Random, k: int) -> tuple[list[list[str]], list[str]]:
    """Groups of 责任单位 (groups are separated by ，) and the lead units (牵头)."""
    depts = rng.sample(_DEPT_WORDS, k)
    names = [f"市{d}{rng.choice(_DEPT_SUFFIX)}" for d in depts]
    groups = [names]
    if rng.random() < 0.35:
        groups.append([rng.choice(_OTHER_UNITS)])
    lead = [names[0]] if rng.random() < 0.3 else []
    return groups, lead


def _duty_text(groups: list[list[str]], lead: list[str]) -> str:
    parts = []
    for g in groups:
        parts.append("、".join(u + ("牵头" if u in lead else "") for u in g))
    return "(责任单位:" + "，".join(parts) + ")"


def _paragraph(rng: random.Random, lo: int, hi: int) -> str:
    """Filler sentences, as long as the seeds' paragraphs, with no figures in them."""
    return "".join(f"{s}。" for s in rng.choices(_FILLER, k=rng.randint(lo, hi)))


def _money(rng: random.Random, lo: float, hi: float) -> str:
    return f"{rng.uniform(lo, hi):.2f}"


def generate_document(index: int, seed: int, place: str) -> GeneratedDoc:
    """One document, fully determined by ``(seed, index, place)``."""
    rng = random.Random(f"{seed}:{index}")
    doc_id = f"gen-{index:04d}"
    year = rng.randint(2019, 2025)
    traditional = rng.random() < 0.2
    with_table = rng.random() < 0.4
    theme = rng.choice(_THEMES)
    title = f"{place}{year}年{theme}"
    issuer = f"{place}人民政府"
    abbr = place[0]
    doc_number = f"{abbr}政发〔{year}〕{rng.randint(1, 40)}号"
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    date = f"{year}-{month:02d}-{day:02d}"

    lines: list[str] = []
    questions: list[Question] = []
    figures: list[tuple[float, str]] = []
    headings = duties = 0
    if with_table:
        lines += [
            f"索引号 | {rng.randint(10**8, 10**9 - 1)}/{year}-{rng.randint(1, 999):05d} | 主题分类 | "
            f"{rng.choice(_TOPIC_CLASSES)} |",
            f"成文日期 | {date} | 发布日期 | {date} |",
            f"发文机关 | {issuer} | 关键词 | |",
            f"发文字号 | {doc_number} | 有效性 | 有效 |",
        ]
    lines += [title, issuer, doc_number, f"{year}年{month}月{day}日"]
    lines.append(f"为加快推进{place}产业转型升级，培育壮大新动能，结合我市实际，制定本方案。")

    gdp_share = rng.randint(35, 65)
    growth = rng.randint(5, 12)
    lines.append("一、总体要求")
    headings += 1
    lines.append(
        f"坚持以高质量发展为主线，{_paragraph(rng, 3, 6)}{year}年，力争实现重点产业增加值占GDP"
        f"比重达到{gdp_share}%以上，同比增速达到{growth}%以上。")
    figures += [(gdp_share, "%"), (growth, "%")]

    lines.append("二、培育壮大重点产业")
    headings += 1
    n_ind = rng.randint(3, 6)
    for i, industry in enumerate(rng.sample(_INDUSTRIES, n_ind)):
        lines.append(f"({_CN_DIGIT[i]})加快发展{industry}产业。")
        headings += 1
        value = _money(rng, 5, 400)
        delta = _money(rng, 0.5, float(value) / 4)
        pct = rng.randint(5, 30)
        lines.append(f"1.发展目标。{year}年产业增加值达到{value}亿元，比{year - 1}年增加{delta}亿元，"
                     f"同比增速{pct}%以上。")
        figures += [(float(value), "亿元"), (float(delta), "亿元"), (pct, "%")]
        questions.append(Question(f"{doc_id}-q{len(questions) + 1}", doc_id,
                                  f"{place}{year}年{industry}产业增加值目标是多少？", "figure",
                                  f"{value}亿元", float(value), "亿元"))
        lines.append("2.攻坚方向。")
        headings += 2  # 1.发展目标 and 2.攻坚方向
        for j, direction in enumerate(rng.sample(_DIRECTIONS, rng.randint(0, 3))):
            lines.append(f"({j + 1}){direction}。{_paragraph(rng, 2, 5)}")
            headings += 1
        if rng.random() < 0.5:
            lines[-1] += f"{rng.choice(_FILLER)}，推动{industry}产业做大做强。"
        n_proj = rng.randint(3, 40)
        total = _money(rng, 5, 300)
        annual = _money(rng, 1, float(total) * 0.6)
        groups, lead = _units(rng, rng.randint(1, 4))
        lines.append(f"3.优选项目。实施重大项目{n_proj}个，计划总投资{total}亿元，年度计划投资"
                     f"{annual}亿元。{_duty_text(groups, lead)}")
        headings += 1
        duties += 1
        figures += [(n_proj, "个"), (float(total), "亿元"), (float(annual), "亿元")]
        questions += [
            Question(f"{doc_id}-q{len(questions) + 1}", doc_id,
                     f"{place}{industry}产业实施重大项目多少个？", "count", f"{n_proj}个",
                     float(n_proj), "个"),
            Question(f"{doc_id}-q{len(questions) + 2}", doc_id,
                     f"{place}{industry}产业重大项目计划总投资多少亿元？", "investment",
                     f"{total}亿元", float(total), "亿元"),
            Question(f"{doc_id}-q{len(questions) + 3}", doc_id,
                     f"{place}{industry}产业优选项目的责任单位有哪些？", "responsibility",
                     groups[0][0], units=[u for g in groups for u in g]),
        ]

    lines.append("三、重点任务")
    headings += 1
    for i, (task, unit, phrase, (lo, hi)) in enumerate(rng.sample(_TASKS, rng.randint(2, 5))):
        n = rng.randint(lo, hi)
        groups, lead = _units(rng, rng.randint(1, 3))
        lines.append(f"({_CN_DIGIT[i]}){task}。{rng.choice(_FILLER)}，全年{phrase}{n}{unit}。"
                     f"{_duty_text(groups, lead)}")
        headings += 1
        duties += 1
        figures.append((n, unit))
        questions.append(Question(f"{doc_id}-q{len(questions) + 1}", doc_id,
                                  f"{place}{task}的目标是多少？", "task", f"{n}{unit}",
                                  float(n), unit))

    lines.append("四、保障措施")
    headings += 1
    for i, measure in enumerate(["加强组织领导", "强化要素保障", "严格督导考核"]):
        lines.append(f"({_CN_DIGIT[i]}){measure}。{_paragraph(rng, 2, 4)}")
        headings += 1

    text = "\n".join(lines) + "\n"
    if traditional:
        from index.clean import to_traditional

        text = to_traditional(text)
        for q in questions:
            q.gold = to_traditional(q.gold)
            q.units = [to_traditional(u) for u in q.units]
    source = Source(
        doc_id=doc_id, file=f"{doc_id}.txt", label=title,
        script="traditional" if traditional else "simplified", title=title, place=place,
        issuer=issuer, date=date, year=year, doc_number=doc_number,
        notes="generated by eval.generate (test data, fictional)",
    )
    return GeneratedDoc(source, text, questions, headings, duties, figures)


def generate(n: int, seed: int = 7, start: int = 1) -> list[GeneratedDoc]:
    """``n`` documents numbered from ``start``; the same arguments give the same documents."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n!r}")
    places = _place_names(random.Random(seed), start - 1 + n)
    return [generate_document(i, seed, places[i - 1]) for i in range(start, start + n)]


def write_corpus(out: str | Path, n: int, seed: int = 7) -> list[GeneratedDoc]:
    """Write ``n`` documents, ``sources.yaml`` and ``questions.jsonl`` into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    docs = generate(n, seed)
    for d in docs:
        (out / d.source.file).write_text(d.text, encoding="utf-8")
    save_sources([d.source for d in docs], out / "sources.yaml")
    with open(out / "questions.jsonl", "w", encoding="utf-8") as f:
        for d in docs:
            for q in d.questions:
                f.write(json.dumps(q.to_dict(), ensure_ascii=False) + "\n")
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.generate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100, help="number of documents")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True, help="output folder (not corpus/)")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    from index.config import ROOT

    if out == (ROOT / "corpus").resolve() or (ROOT / "corpus").resolve() in out.parents:
        parser.error("generated documents are test data; choose a folder outside corpus/")
    docs = write_corpus(out, args.n, args.seed)
    n_q = sum(len(d.questions) for d in docs)
    print(f"{len(docs)} documents, {n_q} questions → {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
