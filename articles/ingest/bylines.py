"""Bylines: credit lines, dateline and closing credits, and photo credits.

The forms themselves (outlets, grades, roles, markers, separators, trailers, datelines) are rows
of `byline_forms.FORMS`; this module compiles them once and walks a line's tokens with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .byline_forms import Form, forms
from .lexicon import COMPOUND_SURNAMES, SURNAMES
from .model import BylineEntry, BylinePosition
from .names import looks_like_name, surname_length
from .text import CJK_RANGES, is_cjk
from .words import frequency, tagged

_C = CJK_RANGES
# The longest credit line, spaces included: twelve names with separators fit.
CREDIT_MAX_CHARS = 60
# A dictionary word seen fewer times than this may be the surname and given name of a person.
RARE_WORD_COUNT = 50


def _alternation(rows: tuple[Form, ...]) -> str:
    return "|".join(f"(?:{row.pattern})" for row in rows)


def _grouped(rows: tuple[Form, ...], prefix: str) -> re.Pattern[str]:
    """One regex trying every row in order, row i's credit captured as group `{prefix}{i}`."""
    parts = [row.pattern.replace("(?P<credit>", f"(?P<{prefix}{i}>") for i, row in enumerate(rows)]
    return re.compile("|".join(f"(?:{part})" for part in parts))


_ROLES = forms("role")


def _role_pattern(*, glued: bool) -> str:
    """Roles as printed: 本报记者, 特约通讯员, 江城网记者, 《城市周刊》记者, 主笔, 文, 图 …
    Glued to a name (本报记者张三) only outlets and roles that cannot swallow a name count."""
    outlets = tuple(row for row in forms("outlet") if not (glued and "loose" in row.flags))
    roles = tuple(row for row in _ROLES if not (glued and "alone" in row.flags))
    takes_outlet = tuple(row for row in roles if "outlet" in row.flags)
    plain = tuple(row for row in roles if "outlet" not in row.flags)
    return (
        rf"(?:(?:{_alternation(outlets)})?(?:{_alternation(forms('grade'))})?"
        rf"(?:{_alternation(takes_outlet)})|{_alternation(plain)})"
    )


ROLE = _role_pattern(glued=False)
_ROLE_ONLY = re.compile(rf"^{ROLE}$")
# Every role ends in one of the role rows' words: a cheap test before the full pattern.
_ROLE_WORD = re.compile(_alternation(_ROLES))
_GLUED = _role_pattern(glued=True)
_ROLE_NAME = re.compile(rf"^({_GLUED})([{_C}·]{{2,10}})$")
# Roles glued between names (记者张三通讯员李四) split the token.
_GLUED_ROLE = re.compile(f"({_GLUED})")
_ROLE_FLAGS = tuple((re.compile(rf"(?:{row.pattern})$"), row.flags) for row in _ROLES)
_MARKERS = "".join(row.pattern for row in forms("marker"))
_SEPARATOR_CHARS = "".join(row.pattern for row in forms("separator"))
_SEPARATOR = rf"[{re.escape(_SEPARATOR_CHARS)}\s]"
_TOKEN = re.compile(rf"({_SEPARATOR}*)([^{re.escape(_SEPARATOR_CHARS)}\s]+)")
_TRAILER_ROWS = forms("trailer")
# A role after a slash right behind a name (王东/摄) is that name's role, not a trailer.
_TRAILER = re.compile(
    "(?<![/／])(?:"
    + "|".join(f"(?P<t{i}>{row.pattern})" for i, row in enumerate(_TRAILER_ROWS))
    + ")$"
)
_DATELINE_ROWS = forms("dateline")
# A dateline credit opening a paragraph: 本报讯（记者 X）, X电（Y）, X网记者Y M月D日报道：
DATELINE = _grouped(_DATELINE_ROWS, "d")
_CLOSING_ROWS = forms("closing")
_CLOSING = _grouped(_CLOSING_ROWS, "c")
_RUN_ON_ROWS = forms("run_on")
_RUN_ON = _grouped(_RUN_ON_ROWS, "r")
_CHART_TAIL = re.compile(_alternation(forms("chart")))
# `… 本报记者 X 摄`, `摄影/X`, `图/X` closing a caption (`图：…` opening one is a label).
_CAPTION_CREDIT = re.compile(
    rf"(?:(?:摄影\s*[/／|｜:：]?|(?<![制绘])图\s*[/／])\s*([{_C}· 、]{{2,20}})"
    rf"|([^摄]{{2,40}}?)\s*摄影?)\s*[)）]?$"
)
# The longest trailer (发自 and a place) and chart credit, in characters from the end.
_TRAILER_MAX_CHARS = 12
_CHART_MAX_CHARS = 30
_NOT_CREDIT = re.compile(r"[。！!？?“”‘’…—\d%]")
_BEFORE_CREDIT = re.compile(r"[。！？，；：”（(]")
_GIVEN = re.compile(rf"^[{_C}]{{1,2}}$")
_DESCRIPTION = re.compile(rf"^[{_C}\d]{{0,30}}$")


@lru_cache(maxsize=256)
def _role_flags(role: str) -> frozenset[str]:
    """The flags of the role row a printed role ends in (本报摄影记者 -> 摄影记者's)."""
    for pattern, flags in _ROLE_FLAGS:
        if pattern.search(role):
            return flags
    return frozenset()


def _is_slash(separator: str) -> bool:
    return "/" in separator or "／" in separator


@lru_cache(maxsize=4096)
def _is_role(token: str) -> bool:
    """True for a token that is a role as printed (本报记者, 文); cached, tokens recur."""
    return bool(_ROLE_WORD.search(token)) and bool(_ROLE_ONLY.match(token))


@lru_cache(maxsize=4096)
def _split_glued(token: str) -> tuple[str, ...]:
    """A token as role and name tokens: 本报记者张三 -> 本报记者, 张三; 记者张三通讯员李四 ->
    记者, 张三, 通讯员, 李四."""
    # A role and a name take four characters at least, and every role ends in a role word.
    if len(token) < 4 or not _ROLE_WORD.search(token) or _is_role(token):
        return (token,)
    whole = _ROLE_NAME.match(token)
    if whole and looks_like_name(whole.group(2), strict=False):
        return whole.group(1), whole.group(2)
    return tuple(part for part in _GLUED_ROLE.split(token) if part)


def _tokens(text: str) -> list[tuple[str, str]]:
    """(separator before, token) pairs, with names the typesetter spaced out (沈 竹) rejoined."""
    pairs = [
        (m.group(1) if i == 0 else "", part)
        for m in _TOKEN.finditer(text)
        for i, part in enumerate(_split_glued(m.group(2)))
    ]
    merged: list[tuple[str, str]] = []
    i = 0
    while i < len(pairs):
        separator, token = pairs[i]
        if i + 1 < len(pairs):
            gap, following = pairs[i + 1]
            spaced = token in SURNAMES or token in COMPOUND_SURNAMES
            given = _GIVEN.match(following) and not _is_role(following)
            # The given name after a lone surname: 沈 竹, 金 旻矣 (but not 王 李娜, two people).
            if (
                spaced
                and given
                and gap.isspace()
                and not (len(following) == 2 and following[0] in SURNAMES)
            ):
                merged.append((separator, token + following))
                i += 2
                continue
        merged.append((separator, token))
        i += 1
    return merged


@dataclass(frozen=True, slots=True)
class Credit:
    """Names read off a credit, with their roles and which of them are credited for pictures."""

    entries: tuple[tuple[str, str | None], ...]
    pictures: tuple[str, ...] = ()
    wrote: bool = False  # a writing role is printed too (文/摄), so not a photo-only credit
    description: str = ""  # who a 讲述人 is (…村党总支书记): text the entities are found in

    @property
    def photo(self) -> bool:
        """True when every name is credited for pictures (`… 摄`)."""
        return bool(self.pictures) and len(self.pictures) == len(self.entries)

    @property
    def photo_only(self) -> bool:
        """True for a photographer's credit alone (`X报记者 Y 摄`), not `文/摄`."""
        return self.photo and not self.wrote

    def photographers(self) -> list[str]:
        """Names credited for pictures: those before 摄 or under 图, 摄影, 摄影记者."""
        return list(self.pictures)


def parse_credit_line(text: str, *, allow_bare: bool) -> Credit | None:
    """Read a byline such as `本报记者 张三 通讯员 李四` or `主笔|王五`; None if not one."""
    return _parse_credit_line(text, allow_bare)


@lru_cache(maxsize=8192)
def _parse_credit_line(text: str, allow_bare: bool) -> Credit | None:
    # Cached: the layout asks about the same short blocks several times per page, and
    # Credit is frozen, so sharing results is safe.
    text = _strip_markers(text)
    # Sentence marks and digits say it is text; a line ending in a colon is a label (关键帧：).
    if len(text) > CREDIT_MAX_CHARS or _NOT_CREDIT.search(text) or text.endswith((":", "：")):
        return None
    text, trailer_flags = _split_trailer(text)
    if not text:
        return None
    tokens = _tokens(text)
    if not tokens:
        return None
    if _is_role(tokens[0][1]) and "described" in _role_flags(tokens[0][1]):
        return _described(tokens)
    return _read_tokens(tuple(tokens), trailer_flags, allow_bare)


def _described(tokens: list[tuple[str, str]]) -> Credit | None:
    """`讲述人：…党总支书记 周海`: the role, a description of the person, then the name."""
    name = tokens[-1][1]
    description = "".join(token for _sep, token in tokens[1:-1])
    if len(tokens) < 2 or not _DESCRIPTION.match(description):
        return None
    if not looks_like_name(name, strict=False):
        return None  # 讲述人：… with no name after the description
    return Credit(((name, tokens[0][1]),), description=description)


def _read_tokens(
    tokens: tuple[tuple[str, str], ...], trailer_flags: frozenset[str], allow_bare: bool
) -> Credit | None:
    names: list[str] = []
    roles: list[str | None] = []
    pictures: set[int] = set()
    role: str | None = None
    role_photo = False  # the names under the current role are photographers (图/本报记者 X)
    open_from = 0  # the first name a role printed after names (王东/摄) would cover
    wrote = "words" in trailer_flags
    saw_role = False
    previous = ""  # what the token before was: "name", "role" or nothing
    last = len(tokens) - 1
    for i, (separator, token) in enumerate(tokens):
        if _is_role(token):
            flags = _role_flags(token)
            saw_role, wrote = True, wrote or "words" in flags
            postfix = previous == "name" and _is_slash(separator)
            if postfix and (i == last or not _is_slash(tokens[i + 1][0])):
                for j in range(open_from, len(names)):
                    roles[j] = roles[j] or token
                    if "photo" in flags:
                        pictures.add(j)
                open_from = len(names)
            else:
                # A picture role carries on to the role printed right after it: 图/本报记者 X.
                role_photo = "photo" in flags or (role_photo and previous == "role")
                role = token
            previous = "role"
            continue
        if not looks_like_name(token, strict=False):
            return None
        if role_photo:
            pictures.add(len(names))
        names.append(token)
        roles.append(role)
        previous = "name"
    if not names:
        return None
    if not saw_role:
        # Bare names: a line the layout allows them on, and most of them certain names
        # (a two-part subhead such as 春风 化雨 is not).
        certain = sum(_certain_name(name) for name in names)
        if not allow_bare or not certain or 2 * certain < len(names):
            return None
    elif not all(role or _certain_name(name) for name, role in zip(names, roles, strict=True)):
        return None  # a word before the first role (百名 记者 …) is no uncredited name
    if "photo" in trailer_flags:
        pictures.update(range(open_from, len(names)))
    entries = tuple(zip(names, roles, strict=True))
    return Credit(entries, tuple(names[j] for j in sorted(pictures)), wrote)


def _certain_name(name: str) -> bool:
    """A bare name that stands alone: a dictionary name, or a known surname whose first word
    is a rare noun running into the given name (金志 in 金志刚), not a common word (关键帧) or a
    time or verb (周末游)."""
    if looks_like_name(name, strict=True):
        return True
    if not surname_length(name) or not looks_like_name(name, strict=False):
        return False
    words = tagged(name)
    if len(words) < 2 or words[0][1] not in ("n", "nz"):
        return False
    return frequency(words[0][0]) < RARE_WORD_COUNT


def is_opinion_role(role: str) -> bool:
    """True for a role that signs commentary: 主笔, 本报评论员, 江城网评论员 …"""
    return "opinion" in _role_flags(role)


def _strip_markers(text: str) -> str:
    """A credit line without its brackets and markers; a marker may stand before the bracket
    or inside it: ■(记者 X), (■记者 X)."""
    return text.strip().lstrip(_MARKERS).strip().strip("（）()").strip().lstrip(_MARKERS).strip()


def _split_trailer(text: str) -> tuple[str, frozenset[str]]:
    """A credit line without its trailer (报道, 摄…), and the flags of that trailer's row."""
    tail = len(text) - len(text[-_TRAILER_MAX_CHARS:])
    trailer = _TRAILER.search(text, tail)
    if trailer and trailer.start() > 0:
        flags = _TRAILER_ROWS[int(str(trailer.lastgroup)[1:])].flags
        return text[: trailer.start()].rstrip(_SEPARATOR_CHARS + " "), flags
    return text, frozenset()


def credit_bylines(credit: Credit, position: BylinePosition) -> list[BylineEntry]:
    """Byline entries for a parsed credit line."""
    return [BylineEntry(name, role, position) for name, role in credit.entries]


def _grouped_credit(
    pattern: re.Pattern[str], rows: tuple[Form, ...], text: str, *, search: bool
) -> tuple[Credit, int] | None:
    """The credit a row of `rows` finds in text, and where that credit starts."""
    match = pattern.search(text) if search else pattern.match(text)
    if not match:
        return None
    key = next(key for key, value in match.groupdict().items() if value is not None)
    row = rows[int(key[1:])]
    found = match.group(key)
    # A place after the names (王强上海报道) is tried as two or three characters.
    for candidate in (found, found[:-2], found[:-3]) if "place" in row.flags else (found,):
        credit = parse_credit_line(candidate, allow_bare="bare" in row.flags)
        if credit:
            return credit, match.start(key)
    return None


def dateline_credit(paragraph: str) -> Credit | None:
    """The credit inside a dateline such as `本报讯（记者 张三）` opening a paragraph."""
    found = _grouped_credit(DATELINE, _DATELINE_ROWS, paragraph, search=False)
    return found[0] if found else None


def closing_credit(paragraph: str) -> Credit | None:
    """The credit in brackets closing a brief's last paragraph: `…开张。（记者 张三）`."""
    if not paragraph.endswith((")", "）")):
        return None
    found = _grouped_credit(_CLOSING, _CLOSING_ROWS, paragraph, search=True)
    return found[0] if found else None


def run_on_credit(text: str) -> tuple[str, Credit] | None:
    """A credit line printed on after the last sentence (`…增加菜品。 本报记者 袁明`): the text
    before it, and the credit."""
    if len(text) < 4 or not (is_cjk(text[-1]) or text[-1] in ")）"):
        return None
    found = _grouped_credit(_RUN_ON, _RUN_ON_ROWS, text, search=True)
    return (text[: found[1]].rstrip(), found[0]) if found else None


def caption_credits(caption: str) -> list[str]:
    """Photographers named at the end of a caption (`… 本报记者 张三 摄`, `摄影/李四`)."""
    caption = caption.strip()
    # Cheap guard first: most blocks name no photographer near their end.
    end = caption[-_CHART_MAX_CHARS - 10 :]
    if "摄" not in end and "图/" not in end and "图／" not in end:
        return []
    # A graphics credit after the photo credit (… 摄 江城图表 制图 X) names no photographer.
    start = len(caption) - len(caption[-_CHART_MAX_CHARS:])
    chart = _CHART_TAIL.search(caption, start)
    if chart:
        caption = caption[: chart.start()]
    # Cheap guard: the credit pattern is only worth running when 摄, 摄影 or 图/ closes it.
    end = caption[-24:]
    if "摄" not in end[-4:] and "摄影" not in end and "图/" not in end and "图／" not in end:
        return []
    match = _CAPTION_CREDIT.search(caption)
    if not match:
        return []
    names_text = (match.group(1) or match.group(2) or "").strip()
    # Only the tail after the last sentence punctuation or opening bracket can be the credit.
    names_text = _BEFORE_CREDIT.split(names_text)[-1].strip()
    names: list[str] = []
    for _separator, token in reversed(_tokens(names_text)):
        if _is_role(token):
            break
        if not looks_like_name(token, strict=False):
            break
        names.insert(0, token)
    return names


# A role word closing a token: 半月谈评论员, 本版摄影, 制图, 讲述人 (after any outlet).
_LOOSE_ROLE = re.compile(
    rf"^([{_C}A-Za-z《》]{{0,12}}?(?:记者|通讯员|评论员|实习生|编辑|摄影|制图|讲述人|口述|整理|撰文))"
    rf"([{_C}·]{{2,4}})?$"
)


def lenient_credit(text: str) -> Credit | None:
    """Read a line the block model calls a byline but `parse_credit_line` refuses: any token
    ending in a role word is a role, every other token must look like a name."""
    text, trailer_flags = _split_trailer(_strip_markers(text))
    if not text or len(text) > CREDIT_MAX_CHARS:
        return None
    role: str | None = None
    entries: list[tuple[str, str | None]] = []
    for _separator, token in _tokens(text):
        loose = _LOOSE_ROLE.match(token)
        if loose and (not loose.group(2) or looks_like_name(loose.group(2), strict=False)):
            role = loose.group(1)
            if loose.group(2):
                entries.append((loose.group(2), role))
        elif looks_like_name(token, strict=False):
            entries.append((token, role))
        else:
            return None
    if not entries:
        return None
    pictures = tuple(name for name, _ in entries) if "photo" in trailer_flags else ()
    return Credit(tuple(entries), pictures)
