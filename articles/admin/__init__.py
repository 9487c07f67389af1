"""The editors' admin, one module per concern; importing registers every model admin."""

from . import articles, geography, programs, sources, tokens

__all__ = ["articles", "geography", "programs", "sources", "tokens"]
