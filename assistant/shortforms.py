"""Short forms the documents write out: a question's 高企 as 高新技术企业 (its characters in
order, one clear stretch of the text), a Latin cpi as the words some document writes it in
brackets after (居民消费价格（CPI）)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.match import term_hit
from assistant.terms import everyday_word

if TYPE_CHECKING:
    from assistant.state import State


def expand_short_form(term: str, joined: str, least: int = 2) -> str | None:
    """The written-out word a short form made of its characters in order stands for (高企
    for 高新技术企业, 卫健委 for 卫生健康委), read from ``joined`` (the documents' text): the
    stretch, without punctuation and at most ``len(term) + 2`` characters longer, from its
    first character to its last that the text uses most (``least`` times at least); None
    when there is none.
    """
    if not 2 <= len(term) <= 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in term):
        return None
    gap = len(term) + 2
    body = "".join(f"{re.escape(ch)}[\u4e00-\u9fff]{{0,{gap}}}?" for ch in term[:-1]) + re.escape(term[-1])
    counts: dict[str, int] = {}
    for m in re.finditer(body, joined):
        w = m.group(0)
        if len(w) > len(term) and len(w) - len(term) <= gap:
            counts[w] = counts.get(w, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda w: (counts[w], -len(w)))
    return best if counts[best] >= least else None


# a clear candidate is used this many times as often (in the whole index) as the next one
CLEAR = 2


def short_form_in(term: str, scope_text: str, joined: str) -> str | None:
    """The written-out word ``scope_text`` (the documents in scope) writes for a short form
    it does not use (高企: 高新技术企…, 文旅: 文化旅…): the stretches of ``scope_text`` from
    the term's first character to its last holding its characters in order, of which one
    is clearly the most used in ``joined`` (every document's text); None when there is no
    such stretch or no clear one (高企 is both 高新技术企业 and 高成长性企业 in one text:
    the index says which is the common one)."""
    if not 2 <= len(term) <= 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in term):
        return None
    gap = len(term) + 2
    body = "".join(f"{re.escape(ch)}[\u4e00-\u9fff]{{0,{gap}}}?" for ch in term[:-1]) + re.escape(term[-1])
    found = {m.group(0) for m in re.finditer(body, scope_text) if len(m.group(0)) > len(term)}
    ranked = sorted(((joined.count(w), w) for w in found), reverse=True)
    if not ranked or ranked[0][0] < 2 or (len(ranked) > 1 and ranked[0][0] < CLEAR * ranked[1][0]):
        return None
    return ranked[0][1]


def bracket_alias(term: str, scope_text: str, joined: str) -> str | None:
    """The words a Latin short form stands for where some document writes it in brackets
    after them (居民消费价格（cpi）, 细颗粒物（pm2.5）): the longest end of the words before
    the brackets that ``scope_text`` uses (a document in scope may write 居民消费价格
    alone); None when no document brackets ``term`` or the scope uses none of its words."""
    if not re.fullmatch(r"[a-z][a-z0-9.]{1,7}", term) or term in scope_text:
        return None
    best = None
    for m in re.finditer(r"([\u4e00-\u9fff]{2,16})[”\"」』]?\s*[（(]\s*" + re.escape(term) + r"\s*[）)]", joined):
        run = m.group(1)
        got = next((run[i:] for i in range(len(run) - ALIAS_LEAST + 1) if run[i:] in scope_text), None)
        if got and (best is None or len(got) > len(best)):
            best = got
    return best


ALIAS_LEAST = 3  # characters of the written-out words an alias must keep (not 价格 of 居民消费价格)


def scope_forms(state: State, terms: list[str], scope: tuple[str, ...]) -> list[str]:
    """The terms, each short form the documents in scope never use (高企, cpi) written as
    they write it (高新技术企…, 居民消费价格) when one clear written-out form is found."""
    if not scope:
        return terms
    text = "\u0001".join(state.view(d).text for d in scope)
    joined = state.weights.joined
    out = []
    for t in terms:
        if written_as_word(t, text) or (t not in text and term_hit(t, text) >= 0.5):
            out.append(t)
            continue
        # an everyday word (存款) is no short form, whatever the text writes (存贷款)
        got = bracket_alias(t, text, joined) or (None if everyday_word(t) else short_form_in(t, text, joined))
        # 评上高企, characters joined with a short form after them: 评上, 高新技术企…
        ends = [(t[:i], short_form_in(t[i:], text, joined)) for i in range(1, len(t) - 1)
                if not written_as_word(t[i:], text) and not everyday_word(t[i:])] if not got else []
        head, tail = next(((a, b) for a, b in ends if b), (None, None))
        out += [got] if got else [head, tail] if tail else [t]
    return list(dict.fromkeys(out))


# 长期护理保险（以下简称长护险）/（简称“长护险”）: a name and the short form the text uses after
_DEFINED = re.compile(r"([\u4e00-\u9fff]{3,20})[（(](?:以下)?简称[“\"「]?([\u4e00-\u9fffA-Za-z]{2,8})[”\"」]?[）)]")


@lru_cache(maxsize=64)
def _defined(text: str) -> tuple[tuple[str, str], ...]:
    """(what a name is written before its bracket, the short form) for every
    （以下简称…） of a text."""
    return tuple(dict.fromkeys(m.groups() for m in _DEFINED.finditer(text)))


def defined_forms(state: State, terms: list[str], norm: str, scope: tuple[str, ...]) -> list[str]:
    """The terms, the question's words that spell out a name a document in scope shortens
    (长期护理保险个人缴费费率 of a text that writes 长护险 after 长期护理保险（以下简称长护险）)
    replaced by the short form, which its clauses use; the name is the longest end of what
    stands before the bracket that the question writes and that holds the short form's
    characters in order."""
    for d in scope:
        for before, short in _defined(state.view(d).text):
            if short in norm:
                continue
            name = next((before[i:] for i in range(len(before) - len(short)) if before[i:] in norm
                         and _in_order(short, before[i:])), None)
            if name:
                inside = [t for t in terms if t in name]
                if inside:
                    at = terms.index(inside[0])
                    terms = [*terms[:at], short, *(t for t in terms[at:] if t not in inside)]
    return list(dict.fromkeys(terms))


def _in_order(short: str, name: str) -> bool:
    """Whether ``name`` holds the characters of ``short`` in order (长护险 in 长期护理保险)."""
    rest = iter(name)
    return all(ch in rest for ch in short)


def written_as_word(term: str, text: str) -> bool:
    """Whether ``text`` writes ``term`` other than as the end of one everyday word and the
    start of the next (高企 in 提高企业 is no 高企)."""
    i = text.find(term) if term else -1
    while i >= 0:  # str.find, not a regex per term: each would be compiled anew
        j = i + len(term)
        if not (i and everyday_word(text[i - 1] + term[0]) and j < len(text) and everyday_word(term[-1] + text[j])):
            return True
        i = text.find(term, i + 1)
    return False
