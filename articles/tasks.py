"""Background tasks (django.tasks), run by `manage.py db_worker`; see docs/operations.md."""

from __future__ import annotations

from collections.abc import Iterable

from django.tasks import TaskResult, task

from .loading.people_pass import add_people, batches


@task()
def thorough_people_pass(article_ids: list[int]) -> dict[str, int]:
    """Add the people the statistical tagger finds in these loaded articles."""
    return add_people(article_ids)


def enqueue_thorough_people(article_ids: Iterable[int]) -> list[TaskResult]:
    """Queue the thorough people pass over these articles, one task per batch."""
    return [thorough_people_pass.enqueue(batch) for batch in batches(article_ids)]
