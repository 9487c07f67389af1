"""Workflow mail: who hears that a story was submitted, sent back or published, and what it says.

Messages are built inside the workflow's transaction and sent after it commits, so a step that
rolls back mails nobody. A mail server that is down costs a logged error, never the step.
"""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from people.naming import account_name

from .models import Article

logger = logging.getLogger(__name__)


def _with_mail(users, actor):
    users = users.filter(is_active=True).exclude(email="")
    if actor is not None:
        users = users.exclude(pk=actor.pk)
    return list(users.distinct().order_by("pk"))


def editors(*, actor=None) -> list:
    """Everyone who may publish, by group or by their own permission."""
    perm = {"codename": "publish_article", "content_type__app_label": "articles"}
    granted = Q(**{f"groups__permissions__{k}": v for k, v in perm.items()}) | Q(
        **{f"user_permissions__{k}": v for k, v in perm.items()}
    )
    return _with_mail(get_user_model().objects.filter(granted), actor)


def owners(article: Article, *, actor=None) -> list:
    """The story's own people: whoever created it and every bylined reporter with an account."""
    mine = Q(reporter__bylines__article=article)
    if article.created_by_id:
        mine |= Q(pk=article.created_by_id)
    return _with_mail(get_user_model().objects.filter(mine), actor)


def _admin_link(article: Article) -> str:
    path = reverse("admin:articles_article_change", args=[article.pk])
    return f"{settings.NEWSROOM_BASE_URL}{path}"


def _messages(recipients, subject: str, text: str) -> list[EmailMessage]:
    # One message each: a reporter never learns the desk's addresses from a To: line.
    return [EmailMessage(subject, text, to=[user.email]) for user in recipients]


def _deliver(messages: list[EmailMessage]) -> None:
    try:
        mailers.default.send_messages(messages)
    except (smtplib.SMTPException, OSError):
        logger.exception("workflow mail not sent (%d messages)", len(messages))


def _send_after_commit(messages: list[EmailMessage]) -> None:
    if messages:
        transaction.on_commit(lambda: _deliver(messages))


def notify_submitted(*, article: Article, actor) -> None:
    """Tell the editors a story waits for review."""
    text = (
        f"{account_name(actor)} 提交了《{article.full_title}》，等待审核。\n\n"
        f"打开稿件：{_admin_link(article)}\n"
    )
    _send_after_commit(_messages(editors(actor=actor), f"待审：《{article.headline}》", text))


def notify_sent_back(*, article: Article, actor, comment: str) -> None:
    """Tell the story's reporters what the editor wants changed."""
    text = (
        f"{account_name(actor)} 把《{article.full_title}》退回修改，意见如下：\n\n{comment}\n\n"
        f"修改后请再次提交审核：{_admin_link(article)}\n"
    )
    recipients = owners(article, actor=actor)
    _send_after_commit(_messages(recipients, f"退回修改：《{article.headline}》", text))


def notify_published(*, article: Article, actor) -> None:
    """Tell the story's reporters it is out, or when it will be."""
    when = timezone.localtime(article.published_at)
    scheduled = article.published_at > timezone.now()
    state = f"定于 {when:%Y-%m-%d %H:%M} 公开" if scheduled else f"已于 {when:%Y-%m-%d %H:%M} 发布"
    text = (
        f"《{article.full_title}》{state}（{account_name(actor)} 操作）。\n\n"
        f"稿件：{_admin_link(article)}\n"
    )
    subject = f"{'定时发布' if scheduled else '已发布'}：《{article.headline}》"
    _send_after_commit(_messages(owners(article, actor=actor), subject, text))
