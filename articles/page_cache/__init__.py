"""The anonymous page cache: public pages, feeds and sitemaps, never stale after a change.

Views are wrapped with `cached_page` (in the urlconfs) and say what they show with `shows`;
the write services call `article_changed`. The design is in docs/performance.md.
"""

from . import store
from .decorator import cached_page
from .dependencies import (
    ALL_LISTS,
    SITE,
    article_changed,
    article_tag,
    list_tag,
    shows,
    site_changed,
)
from .values import cached_value

__all__ = [
    "ALL_LISTS",
    "SITE",
    "article_changed",
    "article_tag",
    "cached_page",
    "cached_value",
    "list_tag",
    "shows",
    "site_changed",
    "store",
]
