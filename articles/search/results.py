"""Ranked search results that a paginator can page without visiting every match.

Ranking puts articles with query terms in their title lines first (more such terms first), then
the rest, each group newest first. Computing that order for a common term means visiting every
match: tens of thousands of rows for a two-character word. ``SearchResults`` avoids it:

- It counts matches only up to ``cap`` + 1 (``count()`` says at most ``cap``; ``more_than_cap``
  says whether there are more), which the GIN bitmap answers after ``cap`` + 1 rows.
- Few matches (at most ``cap``): one ranked query; sorting at most ``cap`` rows is cheap.
- Many matches: the title-line matches come from the small title index, newest first; then
  body-only matches newest first through a per-row test no index can serve (the backend's
  ``body_only_condition``), so the planner walks the ``published_at`` index and stops after
  offset + limit hits. Matches are dense when there are many, so that walk is short.

Both ways give exactly the order of ``ranked()``; the tests hold them to it.
"""

COUNT_CAP = 1000


def ranked(queryset, parsed, backend):
    """Every match, annotated ``search_rank``, in search order (a plain queryset)."""
    return (
        queryset.filter(backend.match_condition(parsed))
        .annotate(search_rank=backend.title_rank(parsed))
        .order_by("-search_rank", "-published_at", "-pk")
    )


class SearchResults:
    """The matches of a query within a queryset, in search order; ``count()`` and slicing.

    Enough of the queryset protocol for Django's ``Paginator``; iterating yields at most
    ``cap`` articles. Each article carries ``search_rank`` (terms found in its title lines).
    """

    def __init__(self, queryset, parsed, backend, cap: int | None = None):
        self.queryset, self.parsed, self.backend = queryset, parsed, backend
        self.cap = COUNT_CAP if cap is None else cap
        self._matches: int | None = None

    def _capped_matches(self) -> int:
        if self._matches is None:
            matching = self.queryset.filter(self.backend.match_condition(self.parsed))
            # Only the keys: the listing's annotations would be computed for every match.
            self._matches = matching.order_by().values("pk")[: self.cap + 1].count()
        return self._matches

    def count(self) -> int:
        """How many articles match, at most ``cap``."""
        return min(self._capped_matches(), self.cap)

    @property
    def more_than_cap(self) -> bool:
        """Whether more than ``cap`` articles match (only the first ``cap`` are reachable)."""
        return self._capped_matches() > self.cap

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(self[: self.count()])

    def __getitem__(self, key):
        if isinstance(key, int):
            found = self[key : key + 1] if key >= 0 else []
            if not found:
                raise IndexError("search result index out of range")
            return found[0]
        start, stop = key.start or 0, key.stop
        if key.step not in (None, 1) or start < 0 or (stop is not None and stop < 0):
            raise ValueError("Search results take only forward slices without a step.")
        stop = min(self.count() if stop is None else stop, self.cap)
        if stop <= start:
            return []
        if not self.more_than_cap:
            return list(ranked(self.queryset, self.parsed, self.backend)[start:stop])
        return self._by_phases(start, stop)

    def _by_phases(self, start: int, stop: int) -> list:
        """Title-line matches, then body-only ones, each fetched only as far as needed."""
        backend, parsed = self.backend, self.parsed
        titled = self.queryset.filter(backend.title_condition(parsed))
        order = ["-published_at", "-pk"]
        if len(parsed.terms) > 1:
            # A title match holds one term at least; every term must still occur somewhere.
            titled = titled.filter(backend.match_condition(parsed))
            order.insert(0, "-search_rank")
        titled = titled.annotate(search_rank=backend.title_rank(parsed)).order_by(*order)
        picked = list(titled.values_list("pk", "search_rank")[start:stop])
        if len(picked) < stop - start:
            titles = start + len(picked) if picked or not start else titled.count()
            body_only = (
                self.queryset.filter(backend.body_only_condition(parsed))
                .order_by("-published_at", "-pk")
                .values_list("pk", flat=True)
            )
            picked += [(pk, 0) for pk in body_only[max(0, start - titles) : stop - titles]]
        articles = self.queryset.filter(pk__in=[pk for pk, _ in picked]).order_by()
        by_pk = {article.pk: article for article in articles}
        for pk, rank in picked:
            by_pk[pk].search_rank = rank
        return [by_pk[pk] for pk, _ in picked]
