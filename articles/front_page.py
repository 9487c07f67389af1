"""Reads for the home page and the archive index, each one query."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import TruncMonth

from .models import Article, Program

LATEST_COUNT = 12
PROGRAM_COUNT = 6


def latest_articles(limit: int = LATEST_COUNT) -> list[Article]:
    return list(Article.objects.published().for_listing()[:limit])


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
