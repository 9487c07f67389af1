"""Writes that span models: one function each, used by the admin, the loader and views alike."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from people.models import Person, Reporter

from .models import (
    Article,
    ArticleMention,
    ArticleStatus,
    Byline,
    BylinePosition,
    Program,
    ProgramInstallment,
)
from .numerals import installment_number


class WorkflowError(Exception):
    """A status change that the workflow does not allow from the article's current state."""


class StaleArticleError(Exception):
    """Someone else saved the article after this edit began; saving would lose their change."""


# Which statuses each transition may start from.
SUBMITTABLE = {ArticleStatus.DRAFT}
PUBLISHABLE = {ArticleStatus.REVIEW, ArticleStatus.DRAFT, ArticleStatus.WITHDRAWN}
WITHDRAWABLE = {ArticleStatus.PUBLISHED}


def can_publish(user) -> bool:
    """Editors and superusers publish and withdraw; reporters never do."""
    return user is not None and user.is_active and user.has_perm("articles.publish_article")


def can_edit(user, article: Article) -> bool:
    """Whether a user may change this article's content (the same rule the admin enforces)."""
    if user is None or not user.is_active or not user.is_staff:
        return False
    if article.pk is None:
        return user.has_perm("articles.add_article")
    if not user.has_perm("articles.change_article"):
        return False
    return Article.objects.editable_by(user).filter(pk=article.pk).exists()


def _set_status(article: Article, status: str, **fields) -> Article:
    """Save a new status with a version bump, so open edit forms learn of the change."""
    for name, value in fields.items():
        setattr(article, name, value)
    article.status = status
    article.version = F("version") + 1
    article.save(update_fields=["status", "version", "updated_at", *fields])
    article.refresh_from_db(fields=["version", "updated_at"])
    return article


@transaction.atomic
def article_submit(*, article: Article, user) -> Article:
    """Send a draft to the editors for review."""
    if user is not None and not can_edit(user, article):
        raise PermissionDenied("您无权提交这篇稿件。")
    if article.status not in SUBMITTABLE:
        raise WorkflowError(f"“{article.get_status_display()}”状态的稿件不能提交审核。")
    return _set_status(article, ArticleStatus.REVIEW)


@transaction.atomic
def article_publish(*, article: Article, user, at=None) -> Article:
    """Publish now, or at a future time (scheduled: hidden until then, no job needed)."""
    if user is not None and not can_publish(user):
        raise PermissionDenied("只有编辑可以发布稿件。")
    if article.status not in PUBLISHABLE:
        raise WorkflowError(f"“{article.get_status_display()}”状态的稿件不能发布。")
    when = at or article.published_at or timezone.now()
    return _set_status(article, ArticleStatus.PUBLISHED, published_at=when)


@transaction.atomic
def article_withdraw(*, article: Article, user) -> Article:
    """Take a published article off the site; it keeps its publish time for the record."""
    if user is not None and not can_publish(user):
        raise PermissionDenied("只有编辑可以撤回稿件。")
    if article.status not in WITHDRAWABLE:
        raise WorkflowError(f"“{article.get_status_display()}”状态的稿件不能撤回。")
    return _set_status(article, ArticleStatus.WITHDRAWN)


def article_check_version(*, article: Article, version: int) -> None:
    """Refuse a save that started from an older version (optimistic locking)."""
    current = Article.objects.filter(pk=article.pk).values_list("version", flat=True).first()
    if current is not None and current != version:
        raise StaleArticleError(
            "这篇稿件在您编辑期间已被他人保存。您的修改没有保存；请重新打开稿件，在最新版本上修改。"
        )


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
        role_length = Reporter._meta.get_field("default_role").max_length
        reporter = Reporter(name=name, default_role=(role or "")[:role_length])
        reporter.save()
    return reporter


@transaction.atomic
def article_set_bylines(*, article: Article, bylines: Sequence[BylineSpec]) -> list[Byline]:
    """Replace an article's bylines with these, in this order, creating unknown reporters."""
    article.bylines.all().delete()
    created, seen = [], set()
    for order, spec in enumerate(bylines):
        reporter = reporter_get_or_create(name=spec.name, role=spec.role)
        if reporter.pk in seen:
            continue
        seen.add(reporter.pk)
        created.append(
            Byline(
                article=article,
                reporter=reporter,
                role=spec.role or "",
                position=spec.position,
                order=order,
            )
        )
    return Byline.objects.bulk_create(created)


@transaction.atomic
def article_set_mentions(
    *, article: Article, mentions: Iterable[tuple[str, str]]
) -> list[ArticleMention]:
    """Replace the people an article mentions: (name, title as printed) pairs, in order."""
    article.mentions.all().delete()
    rows, seen = [], set()
    for order, (name, title) in enumerate(mentions):
        person = Person.objects.filter(name=name).order_by("pk").first() or Person.objects.create(
            name=name
        )
        if person.pk in seen:
            continue
        seen.add(person.pk)
        rows.append(ArticleMention(article=article, person=person, title=title or "", order=order))
    return ArticleMention.objects.bulk_create(rows)


# The evening paper is on the street by morning; a printed article counts as published then.
PRINT_PUBLISH_TIME = time(6, 0)
PRINT_TIME_ZONE = ZoneInfo("Asia/Shanghai")


def print_publish_time(edition_date: date | None) -> datetime | None:
    """When a printed article went public: its edition date at 06:00 Shanghai time, if known."""
    if edition_date is None:
        return None
    return datetime.combine(edition_date, PRINT_PUBLISH_TIME, tzinfo=PRINT_TIME_ZONE)


def program_get_or_create(*, name: str) -> Program:
    """Match a program by name before creating one, so loads never duplicate a series."""
    program = Program.objects.filter(name=name).first()
    if program is None:
        program = Program(name=name)
        program.save()
    return program


def installment_get_or_create(
    *, program: Program, label: str, title: str = ""
) -> ProgramInstallment | None:
    """The program's installment numbered as in the label (第一辑 → 1); None if it has no number.

    An existing installment keeps its label and title: editors may have polished them.
    """
    number = installment_number(label)
    if number is None or not 1 <= number <= 32767:
        return None
    installment, _ = ProgramInstallment.objects.get_or_create(
        program=program, number=number, defaults={"label": label[:20], "title": title[:120]}
    )
    return installment
