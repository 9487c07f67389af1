"""Cached pages: their keys, when one is fresh, and storing one.

An entry keeps the response (status, headers, body), the tags the page shows, the tick read
before it was built and the next scheduled publish time then known: it is fresh while no tag
has a later tick and that time has not come.
"""

import hashlib
import time

from django.conf import settings
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.http import parse_http_date_safe, quote_etag

from ..models import Article, ArticleStatus, FrontPagePin
from . import store
from .dependencies import ALL_LISTS

PENDING_KEY = "pc:pending"
_NOT_STORED_HEADERS = {"set-cookie", "vary", "etag", "last-modified"}


def page_key(request) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "pc:page:" + hashlib.sha256(url.encode()).hexdigest()


def lock_key(key: str) -> str:
    return f"{key}:lock"


def is_fresh(entry: dict) -> bool:
    """No tag the page shows changed since it was built, and no scheduled article went live."""
    if entry["expires_at"] is not None and time.time() >= entry["expires_at"]:
        return False
    ticks = store.generations(entry["tags"])
    return len(ticks) == len(entry["tags"]) and max(ticks.values()) <= entry["tick"]


def next_publish_time(tick: int) -> float | None:
    """When a page next changes without a write (Unix time): a scheduled article goes live, an
    embargo ends, an article expires or a front-page pin lapses. Cached until an article changes."""
    record = store.get(PENDING_KEY)
    lists = store.generations([ALL_LISTS]).get(ALL_LISTS)
    if record is not None and lists is not None and lists <= record[0]:
        if record[1] is None or record[1] > time.time():
            return record[1]
    now = timezone.now()
    published = Article.objects.filter(status=ArticleStatus.PUBLISHED)
    times = published.aggregate(
        live=Min("published_at", filter=Q(published_at__gt=now)),
        embargo=Min("embargo_until", filter=Q(embargo_until__gt=now)),
        expiry=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    pin_lapses = FrontPagePin.objects.filter(ends_at__gt=now).aggregate(at=Min("ends_at"))["at"]
    at = min((t for t in (*times.values(), pin_lapses) if t is not None), default=None)
    timestamp = at.timestamp() if at else None
    store.ensure_generations([ALL_LISTS])
    store.put(PENDING_KEY, (tick, timestamp), None)
    return timestamp


def make_entry(response, *, tags, tick, expires_at=None, previous=None) -> dict:
    """An entry for a rendered response; Last-Modified stays put while the body does."""
    content = response.content
    etag = response.get("ETag") or quote_etag(hashlib.sha256(content).hexdigest()[:32])
    last_modified = parse_http_date_safe(response.get("Last-Modified", "")) or int(time.time())
    if previous is not None and previous["etag"] == etag:
        last_modified = previous["last_modified"]
    headers = {k: v for k, v in response.headers.items() if k.lower() not in _NOT_STORED_HEADERS}
    return {
        "status": response.status_code,
        "headers": headers,
        "content": content,
        "tags": sorted(tags),
        "tick": tick,
        "expires_at": expires_at,
        "etag": etag,
        "last_modified": last_modified,
    }


def save(key: str, entry: dict) -> None:
    store.ensure_generations(entry["tags"])
    store.put(key, entry, settings.NEWSROOM_PAGE_CACHE_TIMEOUT)
