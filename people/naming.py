"""Pinyin spellings and URL slugs for Chinese names (Django's slugify drops Chinese)."""

import re

from django.utils.text import slugify
from pypinyin import Style, lazy_pinyin

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def pinyin_of(text: str) -> str:
    """Return the toneless pinyin of a name, syllables separated by spaces: 袁玮 → 'yuan wei'."""
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors="default")
    words = " ".join(s.strip() for s in syllables if s.strip())
    return re.sub(r"\s+", " ", words).strip().lower()


def pinyin_slug(text: str, *, max_length: int = 80) -> str:
    """Return an ASCII slug from the pinyin of a text: 袁玮 → 'yuanwei'."""
    joined = "".join(lazy_pinyin(text, style=Style.NORMAL, errors="default")).lower()
    slug = _NON_SLUG.sub("-", slugify(joined)).strip("-")
    return slug[:max_length].strip("-")


def unique_slug(base: str, taken) -> str:
    """Return base, or base-2, base-3 … whichever `taken(slug)` says is free."""
    base = base or "x"
    candidate, n = base, 1
    while taken(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def unique_pinyin_slug(text: str, others) -> str:
    """A pinyin slug of text that no row of the queryset `others` already uses."""
    return unique_slug(pinyin_slug(text), lambda s: others.filter(slug=s).exists())


def account_name(user) -> str:
    """What the newsroom calls an account's owner: their byline name, else the account's own."""
    if user is None:
        return "系统"
    reporter = getattr(user, "reporter", None)
    return (reporter.name if reporter else "") or user.get_full_name() or user.get_username()
