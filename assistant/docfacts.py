"""Document facts (发文字号, 成文日期, 发文机关, 索引号…) and the raw lines that state them."""

from __future__ import annotations

import re

from assistant.answer import Citation
from index.clean import normalize
from index.records import ParsedDocument

FACT_FIELDS = {
    "doc_number": ("发文字号", ("发文字号", "文号")),
    "order": ("令号", ()),
    "date": ("成文日期", ("成文日期",)),
    "published": ("发布日期", ("发布日期", "发布时间")),
    "issuer": ("发文机关", ("发文机关",)),
    "index_no": ("索引号", ("索引号",)),
    "topic": ("主题分类", ("主题分类",)),
    "validity": ("有效性", ("有效性",)),
    "title": ("标题", ()),
}


# the number of the order (令) a regulation was issued by: 第几号令, 令第几号, 哪一号令, 令号
# (question._DOCFACT["order"] is the same pattern)
ORDER_ASK = r"[第几哪多少一]+号令|令第?(?:几|哪|多少)|令号"
ORDER = re.compile(r"令\s*第\s*\d+\s*号|第\s*\d+\s*号令")

# each field as a question names it outright; several named ask for each (成文日期和发布日期,
# 谁发的、哪天成文)
_NAMED = {
    "doc_number": r"文号|字号|发文号|文件号",
    "order": ORDER_ASK,
    "date": r"成文日期|成文时间|印发日期|印发时间|(哪天|哪一天|什么时候|何时)(成文|印发)",
    "published": r"发布日期|发布时间|(哪天|哪一天|什么时候|何时)发布",
    "issuer": r"发文机关|发文单位|谁发的|由?谁(印发|发布|制定|下发)|(哪个|什么)(单位|部门|机关|政府)(印发|发布|制定|下发|出台)",
    "index_no": r"索引号",
    "topic": r"主题分类",
    "validity": r"有效性|是否有效|还有效",
}


def asked_fields(norm: str, field: str | None) -> list[str]:
    """The fields a question names, in its order (成文日期和发布日期 → date, published), or
    ``field`` (the one its analysis found) when it names none outright."""
    at = {k: m.start() for k, pat in _NAMED.items() if (m := re.search(pat, norm))}
    return sorted(at, key=at.get) or ([field] if field else [])


def fact_value(doc: ParsedDocument, field: str | None) -> tuple[str, str | None]:
    label, keys = FACT_FIELDS.get(field or "", ("", ()))
    meta = {normalize(k): v for k, v in doc.metadata}
    src = doc.source
    value = {"doc_number": src.doc_number, "date": src.date, "issuer": src.issuer,
             "title": src.title}.get(field or "")
    if field == "order":  # a 文号 that is an order's (国务院令第746号), never another 文号
        value = src.doc_number if src.doc_number and ORDER.search(src.doc_number) else None
    if not value:
        value = next((meta[normalize(k)] for k in keys if normalize(k) in meta and meta[normalize(k)]), None)
    return label, value


def cite_raw(doc: ParsedDocument, value: str) -> Citation | None:
    """Quote the raw line that states a metadata value (e.g. a table row or a date line)."""
    candidates = [value]
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        candidates.insert(0, f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日")
    for v in candidates:
        i = doc.raw.find(v)
        if i < 0:  # written with spaces (令第 6 号, of a PDF's text): as written
            spaced = re.search(r"\s*".join(map(re.escape, v)), doc.raw)
            if spaced is None:
                continue
            i, v = spaced.start(), spaced.group(0)
        s = doc.raw.rfind("\n", 0, i) + 1
        e = doc.raw.find("\n", i)
        e = len(doc.raw) if e < 0 else e
        quote = doc.raw[s:e].strip().strip("|").strip()
        clause = next((c for c in doc.clauses if c.span[0] <= i < c.span[1]), None)
        clause_id = clause.id if clause else f"{doc.source.doc_id}/序"
        path = clause.path_text if clause else "（正文前）"
        return Citation(doc_id=doc.source.doc_id, title=doc.source.label, clause=clause_id, path=path,
                        quote=quote, span=(s, e), highlight=(v,))
    return None
