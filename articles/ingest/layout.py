"""Page layout: lines into blocks, blocks into sections split by wide gaps."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .bylines import caption_credits
from .repair import fix_punctuation
from .text import clean_line

ARTICLE_GAP = 3  # blank lines between articles, and before a photo caption
TITLE_MAX_CHARS = 40
_CAPTION_OPENERS = re.compile(
    r"^(?:[\u2460-\u2473\u2776-\u277f▲△►]|图为|[上下左右]图|图[一二三四五六\d]?[:：]|图片说明[:：])"
)


@dataclass(slots=True)
class RawBlock:
    """Consecutive non-blank lines, with the blank lines that preceded them."""

    text: str
    first_line: int
    last_line: int
    blank_before: int
    light: str = ""  # text with punctuation restored, enough to judge the block's shape

    def __post_init__(self) -> None:
        self.light = fix_punctuation(self.text).strip()


def split_blocks(text: str) -> list[RawBlock]:
    """Group the page's lines into blocks separated by blank lines."""
    blocks: list[RawBlock] = []
    current: list[str] = []
    first = blanks = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = clean_line(raw).strip()
        if not line:
            if current:
                blocks.append(RawBlock(" ".join(current), first, number - 1, blanks))
                current, blanks = [], 0
            blanks += 1
            continue
        if not current:
            first = number
        current.append(line)
    if current:
        blocks.append(RawBlock(" ".join(current), first, first + len(current) - 1, blanks))
    return blocks


def split_sections(blocks: list[RawBlock]) -> list[list[RawBlock]]:
    """Cut the block list at every gap of ARTICLE_GAP or more blank lines."""
    sections: list[list[RawBlock]] = []
    for block in blocks:
        if not sections or block.blank_before >= ARTICLE_GAP:
            sections.append([block])
        else:
            sections[-1].append(block)
    return sections


def compact_len(text: str) -> int:
    """Length without spaces."""
    return len(text) - text.count(" ")


def is_title_like(text: str) -> bool:
    """Short, no full stop, not ending mid-clause: could be a title line."""
    if "。" in text or compact_len(text) > TITLE_MAX_CHARS:
        return False
    return not text.endswith(("，", "、", "；", ",", ";"))


def is_caption_like(text: str) -> bool:
    """Opens with ①/图为/▲ or ends with a photographer's credit."""
    if _CAPTION_OPENERS.match(text):
        return True
    return bool(caption_credits(text)) or text.endswith((" 摄", "摄)", "摄）"))
