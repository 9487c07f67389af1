"""Bylines: role-and-name lines, lone author names, dateline credits and photo credits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import BylineEntry, BylinePosition
from .names import COMPOUND_SURNAMES, SURNAMES, looks_like_name

_C = "\u4e00-\u9fff"
# Roles as printed: 本报记者, 特约通讯员, 实习生, 主笔, 解放日报记者, 新华社记者, 本报评论员 ...
# Outlets may carry Latin letters (看看新闻Knews) or be a title in book marks (《城市周刊》).
ROLE = (
    rf"(?:(?:本报|新华社|中新社|[{_C}]{{1,6}}?报|[{_C}]{{2,4}}?社|《[^》]{{1,12}}》"
    rf"|[{_C}]{{2,10}}?(?:融媒体中心|新闻中心|广播电视台|电视台)"
    rf"|[{_C}]{{1,6}}?(?:新闻|网)[A-Za-z]{{0,8}})?"
    r"(?:首席|高级|特约|见习|特派)?(?:摄影记者|记者|通讯员|评论员)"
    r"|本?报?实习生|主笔|撰稿|责任编辑|编辑|摄影|文字|文|图)"
)
_ROLE_ONLY = re.compile(rf"^{ROLE}$")
_ROLE_NAME = re.compile(rf"^({ROLE})([{_C}·]{{2,10}})$")
_SEPARATORS = re.compile(r"[ 、|｜/／:：,，]+")
_TRAILERS = re.compile(r"(?:报道|摄|整理|采写|发自[^ ]*)$")
# 本报讯 (记者 X) / 新华社上海11月5日电 (记者 X) opening a first paragraph.
DATELINE = re.compile(
    rf"^(?:本报讯|[{_C}\d]{{2,16}}?(?:电|讯))\s*[（(]\s*([^()（）]{{2,40}}?)\s*[)）]"
)
_CAPTION_CREDIT = re.compile(
    rf"(?:摄影\s*[/／|｜:：]?\s*([{_C}· 、]{{2,20}})|([^摄]{{2,40}}?)\s*摄)\s*[)）]?$"
)
_ROLE_PREFIX = re.compile(rf"^{ROLE}")
# Roles that credit the words (文/摄: wrote and photographed) or the pictures (图/李四).
_WRITING_ROLES = frozenset({"文", "文字", "撰稿"})
_PICTURE_ROLES = frozenset({"图", "摄影"})


_GIVEN = re.compile(rf"^[{_C}]{{1,2}}$")


def _split_names(text: str) -> list[str]:
    """Tokens of a credit line, with names the typesetter spaced out (沈 竹) put back together."""
    tokens = [token for token in _SEPARATORS.split(text) if token]
    merged: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        spaced = token in SURNAMES or token in COMPOUND_SURNAMES
        # The given name after a lone surname: 沈 竹, 金 旻矣 (but not 王 李娜, two people).
        given = _GIVEN.match(following) and not _ROLE_ONLY.match(following)
        if spaced and given and not (len(following) == 2 and following[0] in SURNAMES):
            merged.append(token + following)
            i += 2
            continue
        merged.append(token)
        i += 1
    return merged


@dataclass(frozen=True, slots=True)
class Credit:
    """Names read off a byline line, with whether it credits photographs."""

    entries: tuple[tuple[str, str | None], ...]
    photo: bool
    wrote: bool = False  # a writing role is printed too (文/摄), so not a photo-only credit

    def photographers(self) -> list[str]:
        """Names credited for pictures: all of a `… 摄` line, else those under 图 or 摄影."""
        if self.photo:
            return [name for name, _ in self.entries]
        return [name for name, role in self.entries if _is_picture_role(role)]


def _is_picture_role(role: str | None) -> bool:
    return role is not None and (role in _PICTURE_ROLES or role.endswith("摄影记者"))


def parse_credit_line(text: str, *, allow_bare: bool) -> Credit | None:
    """Read a byline such as `本报记者 张三 通讯员 李四` or `主笔|王五`; None if not one."""
    return _parse_credit_line(text, allow_bare)


@lru_cache(maxsize=8192)
def _parse_credit_line(text: str, allow_bare: bool) -> Credit | None:
    # Cached: the layout asks about the same short blocks several times per page, and
    # Credit is frozen, so sharing results is safe.
    text, photo = _bare_credit_text(text)
    if not text or len(text) > 60:
        return None
    role: str | None = None
    entries: list[tuple[str, str | None]] = []
    saw_role = wrote = False
    for token in _split_names(text):
        if _ROLE_ONLY.match(token):
            role, saw_role = token, True
            wrote = wrote or token in _WRITING_ROLES
            continue
        glued = _ROLE_NAME.match(token)
        if glued and looks_like_name(glued.group(2), strict=False):
            role, saw_role = glued.group(1), True
            entries.append((glued.group(2), role))
            continue
        if looks_like_name(token, strict=not saw_role):
            entries.append((token, role))
            continue
        return None
    if not entries or (not saw_role and not allow_bare) or (not saw_role and len(entries) > 3):
        return None
    return Credit(tuple(entries), photo, wrote)


def _bare_credit_text(text: str) -> tuple[str, bool]:
    """A credit line without brackets, markers (□通讯员 X, ■记者 Y, ●记者 Z) and its trailer
    (报道, 摄…); and whether the trailer was 摄."""
    text = text.strip().strip("（）()").strip().lstrip("□■●").strip()
    trailer = _TRAILERS.search(text)
    if trailer and trailer.start() > 0:
        return text[: trailer.start()].rstrip(), trailer.group() == "摄"
    return text, False


def credit_bylines(credit: Credit, position: BylinePosition) -> list[BylineEntry]:
    """Byline entries for a parsed credit line."""
    return [BylineEntry(name, role, position) for name, role in credit.entries]


def dateline_credit(paragraph: str) -> Credit | None:
    """The credit inside a dateline such as `本报讯（记者 张三）` opening a paragraph."""
    match = DATELINE.match(paragraph)
    if not match:
        return None
    return parse_credit_line(match.group(1), allow_bare=False)


def caption_credits(caption: str) -> list[str]:
    """Photographers named at the end of a caption (`… 本报记者 张三 摄`, `摄影/李四`)."""
    caption = caption.strip()
    # Cheap guard: the credit pattern is only worth running when 摄 closes the caption.
    if "摄" not in caption[-3:] and "摄影" not in caption[-24:]:
        return []
    match = _CAPTION_CREDIT.search(caption)
    if not match:
        return []
    names_text = (match.group(1) or match.group(2) or "").strip()
    # Only the tail after the last sentence punctuation can be the credit.
    names_text = re.split(r"[。！？，；：”]", names_text)[-1].strip()
    names: list[str] = []
    for token in reversed(_split_names(names_text)):
        bare = _ROLE_PREFIX.sub("", token) if not _ROLE_ONLY.match(token) else ""
        if bare and looks_like_name(bare, strict=False):
            names.insert(0, bare)
            if bare != token:
                break
            continue
        break
    return names


# A role word closing a token: 半月谈评论员, 本版摄影, 制图, 讲述人 (after any outlet).
_LOOSE_ROLE = re.compile(
    rf"^([{_C}A-Za-z《》]{{0,12}}?(?:记者|通讯员|评论员|实习生|编辑|摄影|制图|讲述人|口述|整理|撰文))"
    rf"([{_C}·]{{2,4}})?$"
)


def lenient_credit(text: str) -> Credit | None:
    """Read a line the block model calls a byline but `parse_credit_line` refuses: any token
    ending in a role word is a role, every other token must look like a name."""
    text, photo = _bare_credit_text(text)
    if not text or len(text) > 60:
        return None
    role: str | None = None
    entries: list[tuple[str, str | None]] = []
    for token in _split_names(text):
        loose = _LOOSE_ROLE.match(token)
        if loose and (not loose.group(2) or looks_like_name(loose.group(2), strict=False)):
            role = loose.group(1)
            if loose.group(2):
                entries.append((loose.group(2), role))
        elif looks_like_name(token, strict=False):
            entries.append((token, role))
        else:
            return None
    return Credit(tuple(entries), photo) if entries else None
