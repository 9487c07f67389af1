"""Repairs for OCR damage: half-width punctuation, stray spaces, sentence ends."""

from __future__ import annotations

import re

from .text import CJK_PUNCT, CJK_RANGES, is_chinese_context, is_cjk
from .words import splits_word

_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,80})\)")
_HALF = re.compile(r"[,:;!?()]")
_CHINESE_CLASS = f"{CJK_RANGES}{re.escape(CJK_PUNCT)}"
# A space run with Chinese on both sides: never meaningful in body text.
_SPACE_BETWEEN_CHINESE = re.compile(f"(?<=[{_CHINESE_CLASS}]) +(?=[{_CHINESE_CLASS}])")
_SPACE_RUN = re.compile(r" {2,}")
SENTENCE_END = "。！？…"
_CLOSERS = "”’」』）)》"
_PARTICLES = "的地得之"
CONTINUATION_START = "，。、；：？！”’）》…,.;:?!)"


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest non-space character from index in direction step, or ''."""
    index += step
    while 0 <= index < len(text) and text[index] == " ":
        index += step
    return text[index] if 0 <= index < len(text) else ""


def fix_punctuation(text: str) -> str:
    """Restore full-width ，：；！？（） next to Chinese; keep 1,000 and 11:30 and Latin text."""
    if not _HALF.search(text):
        return text

    def pair(match: re.Match[str]) -> str:
        inner = match.group(1)
        before = _neighbour(text, match.start(), -1)
        after = _neighbour(text, match.end() - 1, 1)
        chinese = any(is_cjk(ch) for ch in inner) or is_chinese_context(before)
        if chinese or is_chinese_context(after):
            return f"（{inner}）"
        return match.group()

    text = _PAREN_PAIR.sub(pair, text)

    def single(match: re.Match[str]) -> str:
        mark, at = match.group(), match.start()
        before, after = _neighbour(text, at, -1), _neighbour(text, at, 1)
        if mark in ",:" and before.isdigit() and after.isdigit():
            return mark  # 1,000 and 11:30
        if is_chinese_context(before) or is_chinese_context(after):
            return _FULL[mark]
        return mark

    return _HALF.sub(single, text)


def repair_body(text: str) -> str:
    """Repair a body block: full-width punctuation, no spaces between Chinese characters."""
    text = fix_punctuation(text.strip())
    text = _SPACE_BETWEEN_CHINESE.sub("", text)
    return _SPACE_RUN.sub(" ", text)


def repair_title(text: str) -> str:
    """Repair a title line: drop OCR spaces that cut words, keep spaces between phrases."""
    text = _SPACE_RUN.sub(" ", fix_punctuation(text.strip()))
    parts = text.split(" ")
    if len(parts) == 1:
        return text
    for left, right in zip(parts, parts[1:], strict=False):
        lone = (len(left) == 1 and is_cjk(left)) or (len(right) == 1 and is_cjk(right))
        # No phrase of a title ends on a structural particle: 家门口的 “小修小补”.
        if lone or left[-1] in _PARTICLES or splits_word(left, right):
            # Letter-spacing damage hits a whole line, so every Chinese-Chinese space goes.
            return _SPACE_BETWEEN_CHINESE.sub("", text)
    return text


def ends_sentence(text: str) -> bool:
    """True when text ends at 。！？… or at a closing quote or bracket right after one."""
    text = text.rstrip()
    if text and text[-1] in SENTENCE_END:
        return True
    stripped = text.rstrip(_CLOSERS)
    return stripped != text and bool(stripped) and stripped[-1] in SENTENCE_END


def quote_open(text: str) -> bool:
    """True when a “ quotation is still open at the end of text."""
    return text.count("“") > text.count("”")


def join_fragments(left: str, right: str) -> str:
    """Join two pieces of one paragraph split by a column break."""
    if left and right and left[-1].isascii() and right[0].isascii():
        if left[-1].isalpha() and right[0].isalpha():
            return f"{left} {right}"
    return left + right
