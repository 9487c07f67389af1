"""What a page shows, as tags, and what an article write changes.

Tags name objects and lists: `article-<pk>` is one article's page, `district-<pk>`,
`tag-<pk>`, `program-<pk>`, `reporter-<pk>` and `person-<pk>` are the lists of articles in
one district, tag, program, by one reporter or mentioning one person, `lists` is every list
across the site (home, search, archives, feeds, sitemaps, the district map's counts) and
`site` is everything. An article write stamps its own tag, the tags of every list it was or
now is in, and `lists`.
"""

import threading
from itertools import chain

from django.db import transaction
from django.db.models import CharField, Value

from ..models import Article, ArticleMention, Byline
from ..tagging import article_tag_items
from . import purge, store
from .schedule import schedule_purges

ALL_LISTS = "lists"
SITE = "site"
_REQUEST_ATTRIBUTE = "_page_cache_tags"


def article_tag(pk) -> str:
    return f"article-{pk}"


def list_tag(kind: str, pk) -> str:
    """The tag of a list: `list_tag("district", 3)` is every page listing district 3's articles."""
    return f"{kind}-{pk}"


def shows(request, *tags: str) -> None:
    """Record that the page being built for `request` shows these tags."""
    recorded = getattr(request, _REQUEST_ATTRIBUTE, None)
    if recorded is None:
        recorded = set()
        setattr(request, _REQUEST_ATTRIBUTE, recorded)
    recorded.update(tags)


def shown(request) -> set[str]:
    """The tags `shows` recorded for this request."""
    return set(getattr(request, _REQUEST_ATTRIBUTE, ()))


def _kind(queryset, kind: str, column: str):
    labelled = queryset.annotate(page_list=Value(kind, output_field=CharField()))
    return labelled.order_by().values_list("page_list", column)


def article_lists(pks) -> set[str]:
    """The tags of every list these articles are in now, from the database (one query)."""
    pks = list(pks)
    rows = _kind(
        Article.districts.through.objects.filter(article_id__in=pks), "district", "district_id"
    )
    rows = rows.union(
        _kind(Byline.objects.filter(article_id__in=pks), "reporter", "reporter_id"),
        _kind(ArticleMention.objects.filter(article_id__in=pks), "person", "person_id"),
        _kind(article_tag_items().filter(object_id__in=pks), "tag", "tag_id"),
        _kind(Article.objects.filter(pk__in=pks, program__isnull=False), "program", "program_id"),
        all=True,
    )
    return {list_tag(kind, value) for kind, value in rows}


def stale(tags: set[str]) -> None:
    """Bump these tags in the local store and purge them from the CDN."""
    store.bump(tags)
    purge.purge(tags)


# Articles changed in this thread's transaction: pk -> the lists it was in before.
_changes = threading.local()
LISTS_BATCH = 500  # articles per query, well inside SQLite's limit on parameters


def _flush_registered() -> bool:
    """Whether this transaction will call `_flush_changes` on commit (Django drops the
    callbacks of a rolled-back transaction or savepoint, and has run those of a commit)."""
    return any(entry[1] is _flush_changes for entry in transaction.get_connection().run_on_commit)


def article_changed(article: Article, *, is_new: bool = False) -> None:
    """Called by the write services as an article changes: after commit, stale its pages.

    The lists it is in are read now and again after the commit, so a page it leaves (a tag
    removed, a district changed) goes stale as well as one it joins. A transaction's changes
    go out together (a load of many articles is one bump, one purge).
    """
    registered = _flush_registered()
    if not registered:
        _changes.pending = {}  # anything left belonged to a transaction that rolled back
    before = _changes.pending.setdefault(article.pk, set())
    if not is_new:
        before |= article_lists([article.pk])
    if not registered:  # outside a transaction this runs at once
        transaction.on_commit(_flush_changes, robust=True)


def _flush_changes() -> None:
    """Stale every article this transaction changed, the lists they were and are in, and
    queue the purges at the times they will change by themselves (scheduled publishing)."""
    changed, _changes.pending = getattr(_changes, "pending", {}), {}
    if not changed:
        return
    pks = list(changed)
    tags = {ALL_LISTS, *map(article_tag, pks), *chain.from_iterable(changed.values())}
    for start in range(0, len(pks), LISTS_BATCH):
        tags |= article_lists(pks[start : start + LISTS_BATCH])
    stale(tags)
    for start in range(0, len(pks), LISTS_BATCH):
        schedule_purges(pks[start : start + LISTS_BATCH])


def site_changed() -> None:
    """Something every page may show changed (a district's or reporter's name): stale them all."""

    transaction.on_commit(lambda: stale({SITE}), robust=True)
