"""What an article page shows around the article: its program neighbours and related stories."""

import operator
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Case, IntegerField, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from .models import Article
from .tagging import ids_tagged_with

RELATED_LIMIT = 5
RELATED_CANDIDATES = 200  # per relation (program, districts, tags)
_PREVIOUS, _NEXT, _RELATED = -1, 1, 0


@dataclass
class Surroundings:
    """The previous and next installment of the article's program, and related articles."""

    previous: Article | None = None
    next: Article | None = None
    related: list[Article] = field(default_factory=list)


def _neighbour_subqueries(article: Article):
    """Subqueries for the pk before and after the article in its program's reading order."""
    in_program = (
        Article.objects.published()
        .filter(program_id=article.program_id)
        .annotate(seq=Coalesce("installment__number", 0))
    )
    seq = article.installment.number if article.installment_id else 0
    at, pk = article.published_at, article.pk
    before = (
        Q(seq__lt=seq) | Q(seq=seq, published_at__lt=at) | Q(seq=seq, published_at=at, pk__lt=pk)
    )
    after = (
        Q(seq__gt=seq) | Q(seq=seq, published_at__gt=at) | Q(seq=seq, published_at=at, pk__gt=pk)
    )
    previous = in_program.filter(before).order_by("-seq", "-published_at", "-pk").values("pk")[:1]
    following = in_program.filter(after).order_by("seq", "published_at", "pk").values("pk")[:1]
    return Subquery(previous), Subquery(following)


def article_surroundings(article: Article, *, district_ids=(), tag_ids=()) -> Surroundings:
    """Neighbours and related articles (same program, district or tag) in one query."""
    # Each relation offers only its newest RELATED_CANDIDATES articles (by id, the order they
    # were written or loaded in), so the lookup reads a bounded number of rows however many
    # articles a district or tag has. The program neighbours below are not bounded.
    bound = RELATED_CANDIDATES
    wanted = []
    if article.program_id:
        in_program = Article.objects.filter(program_id=article.program_id).order_by("-pk")
        wanted.append(Q(pk__in=in_program.values("pk")[:bound]))
    if district_ids:
        through = Article.districts.through.objects.filter(district_id__in=district_ids)
        wanted.append(Q(pk__in=through.order_by("-article_id").values("article_id")[:bound]))
    if tag_ids:
        tagged = ids_tagged_with(tag_ids).order_by("-object_id")
        wanted.append(Q(pk__in=tagged[:bound]))
    place = Value(_RELATED)
    if article.program_id and article.published_at:
        previous, following = _neighbour_subqueries(article)
        wanted += [Q(pk=previous), Q(pk=following)]
        place = Case(
            When(pk=previous, then=Value(_PREVIOUS)),
            When(pk=following, then=Value(_NEXT)),
            default=Value(_RELATED),
            output_field=IntegerField(),
        )
    if not wanted:
        return Surroundings()
    rows = (
        Article.objects.published()
        .exclude(pk=article.pk)
        .filter(reduce(operator.or_, wanted))
        .annotate(place=place)
        # Neighbours first, so the limit never cuts them off.
        .order_by(Case(When(place=_RELATED, then=Value(1)), default=Value(0)), "-published_at")
        .only("pk", "kicker", "headline", "subheadline", "published_at", "created_at")
    )[: RELATED_LIMIT + 2]
    found = Surroundings()
    for row in rows:
        if row.place == _PREVIOUS:
            found.previous = row
        elif row.place == _NEXT:
            found.next = row
        elif len(found.related) < RELATED_LIMIT:
            found.related.append(row)
    return found
