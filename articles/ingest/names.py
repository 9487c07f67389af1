"""Chinese personal names: surnames and the shape of a plausible name."""

from __future__ import annotations

import re

from .lexicon import COMPOUND_SURNAMES, HONORIFICS, SURNAMES
from .text import CJK_RANGES
from .words import tagged

_CJK_NAME = re.compile(f"^[{CJK_RANGES}]{{2,4}}$")
_DOTTED_NAME = re.compile(f"^[{CJK_RANGES}]{{1,8}}·[{CJK_RANGES}·]{{1,10}}$")


def surname_length(text: str) -> int:
    """Length of the surname text starts with, or 0."""
    if text[:2] in COMPOUND_SURNAMES:
        return 2
    return 1 if text[:1] in SURNAMES else 0


def looks_like_name(text: str, *, strict: bool) -> bool:
    """True for a plausible personal name; strict also rejects dictionary words."""
    if _DOTTED_NAME.match(text):
        return True
    if not _CJK_NAME.match(text):
        return False
    surname = surname_length(text)
    if not surname or not 1 <= len(text) - surname <= 2:
        return strict is False and len(text) in (2, 3)
    if text[surname:].startswith(HONORIFICS) or "某" in text:
        return False
    if strict:
        # The dictionary knows many real names (tagged nr); a surname that opens another
        # word (周末游, 张江镇, 高速路) is no surname at all.
        word, tag = tagged(text)[0]
        return len(word) == surname or tag.startswith("nr")
    return True
