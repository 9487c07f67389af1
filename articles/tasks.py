"""Background tasks (django.tasks), run by `manage.py db_worker`; see docs/operations.md.

Each task is a thin wrapper around the function that does the work, imported when the task
runs: the services enqueue these tasks, so importing them here at load time would be circular.
Every task is safe to run twice (a retry, a duplicate enqueue) and says what it did.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.tasks import TaskResult, task


@task()
def thorough_people_pass(article_ids: list[int]) -> dict[str, int]:
    """Add the people the statistical tagger finds in these loaded articles."""
    from .loading.people_pass import add_people

    return add_people(article_ids)


def enqueue_thorough_people(article_ids: Iterable[int]) -> list[TaskResult]:
    """Queue the thorough people pass over these articles, one task per batch."""
    from .loading.people_pass import batches

    return [thorough_people_pass.enqueue(batch) for batch in batches(article_ids)]


@task()
def make_photo_renditions(photo_id: int, image_name: str) -> dict[str, int]:
    """Make a photo's downscaled renditions, unless the photo is gone or its image replaced."""
    from .photos import photo_make_renditions

    return {"renditions": photo_make_renditions(photo_id=photo_id, image_name=image_name)}


@task()
def reindex_articles(start: int, end: int, using: str = "default") -> dict[str, int]:
    """Recompute the search index of the articles with ids in [start, end)."""
    from .search import reindex_range

    return {"indexed": reindex_range(start, end, using=using)}


@task()
def load_source_page(page: dict, status: str, people: str) -> dict[str, int]:
    """Parse and load one page file's text (one transaction), as `load_sources` would."""
    from .loading.background import load_page

    return load_page(page=page, status=status, thorough=people == "thorough")


@task()
def purge_article_pages(article_id: int, at: str) -> dict[str, int]:
    """At a scheduled time (`at`, ISO 8601) make the pages of this article and its lists stale."""
    from .page_cache.schedule import purge_now

    return {"tags": purge_now(article_id)}
