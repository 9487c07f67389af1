"""The editors' admin, one module per concern; importing registers every model admin."""

from . import articles, geography, programs, sources, tags

__all__ = ["articles", "geography", "programs", "sources", "tags"]
