"""Body assembly: rejoin column breaks, tell subheads from fragments, place captions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .join_rules import (
    CARRIES_ON,
    CARRIES_ON_BY_DEFAULT,
    JOINS,
    JOINS_BY_DEFAULT,
    first_decision,
)
from .layout import compact_len
from .model import Block
from .repair import SENTENCE_END, ends_sentence, join_fragments, repair_body, repair_title

SUBHEAD_MAX_CHARS = 30
# A subhead that asks a question is short: a longer question is a paragraph of its own.
QUESTION_MAX_CHARS = 20


@dataclass(slots=True)
class BodyItem:
    """A body block before assembly: text (paragraph or subhead) or caption."""

    kind: Literal["text", "caption"]
    text: str


def _is_candidate(text: str, previous: str | None) -> bool:
    """Short and without sentence punctuation after a finished paragraph: maybe a subhead.
    A subhead may ask a question (民宿怎样“讲故事”？) but holds at most one comma."""
    if compact_len(text) > SUBHEAD_MAX_CHARS or any(mark in text for mark in "。；"):
        return False
    if text.count("，") > 1 or text.endswith(("，", "、", "：", ",", ":")):
        return False
    question = text[-1] == "？" and "，" not in text and compact_len(text) <= QUESTION_MAX_CHARS
    if text[-1] in SENTENCE_END and not question:
        return False
    return previous is None or ends_sentence(previous)


def _continues_into(text: str, following: str) -> bool:
    """True when the next block visibly carries on text's sentence (a column break)."""
    return first_decision(CARRIES_ON, text, following, CARRIES_ON_BY_DEFAULT)


def choose_subheads(texts: list[str]) -> set[int]:
    """Indexes of text blocks that are subheads rather than fragments before a column break."""
    candidates: list[int] = []
    for i, text in enumerate(texts):
        previous = texts[i - 1] if i else None
        following = texts[i + 1] if i + 1 < len(texts) else None
        if following and _is_candidate(text, previous) and not _continues_into(text, following):
            candidates.append(i)
    chosen: set[int] = set()
    for i in candidates:
        if i - 1 not in chosen:  # two in a row: the second is the next paragraph's fragment
            chosen.add(i)
    return chosen


def _should_join(paragraph: str, following: str) -> bool:
    """True when the next text block continues the paragraph across a column break."""
    return first_decision(JOINS, paragraph, following, JOINS_BY_DEFAULT)


def item_roles(items: list[BodyItem]) -> list[str]:
    """The rules' role of every body item: caption, subhead, paragraph (opens one) or
    continuation (carries the open paragraph on across a column break or a caption)."""
    texts = [item.text for item in items if item.kind == "text"]
    subheads = choose_subheads(texts)
    roles: list[str] = []
    paragraph = ""
    text_index = 0
    for item in items:
        if item.kind == "caption":
            roles.append("caption")
            if paragraph and ends_sentence(paragraph):
                paragraph = ""  # the caption follows a finished paragraph
            continue
        is_subhead = text_index in subheads
        text_index += 1
        if is_subhead:
            roles.append("subhead")
            paragraph = ""
        elif paragraph and _should_join(paragraph, item.text):
            roles.append("continuation")
            paragraph = join_fragments(paragraph, item.text)
        else:
            roles.append("paragraph")
            paragraph = item.text
    return roles


def assemble_body(items: list[BodyItem], roles: list[str] | None = None) -> list[Block]:
    """Turn body items into paragraphs, subheads and captions in reading order.

    `roles` (one per item, as `item_roles` gives them) says which text opens a paragraph and
    which continues it; without it the rules decide. A caption inside a paragraph that carries
    on after it is placed after the whole paragraph."""
    roles = roles if roles is not None else item_roles(items)
    blocks: list[Block] = []
    paragraph = ""
    held: list[Block] = []  # captions that interrupted the open paragraph

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            blocks.append(Block("paragraph", repair_body(paragraph)))
            paragraph = ""
        blocks.extend(held)
        held.clear()

    for i, (item, role) in enumerate(zip(items, roles, strict=True)):
        if role == "caption":
            caption = Block("caption", repair_body(item.text))
            following = next((r for r in roles[i + 1 :] if r != "caption"), None)
            if paragraph and following == "continuation":
                held.append(caption)
            else:
                flush()
                blocks.append(caption)
        elif role == "subhead":
            flush()
            blocks.append(Block("subhead", repair_title(item.text)))
        elif role == "continuation" and paragraph:
            paragraph = join_fragments(paragraph, item.text)
        else:
            flush()
            paragraph = item.text
    flush()
    return blocks
