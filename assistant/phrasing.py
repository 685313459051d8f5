"""A question's courtesies and filler, which change nothing it asks: 你好 / 请问 / 想问一下 /
我想了解一下 before it, 谢谢 / 麻烦告诉我 after it, particles of tone at its end (要缴费吗啊, 能超过10万元吗呢, 多少啊呀), spaces
between its characters."""

from __future__ import annotations

import re

from assistant.series import expand_series

_Q, _ASK, _TEACH, _TROUBLE = "[请請]", "[问問]", "[教]", "[麻][烦煩]"
_POLITE = re.compile(
    rf"^\s*(?:{_Q}{_ASK}一下|{_Q}{_ASK}|想{_ASK}一下|想{_ASK}下|{_ASK}一下|{_ASK}下|{_Q}{_TEACH}一下|{_Q}{_TEACH}|"
    rf"{_TROUBLE}{_ASK}一下|{_TROUBLE}{_ASK}下|我想{_ASK}一下|我想{_ASK}|我想知道|我?想(?:了解|咨询|确认)(?:一下)?|咨询一下|"
    r"[请請][帮幫]我查一下|[帮幫]我查一下|[帮幫]我看看|[帮幫]忙查一下)[，,：:\s]*")
# greetings before it, thanks after it (你好，… / …？谢谢！)
_HELLO = re.compile(r"^\s*(?:你好|您好|[老]师好|hi|hello)[，,！!。\s]*", re.I)
_THANKS = re.compile(r"[，,。！!\s]*(?:谢谢|謝謝|多谢|多謝|谢了|謝了|感谢|感謝|麻烦了|麻煩了|辛苦了"
                     r"|(?:[麻][烦煩]|[请請])?(?:告[诉訴]我|告知|[说說]一下|回答一下|解答一下)(?:一下)?(?:[，,]?(?:谢谢|謝謝))?)"
                     r"[您你]?[啦了呀啊]?[！!。.~～\s]*$")
# Chinese is written without spaces: one between two characters (广州 长护险) parts nothing
_SPACE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
# a particle after a question's final particle (吗啊): the first one asks, the rest is tone
_STACKED = re.compile(r"(?<=[吗嗎么麼嘛呢啊呀吧])[啊呀呢哈哦啦嘛吧]+(?=[？?。！!\s]*$)")
# particles of tone alone (多少啊, 报啊): 呢 and 吧 stay, they ask (那宁波的呢, 是这样吧)
_TONE = re.compile(r"[啊呀哈哦啦]+(?=[？?。！!\s]*$)")


def plain_question(text: str) -> str:
    """``text`` without its courtesies; unchanged when nothing else would be left."""
    plain = _THANKS.sub("", _POLITE.sub("", _HELLO.sub("", text.strip())))
    plain = _SPACE.sub("", _TONE.sub("", _STACKED.sub("", plain)))
    plain = expand_series(plain)  # 一二三产 asks for 一产、二产、三产
    return plain if plain.strip("？?。！! ") else text
