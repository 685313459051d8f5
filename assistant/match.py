"""How well a piece of text covers a question: IDF-weighted term coverage on normalised text.

Matching is on substrings of the normalised (NFKC, Simplified) text, so a question
segmented differently from the document still matches; unknown multi-character terms fall
back to their character bigrams for partial credit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

# Words that carry the question's form, not its subject. Generic Chinese, not taken from
# any document.
STOP = frozenset(
    """的 了 吗 呢 吧 啊 是 有 在 和 与 及 或 对 把 被 给 从 到 于 为 以 之 其 这 那 该 此 它 他 她
    多少 几 几个 哪 哪个 哪些 哪里 哪年 什么 怎么 怎样 如何 是否 有没有 请问 请 问 一下 告诉 我 我们 你
    要 会 能 将 需要 应该 应当 计划 打算 安排 预计 提出 规定 明确 文件 文档 方案 工作方案 里 中 上 下 内
    年 月 日 今年 当年 全年 目标 指标 数 数量 数字 值 是多少 为多少 多大 多高 多快 情况 具体 分别 各 各自 呢
    那么 还有 另外 再 又 也 都 就 才 共 一共 合计 总共 共计 加起来 总计 谁 由 由谁 谁来 由谁来 负责 单位 部门 哪家 哪位
    达到 实现 完成 达 要求 方面 相关 有关 主要 重点 工作 任务 措施 内容 东西 之一 个 家 名 人 场 项 件 条 处
    最高 最低 最多 最少 最大 最小 更 比较 比一比 对比 相比 排名 第一 根据 按照 依据 按 大约 大概 约 左右 推算 计算
    前一年 上一年 上年 去年 前 一年 基数 落到 落实 哪类 哪种 哪项 哪方面 什么样 水平 规模 要求 提出 对于 关于
    百分之 百分之几 百分比 百分点 亿元 万元 元 钱 多少钱 亿 万 多少亿 多少万 几亿 个数 总数 数目
    所有 全部 加总 加在一起 加一起 加一块 总和 总额 之和 两个 三个 四个 五个 几个 是什么 叫 叫什么 什么时候 何时 哪一年
    责任单位 牵头单位 负责单位 配合单位 主责单位 责任部门 牵头部门 负责部门
    两地 两市 两份 两个文件 两份文件 两个城市 各地 各自 分别是
    这项 这个 这些 那个 那些 其中 以及 还 呢 么 得 地 着 过 呀 吧 该项 本项 各项 每个 当中 之中
    是不是 能不能 会不会 要不要 对不对 够不够 算不算 还是 底子 盘子 家底 印发 预期 意思 啥意思 什么意思 含义
    全局 大局 全盘 起来 下来 出来 上来 过来""".split()
)

# Policy-language paraphrases: a question word and the words documents use for it.
# a question asking which way something changed (增产还是减产): its direction is asked, a rate
FALL = r"(?:减产|下降|减少|降低|回落|下跌|跌)"
RISE_OR_FALL = rf"(?:增产|增长|增加|上升|上涨|提高|涨)还是{FALL}"

SYNONYMS = {
    "增长": ("增速", "增加", "增长", "提高"),
    "增长速度": ("增速",),
    "增速": ("增长", "增幅"),
    "增长率": ("增速",),
    "增幅": ("增速", "增长"),
    "速度": ("增速",),
    "增量": ("增加",),
    "新增": ("增加", "新增"),
    "多出": ("增加",),
    "提高": ("增加", "提升", "提高"),
    "投入": ("投资", "投入"),
    "投资额": ("投资",),
    "年度": ("年度",),
    "占比": ("比重", "占"),
    "比例": ("比重", "占", "率"),
    "项目数": ("项目",),
    "营业收入": ("营收", "营业收入"),
    "收入": ("营收", "收入"),
    "负责": ("责任",),
    "gdp": ("地区生产总值", "生产总值", "经济总量"),
    "地区生产总值": ("gdp", "生产总值"),
    "生产总值": ("gdp",),
    "pm": ("细颗粒物", "pm2.5"),
    "细颗粒物": ("pm2.5",),
    "规上": ("规模以上",),
    "生效": ("施行", "实施"),
    "开始施行": ("施行",),
    "规上工业": ("规模以上工业",),
    "规上企业": ("规模以上企业", "规模以上工业企业"),
    "涨幅": ("上涨",),
    "收费": ("费用", "收取", "免费"),  # 收费吗 of 全流程0费用 / 免费提供
    "收钱": ("费用", "收取", "免费"),
    "交钱": ("费用", "缴费", "免费"),
    "付费": ("费用", "缴费", "免费"),
    "免费": ("0费用", "零费用", "不收费", "免收"),
    "跌幅": ("下降", "下跌"),
}

# Words that name the kind of value asked (额度, 期限, 数额), not its subject: a text that
# states a value of that kind holds them, whether or not it uses the word (最高500万元 is
# an 额度, 2019年6月底前 a 期限). Everyday Chinese, not taken from any document.
_CAP = r"最高|不超过|不高于|不得超过|限额|上限|额度|封顶"
_MONEY = r"\d(?:\.\d+)?\s*(?:亿|万|千)?元|[一二三四五六七八九十百千万亿]+元"
KIND_FORMS = {
    "额度": _CAP, "上限": _CAP, "最高额": _CAP, "封顶": _CAP, "最高额度": _CAP,
    "数额": _MONEY, "金额": _MONEY, "钱数": _MONEY,
    # a share of something (资助比例) is written as the percentage itself (按投入的50%)
    "比例": r"\d(?:\.\d+)?\s*%|百分之", "补贴比例": r"\d(?:\.\d+)?\s*%|百分之",
    # a length of time (5年, 30日内), not a date or a deadline (2019年6月底前): a question
    # asking whether a 期限 is some date is answered by comparing dates, not by this
    "期限": r"期限|年限|时限|(?<![\d.月])\d{1,3}\s*(?:年|个月|日|天|工作日)(?![底前])",
    # an age (年龄条件) is written as the age itself (需年满60周岁, 未满35周岁)
    "年龄": r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*周?岁", "年龄条件": r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*周?岁",
}

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=65536)
def bigrams(s: str) -> tuple[str, ...]:
    return tuple(s[i : i + 2] for i in range(len(s) - 1))


class TermWeights:
    """IDF of terms over a set of normalised texts (clauses)."""

    def __init__(self, texts: Iterable[str], scale: Callable[[str], float] | None = None) -> None:
        self.texts = list(texts)
        self.scale = scale  # e.g. less weight for verbs (做到, 保持) than for names of things
        self.n = max(1, len(self.texts))
        self._cache: dict[str, float] = {}
        self._df: dict[str, int] = {}
        self._joined = "\u0001".join(self.texts)
        self._chars: frozenset[str] | None = None

    def extended(self, texts: Iterable[str]) -> TermWeights:
        """Weights over these texts and more (new counts: every document frequency and the
        number of texts change)."""
        return TermWeights(self.texts + list(texts), self.scale)

    @property
    def joined(self) -> str:
        """Every text, one after another (a control character between two)."""
        return self._joined

    def df(self, term: str) -> int:
        n = self._df.get(term)
        if n is None:
            n = 0 if term not in self._joined else sum(1 for t in self.texts if term in t)
            self._df[term] = n
        return n

    def uses(self, char: str) -> bool:
        """Whether any text holds the character ``char``."""
        if self._chars is None:  # a benign race: two threads make equal sets
            self._chars = frozenset(self._joined)
        return char in self._chars

    def idf(self, term: str) -> float:
        w = self._cache.get(term)
        if w is None:
            df = self.df(term)
            # unseen terms weigh like rare ones: the question names something specific
            w = math.log((self.n + 1) / (df + 0.5)) if df else math.log(self.n + 1) * 0.8
            if self.scale is not None:
                w *= self.scale(term)
            self._cache[term] = w
        return w


def content_terms(norm_question: str, tokenize: Callable[[str], list[str]],
                  drop: Iterable[str] = ()) -> list[str]:
    """The question's content words: tokens minus form words, digits, years and cue words."""
    text = norm_question
    for d in sorted(set(drop), key=len, reverse=True):
        if d:
            text = text.replace(d, " ")
    # question-form phrases out before segmenting, so 多大面积 does not become 大面积
    text = re.sub(r"[高低多少大小快慢长短]还是[高低多少大小快慢长短]", " ", text)  # 值高还是低
    text = re.sub(RISE_OR_FALL, " ", text)  # 增产还是减产
    text = re.sub(r"什么时候|啥时候|什么时间|多长时间|(?:多少|几)个(?=人(?:[？?，,。吗呢啊\s]|$))|多少|多大|多高|多长|多久|多快|几(?=[个家名处项件条场大类万亿年])|什么|哪些|哪个|哪几", " ", text)
    text = _GIVER.sub(" ", text)
    text = re.sub(r"(?:19|20)\d{2}\s*年(?=度)", " ", text)
    text = re.sub(r"(?:19|20)\d{2}\s*年?", " ", text)
    text = re.sub(r"\d+(?:\.\d+)?", " ", text)
    out = []
    for tok in _abbreviations(tokenize(text), text):
        tok = _COMPLEMENT.sub("", _PUNCT.sub("", tok).removeprefix("的"))
        if not tok or tok in STOP or tok.isdigit():
            continue
        if len(tok) == 1:
            continue
        out.append(tok)
    return list(dict.fromkeys(out))


# the asker's word for whoever gives (政府按啥比例补, 官方给多少): every document's giver,
# named by none of its sentences; 政府采购, 政府投资 stay
_GIVER = re.compile(r"(?<![市县区省州镇乡])(?:政府|官方)(?=按|给|补|发(?!行|展|布)|奖|出(?!资|台)|帮|会|能|可以|最多|一年|每年)")


# a direction a verb is said with (聚起来, 定下来, 拿出来): the verb is asked, not the direction;
# a one-character verb left alone is no term (the documents write it in a compound: 集聚)
_COMPLEMENT = re.compile(r"(?<=[\u4e00-\u9fff])(?:起来|下来|出来|上来|过来)$")


# single characters that carry a question's form, never part of a short form of a name
FORM_CHARS = frozenset("的了吗呢吧啊呀是有在和与及或对把被给从到于为以之其这那该此它里中谁归管多几哪啥怎么要能会将也都就才又再还各共人做搞给按找打")


def _abbreviations(tokens: list[str], text: str) -> list[str]:
    """The tokens with each run of single characters the segmenter could not join, side by
    side in ``text``, made one word: a short form it does not know (长护险, 个税, 综保区
    come as 长/护/险…); a short form's last character the segmenter joined to 里 after it
    (综/保/区里: 区里 is a word) is the short form's (综保区, 里); not 中 (碳/达峰/碳中/和)."""
    out: list[str] = []
    run: list[str] = []
    for tok in [*tokens, ""]:
        if run and len(tok) == 2 and tok[1] == "里" and "\u4e00" <= tok[0] <= "\u9fff" and tok[0] not in FORM_CHARS:
            run.append(tok[0])
            tok = tok[1]
        if len(tok) == 1 and "\u4e00" <= tok <= "\u9fff" and tok not in FORM_CHARS:
            run.append(tok)
            continue
        out += _joined_runs(run, text)
        run = []
        if tok:
            out.append(tok)
    return out


ABBREVIATION_MAX = 6


def _joined_runs(run: list[str], text: str) -> list[str]:
    """Single characters joined into the longest words ``text`` holds side by side (the
    segmenter skips what lies between: 长护险 and 级 of 长护险3级)."""
    out, i = [], 0
    while i < len(run):
        j = min(len(run), i + ABBREVIATION_MAX)  # a short form is short: a long run is noise
        while j > i + 1 and "".join(run[i:j]) not in text:
            j -= 1
        out.append("".join(run[i:j]))
        i = j
    return out


def term_hit(term: str, text: str) -> float:
    """1 if the term (or a paraphrase of it) occurs in text; partial credit for shared
    bigrams; else 0."""
    best = _hit(term, text)
    if best < 1.0:
        for syn in SYNONYMS.get(term, ()):
            best = max(best, 0.9 * _hit(syn, text))
        form = KIND_FORMS.get(term)
        if form and re.search(form, text):
            best = max(best, KIND_HIT)
    return best


KIND_HIT = 0.9  # a kind of value (额度) found as a value of that kind (最高500万元)


# a compound the corpus' dictionary holds whole, found as its everyday words apart
APART = 0.9


def _hit(term: str, text: str) -> float:
    if term in text:
        return 1.0
    if len(term) >= 4:
        pieces = _pieces(term)
        if pieces and all(p in text for p in pieces) or halves_near(term, text):
            return APART  # 全年地区生产总值 in 全年实现地区生产总值
    if len(term) >= 3:
        bg = bigrams(term)
        hits = sum(1 for b in bg if b in text)
        if hits:
            return 0.6 * hits / len(bg)
    if len(term) == 2 and (term[0] in text and term[1] in text) and len(text) < 40:
        return 0.2
    return 0.0


@lru_cache(maxsize=8192)
def _pieces(term: str) -> tuple[str, ...]:
    """A compound's everyday words (two or more, form words left out), or none."""
    from assistant.terms import everyday_pieces

    pieces = tuple(p for p in everyday_pieces(term) if len(p) >= 2 and p not in STOP)
    return pieces if len(pieces) >= 2 else ()


# characters a text may write between the two halves of a four-character word
HALVES_GAP = 6


@lru_cache(maxsize=8192)
def _halves(term: str) -> bool:
    """Whether ``term`` is a word of four characters made of two everyday words (执法人员:
    执法, 人员) that the dictionary holds whole."""
    from assistant.terms import everyday_word

    return len(term) == 4 and term not in STOP and everyday_word(term[:2]) and everyday_word(term[2:])


def halves_near(term: str, text: str) -> bool:
    """Whether ``text`` writes the two halves of a four-character word in order, a few
    characters apart (执法人员 in 持有执法证件的检查人员), not the whole word."""
    if not _halves(term):
        return False
    head, tail = term[:2], term[2:]
    i = text.find(head)
    while i >= 0:
        j = text.find(tail, i + 2)
        if 0 <= j <= i + 2 + HALVES_GAP and not re.search(r"[^\u4e00-\u9fff\w]", text[i:j]):
            return True
        i = text.find(head, i + 1)
    return False


def coverage(terms: Sequence[str], text: str, weights: TermWeights, naming: Sequence[str] = (),
             naming_share: float = 0.0) -> float:
    """IDF-weighted share of ``terms`` found in ``text`` (0..1); 0 when there are no terms.

    Args:
        terms: the words the text should hold.
        text: the text (normalised).
        weights: the terms' IDF.
        naming: words that name the document (not required): they weigh ``naming_share``
            (``Config.score_naming_share``): found, they rank a clause higher; missing, they
            cost little (the clause need not repeat the title).
    """
    if naming and terms and naming_share:
        return ((1 - naming_share) * coverage(terms, text, weights)
                + naming_share * coverage(naming, text, weights))
    if not terms:
        return 0.0
    total = 0.0
    got = 0.0
    for t in terms:
        w = weights.idf(t)
        total += w
        got += w * term_hit(t, text)
    return got / total if total else 0.0


# characters after a word that a text must write as the question does to share its phrase
AROUND = 3
_PLACE_END = re.compile(r"[市县区省州镇乡村]")


def written_around(word: str, norm_q: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` in the question's own phrase (新建的成套 for 新建 of
    新建的成套公共租赁住房…): the word and the ``AROUND`` characters after it in the
    question, not followed by a place's ending (张家港市): the text's word, whatever else
    the word can name (a place)."""
    for m in re.finditer(re.escape(word), norm_q):
        after = norm_q[m.end():m.end() + AROUND]
        if len(after) == AROUND and re.fullmatch(r"[\u4e00-\u9fff]+", after) \
                and not _PLACE_END.match(after) and word + after in text:
            return True
    return False


def missing_terms(terms: Sequence[str], text: str) -> list[str]:
    return [t for t in terms if term_hit(t, text) < 0.5]


def question_lexicon(lexicon, base=None):  # noqa: ANN001, ANN201 - index.lexical.Lexicon
    """A copy of the index's word segmenter that also knows the question's form words, so
    多少 or 哪些 stay whole (the index's compact dictionary only has the corpus' words).

    Args:
        lexicon: the index's lexicon.
        base: an earlier question lexicon (of an index ``lexicon`` extends) to copy, not
            change, and teach only the words it lacks; None to start from jieba's dictionary.
    """
    from index.lexical import Lexicon

    # jieba's full dictionary: questions use everyday words too
    lex = Lexicon.full() if base is None else base.copy()
    for w in lexicon.vocabulary():
        lex.add_word(w)
    return lex


class Phrases:
    """A set of phrases (place names, unit names, heading words) to find in short texts.

    ``in_text`` looks up each substring of the text that is as long as some phrase, so it
    costs by the length of the text, not by the number of phrases.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = frozenset(p for p in phrases if p)
        self._lengths = sorted({len(p) for p in self.phrases})
        # blanking one phrase out of a text (replacing it by a space) can join the text
        # around it into a phrase that holds a space, never into another
        self.spaced = frozenset(p for p in self.phrases if " " in p)
        self._joined = "\n".join(self.phrases)

    def in_text(self, text: str) -> set[str]:
        """The phrases ``text`` holds."""
        n = len(text)
        return {part for size in self._lengths if size <= n
                for part in (text[i:i + size] for i in range(n - size + 1)) if part in self.phrases}

    def to_blank(self, text: str) -> set[str]:
        """The phrases to blank out of ``text``, one after another: those it holds and
        those with a space."""
        return self.in_text(text) | self.spaced

    def inside(self, word: str) -> bool:
        """Whether ``word`` (one word: no line break) is part of some phrase."""
        return word in self._joined
