"""Reads for the home page and the archive index, each one query (the list two: pins, latest)."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import TOP_SLOTS, Article, FrontPagePin, Program

LATEST_COUNT = 12
PROGRAM_COUNT = 6


def pinned_articles(*, at=None) -> list[Article]:
    """Public stories with a live front-page pin, in slot order (at most TOP_SLOTS)."""
    now = at or timezone.now()
    live = FrontPagePin.objects.active(at=now).values("article_id")
    pinned = list(
        Article.objects.published(at=now)
        .for_listing()
        .filter(pk__in=live)
        .order_by("front_page_pin__position", "-front_page_pin__pinned_at", "-pk")[:TOP_SLOTS]
    )
    for article in pinned:
        article.is_pinned = True  # the teaser marks it, without a query per article
    return pinned


def latest_articles(limit: int = LATEST_COUNT, *, at=None) -> list[Article]:
    """The home page's list: pinned stories in their top slots, then the latest public ones."""
    pinned = pinned_articles(at=at)
    latest = (
        Article.objects.published(at=at)
        .for_listing()
        .exclude(pk__in=[article.pk for article in pinned])[: limit - len(pinned)]
    )
    return pinned + list(latest)


def programs_with_newest(limit: int = PROGRAM_COUNT) -> list[Program]:
    """Programs with a public installment, most recently updated first, each with its newest."""
    newest = (
        Article.objects.published().filter(program=OuterRef("pk")).order_by("-published_at", "-pk")
    )
    programs = list(
        Program.objects.annotate(
            newest_pk=Subquery(newest.values("pk")[:1]),
            newest_at=Subquery(newest.values("published_at")[:1]),
        )
        .filter(newest_pk__isnull=False)
        .order_by("-newest_at")[:limit]
    )
    newest_articles = Article.objects.select_related("installment").in_bulk(
        [program.newest_pk for program in programs]
    )
    for program in programs:
        program.newest = newest_articles.get(program.newest_pk)
    return programs


def latest_print_edition() -> list[Article]:
    """The public articles of the latest print date, in page order."""
    latest = (
        Article.objects.published()
        .filter(print_date__isnull=False)
        .order_by("-print_date")
        .values("print_date")[:1]
    )
    return list(
        Article.objects.published()
        .filter(print_date=Subquery(latest))
        .order_by("print_page", "source_position", "pk")
    )


def print_months():
    """(month, article count) for every month with printed public articles, newest first."""
    return (
        Article.objects.published()
        .filter(print_date__isnull=False)
        .annotate(month=TruncMonth("print_date"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )
