"""Titles printed next to a person's name: the words that can end one and how far one runs."""

from __future__ import annotations

import re

from .lexicon import (
    BODY_ENDS,
    COMPOUND_SURNAMES,
    FIELD_JOINERS,
    NOT_TITLES,
    PEOPLE_NOUNS,
    POST_RANKS,
    STATUSES,
    SURNAMES,
    TITLE_CHARS,
    TITLE_STOP_VERBS,
    TITLE_STOP_WORDS,
    TITLE_VERBS,
    TRANSLITERATION,
    title_words,
)
from .text import CJK_RANGES, alternation, is_cjk, word_pattern
from .words import tagged, tokens

# A character that can open a name: a surname's or a transliteration's.
_NAME_START = "".join(sorted(SURNAMES | TRANSLITERATION | {s[0] for s in COMPOUND_SURNAMES}))


# A title phrase runs back from its head word (lexicon.TITLE_WORDS); other titles are found by
# their last character (lexicon.TITLE_CHARS).
_HEAD_WORDS = title_words("H")
TITLE_HEAD = word_pattern(_HEAD_WORDS, after=f"(?=[{CJK_RANGES}])")
SUFFIX_HEAD = re.compile(f"[{''.join(TITLE_CHARS)}](?<=[{CJK_RANGES}].)(?=[{_NAME_START}])")
# A post printed right after the name (张三区长, 李四副教授): the name's first mention.
AFTER_NAME = word_pattern(title_words("A"), after="(?!们)")
# A rank printed before the post: 张三副教授, 李四总书记.
POST_RANK = re.compile(alternation(POST_RANKS) + "$")
POST_BEFORE_MARK = word_pattern(title_words("M"), after="、$")
_GROUP_WORD = word_pattern(_HEAD_WORDS, after="$")
# Part-of-speech tags that end a title phrase when reading backwards (adverbs, pronouns,
# prepositions, conjunctions, particles, time words, punctuation).
STOP_TAGS = frozenset("d r p c u uj ul uz ud ug uv y e o t x".split())
# A count before a title (一家企业负责人, 两位社区民警) is not part of it.
COUNT = re.compile(r"^[一二两三几数多每]+[位名家个户]$")
_TITLE_MAX = 25
# A short name in quotes before a title word belongs to it: “宝怡乐”创始人.
_PLACE_END = tuple("省市区县镇乡村")
_QUOTED_BEFORE = re.compile(f'[“"][{CJK_RANGES}A-Za-z0-9]{{1,10}}[”"]$')


def suffix_title_at(text: str, end: int) -> str | None:
    """The occupation noun ending at end and found by its last character, or None."""
    left = max(0, end - 5)
    for word, start, stop in tokens(text[left : end + 1]):
        if stop == end - left and len(word) >= 2 and word not in NOT_TITLES:
            tag = tagged(word)[0][1]
            return word if tag.startswith("n") and not tag.startswith("nr") else None
        if start < end - left < stop:
            return None  # a word runs on across the end: 专家组, 工作人员们
    return None


def _is_field(word: tuple[str, str]) -> bool:
    """A noun that can name a field of government work (住房, 文化); not a person's name."""
    text, tag = word
    if len(text) < 2 or text in PEOPLE_NOUNS or tag == "nr" or _GROUP_WORD.search(text):
        return False  # 志愿者和居委会主任: two parties, not one body's two fields
    return tag in ("n", "vn", "l", "nz") or tag.startswith("n")


def _field_before(words: list[tuple[str, str]], index: int) -> int:
    """How many words before index name the field joined by 和: 1 (文化), 2 (住房保障), or 0."""
    before = words[index - 1] if index else None
    if before is None:
        return 0
    if _is_field(before):
        return 1
    # A noun-verb field such as 住房保障 or 生态保护: the dictionary tags its verb as a verb.
    if before[1] == "v" and len(before[0]) == 2 and index >= 2:
        noun = words[index - 2]
        if _is_field(noun) and noun[0] not in TITLE_STOP_WORDS:
            return 2
    return 0


def _joins_fields(words: list[tuple[str, str]], index: int, after: list[str]) -> int:
    """Words before 和 that join it to one body's name (发展和改革委员会), or 0 for two people."""
    size = _field_before(words, index)
    if size and any(suffix in word for word in after for suffix in BODY_ENDS):
        return size
    return 0


def _inside_body_name(words: list[tuple[str, str]], index: int, kept: list[str]) -> bool:
    """True when the verb at index sits between a field noun and a body's noun."""
    before, before_tag = words[index - 1]
    after, after_tag = words[index + 1] if index + 1 < len(words) else ("", "")
    return (
        kept
        and before not in TITLE_STOP_WORDS
        and before not in PEOPLE_NOUNS
        and (before_tag.startswith("n") or before_tag == "m" and before.startswith("第"))
        and before_tag != "nr"
        # 欢迎奉贤区委书记: a person's or a place's name after the verb opens a new phrase.
        and (after_tag.startswith("n") and not after_tag.startswith(("nr", "ns")) or after == "所")
        and (len(before) > 1 or before_tag == "ng")
    )


def _window(text: str, end: int) -> str:
    """The text before end back to the last punctuation mark, at most _TITLE_MAX long."""
    window = text[max(0, end - _TITLE_MAX) : end]
    for i in range(len(window) - 1, -1, -1):
        ch = window[i]
        if not (is_cjk(ch) or ch.isalnum() or ch == "·"):
            return window[i + 1 :]
    return window


def title_before(text: str, end: int) -> str | None:
    """The title phrase printed right before position end, read back word by word."""
    words = tagged(_window(text, end))
    kept: list[str] = []
    index = len(words) - 1
    while index >= 0:
        word, tag = words[index]
        joined = _joins_fields(words, index, kept) if kept and word in FIELD_JOINERS else 0
        if joined:
            kept[:0] = [w for w, _t in words[index - joined : index + 1]]
            index -= joined + 1
            continue
        verb_stop = (
            tag.startswith("v") and tag != "vn" and (len(word) > 1 or word in TITLE_STOP_VERBS)
        )
        # A verb between two nouns belongs to a body's name: 事务受理服务中心, 征收所, 节能技术.
        if verb_stop and len(word) > 1 and index > 0 and _inside_body_name(words, index, kept):
            verb_stop = False
        if tag == "c" and word == "所" and kept and index > 0:
            tag = "n"  # 征收所: the dictionary reads the office's 所 as a conjunction
        if (
            kept
            and word not in TITLE_VERBS
            and (tag in STOP_TAGS or word in TITLE_STOP_WORDS or verb_stop or COUNT.match(word))
        ):
            break
        kept.insert(0, word)
        index -= 1
    title = "".join(kept)
    if not title:
        return None
    start = end - len(title)
    quoted = _QUOTED_BEFORE.search(text, max(0, start - 12), start) if index < 0 else None
    if quoted:
        title = "“" + quoted.group()[1:-1] + "”" + title
        start = quoted.start()
    # 区委副书记、区长张三: the post before the 、 is part of the same person's title.
    if start > 0 and POST_BEFORE_MARK.search(text, max(0, start - 8), start):
        first = title_before(text, start - 1)
        if first:
            return f"{first}、{title}"
    return title


def modifier_before(text: str, end: int) -> str:
    """A place or body printed right before a name that a title follows (杨浦区张三区长)."""
    window = _window(text, end)
    if not window:
        return ""
    word, tag = tagged(window)[-1]
    if tag.startswith("nr") and word.endswith(_PLACE_END):
        tag = "ns"  # 杨浦区: the dictionary reads some district names as people's names
    if tag in STOP_TAGS or tag.startswith(("v", "m", "nr")) or len(word) < 2:
        return ""  # 浦东新区的张三区长: a 的 modifier is not part of the title
    return title_before(text, end) or ""


def ends_in_head_word(text: str) -> bool:
    """True when text ends in one of the listed title words (书记, 理事长, 志愿者)."""
    return bool(_GROUP_WORD.search(text))


def is_status(title: str) -> bool:
    """True for a status printed like a title (居民, 灯塔村村民) that is no title."""
    return title.endswith(tuple(STATUSES))
