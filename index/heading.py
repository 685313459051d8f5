"""A document title set on several centred lines, joined back into one line.

Sites and word processors break a long title over two or three centred paragraphs
(``国务院办公厅关于加强`` / ``三级公立医院绩效考核工作的意见``). A centred line at the top
that has no punctuation and does not end the way a title ends is continued by the next
centred line, unless that line is a document number, a date or a signature.
"""

from __future__ import annotations

import re

_TITLE_END = re.compile(
    r"(?:方案|通知|意见|意見|办法|辦法|规定|規定|规划|規劃|计划|計劃|决定|決定|细则|細則|报告|報告|"
    r"要点|要點|安排|措施|条例|條例|纲要|綱要|公告|通告|批复|批復|函|公报|公報|标准|標準|预案|預案|"
    r"令|指引|清单|清單|目录|目錄|章程|说明|說明|解读|解讀)(?:[（(][^（）()]*[）)])?$"
)
_NOT_TITLE = re.compile(
    r"[。，；：！？,;:!?]|〔\d{4}〕|\[\d{4}\]|^第\d+号$|^[（(].*[）)]$|"
    r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月|(?:19|20)\d{2}-\d{1,2}-\d{1,2}")
_FOOTNOTE = re.compile(r"\[\d+\]$")
_HEAD = 6  # only lines this near the top may be a title's pieces
_MAX = 100  # characters: longer is no title


def join_title(lines: list[str], centred: list[bool]) -> list[str]:
    """Join the pieces of a title broken over consecutive centred lines at the top.

    Args:
        lines: the document's lines.
        centred: per line, whether it was set centred.

    Returns:
        the lines, with at most one run of title pieces joined into one line.
    """
    out = list(lines)
    for i in range(min(_HEAD, len(out) - 1)):
        if not (centred[i] and centred[i + 1]):
            continue
        j = i
        while (j + 1 < len(out) and centred[j + 1] and j - i < 3
               and not _NOT_TITLE.search(out[j]) and not _NOT_TITLE.search(out[j + 1])
               and not _TITLE_END.search(_FOOTNOTE.sub("", out[j]))
               and len(out[i]) + len(out[j + 1]) <= _MAX):
            j += 1
        if j > i:
            return out[:i] + ["".join(out[i:j + 1])] + out[j + 1:]
    return out
