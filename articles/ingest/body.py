"""Body assembly: rejoin column breaks, tell subheads from fragments, place captions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .layout import compact_len
from .model import Block
from .people import name_at
from .repair import (
    CONTINUATION_START,
    SENTENCE_END,
    ends_sentence,
    join_fragments,
    quote_open,
    repair_body,
    repair_title,
)
from .words import splits_word, tagged

SUBHEAD_MAX_CHARS = 30
# A subhead that asks a question is short: a longer question is a paragraph of its own.
QUESTION_MAX_CHARS = 20
# A title never ends on a particle or preposition; a text fragment often does.
DANGLING_END = frozenset("的和与及或而并把被对向从给让使将比更很最都也还就又在是于以之其这那该每各")
# Word classes a finished phrase does not end on: adverbs, prepositions, conjunctions,
# particles, pronouns (jieba tags); plus adverbs the dictionary tags otherwise.
_DANGLING_TAGS = frozenset("d p c u uj ul uz ud ug uv y r".split())
_DANGLING_WORDS = frozenset(
    {"正在", "十分", "非常", "已经", "可以", "能够", "如此", "这样", "那样"}
)
# A quoted term opening a block ("顺风顺水"，…) and the mark or particle right after it.
_TERM_QUOTE = re.compile(r"^[“「‘]([^“”「」‘’。！？，；：]{1,16})[”」’](.?)")
_TITLE_END = re.compile(r"(?:书记|主任|局长|部长|镇长|区长|经理|负责人|队长|院长|校长)$")
_CLAUSE_END = re.compile(r"[，。；：！？,;:!?“”]")
_OPEN_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"))
_LIST_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d+[.、．]|[\u2460-\u2473]|第[一二三四五六七八九十]+|首先|其次|其[一二三四]|最后|—|·|•)"
)


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


def _last_word(text: str) -> tuple[str, str]:
    """The last word of text and its part-of-speech tag."""
    words = tagged(text.replace(" ", "")[-8:])
    return words[-1] if words else ("", "")


def _is_verb(tag: str) -> bool:
    return tag.startswith("v") and tag != "vn"


def _adverbial_before_subject(text: str, following: str) -> bool:
    """True for a verbless phrase opened by a preposition (在…现场) followed by a clause that
    starts with its subject and verb: one sentence cut by a column break, not a subhead.
    A subhead such as 在希望的田野上 has a verb, or a paragraph that opens differently."""
    words = tagged(text.replace(" ", ""))
    if len(words) < 2 or words[0][1] != "p" or any(_is_verb(tag) for _w, tag in words[1:]):
        return False
    clause = _CLAUSE_END.split(following, maxsplit=1)[0][:16]
    clause_words = tagged(clause)
    if not clause_words or not clause_words[0][1].startswith(("n", "r")):
        return False
    return any(_is_verb(tag) for _w, tag in clause_words[1:])


def _continues_into(text: str, following: str) -> bool:
    """True when the next block visibly carries on text's sentence (a column break)."""
    if following[0] in CONTINUATION_START or text[-1] in DANGLING_END:
        return True
    if any(text.count(left) > text.count(right) for left, right in _OPEN_PAIRS):
        return True  # a quotation or bracket opened and not closed
    if splits_word(text.replace(" ", ""), following):
        return True
    word, tag = _last_word(text)
    if tag in _DANGLING_TAGS or word in _DANGLING_WORDS:
        return True  # 工作如此 / 正在 / 我们: the clause is not finished
    first_word, first_tag = tagged(following[:6])[0]
    if first_tag.startswith("u") or first_word in "的地得着":
        return True  # the next block opens on a particle (…的历史)
    if first_tag == "d":
        return True  # …长者食堂 / 将于下月开张: an adverb opens a predicate, not a sentence
    if first_tag == "v" and any(t in ("p", "d") for _w, t in tagged(text.replace(" ", ""))):
        return True  # 记者从区民政局 / 获悉: a clause started before the break needs its verb
    if _adverbial_before_subject(text, following):
        return True  # 在车站的施工现场 / 工人们正在…: the setting of the next sentence
    if _TITLE_END.search(text) and name_at(following, 0):
        return True  # 居委会主任 / 张三告诉记者: a title and its holder's name
    quote = _TERM_QUOTE.match(following)
    if quote:
        # A quoted term followed by a comma runs on from the line before; so does one
        # right after a verb (大家都称赞 / “办得好”).
        after = quote.group(2)
        return after in ("，", "、", ",") or (tag.startswith("v") and tag != "vn")
    return False


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
    if ends_sentence(paragraph):
        # A quotation still open runs on, unless the next paragraph reopens it (Chinese style).
        return quote_open(paragraph) and not following.startswith("“")
    if paragraph.endswith(("：", ":")):
        return not (following.startswith(("“", "「")) or _LIST_MARKER.match(following))
    if paragraph.endswith(("；", ";")):
        return not (_LIST_MARKER.match(following) or _LIST_MARKER.match(paragraph))
    return True


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
