"""Districts and subdistricts mentioned in an article, matched against the gazetteer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import Gazetteer
from .lexicon import FACILITY_ENDS, FACILITY_WORDS, NOT_DISTRICT_AFTER, NOT_FACILITIES
from .text import is_cjk
from .words import tagged, tokens

_COUNTS = frozenset("一二两三四五六七八九十几多各每")
_NAME_TAGS = ("n", "vn", "z", "j", "l")
_NAME_SPAN = 8
# After these a dictionary word running across the name's end is no reason to doubt it
# (闵行人 reads 闵/行人); 刘懿静安排 still fails because 排 is not among them.
_SAFE_AFTER = frozenset("的人区、和与及等也都各两三四五六七八九十几")
_MASK = "\u25a1"


@dataclass(frozen=True, slots=True)
class PlaceMatcher:
    """Precompiled patterns for one gazetteer."""

    subdistricts: re.Pattern[str] | None
    full_names: re.Pattern[str]
    short_names: re.Pattern[str]
    canonical: dict[str, str]


def _alternation(names: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True)))


# Keyed by identity: hashing a frozen gazetteer walks every subdistrict on each call.
_MATCHERS: dict[int, tuple[Gazetteer, PlaceMatcher]] = {}


def _matcher(gazetteer: Gazetteer) -> PlaceMatcher:
    cached = _MATCHERS.get(id(gazetteer))
    if cached is None or cached[0] is not gazetteer:
        cached = _MATCHERS[id(gazetteer)] = (gazetteer, _compile(gazetteer))
    return cached[1]


def _compile(gazetteer: Gazetteer) -> PlaceMatcher:
    canonical: dict[str, str] = {}
    for d in gazetteer.districts:
        canonical[d.name] = canonical[d.short_name] = d.name
    for h in gazetteer.historical:
        canonical[h.name] = canonical[h.short_name] = h.current_name
    full = [d.name for d in gazetteer.districts] + [h.name for h in gazetteer.historical]
    short = [d.short_name for d in gazetteer.districts]
    short += [h.short_name for h in gazetteer.historical]
    subs = [s.name for s in gazetteer.subdistricts]
    return PlaceMatcher(
        _alternation(subs) if subs else None, _alternation(full), _alternation(short), canonical
    )


def _opens_proper_name(text: str, end: int) -> bool:
    """True when the nouns right after a short name name a facility or company."""
    if end >= len(text) or not is_cjk(text[end]):
        return False
    size = 0
    for word, tag in tagged(text[end : end + _NAME_SPAN]):
        if not tag.startswith(_NAME_TAGS) or word[0] in _COUNTS or tag.startswith("nr") and size:
            return False  # 崇明三岛 counts the district's islands; a name starts a new phrase
        if (
            len(word) > 1
            and word not in NOT_FACILITIES
            and (word in FACILITY_WORDS or word.endswith(FACILITY_ENDS))
        ):
            return True
        size += len(word)
    return False


def _stands_alone(text: str, start: int, end: int) -> bool:
    """True when text[start:end] names the district, not part of a longer word or name."""
    if text.startswith(NOT_DISTRICT_AFTER, end) or _opens_proper_name(text, end):
        return False
    safe_end = end < len(text) and text[end] in _SAFE_AFTER
    left = max(0, start - 4)
    window = text[left : end + 4]
    for _word, s, e in tokens(window):
        s, e = s + left, e + left
        if s < start < e or (s < end < e and not safe_end):
            return False
    return True


def _starts_a_word(text: str, start: int) -> bool:
    """True when no dictionary word runs across start (城堡镇 holds no 堡镇)."""
    left = max(0, start - 3)
    return not any(s + left < start < e + left for _w, s, e in tokens(text[left : start + 3]))


def _mask(match: re.Match[str]) -> str:
    return _MASK * len(match.group())


def find_places(texts: list[str], gazetteer: Gazetteer) -> tuple[list[str], list[str]]:
    """Canonical district names and subdistrict names, in order of first mention."""
    matcher = _matcher(gazetteer)
    districts: dict[str, None] = {}
    subdistricts: dict[str, None] = {}
    for text in texts:
        if matcher.subdistricts:
            for match in matcher.subdistricts.finditer(text):
                if len(match.group()) > 2 or _starts_a_word(text, match.start()):
                    subdistricts[match.group()] = None
            # A subdistrict name such as 宝山路街道 says nothing about the 宝山 district.
            text = matcher.subdistricts.sub(_mask, text)
        for match in matcher.full_names.finditer(text):
            districts[matcher.canonical[match.group()]] = None
        text = matcher.full_names.sub(_mask, text)
        for match in matcher.short_names.finditer(text):
            if _stands_alone(text, match.start(), match.end()):
                districts[matcher.canonical[match.group()]] = None
    return list(districts), list(subdistricts)
