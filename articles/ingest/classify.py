"""Article type: news, feature, commentary or photo_news."""

from __future__ import annotations

import re

from .bylines import is_opinion_role
from .lexicon import COMMENTARY_KICKERS, FEATURE_KICKERS
from .model import ArticleType, Block, BylineEntry
from .text import alternation

_FEATURE_KICKER = re.compile(alternation(FEATURE_KICKERS))
_COMMENTARY_KICKER = re.compile(alternation(COMMENTARY_KICKERS))
FEATURE_MIN_SUBHEADS = 3
FEATURE_MIN_CHARS = 2500
PHOTO_TEXT_MAX_CHARS = 300


def classify(
    *,
    kicker: str | None,
    blocks: list[Block],
    top_bylines: list[BylineEntry],
    has_dateline: bool,
    photo_bylines_only: bool = False,
) -> ArticleType:
    """Decide the article type from its bylines, body shape and kicker."""
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    captions = [b for b in blocks if b.kind == "caption"]
    text_chars = sum(len(p) for p in paragraphs)
    if captions and (
        not paragraphs or (len(captions) >= len(paragraphs) and text_chars < PHOTO_TEXT_MAX_CHARS)
    ):
        return "photo_news"
    # A short text credited only to photographers (新华社记者 X 摄) is a photo story.
    if photo_bylines_only and text_chars < PHOTO_TEXT_MAX_CHARS:
        return "photo_news"
    if top_bylines and not has_dateline:
        if all(b.role is None or is_opinion_role(b.role) for b in top_bylines):
            return "commentary"
    if kicker and _COMMENTARY_KICKER.search(kicker):
        return "commentary"
    if kicker and _FEATURE_KICKER.search(kicker):
        return "feature"
    subheads = sum(1 for b in blocks if b.kind == "subhead")
    if not has_dateline and subheads >= FEATURE_MIN_SUBHEADS and text_chars >= FEATURE_MIN_CHARS:
        return "feature"
    return "news"
