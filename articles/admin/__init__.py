"""The editors' admin, one module per concern; importing registers every model admin."""

from . import (
    articles,
    curation,
    geography,
    people,
    previews,
    programs,
    sources,
    tags,
    tasks,
    tokens,
)

__all__ = [
    "articles",
    "curation",
    "geography",
    "people",
    "previews",
    "programs",
    "sources",
    "tags",
    "tasks",
    "tokens",
]
