"""Article search: one interface for the search page and the admin, two database backends.

``search_articles(queryset, query)`` filters to matches, annotates ``search_rank`` and orders by
rank, then recency; it stays a queryset, so filters and pagination compose with it.
``search_results(queryset, query)`` gives the same order as a sequence that pages fast however
many articles match (``results.py``); the search page uses it. Matching is
exact substring search after normalisation (see ``text.normalise``): every term must occur inside
one title line, paragraph or subhead. PostgreSQL uses a bigram ``tsvector`` (``postgres.py``),
SQLite an FTS5 table of the same bigrams (``sqlite.py``); ``docs/search.md`` explains why.
"""

from django.db import connections, transaction
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from ..blocks import block_plain_text
from . import postgres, sqlite
from .results import COUNT_CAP, SearchResults, ranked
from .text import (
    ParsedQuery,
    match_spans,
    merge_spans,
    normalise,
    occurrences,
    parse_query,
    split_spans,
)

__all__ = [
    "COUNT_CAP",
    "REINDEX_BATCH",
    "ParsedQuery",
    "SearchResults",
    "admin_search",
    "backend_for",
    "highlight",
    "normalise",
    "parse_query",
    "index_ranges",
    "rebuild_index",
    "reindex_range",
    "search_articles",
    "search_results",
    "snippet",
]

SNIPPET_LENGTH = 120
REINDEX_BATCH = 2000  # article ids per background reindex task, as a rebuild's batches


def backend_for(connection):
    """The search backend module for a database connection."""
    if connection.vendor == "postgresql":
        return postgres
    if connection.vendor == "sqlite":
        return sqlite
    raise NotImplementedError(f"Article search does not support {connection.vendor}.")


def search_articles(queryset, query: str | ParsedQuery | None):
    """Articles matching every term, best first: title-line matches, then the most recent.

    An empty query changes nothing (no filter, no ordering), so a search form left blank lists
    what the other filters select.
    """
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    if not parsed:
        return queryset
    return ranked(queryset, parsed, backend_for(connections[queryset.db]))


def search_results(queryset, query: str | ParsedQuery | None, cap: int | None = None):
    """``search_articles``' matches in its order, as a ``SearchResults`` sequence for paging.

    Counts stop at ``cap`` (default ``COUNT_CAP``) and only the first ``cap`` matches can be
    paged to; in exchange the first pages come fast even when most articles match. A blank query
    returns the queryset.
    """
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    if not parsed:
        return queryset
    return SearchResults(queryset, parsed, backend_for(connections[queryset.db]), cap=cap)


def admin_search(queryset, term: str):
    """For ``ModelAdmin.get_search_results``: (matches, may_have_duplicates)."""
    return search_articles(queryset, term), False


def _marked_html(text: str, spans: list[tuple[int, int]]) -> SafeString:
    """The text escaped, with the merged `spans` wrapped in ``<mark>``."""
    return mark_safe(  # noqa: S308 - every piece is escaped just above.  # nosec B308 B703
        "".join(
            format_html("<mark>{}</mark>", piece) if marked else escape(piece)
            for piece, marked in split_spans(text, spans)
        )
    )


def highlight(text: str, query: str | ParsedQuery | None) -> SafeString:
    """The text escaped, with every match of the query's terms wrapped in ``<mark>``."""
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    return _marked_html(text or "", match_spans(text or "", parsed.terms))


def snippet(article, query: str | ParsedQuery | None, length: int = SNIPPET_LENGTH) -> SafeString:
    """A stretch of the body around the first match, highlighted; else the body's opening.

    Each paragraph is normalised and scanned once, up to the first one with a match; the
    window's marks are that paragraph's matches inside it (the window is scanned again only when
    a match runs past its end).
    """
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    paragraphs = [
        block_plain_text(block)
        for block in article.body or []
        if isinstance(block, dict) and block.get("kind") in ("paragraph", "subhead")
    ]
    for paragraph in paragraphs:
        found = occurrences(paragraph, parsed.terms)
        if not found:
            continue
        start = max(0, found[0][0] - length // 3)
        stop = start + length
        inside = [(s - start, e - start) for s, e in found if start <= s < stop]
        text = paragraph[start:stop]
        if any(e > len(text) for _, e in inside):
            # A match runs past the window's end: a shorter term starting at the same place
            # may still fit, so scan the (short) window itself.
            spans = match_spans(text, parsed.terms)
        else:
            spans = merge_spans(inside)
        prefix = "…" if start else ""
        suffix = "…" if stop < len(paragraph) else ""
        window = _marked_html(text, spans)
        return format_html("{}{}{}", prefix, window, suffix)
    # No paragraph matches, so no part of the opening does either.
    opening = paragraphs[0] if paragraphs else ""
    suffix = "…" if len(opening) > length else ""
    return format_html("{}{}", opening[:length], suffix)


def rebuild_index(progress=None, using: str = "default") -> int:
    """Recompute the whole search index; ``progress(done, total)`` after each batch."""
    connection = connections[using]
    return backend_for(connection).rebuild(connection, progress=progress)


def reindex_range(start: int, end: int, using: str = "default") -> int:
    """Recompute the index of the articles with ids in [start, end); how many there were."""
    connection = connections[using]
    with transaction.atomic(using=using):  # SQLite deletes, then inserts: never half done
        return backend_for(connection).refresh_range(connection, start, end)


def index_ranges(batch_size: int = REINDEX_BATCH, using: str = "default") -> list[tuple[int, int]]:
    """The [start, end) id ranges that cover every article, `batch_size` ids each."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM articles_article")
        low, high = cursor.fetchone()
    if low is None:
        return []
    return [(start, start + batch_size) for start in range(low, high + 1, batch_size)]
