"""`cached_value`: a computed value (district counts, …) kept under the page cache's rules.

It is stored with the tick read before computing, its tags and the next publish time, like a
page, so the same article changes make it stale; an unreachable cache computes it anew.
"""

import contextlib

from django.conf import settings

from . import entries, store
from .dependencies import SITE


def cached_value(key: str, *, tags, compute):
    """`compute()`, or its cached result while none of `tags` changed since it was computed."""
    if not settings.NEWSROOM_PAGE_CACHE:
        return compute()
    key = f"pc:value:{key}"
    try:
        entry = store.get(key)
        if entry is not None and entries.is_fresh(entry):
            return entry["value"]
        tick = store.clock()
        expires_at = entries.next_publish_time(tick)
    except store.CacheUnavailable:
        return compute()
    value = compute()
    entry = {"tick": tick, "tags": sorted({SITE, *tags}), "expires_at": expires_at, "value": value}
    with contextlib.suppress(store.CacheUnavailable):
        entries.save(key, entry)
    return value
