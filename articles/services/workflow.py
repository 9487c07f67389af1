"""The workflow: submit, publish, withdraw and an editor's save, each one revision."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Article, ArticleStatus, Photo
from ..page_cache import article_changed
from ..photos import photo_save
from .access import can_edit, can_publish
from .revisions import article_record, article_record_baseline, article_save_with_new_version


class WorkflowError(Exception):
    """A status change that the workflow does not allow from the article's current state."""


class StaleArticleError(Exception):
    """Someone else saved the article after this edit began; saving would lose their change."""


# Which statuses each transition may start from.
SUBMITTABLE = {ArticleStatus.DRAFT}
PUBLISHABLE = {ArticleStatus.REVIEW, ArticleStatus.DRAFT, ArticleStatus.WITHDRAWN}
WITHDRAWABLE = {ArticleStatus.PUBLISHED}


def _set_status(article: Article, status: str, *, user, reason: str, **fields) -> Article:
    """Save a new status with a version bump (so open edit forms learn of it) and a revision."""
    article_record_baseline(article=article)
    for name, value in fields.items():
        setattr(article, name, value)
    article.status = status
    article_save_with_new_version(article=article, update_fields=["status", *fields])
    article_record(article=article, user=user, comment=reason)
    return article


@transaction.atomic
def article_submit(*, article: Article, user) -> Article:
    """Send a draft to the editors for review."""
    if user is not None and not can_edit(user, article):
        raise PermissionDenied("您无权提交这篇稿件。")
    if article.status not in SUBMITTABLE:
        raise WorkflowError(f"“{article.get_status_display()}”状态的稿件不能提交审核。")
    return _set_status(article, ArticleStatus.REVIEW, user=user, reason=_("提交审核"))


@transaction.atomic
def article_publish(*, article: Article, user, at=None) -> Article:
    """Publish now, or at a future time (scheduled: hidden until then, no job needed)."""
    if user is not None and not can_publish(user):
        raise PermissionDenied("只有编辑可以发布稿件。")
    if article.status not in PUBLISHABLE:
        raise WorkflowError(f"“{article.get_status_display()}”状态的稿件不能发布。")
    when = at or article.published_at or timezone.now()
    return _set_status(
        article, ArticleStatus.PUBLISHED, user=user, reason=_("发布"), published_at=when
    )


@transaction.atomic
def article_withdraw(*, article: Article, user) -> Article:
    """Take a published article off the site; it keeps its publish time for the record."""
    if user is not None and not can_publish(user):
        raise PermissionDenied("只有编辑可以撤回稿件。")
    if article.status not in WITHDRAWABLE:
        raise WorkflowError(f"“{article.get_status_display()}”状态的稿件不能撤回。")
    return _set_status(article, ArticleStatus.WITHDRAWN, user=user, reason=_("撤回"))


def article_check_version(*, article: Article, version: int) -> None:
    """Refuse a save that started from an older version (optimistic locking)."""
    current = Article.objects.filter(pk=article.pk).values_list("version", flat=True).first()
    if current is not None and current != version:
        raise StaleArticleError(
            "这篇稿件在您编辑期间已被他人保存。您的修改没有保存；请重新打开稿件，在最新版本上修改。"
        )


@transaction.atomic
def article_save_edit(*, article: Article, user, is_new: bool) -> Article:
    """An editor's save of the form's fields: a new article, or the next version of one.

    The caller saves the inlines next and then calls `article_edit_done`, so the revision
    holds the whole saved state.
    """
    if is_new:
        article.created_by = user
        article.save()
        article_changed(article, is_new=True)
        return article
    article_record_baseline(article=article)
    return article_save_with_new_version(article=article)


@transaction.atomic
def article_save_rows(*, rows, deleted) -> None:
    """Save the rows an editor changed on an article: bylines, mentions, photos, corrections."""
    for row in deleted:
        row.delete()
    for row in rows:
        if isinstance(row, Photo):
            photo_save(photo=row)
        else:
            row.save()


def article_edit_done(*, article: Article, user) -> None:
    """Record the editor's finished save (fields and inlines) as one revision."""
    article_record(article=article, user=user, comment=_("编辑保存"))
