"""People named in an article, with the title printed next to their name."""

from __future__ import annotations

import re

from .lexicon import (
    AMBIGUOUS_SURNAMES,
    ASPECT_PARTICLES,
    COMPOUND_SURNAMES,
    HONORIFICS,
    KINSHIP_WORDS,
    NOT_NAME_ENDS,
    SPEECH_VERBS,
    TRANSLITERATION,
)
from .model import Mention
from .names import looks_like_name, surname_length
from .person_titles import (
    AFTER_NAME,
    POST_RANK,
    SUFFIX_HEAD,
    TITLE_HEAD,
    ends_in_head_word,
    is_status,
    modifier_before,
    suffix_title_at,
    title_before,
)
from .text import CJK_RANGES, is_cjk, word_pattern
from .words import tagged, tokens

_SPEECH = word_pattern(SPEECH_VERBS)
_PAUSE = frozenset("，,。、；;：:！!？?”」）)")
# Words before a name that say who the person is without a title: an age (62岁的) or a
# relationship (奶奶, 她的丈夫, 邻居).
_AGE = re.compile(r"[0-9０-９一二三四五六七八九十百]{1,3}多?岁(?:的|老人)?")
_KIN = word_pattern(KINSHIP_WORDS, after=f"(?=[{CJK_RANGES}])")
# A name that opens a clause and is then described: 张三是社区党支部书记 / 张三，居委会主任，
_DESCRIBED = re.compile(rf"(?:^|[，,。；;：:！!？?”\s])([{CJK_RANGES}]{{2,4}})(?=是|[，,])")
_DESCRIPTION = re.compile(
    rf"(?:一名|一位|一个|位|名)?([{CJK_RANGES}“”]{{2,24}}?)(?=[，,。；;！!？?])"
)
# A title in quotes right before a name: “老书记”张三.
_QUOTED_TITLE = re.compile(rf"[“\"]([{CJK_RANGES}]{{1,8}})[”\"](?=[{CJK_RANGES}])")
_DOT = "·"
_DOTS = re.compile(f"·(?<=[{CJK_RANGES}]·)(?=[{CJK_RANGES}])")


def _translit_run(text: str, start: int, step: int) -> int:
    """Where a run of transliteration characters from start (step 1 or -1) stops."""
    at = start
    while 0 <= at < len(text) and text[at] in TRANSLITERATION:
        at += step
    return at


def _dotted_name_at(text: str, start: int) -> str | None:
    """A transliterated name starting at start (约翰·史密斯), up to its last foreign character."""
    end = _translit_run(text, start, 1)
    if end == start or end - start > 6 or not text.startswith(_DOT, end):
        return None
    while text.startswith(_DOT, end):
        after = _translit_run(text, end + 1, 1)
        if after == end + 1:
            return None
        end = after
    return text[start:end]


def _dotted_name_before(text: str, end: int) -> str | None:
    """A transliterated name ending at end (…约翰·史密斯说), or None."""
    start = _translit_run(text, end - 1, -1) + 1
    if start == end or start == 0 or text[start - 1] != _DOT:
        return None
    while start > 0 and text[start - 1] == _DOT:
        before = _translit_run(text, start - 2, -1) + 1
        if before == start - 1:
            return None
        start = before
    if start > 0 and (is_cjk(text[start - 1]) and text[start - 1] in TRANSLITERATION):
        return None
    return text[start:end]


def _given_length(text: str, start: int, given: int) -> int:
    """One or two characters of given name after the surname at start."""
    third = text[given + 1 : given + 2]
    if not third or not is_cjk(third) or third in NOT_NAME_ENDS:
        return 1
    if text[given + 2 : given + 3] in ASPECT_PARTICLES and tagged(third)[0][1].startswith("v"):
        return 1  # 张三忙着搬家
    # The third character belongs to the name unless a word (表示, 总结) starts there.
    starts = {s for _w, s, e in tokens(text[start : start + 6]) if e - s >= 2}
    return 1 if (given + 1 - start) in starts else 2


def name_at(text: str, start: int) -> str | None:
    """The personal name starting at start, deciding between two and three characters."""
    dotted = _dotted_name_at(text, start)
    if dotted:
        return dotted
    surname = surname_length(text[start : start + 2])
    if not surname:
        return None
    words = tagged(text[start : start + 6])
    if len(words[0][0]) > surname and not words[0][1].startswith("nr"):
        return None  # 教授解读, 居民全过程: the "surname" opens an ordinary word
    given = start + surname
    if given >= len(text) or not is_cjk(text[given]):
        return None
    if text[given] in NOT_NAME_ENDS:
        # 张得志表示: a function character can open a given name that a pause or verb ends.
        end = given + 2
        if text[given + 1 : end] in NOT_NAME_ENDS or not (
            end >= len(text) or text[end] in _PAUSE or _SPEECH.match(text, end)
        ):
            return None
        name = text[start:end]
    elif text.startswith(HONORIFICS, given):
        return None  # 王女士, 周阿婆
    else:
        name = text[start : given + _given_length(text, start, given)]
    if text.startswith(_DOT, start + len(name)):
        return None  # a dotted run that is no foreign name (栏目名·…)
    # 张三阿姨 is a full name with an honorific; 张阿姨 and 小张阿姨 are not.
    if len(name) - surname < 2 and text.startswith(HONORIFICS, start + len(name)):
        return None
    return name if looks_like_name(name, strict=False) else None


def _name_before(text: str, end: int) -> str | None:
    """The full personal name ending at end (张三区长), or None."""
    dotted = _dotted_name_before(text, end)
    if dotted:
        return dotted
    for size in (4, 3, 2):
        start = end - size
        if start < 0:
            continue
        candidate = text[start:end]
        if size == 4 and candidate[:2] not in COMPOUND_SURNAMES:
            continue
        if candidate[0] in AMBIGUOUS_SURNAMES or not looks_like_name(candidate, strict=True):
            continue
        # The name starts a word: 校长 in 副校长王明 is no surname's neighbour.
        if _runs_on(text[:end], start):
            continue
        return candidate
    return None


def _runs_on(text: str, at: int, back: int = 3) -> bool:
    """True when a dictionary word runs across position at (代表|团 in 代表团)."""
    left = max(0, at - back)
    return any(s + left < at < e + left for _w, s, e in tokens(text[left : at + 3]))


def _plausible_after_title(text: str, start: int, name: str) -> bool:
    """False for words the dictionary mistakes for names (师傅, 常来) after a title."""
    if text.startswith(HONORIFICS, start):
        return False  # 工人师傅: 师 is a surname, 师傅 an honorific
    # 老师傅, 居民楼: the title's last character and the "name" make one word.
    if _runs_on(text, start, back=2):
        return False
    if name[0] not in AMBIGUOUS_SURNAMES or _DOT in name:
        return True
    # 书记常来小区: an everyday word's character needs the dictionary's word, or a pause.
    end = start + len(name)
    # 主任于丽萍: three characters that form no word between them read as a full name.
    full = len(name) == 3 and all(e - s == 1 for _w, s, e in tokens(text[start:end]))
    return (
        full
        or tagged(text[start : start + 6])[0][1].startswith("nr")
        or end >= len(text)
        or not is_cjk(text[end])
        or bool(_SPEECH.match(text, end))
    )


class _People:
    """Names in order of first mention, each with the first title printed next to it."""

    def __init__(self, exclude: set[str]) -> None:
        self.titles: dict[str, str | None] = {}
        self.exclude = exclude

    def add(self, name: str | None, title: str | None = None) -> None:
        if not name or name in self.exclude:
            return
        if title is not None and is_status(title):
            title = None  # 居民张三: a status is no title
        if self.titles.get(name) is None:
            self.titles[name] = title

    def mentions(self) -> list[Mention]:
        return [Mention(name, title) for name, title in self.titles.items()]


def _titled(text: str, people: _People) -> None:
    """Names right after a title: 居委会主任张三, 领队李四, “老书记”王五."""
    for head in TITLE_HEAD.finditer(text):
        if head.group() == "本报记者" and text[head.start() - 1 : head.start()] in "(（":
            continue  # 本报讯（本报记者 张三）: a dateline credit, which is a byline
        name = name_at(text, head.end())
        if name and _plausible_after_title(text, head.end(), name):
            title = title_before(text, head.end())
            if title is None or len(title) < len(head.group()):
                title = head.group()  # 快递员: the dictionary splits the head itself (快递/员)
            people.add(name, title)
    for head in SUFFIX_HEAD.finditer(text):
        end = head.end()
        name = name_at(text, end)
        if name and name not in people.titles and suffix_title_at(text, end):
            if _plausible_after_title(text, end, name):
                title = title_before(text, end)
                # 这份地图的研究者张三: a noun after 的 describes the person; it is no post.
                described = title and text[end - len(title) - 1 : end - len(title)] == "的"
                people.add(name, None if described else title)
    for quoted in _QUOTED_TITLE.finditer(text) if "”" in text or '"' in text else ():
        if ends_in_head_word(quoted.group(1)):
            people.add(name_at(text, quoted.end()), quoted.group())


def _title_after(text: str, people: _People) -> None:
    """Names with the post printed after them: 张三区长, 杨浦区李四区长, 王五副教授说."""
    for post in AFTER_NAME.finditer(text):
        rank = POST_RANK.search(text, max(0, post.start() - 2), post.start())
        at = rank.start() if rank else post.start()
        name = _name_before(text, at)
        if not name or _runs_on(text, post.end()) or _acts_for(text, post):
            continue
        start = at - len(name)
        people.add(name, modifier_before(text, start) + text[at : post.end()])


def _acts_for(text: str, post: re.Match[str]) -> bool:
    """True for 代表 as a verb: 张三代表公司致辞 (a deputy is 张三代表将…, 张三代表，…)."""
    if post.group() != "代表" or post.end() >= len(text) or not is_cjk(text[post.end()]):
        return False
    return tagged(text[post.end() : post.end() + 4])[0][1].startswith(("n", "r"))


def _described(text: str, people: _People) -> None:
    """A name that opens a clause and is then described: 张三是…书记, 张三，…主任，."""
    for match in _DESCRIBED.finditer(text):
        name = match.group(1)
        if name[0] in AMBIGUOUS_SURNAMES or not surname_length(name):
            continue
        if not looks_like_name(name, strict=True):
            continue
        description = _DESCRIPTION.match(text, match.end() + 1)
        if not description:
            continue
        end = description.end()
        title = title_before(text, end)
        if not title or end - len(title) != description.start(1):
            continue  # the description is more than a title
        if ends_in_head_word(title) or suffix_title_at(text, end):
            people.add(name, title)


def _introduced(text: str, people: _People) -> None:
    """Names after an age or a relationship word: 62岁的张三, 奶奶李四, 她的丈夫王五说."""
    ages = _AGE.finditer(text) if "岁" in text else ()
    for match in (*ages, *_KIN.finditer(text)):
        name = name_at(text, match.end())
        if name and len(name) >= 3 or name and _SPEECH.match(text, match.end() + len(name)):
            people.add(name)


def _foreign(text: str, people: _People) -> None:
    """Transliterated names, which the dot marks wherever they stand: 马可·波罗来到上海."""
    for dot in _DOTS.finditer(text) if _DOT in text else ():
        start = _translit_run(text, dot.start() - 1, -1) + 1
        name = _dotted_name_at(text, start)
        if name and not (start and text[start - 1] == _DOT):
            if not any(known.endswith(name) for known in people.titles):
                people.add(name)


def _speakers(text: str, people: _People) -> None:
    """Names right before a verb of speech: 张三说, 约翰·史密斯表示."""
    for verb in _SPEECH.finditer(text):
        at = verb.start()
        dotted = _dotted_name_before(text, at)
        if dotted:
            # 美国专家约翰·史密斯: the title path already found the name inside the run.
            if not any(dotted.endswith(n) for n in people.titles):
                people.add(dotted)
            continue
        for size in (3, 2):
            start = at - size
            if start < 0 or text[start] in AMBIGUOUS_SURNAMES:
                continue
            candidate = text[start:at]
            # 约翰·史密斯表示: the name's last part is no name of its own.
            boundary = start == 0 or not (is_cjk(text[start - 1]) or text[start - 1] == _DOT)
            if boundary and looks_like_name(candidate, strict=True):
                if candidate not in people.exclude and candidate not in people.titles:
                    people.add(candidate)
                break


def find_people(texts: list[str], exclude: set[str]) -> list[Mention]:
    """People named in texts: with the first printed title, or by how the text names them."""
    people = _People(exclude)
    for text in texts:
        # A profile's subheadline: ——记长宁区…书记何蓉 (记 means "a portrait of").
        text = text.removeprefix("——记")
        _titled(text, people)
        _title_after(text, people)
        _described(text, people)
        _introduced(text, people)
        _speakers(text, people)
        _foreign(text, people)
    return people.mentions()
