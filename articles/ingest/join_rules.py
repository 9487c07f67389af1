"""The join decisions of the body, as ordered tables of named rules.

Two questions are asked of neighbouring text blocks:
- `CARRIES_ON`: does a short block visibly carry its sentence on into the next block (a column
  break), so that it is no subhead?
- `JOINS`: does the next block continue the open paragraph?

Each table is tried in order; the first rule that decides (True or False) wins, and when none does
the table's default stands. Every rule carries an example pair of blocks and what it decides on
them; `tests/ingest/test_join_rules.py` checks each example against its rule and the whole table, so
a new case is one new row with its example.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .lexicon import DANGLING_END, DANGLING_WORDS, title_words
from .people import name_at
from .repair import CONTINUATION_START, ends_sentence, quote_open
from .text import word_pattern
from .words import splits_word, tagged

# Word classes a finished phrase does not end on: adverbs, prepositions, conjunctions,
# particles, pronouns (jieba tags); plus lexicon.DANGLING_WORDS.
_DANGLING_TAGS = frozenset("d p c u uj ul uz ud ug uv y r".split())
# A quoted term opening a block ("顺风顺水"，…) and the mark or particle right after it.
_TERM_QUOTE = re.compile(r"^[“「‘]([^“”「」‘’。！？，；：]{1,16})[”」’](.?)")
_TITLE_END = word_pattern(title_words("J"), after="$")
_CLAUSE_END = re.compile(r"[，。；：！？,;:!?“”]")
_OPEN_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"))
LIST_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d+[.、．]|[\u2460-\u2473]|第[一二三四五六七八九十]+|首先|其次|其[一二三四]|最后|—|·|•)"
)

Decide = Callable[[str, str], "bool | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One named decision on a pair of blocks, with an example it decides."""

    name: str
    decide: Decide
    example: tuple[str, str]
    expect: bool


def first_decision(rules: tuple[Rule, ...], text: str, following: str, default: bool) -> bool:
    """The decision of the first rule that makes one, else the default."""
    for rule in rules:
        decided = rule.decide(text, following)
        if decided is not None:
            return decided
    return default


def _compact(text: str) -> str:
    return text.replace(" ", "")


def _last_word(text: str) -> tuple[str, str]:
    """The last word of text and its part-of-speech tag."""
    words = tagged(_compact(text)[-8:])
    return words[-1] if words else ("", "")


def _first_word(text: str) -> tuple[str, str]:
    words = tagged(text[:6])
    return words[0] if words else ("", "")


def _is_verb(tag: str) -> bool:
    return tag.startswith("v") and tag != "vn"


def _true_if(condition: bool) -> bool | None:
    return True if condition else None


def _adverbial_before_subject(text: str, following: str) -> bool | None:
    """A verbless phrase opened by a preposition (在…现场) before a clause that starts with its
    subject and verb. A subhead such as 在希望的田野上 has a verb, or is followed otherwise."""
    words = tagged(_compact(text))
    if len(words) < 2 or words[0][1] != "p" or any(_is_verb(tag) for _w, tag in words[1:]):
        return None
    clause_words = tagged(_CLAUSE_END.split(following, maxsplit=1)[0][:16])
    if not clause_words or not clause_words[0][1].startswith(("n", "r")):
        return None
    return _true_if(any(_is_verb(tag) for _w, tag in clause_words[1:]))


def _quoted_term(text: str, following: str) -> bool | None:
    """A quoted term opening the next block runs on when a comma follows it, or when the line
    before ends on a verb (大家都称赞 / “办得好”)."""
    quote = _TERM_QUOTE.match(following)
    if not quote:
        return None
    tag = _last_word(text)[1]
    return quote.group(2) in ("，", "、", ",") or _is_verb(tag)


CARRIES_ON: tuple[Rule, ...] = (
    Rule(
        "the next block opens on punctuation that continues a sentence",
        lambda text, following: _true_if(following[0] in CONTINUATION_START),
        ("说起食堂的生意", "，居民们都竖起了大拇指。"),
        True,
    ),
    Rule(
        "the block ends on a particle or preposition",
        lambda text, following: _true_if(text[-1] in DANGLING_END),
        ("食堂的饭菜和", "点心都很受欢迎。"),
        True,
    ),
    Rule(
        "a quotation or bracket is opened and not closed",
        lambda text, following: _true_if(
            any(text.count(left) > text.count(right) for left, right in _OPEN_PAIRS)
        ),
        ("他说“食堂", "办得真好”。"),
        True,
    ),
    Rule(
        "the seam splits a word",
        lambda text, following: _true_if(splits_word(_compact(text), following)),
        ("老人们在社区食", "堂吃上了热乎饭。"),
        True,
    ),
    Rule(
        "the clause is unfinished: the last word is an adverb, pronoun or conjunction",
        lambda text, following: _true_if(
            _last_word(text)[1] in _DANGLING_TAGS or _last_word(text)[0] in DANGLING_WORDS
        ),
        ("说起食堂如今的生意如此", "红火，居民们都笑了。"),
        True,
    ),
    Rule(
        "the next block opens on a particle",
        lambda text, following: _true_if(
            _first_word(following)[1].startswith("u") or _first_word(following)[0] in "的地得着"
        ),
        ("这是一座老房子", "的新生。"),
        True,
    ),
    Rule(
        "the next block opens on an adverb: a predicate, not a sentence",
        lambda text, following: _true_if(_first_word(following)[1] == "d"),
        ("社区新开的长者食堂", "将于下月开张。"),
        True,
    ),
    Rule(
        "a verb completes a clause opened by a preposition or adverb before the break",
        lambda text, following: _true_if(
            _first_word(following)[1] == "v"
            and any(t in ("p", "d") for _w, t in tagged(_compact(text)))
        ),
        ("记者从区民政局", "获悉，食堂下月开张。"),
        True,
    ),
    Rule(
        "the setting of the next sentence: a prepositional phrase before its subject",
        _adverbial_before_subject,
        ("在车站的施工现场", "工人们正在加紧施工。"),
        True,
    ),
    Rule(
        "a title, then its holder's name",
        lambda text, following: _true_if(bool(_TITLE_END.search(text)) and name_at(following, 0)),
        ("居委会主任", "张三告诉记者，食堂很受欢迎。"),
        True,
    ),
    Rule(
        "a quoted term opening the next block",
        _quoted_term,
        ("老街新生", "“顺风顺水”是他们的心愿。"),
        False,
    ),
)


def _after_sentence(paragraph: str, following: str) -> bool | None:
    """A finished sentence ends the paragraph, unless a quotation is still open and the next
    block does not reopen one (Chinese style repeats “ at each quoted paragraph)."""
    if not ends_sentence(paragraph):
        return None
    return quote_open(paragraph) and not following.startswith("“")


def _after_colon(paragraph: str, following: str) -> bool | None:
    if not paragraph.endswith(("：", ":")):
        return None
    return not (following.startswith(("“", "「")) or LIST_MARKER.match(following))


def _after_semicolon(paragraph: str, following: str) -> bool | None:
    if not paragraph.endswith(("；", ";")):
        return None
    return not (LIST_MARKER.match(following) or LIST_MARKER.match(paragraph))


JOINS: tuple[Rule, ...] = (
    Rule(
        "a finished sentence ends the paragraph unless a quotation runs on",
        _after_sentence,
        ("食堂正式开张了。", "附近居民排起了长队。"),
        False,
    ),
    Rule(
        "a colon opens a quotation or a list in new paragraphs, else runs on",
        _after_colon,
        ("食堂有三个特点：", "一是价格实惠。"),
        False,
    ),
    Rule(
        "a semicolon between list items ends the item, else runs on",
        _after_semicolon,
        ("一是价格实惠；", "二是菜品丰富。"),
        False,
    ),
)
# Anything else stops mid-sentence: the next block carries it on.
JOINS_BY_DEFAULT = True
CARRIES_ON_BY_DEFAULT = False
