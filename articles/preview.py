"""Preview links for unpublished articles: signed links for staff, bound to the viewer's
rights, and links shared with a named outside reviewer. Every use is logged."""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from newsroom.client_ip import client_ip_address
from newsroom.second_factor.rules import second_factor_satisfied

from .article_page import article_page_context, article_page_queryset
from .models import Article, ArticleStatus, PreviewAccess, PreviewShare
from .services import can_publish

logger = logging.getLogger("newsroom.preview")

# One salt per purpose: a token signed for anything else never opens a preview.
PREVIEW_SALT = "articles.preview.article"
DEFAULT_MAX_AGE = 24 * 60 * 60
MAX_SHARE_HOURS = 14 * 24


def preview_max_age() -> int:
    """Seconds a preview link stays valid (NEWSROOM_PREVIEW_MAX_AGE, default 24 hours)."""
    return int(getattr(settings, "NEWSROOM_PREVIEW_MAX_AGE", DEFAULT_MAX_AGE))


def make_preview_token(article: Article) -> str:
    """A token naming exactly this article, stamped with the time it was made."""
    return signing.TimestampSigner(salt=PREVIEW_SALT).sign(str(article.pk))


def preview_url(article: Article) -> str:
    return reverse("articles:preview", kwargs={"token": make_preview_token(article)})


def article_id_from_token(token: str) -> int:
    """The article id a token was made for; raises signing.BadSignature if forged or expired."""
    value = signing.TimestampSigner(salt=PREVIEW_SALT).unsign(token, max_age=preview_max_age())
    return int(value)


def may_preview(user, article: Article) -> bool:
    """A link opens only what its viewer could open in the admin (second factor included):
    editors everything, a reporter their own articles and published work. Holding the link
    is not enough."""
    if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
        return False
    if not second_factor_satisfied(user):
        return False
    if user.is_superuser or can_publish(user) or article.status == ArticleStatus.PUBLISHED:
        return True
    return Article.objects.owned_by(user).filter(pk=article.pk).exists()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def preview_share_create(*, share: PreviewShare, hours: int, user) -> str:
    """Save a new shared link (article and reviewer set) valid for `hours`; returns its token,
    the only copy of the secret."""
    if not 1 <= hours <= MAX_SHARE_HOURS:
        raise ValueError(f"hours must be between 1 and {MAX_SHARE_HOURS}")
    token = secrets.token_urlsafe(32)
    share.token_hash = token_hash(token)
    share.created_by = user
    share.created_at = timezone.now()
    share.expires_at = share.created_at + timedelta(hours=hours)
    share.save()
    return token


def preview_share_revoke(*, shares) -> int:
    """Revoke every still-unrevoked share in `shares`; returns how many."""
    return shares.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


def share_url(token: str) -> str:
    return reverse("articles:review", kwargs={"token": token})


def log_preview_use(request, *, article, granted: bool, share=None) -> None:
    """One row per use, and a log line for the request log's collectors."""
    user = request.user if request.user.is_authenticated else None
    PreviewAccess.objects.create(
        article=article,
        share=share,
        user=user,
        ip_address=client_ip_address(request),
        user_agent=request.headers.get("User-Agent", "")[:300],
        granted=granted,
    )
    logger.info(
        "preview of article %s %s",
        article.pk,
        "granted" if granted else "refused",
        extra={"article_id": article.pk, "share_id": getattr(share, "pk", None)},
    )


def _render_preview(request, article, template="articles/preview.html", **extra):
    context = {**article_page_context(article, request=request), "is_preview": True, **extra}
    response = render(request, template, context)
    # A draft must never land in a shared cache or a search engine.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@staff_member_required
def preview_view(request, token: str):
    """Any article, whatever its status, as the public page shows it, to those who may see it."""
    try:
        pk = article_id_from_token(token)
    except (signing.BadSignature, ValueError) as exc:
        raise Http404("预览链接无效或已过期。") from exc
    article = article_page_queryset(Article.objects.all()).filter(pk=pk).first()
    if article is None:
        raise Http404("稿件不存在。")
    granted = may_preview(request.user, article)
    log_preview_use(request, article=article, granted=granted)
    if not granted:
        raise Http404("预览链接无效或已过期。")
    return _render_preview(request, article)


def review_view(request, token: str):
    """A shared link: no login, this article only, until it expires or is revoked."""
    share = (
        PreviewShare.objects.select_related("article").filter(token_hash=token_hash(token)).first()
    )
    if share is None:
        raise Http404("审阅链接无效。")
    granted = share.is_active()
    log_preview_use(request, article=share.article, granted=granted, share=share)
    if not granted:
        raise Http404("审阅链接已过期或已撤销。")
    article = article_page_queryset(Article.objects.all()).get(pk=share.article_id)
    return _render_preview(request, article, "articles/review.html", share=share)
