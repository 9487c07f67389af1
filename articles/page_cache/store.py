"""The cache the page cache lives in, guarded: an unreachable cache is a miss, never an error.

Generations are a shared clock: each change takes the next tick (`incr` in Redis) and stamps
it on the tags it touches. A page records the tick read before it touched the database; it is
fresh while every tag it shows still carries a tick no later than that.
"""

import logging
import time

from django.core.cache import caches

logger = logging.getLogger("newsroom.page_cache")

CLOCK_KEY = "pc:clock"
WARNING_INTERVAL = 60.0  # seconds between "cache unreachable" warnings
RETRY_AFTER = 5.0  # seconds a process leaves an unreachable cache alone

_state = {"down_until": 0.0, "warned_at": -WARNING_INTERVAL, "lost_bumps": False}


class CacheUnavailable(Exception):
    """The cache could not be reached (or was recently unreachable)."""


def _cache():
    return caches["default"]


def guarded(operation, *args, **kwargs):
    """Run a cache operation; on failure warn (at most once a minute), raise CacheUnavailable."""
    now = time.monotonic()
    if now < _state["down_until"]:
        raise CacheUnavailable
    try:
        return operation(*args, **kwargs)
    except Exception as exc:
        _state["down_until"] = now + RETRY_AFTER
        if now - _state["warned_at"] >= WARNING_INTERVAL:
            _state["warned_at"] = now
            logger.warning("页面缓存不可用，本次直接生成页面：%s", exc)
        raise CacheUnavailable from exc


def get(key):
    return guarded(_cache().get, key)


def get_many(keys):
    return guarded(_cache().get_many, list(keys))


def put(key, value, timeout):
    guarded(_cache().set, key, value, timeout)


def add(key, value, timeout):
    return guarded(_cache().add, key, value, timeout)


def delete(key):
    guarded(_cache().delete, key)


def gen_key(tag: str) -> str:
    return f"pc:gen:{tag}"


def clock() -> int:
    """The current tick, read before a page is built."""
    value = get(CLOCK_KEY)
    if value is None:
        # Lost (flushed or evicted): restart above any tick handed out before.
        add(CLOCK_KEY, time.time_ns() // 1000, None)
        value = get(CLOCK_KEY)
    if value is None:
        raise CacheUnavailable
    return value


def _next_tick(cache) -> int:
    try:
        return cache.incr(CLOCK_KEY)
    except ValueError:  # the clock was lost: restart it above any tick handed out before
        cache.add(CLOCK_KEY, time.time_ns() // 1000, None)
        return cache.incr(CLOCK_KEY)


def bump(tags) -> bool:
    """Stamp the next tick on these tags, so every page showing one of them is stale.

    False when the cache could not be reached.
    """
    tags = set(tags)
    if _state["lost_bumps"]:
        tags.add("site")
    try:
        tick = guarded(_next_tick, _cache())
        guarded(_cache().set_many, {gen_key(tag): tick for tag in tags}, None)
    except CacheUnavailable:
        # Pages cached before the outage may survive it; the next bump that gets through
        # invalidates them all.
        _state["lost_bumps"] = True
        return False
    _state["lost_bumps"] = False
    return True


def repair() -> None:
    """After an outage that swallowed a bump, stale every page before serving any."""
    if _state["lost_bumps"]:
        bump(())


def generations(tags) -> dict[str, int]:
    """Each tag's tick; a missing tag is left out (a page showing it is stale)."""
    tags = list(tags)
    found = get_many(gen_key(tag) for tag in tags)
    return {tag: found[gen_key(tag)] for tag in tags if gen_key(tag) in found}


def ensure_generations(tags) -> None:
    """Give tags never bumped (or lost) the tick 0, which no page predates."""
    tags = list(tags)
    found = get_many(gen_key(tag) for tag in tags)
    for tag in tags:
        if gen_key(tag) not in found:
            add(gen_key(tag), 0, None)
