"""The editors' admin, one module per concern; importing registers every model admin."""

from . import articles, geography, people, previews, programs, sources, tags

__all__ = [
    "articles",
    "geography",
    "people",
    "previews",
    "programs",
    "sources",
    "tags",
]
