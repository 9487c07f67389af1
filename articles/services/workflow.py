"""The workflow: submit, send back, publish, withdraw, expire and an editor's save, each one
revision.

An embargo is a rule, not a wish: publishing an embargoed article schedules it for the embargo's
end, and only editors may set, move or clear one (the public rule hides it either way).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Article, ArticleStatus, EditorialComment, Photo, TransitionAction
from ..notifications import notify_published, notify_sent_back, notify_submitted
from ..page_cache import article_changed
from ..photos import photo_save
from .access import can_edit, can_publish, can_set_embargo
from .comments import clean_comment_text
from .revisions import article_record, article_record_baseline, article_save_with_new_version


class WorkflowError(Exception):
    """A status change that the workflow does not allow from the article's current state."""


class StaleArticleError(Exception):
    """Someone else saved the article after this edit began; saving would lose their change."""


# Which statuses each transition may start from.
SUBMITTABLE = {ArticleStatus.DRAFT}
PUBLISHABLE = {ArticleStatus.REVIEW, ArticleStatus.DRAFT, ArticleStatus.WITHDRAWN}
WITHDRAWABLE = {ArticleStatus.PUBLISHED}
SENDABLE_BACK = {ArticleStatus.REVIEW}


def article_change_status(
    article: Article, status: str, *, user, reason: str, action: str = "", note=None, **fields
) -> Article:
    """Save a new status with a version bump (so open edit forms learn of it) and a revision;
    a workflow step (`action`, a TransitionAction) is kept beside it for the audit trail and
    the desk."""
    article_record_baseline(article=article)
    for name, value in fields.items():
        setattr(article, name, value)
    article.status = status
    article_save_with_new_version(article=article, update_fields=["status", *fields])
    article_record(article=article, user=user, comment=reason, transition=action, note=note)
    return article


@transaction.atomic
def article_submit(*, article: Article, user) -> Article:
    """Send a draft to the editors for review."""
    if user is not None and not can_edit(user, article):
        raise PermissionDenied("您无权提交这篇稿件。")
    if article.status not in SUBMITTABLE:
        raise WorkflowError(f"“{article.get_status_display()}”状态的稿件不能提交审核。")
    article_change_status(
        article,
        ArticleStatus.REVIEW,
        user=user,
        reason=_("提交审核"),
        action=TransitionAction.SUBMIT,
    )
    notify_submitted(article=article, actor=user)
    return article


@transaction.atomic
def article_send_back(*, article: Article, user, comment: str) -> Article:
    """Return a story under review to its reporters as a draft, saying what to change.

    The comment is required: it joins the article's editorial thread, and the revision that
    records the step points at it.
    """
    if user is None or not can_publish(user):
        raise PermissionDenied("只有编辑可以退回稿件。")
    if article.status not in SENDABLE_BACK:
        raise WorkflowError(f"“{article.get_status_display()}”状态的稿件不能退回修改。")
    text = clean_comment_text(comment)
    note = EditorialComment.objects.create(article=article, author=user, text=text)
    article_change_status(
        article,
        ArticleStatus.DRAFT,
        user=user,
        reason=_("退回修改"),
        action=TransitionAction.SEND_BACK,
        note=note,
    )
    notify_sent_back(article=article, actor=user, comment=text)
    return article


@transaction.atomic
def article_publish(*, article: Article, user, at=None) -> Article:
    """Publish now, or at a future time (scheduled: hidden until then, no job needed).

    Never before an embargo: the publish time moves to the embargo's end.
    """
    if user is not None and not can_publish(user):
        raise PermissionDenied("只有编辑可以发布稿件。")
    if article.status == ArticleStatus.PROOFREADING:
        raise WorkflowError("这篇 OCR 稿件还没有校对，须先由校对人标记“已校对”才能发布。")
    if article.status not in PUBLISHABLE:
        raise WorkflowError(f"“{article.get_status_display()}”状态的稿件不能发布。")
    when = at or article.published_at or timezone.now()
    if article.embargo_until is not None and when < article.embargo_until:
        when = article.embargo_until
    if article.expires_at is not None and article.expires_at <= max(when, timezone.now()):
        raise WorkflowError(
            "下线时间已到或早于发布时间，发布后读者也看不到。请先修改或清除下线时间。"
        )
    article_change_status(
        article,
        ArticleStatus.PUBLISHED,
        user=user,
        reason=_("发布"),
        action=TransitionAction.PUBLISH,
        published_at=when,
    )
    notify_published(article=article, actor=user)
    return article


@transaction.atomic
def article_withdraw(*, article: Article, user) -> Article:
    """Take a published article off the site; it keeps its publish time for the record."""
    if user is not None and not can_publish(user):
        raise PermissionDenied("只有编辑可以撤回稿件。")
    if article.status not in WITHDRAWABLE:
        raise WorkflowError(f"“{article.get_status_display()}”状态的稿件不能撤回。")
    return article_change_status(
        article,
        ArticleStatus.WITHDRAWN,
        user=user,
        reason=_("撤回"),
        action=TransitionAction.WITHDRAW,
    )


@transaction.atomic
def article_expire(*, article: Article, at=None) -> Article:
    """Withdraw a published article whose expiry time has passed (the public rule already hides
    it); recorded as the system's change, not a person's."""
    if article.status not in WITHDRAWABLE or not article.is_expired(at=at):
        raise WorkflowError(f"《{article.headline}》没有到下线时间，不能按到期撤下。")
    return article_change_status(article, ArticleStatus.WITHDRAWN, user=None, reason=_("到期下线"))


def articles_expire_due(*, at=None) -> list[Article]:
    """Withdraw every published article whose expiry time has passed; the ones withdrawn."""
    now = at or timezone.now()
    due = Article.objects.expired(at=now)
    return [article_expire(article=article, at=now) for article in due]


def article_check_embargo_change(*, article: Article, user) -> None:
    """Refuse a save that sets, moves or clears an embargo unless the user may (editors)."""
    if user is None or can_set_embargo(user):
        return
    stored = (
        Article.objects.filter(pk=article.pk).values_list("embargo_until", flat=True).first()
        if article.pk
        else None
    )
    if article.embargo_until != stored:
        raise PermissionDenied("只有编辑可以设定或取消禁发时间。")


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
    article_check_embargo_change(article=article, user=user)
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
