"""Signed, expiring preview links for unpublished articles, and the view that honours them."""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .article_page import article_page_context, article_page_queryset
from .models import Article

# One salt per purpose: a token signed for anything else never opens a preview.
PREVIEW_SALT = "articles.preview.article"
DEFAULT_MAX_AGE = 24 * 60 * 60


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


@staff_member_required
def preview_view(request, token: str):
    """Show any article, whatever its status, as the public page does, under a preview banner."""
    try:
        pk = article_id_from_token(token)
    except (signing.BadSignature, ValueError) as exc:
        raise Http404("预览链接无效或已过期。") from exc
    article = get_object_or_404(article_page_queryset(Article.objects.all()), pk=pk)
    context = {**article_page_context(article, request=request), "is_preview": True}
    response = render(request, "articles/preview.html", context)
    # A draft must never land in a shared cache or a search engine.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
