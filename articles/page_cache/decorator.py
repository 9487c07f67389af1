"""`cached_page`: serve anonymous GETs of a public view from the page cache.

On a miss one request builds the page while others asking for it wait for that build (a short
lock in the cache), so an expiry under load costs one rebuild. Signed-in requests (a session
cookie or an Authorization header) and anything that sets a cookie, uses a CSRF token or
touches the session are never stored.
"""

import contextlib
import time
from functools import wraps

from django.conf import settings

from . import entries, http, store
from .dependencies import SITE, shown

LOCK_TIMEOUT = 10  # seconds: a crashed builder's lock expires
WAIT_FOR_BUILD = 3.0  # seconds a request waits for another's build before building itself
POLL_INTERVAL = 0.02


def _signed_in(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META


def _render(view, request, args, kwargs):
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    return response


def _storable(request, response) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and "private" not in response.get("Cache-Control", "")
    )


def _cached(key):
    """The entry under `key` and whether it is fresh."""
    entry = store.get(key)
    return entry, entry is not None and entries.is_fresh(entry)


def _built_meanwhile(key, locked: bool):
    """A fresh entry another request built: waited for, or found on a second look after taking
    the lock (a build may have finished between the first look and the lock)."""
    if not locked:
        return _wait_for_build(key)
    entry, fresh = _cached(key)
    return entry if fresh else None


def _release(key, locked: bool) -> None:
    if locked:
        with contextlib.suppress(store.CacheUnavailable):
            store.delete(entries.lock_key(key))


def _wait_for_build(key):
    """Poll until the lock holder stores the page; None when it finished without storing one
    (a 404, a page that set a cookie) or took too long, so the caller builds it itself."""
    deadline = time.monotonic() + WAIT_FOR_BUILD
    lock = entries.lock_key(key)
    while time.monotonic() < deadline:
        time.sleep(POLL_INTERVAL)
        found = store.get_many([key, lock])
        entry = found.get(key)
        if entry is not None and entries.is_fresh(entry):
            return entry
        if lock not in found:
            return None
    return None


def cached_page(view=None, *, tags=()):
    """Cache a public view; `tags` are what it always shows, `shows()` adds the rest."""
    if view is None:
        return lambda view: cached_page(view, tags=tags)
    declared = frozenset(tags)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if _signed_in(request):
            return http.private(_render(view, request, args, kwargs))
        if not settings.NEWSROOM_PAGE_CACHE:
            return _build(view, request, args, kwargs, declared)
        key = entries.page_key(request)
        locked = False
        try:
            try:
                store.repair()
                previous, fresh = _cached(key)
                if fresh:
                    return http.from_entry(request, previous, state="hit")
                locked = store.add(entries.lock_key(key), 1, LOCK_TIMEOUT)
                if (built := _built_meanwhile(key, locked)) is not None:
                    return http.from_entry(request, built, state="hit")
                tick = store.clock()
                expires_at = entries.next_publish_time(tick)
            except store.CacheUnavailable:
                return _build(view, request, args, kwargs, declared)
            facts = {"tick": tick, "expires_at": expires_at, "previous": previous}
            return _build(view, request, args, kwargs, declared, key=key, **facts)
        finally:
            _release(key, locked)

    return wrapper


def _build(view, request, args, kwargs, declared, *, key=None, tick=None, **entry_facts):
    """Render the page; store it when it may be shared; answer with public headers."""
    response = _render(view, request, args, kwargs)
    if response.status_code != 200 or response.streaming:
        return response
    if not _storable(request, response):
        return http.private(response)
    # A page that declared nothing it shows could never be invalidated: serve, don't store.
    shows = declared | shown(request)
    entry = entries.make_entry(response, tags={SITE, *shows}, tick=tick, **entry_facts)
    if key is not None and shows:
        with contextlib.suppress(store.CacheUnavailable):
            entries.save(key, entry)
    return http.conditional(request, entry, response, state="miss" if key else "off")
