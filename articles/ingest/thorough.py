"""The thorough people pass: names the statistical tagger (thulac) finds that the rules missed.

thulac tags person names far better than the dictionary the rules use, but reads about 2 k
characters a second on one core, too slow for the load path. So it runs as a second pass over an
article's texts, and each name it proposes must still pass the rules: a plausible Chinese or
transliterated name, no honorific form (王女士), nobody already credited, and the title printed
before it read by the same rules as the first pass.
"""

from __future__ import annotations

import contextlib
import gc
import io
import re
import warnings
from dataclasses import dataclass
from functools import cache

from .lexicon import FAMILIAR_PREFIXES, HONORIFICS, NOT_IN_GIVEN_NAMES, PLACE_SUFFIXES
from .model import Mention, ParsedArticle, ParsedDocument
from .names import looks_like_name, surname_length
from .person_titles import TITLE_HEAD, is_status, suffix_title_at, title_before
from .words import tagged, tokens

# thulac's tag for a person's name, and for a place's.
_PERSON = "np"
_PLACE = "ns"
# A credit names the staff who made the article, who are bylines, not people it mentions.
_CREDIT_BEFORE = re.compile(r"(?:记者|评论员|通讯员|编辑|摄影|制图|实习生|/)[:：]?\s*$")
_CREDIT_AFTER = re.compile(r"^\s*(?:摄|/|[（(]?(?:记者|通讯员))")
# A name opening a named place or body is part of its name: 张马村, 荣华居民区, 庄行代表团.
_PLACE_END = tuple("室馆路街村镇区园站桥弄巷坊苑厅楼院校团沙岛江湖")


@cache
def tagger():
    """The thulac model, loaded once per process (a few seconds and about 1.3 GB of memory)."""
    import thulac  # noqa: PLC0415 - heavy: only the thorough pass pays for it

    # thulac prints a greeting and leaves its model files for the garbage collector to close.
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore", ResourceWarning)
        model = thulac.thulac()
        gc.collect()
    return model


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    tag: str
    start: int


def _words(text: str) -> list[_Word]:
    """thulac's words for text, each with its offset."""
    words, at = [], 0
    for word, tag in tagger().cut(text):
        start = text.find(word, at)
        if start < 0:
            continue  # thulac normalised something; the next word finds its place again
        at = start + len(word)
        words.append(_Word(word, tag, start))
    return words


def _title_at(text: str, start: int) -> str | None:
    """The title printed right before a name at start, by the first pass's rules."""
    head = next((m for m in TITLE_HEAD.finditer(text, max(0, start - 6), start)), None)
    if head is None or head.end() != start:
        if not suffix_title_at(text, start):
            return None
    title = title_before(text, start)
    if not title or is_status(title) or text[start - len(title) - 1 : start - len(title)] == "的":
        return None
    return title


def _plausible(name: str) -> bool:
    """A full Chinese name with a known surname and no everyday word inside, by the rules."""
    surname = surname_length(name)
    if not 2 <= len(name) <= 4 or not surname or not looks_like_name(name, strict=False):
        return False
    if NOT_IN_GIVEN_NAMES.intersection(name[surname:]):
        return False  # 季以: a function character is no given name's
    first, tag = tagged(name)[0]
    # 田园梦, 徐汇闵: the "surname" opens an everyday word.
    return len(first) == surname or tag.startswith("nr") and first == name


def _in_context(text: str, words: list[_Word], i: int) -> bool:
    """True when the name at words[i] is a person mentioned, not a credit or part of a place."""
    word = words[i]
    end = word.start + len(word.text)
    before, after = text[max(0, word.start - 5) : word.start], text[end : end + 4]
    if _CREDIT_BEFORE.search(before) or _CREDIT_AFTER.match(after):
        return False
    if (
        before[-1:] in FAMILIAR_PREFIXES
        or _runs_across(text, word.start)
        or _runs_across(text, end)
    ):
        return False  # 小李理发: a familiar form; 马尔可夫: a longer word
    if text.startswith(HONORIFICS, end) or text.startswith(HONORIFICS, end - 1):
        return False  # 王女士, 李老伯
    if _PERSON in (_neighbour(words, i, -1), _neighbour(words, i, 1)):
        return False  # a run of bare names is a credit line
    following = [tagged(tokens(after)[0][0])[0]] if after else []
    if i + 1 < len(words):
        following.append((words[i + 1].text, words[i + 1].tag))
    if any(w.endswith(_PLACE_END) and not tag.startswith("v") for w, tag in following):
        return False  # 张马村, 吉如家园, 鲁迅存书室
    return not _inside_parentheses(text, word.start)


def _neighbour(words: list[_Word], i: int, step: int) -> str:
    """The tag of the next word before (step -1) or after (step 1) words[i], past spaces."""
    at = i + step
    while 0 <= at < len(words) and not words[at].text.strip():
        at += step
    return words[at].tag if 0 <= at < len(words) else ""


def _runs_across(text: str, at: int) -> bool:
    """True when a dictionary word runs across position at."""
    left = max(0, at - 3)
    return any(s + left < at < e + left and e - s > 2 for _w, s, e in tokens(text[left : at + 3]))


def _names_a_place(name: str, texts: list[str]) -> bool:
    """True for a place's short name (杨浦 of 杨浦区, 张马 of 张马村), which thulac may tag np."""
    for suffix in PLACE_SUFFIXES:
        place = name + suffix
        if len(tagged(place)) == 1 or any(place in text for text in texts):
            return True
    return False


def _inside_parentheses(text: str, at: int) -> bool:
    """True inside a short parenthesis, where credits stand: 电（张三 李四）."""
    opening = max(text.rfind("(", 0, at), text.rfind("（", 0, at))
    if opening < 0 or at - opening > 20:
        return False
    closing = min((p for p in (text.find(")", at), text.find("）", at)) if p >= 0), default=-1)
    return closing >= 0 and not any(mark in text[opening:closing] for mark in "，,。")


def thorough_people(texts: list[str], exclude: set[str], known: set[str]) -> list[Mention]:
    """People the tagger finds in texts beyond the names in known, in order of first mention."""
    titles: dict[str, str | None] = {}
    for text in texts:
        words = _words(text)
        for i, word in enumerate(words):
            name = word.text
            if word.tag != _PERSON or name in exclude or name in known or not _plausible(name):
                continue
            if any(name in other for other in known | exclude if other != name):
                continue  # part of a longer name already found (约翰·史密斯, 欧阳晓东)
            if not _in_context(text, words, i) or _names_a_place(name, texts):
                continue
            title = _title_at(text, word.start)
            if titles.get(name) is None:
                titles[name] = title
    return [Mention(name, title) for name, title in titles.items()]


def article_texts(article: ParsedArticle) -> list[str]:
    """The texts the people passes read: title lines, then the body blocks."""
    lines = [article.kicker or "", article.headline, *article.subheadline]
    return [*(line for line in lines if line), *(block.text for block in article.blocks)]


def add_thorough_people(document: ParsedDocument) -> int:
    """Add the thorough pass's people to every article of a parsed page; how many it added."""
    added = 0
    for article in document.articles:
        exclude = {b.name for b in article.bylines} | set(article.photo_credits)
        known = {m.name for m in article.people}
        extra = thorough_people(article_texts(article), exclude, known)
        article.people.extend(extra)
        added += len(extra)
    return added
