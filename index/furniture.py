"""Page furniture in a document's text: which lines a site or a newspaper added around it.

Works on lines, by position and by form, with words any government site uses: toolbars
(下载 / 打印 / 全屏 / 收藏 / 【字号：大 中 小】), breadcrumbs (当前位置：首页 > …), the
source and time lines above an article (来源：… / 发表时间：…), a photo caption, and the
trailer below it (相关报道 / 责任编辑 / 扫一扫在手机打开当前页 / 上一篇 / 下一篇 / 返回…列表),
after which nothing of the document follows. Newspaper jumps (（下转第四版）) are spans.
"""

from __future__ import annotations

import re

_TOOLS = frozenset(
    "下载 打印 全屏 收藏 分享 分享到 分享至 关闭 字号 字体 加大 还原 减小 默认 大 中 小 打印本页 "
    "关闭窗口 返回顶部 顶部 扫一扫在手机打开当前页 扫一扫 无障碍 长者助手 关怀版 简体 繁体 繁體 "
    "打印此页 打印文章 关闭本页 微信 微博 二维码 纠错 我要纠错 评论".split()
)
_SPLIT = re.compile(r"[\s【】\[\]（）()|:：·,，、>›»/]+")
_KEYED = re.compile(
    r"^[\s【\[]*(?:来源|信息来源|稿源|文章来源|时间|发表时间|发布时间|更新时间|日期|阅读量|阅读次数|"
    r"浏览次数|浏览量|点击数|点击量|访问量|作者|责任编辑|编辑|审核|校对|字号|字体)\s*[:：]")
_CRUMB = re.compile(r"^\s*(?:当前位置|您的位置|您现在的位置|所在位置|当前的位置)\s*[:：]?")
_SEPARATOR = re.compile(r"^\s*[>›»/＞]+\s*$")
_STAMP = re.compile(r"^\s*(?:19|20)\d{2}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?\s+"
                    r"\d{1,2}\s*[:时]\s*\d{1,2}(?:\s*分|\s*:\s*\d{2})?\s*$")
# a photo caption: …作政府工作报告。本报记者 某某摄 / 甘肃日报记者 某某
_CAPTION = re.compile(r"记者\s*[\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4})?\s*摄?\s*$")
_CAPTION_MAX = 100  # characters
_TAIL = re.compile(
    r"^\s*[【\[]?\s*(?:相关报道|相关链接|相关附件|相关阅读|相关文章|相关新闻|相关稿件|延伸阅读|"
    r"责任编辑|扫一扫在手机打开当前页|打印本页|关闭窗口|返回顶部|←\s*上一篇|上一篇|下一篇|"
    r"返回\S{0,12}列表)")
_ANYWHERE = re.compile(
    r"^\s*(?:[【\[]\s*)?(?:扫一扫在手机打开当前页|打印本页|关闭窗口|←\s*上一篇|下一篇\s*→|"
    r"返回\S{0,12}列表|分享到?[:：]?)\s*(?:[】\]]\s*)?$")
JUMP = re.compile(r"[（(]\s*[上下][转接]第?\s*[一二三四五六七八九十\d]+\s*版\s*[）)]")
_BODY = re.compile(r"[。；！？]")
_MENU_ITEM = 8  # characters: a menu item is a word or two
_MENU_RUN = 5  # menu items in a row before they count as a menu
_NOT_MENU = re.compile(r"[。，；：、！？（）()|\d]|^[一二三四五六七八九十]+、|^第.+[章节条]")
_TOP_LINES = 40  # the head of a page: where source/time lines and breadcrumbs sit
_TAIL_SHARE = 0.25  # a trailer starts in the last quarter of the text


def _is_toolbar(line: str) -> bool:
    words = [w for w in _SPLIT.split(line) if w]
    if line.strip() in ("【", "】", "[", "]"):
        return True
    return bool(words) and len(line) <= 60 and all(w in _TOOLS for w in words) and any(
        len(w) > 1 for w in words)


def _is_body(line: str) -> bool:
    return len(line) >= 30 and bool(_BODY.search(line))


def furniture_lines(lines: list[str]) -> set[int]:
    """Indices of the lines that are page furniture, not the document.

    Args:
        lines: the text's lines, without their line ends.
    """
    drop: set[int] = set()
    n = len(lines)
    if not n:
        return drop
    first_body = next((i for i, line in enumerate(lines) if _is_body(line)), n)
    top = min(first_body, _TOP_LINES)
    i = 0
    while i < n:
        line = lines[i].strip()
        if "|" in line:
            i += 1
            continue
        if re.match(r"^[【\[]\s*(?:字号|字体)", line) and "】" not in line and "]" not in line:
            # 【字号： / 大 / 中 / 小 / 】 on lines of their own
            j = i
            while j < n and j - i <= 6:
                drop.add(j)
                if "】" in lines[j] or "]" in lines[j]:
                    break
                j += 1
            i = j
        elif _ANYWHERE.match(line) or _is_toolbar(line):
            drop.add(i)
        elif i < top:
            if _KEYED.match(line) and len(line) <= 40:
                drop.add(i)
                rest = _KEYED.sub("", line).strip()
                nxt = lines[i + 1].strip() if i + 1 < n else ""
                if not rest and nxt and len(nxt) <= 30 and not _BODY.search(nxt) \
                        and not _KEYED.match(nxt) and not nxt.startswith(("【", "[")):
                    drop.add(i + 1)
                    i += 1
            elif _CRUMB.match(line):
                drop.add(i)
                # 首页 / > / 政务信息 / > / 要闻: short names joined by separator lines
                while i + 1 < n and (_SEPARATOR.match(lines[i + 1]) or (
                        len(lines[i + 1].strip()) <= 12 and (
                            _SEPARATOR.match(lines[i]) or _CRUMB.match(lines[i])
                            or (i + 2 < n and _SEPARATOR.match(lines[i + 2]))))):
                    i += 1
                    drop.add(i)
            elif _STAMP.match(line):
                drop.add(i)
        if i < _TOP_LINES and len(line) <= _CAPTION_MAX and _CAPTION.search(line):
            drop.add(i)
        i += 1
    # The trailer: from its first marker in the last part of the text, nothing is the document.
    total = sum(len(x) + 1 for x in lines)
    pos = 0
    for k, line in enumerate(lines):
        if (k >= first_body or first_body == n) and pos >= (1 - _TAIL_SHARE) * total \
                and _TAIL.match(line.strip()):
            drop.update(range(k, n))
            break
        pos += len(line) + 1
    last_body = max((k for k, line in enumerate(lines) if _is_body(line)), default=-1)
    drop.update(_menu_runs(lines, 0, top, drop))
    if last_body >= 0:
        drop.update(_menu_runs(lines, last_body + 1, n, drop))
    return drop


def _menu_runs(lines: list[str], start: int, end: int, dropped: set[int]) -> set[int]:
    """Runs of ``_MENU_RUN`` or more short lines (a site's menu, 首页 / 政务公开 / …) in
    ``lines[start:end]``: a title, a signature, a date or a numbered line breaks a run;
    lines already ``dropped`` neither count nor break one."""
    out: set[int] = set()
    run: list[int] = []
    for k in range(start, end + 1):
        line = lines[k].strip() if k < end else ""
        if k < end and (not line or k in dropped
                        or (len(line) <= _MENU_ITEM and not _NOT_MENU.search(line))):
            if line and k not in dropped:
                run.append(k)
            continue
        if len(run) >= _MENU_RUN:
            out.update(run)
        run = []
    return out
