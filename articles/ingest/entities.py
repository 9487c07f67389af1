"""Districts and subdistricts mentioned in an article, matched against the gazetteer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import Gazetteer
from .words import tokens

# A short name followed by these is another place or an idiom: 黄浦江, 普陀山, 金山银山, 宝山路.
_NOT_DISTRICT_AFTER = ("江", "山", "银山", "路", "大道", "街", "寺", "县")
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


def _stands_alone(text: str, start: int, end: int) -> bool:
    """True when the dictionary does not read text[start:end] as part of a longer word."""
    if text.startswith(_NOT_DISTRICT_AFTER, end):
        return False
    left = max(0, start - 4)
    window = text[left : end + 4]
    for _word, s, e in tokens(window):
        s, e = s + left, e + left
        if s < start < e or s < end < e:
            return False
    return True


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
