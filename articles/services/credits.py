"""Bylines and mentions: the only code that writes an article's credits."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction

from people.models import Person, Reporter

from ..models import Article, ArticleMention, Byline, BylinePosition
from .fields import clip_to_field


@dataclass(frozen=True)
class BylineSpec:
    """One byline to set: the reporter's printed name and role, and where it stood."""

    name: str
    role: str = ""
    position: str = BylinePosition.END


def reporter_get_or_create(*, name: str, role: str = "") -> Reporter:
    """Match a reporter by name before creating one, so loads never duplicate 袁玮."""
    reporter = Reporter.objects.filter(name=name).first()
    if reporter is None:
        # A printed role may be longer than a default role may be (Byline keeps it whole).
        reporter = Reporter(name=name, default_role=clip_to_field(Reporter, "default_role", role))
        reporter.save()
    return reporter


def _replace_bylines(article: Article, rows: Iterable[tuple[int, str, str]]) -> list[Byline]:
    """Replace the bylines with (reporter id, role, position) rows in order, once per reporter."""
    article.bylines.all().delete()
    created, seen = [], set()
    for order, (reporter_id, role, position) in enumerate(rows):
        if reporter_id in seen:
            continue
        seen.add(reporter_id)
        created.append(
            Byline(
                article=article,
                reporter_id=reporter_id,
                role=role or "",
                position=position,
                order=order,
            )
        )
    return Byline.objects.bulk_create(created)


def _replace_mentions(article: Article, rows: Iterable[tuple[int, str]]) -> list[ArticleMention]:
    """Replace the mentions with (person id, title) rows in order, once per person."""
    article.mentions.all().delete()
    created, seen = [], set()
    for order, (person_id, title) in enumerate(rows):
        if person_id in seen:
            continue
        seen.add(person_id)
        created.append(
            ArticleMention(article=article, person_id=person_id, title=title or "", order=order)
        )
    return ArticleMention.objects.bulk_create(created)


@transaction.atomic
def article_set_bylines(*, article: Article, bylines: Sequence[BylineSpec]) -> list[Byline]:
    """Replace an article's bylines with these, in this order, creating unknown reporters."""
    rows = [
        (reporter_get_or_create(name=spec.name, role=spec.role).pk, spec.role, spec.position)
        for spec in bylines
    ]
    return _replace_bylines(article, rows)


@transaction.atomic
def article_set_mentions(
    *, article: Article, mentions: Iterable[tuple[str, str]]
) -> list[ArticleMention]:
    """Replace the people an article mentions: (name, title as printed) pairs, in order."""
    rows = [(person_named(name).pk, title) for name, title in mentions]
    return _replace_mentions(article, rows)


def person_named(name: str) -> Person:
    """The first person of that name, or a new one: mentions never duplicate a person."""
    return Person.objects.filter(name=name).order_by("pk").first() or Person.objects.create(
        name=name
    )


@transaction.atomic
def article_restore_credits(
    *, article: Article, bylines: Sequence[dict], mentions: Sequence[dict]
) -> None:
    """Put back bylines and mentions as a revision stored them, leaving out people deleted since."""
    reporters = set(
        Reporter.objects.filter(pk__in=[row["reporter_id"] for row in bylines]).values_list(
            "pk", flat=True
        )
    )
    people = set(
        Person.objects.filter(pk__in=[row["person_id"] for row in mentions]).values_list(
            "pk", flat=True
        )
    )
    _replace_bylines(
        article,
        [
            (row["reporter_id"], row["role"], row["position"])
            for row in sorted(bylines, key=lambda row: row["order"])
            if row["reporter_id"] in reporters
        ],
    )
    _replace_mentions(
        article,
        [
            (row["person_id"], row["title"])
            for row in sorted(mentions, key=lambda row: row["order"])
            if row["person_id"] in people
        ],
    )


def article_add_byline(*, article: Article, reporter: Reporter) -> Byline:
    """Credit a reporter last on an article (a reporter's own new draft), once."""
    byline, _ = Byline.objects.get_or_create(
        article=article,
        reporter=reporter,
        defaults={"role": reporter.default_role, "order": article.bylines.count()},
    )
    return byline
