"""Purges at an article's scheduled times: when it goes live, its embargo ends or it expires.

No write happens at those moments, so nothing would tell a CDN that the article's page and its
lists changed. The local page cache knows by itself (`entries.next_publish_time`); for the CDN,
each article write queues `purge_article_pages` with `run_after` at each future time it has.
A task is not queued twice for the same article and time; one left over from a time since
changed only purges pages that are then rebuilt, which is harmless.
"""

from __future__ import annotations

import functools
import logging
from datetime import datetime, timedelta

from django.db.models import Q
from django.tasks import TaskResultStatus, task_backends
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from ..models import Article, ArticleStatus
from ..tasks import purge_article_pages

logger = logging.getLogger("newsroom.tasks")

SCHEDULED_FIELDS = ("published_at", "embargo_until", "expires_at")
# Run just after the moment, so the purge lands when the page has already changed.
PURGE_DELAY = timedelta(seconds=1)


def schedule_purges(pks) -> int:
    """Queue a purge at each future scheduled time of these published articles; how many."""
    backend = task_backends[purge_article_pages.backend]
    if not backend.supports_defer:  # the immediate backend (tests); a CDN needs a worker's
        _warn_no_defer(backend.alias)
        return 0
    now = timezone.now()
    upcoming = Q()
    for field in SCHEDULED_FIELDS:
        upcoming |= Q(**{f"{field}__gt": now})
    rows = (
        Article.objects.filter(upcoming, pk__in=list(pks), status=ArticleStatus.PUBLISHED)
        .order_by()
        .values_list("pk", *SCHEDULED_FIELDS)
    )
    wanted = {
        (pk, when + PURGE_DELAY) for pk, *times in rows for when in times if when and when > now
    }
    if not wanted:
        return 0
    queued = _already_queued(backend, {at for _, at in wanted})
    for pk, at in sorted(wanted - queued):
        purge_article_pages.using(run_after=at).enqueue(pk, at.isoformat())
    return len(wanted - queued)


@functools.cache
def _warn_no_defer(alias: str) -> None:
    logger.warning("任务后端 %s 不支持定时任务，定时发布的页面不会通知 CDN", alias)


def _already_queued(backend, times: set[datetime]) -> set[tuple[int, datetime]]:
    """The (article, time) purges waiting in the database backend for any of these times."""
    if not isinstance(backend, DatabaseBackend):
        return set()
    waiting = DBTaskResult.objects.filter(
        task_path=purge_article_pages.module_path,
        status=TaskResultStatus.READY,
        run_after__in=times,
    ).values_list("args_kwargs", "run_after")
    return {(args_kwargs["args"][0], run_after) for args_kwargs, run_after in waiting}


def purge_now(article_id: int) -> int:
    """Make the article's page, every list it is in and the site's lists stale; how many tags."""
    from .dependencies import ALL_LISTS, article_lists, article_tag, stale

    tags = {ALL_LISTS, article_tag(article_id), *article_lists([article_id])}
    stale(tags)
    return len(tags)
