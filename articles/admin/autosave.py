"""Autosave on the article form: the JSON endpoint static/admin_newsroom/autosave.js posts to,
the discard button, and the offer to restore shown when the form is opened again."""

import json

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils import timezone

from ..models import Article, ArticleAutosave
from ..services import (
    AUTOSAVE_FIELDS,
    MAX_AUTOSAVE_CHARS,
    AutosaveError,
    AutosaveTooLargeError,
    article_autosave_discard,
    article_autosave_store,
)
from .forms import ArticleAdminForm
from .permissions import visible_articles

AUTOSAVE_INTERVAL_MS = 5000
# JSON-escaped CJK text takes up to six bytes a character; anything bigger is refused unread.
MAX_AUTOSAVE_BYTES = 6 * MAX_AUTOSAVE_CHARS + 4096
TOO_LARGE = f"内容太长（自动保存最多 {MAX_AUTOSAVE_CHARS} 字），没有自动保存。请直接点“保存”。"


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _target(request, object_id):
    """The article (None for the add form), by the admin's own scoping: Http404 when it is
    missing or hidden from the user (a reporter and a colleague's draft). Whether the user may
    change it is the service's check, which answers PermissionDenied."""
    if object_id is None:
        return None
    visible = visible_articles(Article.objects.all(), request.user)
    article = visible.filter(pk=unquote(object_id)).first() if object_id.isdigit() else None
    if article is None:
        raise Http404
    return article


def autosave_view(request, object_id=None):
    """POST {"base_version": n, "fields": {name: text}}: keep it as the user's autosave."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        article = _target(request, object_id)
    except Http404:
        return _error(404, "没有这篇稿件。")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_AUTOSAVE_BYTES or len(request.body) > MAX_AUTOSAVE_BYTES:
        return _error(413, TOO_LARGE)
    try:
        payload = json.loads(request.body)
    except ValueError:  # includes UnicodeDecodeError
        return _error(400, "自动保存的数据格式不对：不是 JSON。")
    if not isinstance(payload, dict):
        return _error(400, "自动保存的数据格式不对：缺少表单内容。")
    try:
        autosave = article_autosave_store(
            user=request.user,
            article=article,
            fields=payload.get("fields"),
            base_version=payload.get("base_version"),
        )
    except AutosaveTooLargeError as exc:
        return _error(413, str(exc))
    except AutosaveError as exc:
        return _error(400, str(exc))
    except PermissionDenied as exc:
        return _error(403, str(exc))
    stale = autosave.is_stale(article)
    when = timezone.localtime(autosave.saved_at).strftime("%H:%M:%S")
    message = f"已自动保存（{when}）。"
    if stale:
        message += "这篇稿件在您编辑期间已被他人保存，直接保存会被拒绝。"
    return JsonResponse(
        {"saved_at": autosave.saved_at.isoformat(), "stale": stale, "message": message}
    )


def autosave_discard_view(request, object_id=None):
    """POST: drop the user's autosave; JSON for the script, a redirect back for a plain form."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        article = _target(request, object_id)
    except Http404:
        return _error(404, "没有这篇稿件。")
    article_autosave_discard(user=request.user, article=article)
    message = "已丢弃自动保存的内容。"
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"message": message})
    messages.success(request, message)
    if article is None:
        return HttpResponseRedirect(reverse("admin:articles_article_add"))
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


def ago_text(saved_at, now=None) -> str:
    """How long ago, as the notice says it: 1 分钟内, 5 分钟前, 3 小时前, 2 天前."""
    minutes = int(((now or timezone.now()) - saved_at).total_seconds() // 60)
    if minutes < 1:
        return "1 分钟内"
    if minutes < 60:
        return f"{minutes} 分钟前"
    if minutes < 60 * 24:
        return f"{minutes // 60} 小时前"
    return f"{minutes // (60 * 24)} 天前"


def saved_form_text(article) -> dict[str, str]:
    """The article's text fields as its change form shows them (or the empty add form)."""
    fields = ArticleAdminForm.base_fields
    if article is None:
        return dict.fromkeys(AUTOSAVE_FIELDS, "")
    return {
        name: str(fields[name].prepare_value(getattr(article, name)) or "")
        for name in AUTOSAVE_FIELDS
    }


def restore_offer(autosave: ArticleAutosave, article) -> dict | None:
    """What the notice offers for this autosave, or None when it holds nothing unsaved.

    A stale autosave (the article was saved after its form was opened) is shown to read, not
    restored: filled into today's form, it would pass the version guard and silently undo
    that later save, which is the lost update the guard exists to refuse.
    """
    saved = saved_form_text(article)
    if all(saved.get(name, "") == text for name, text in autosave.fields.items()):
        return None
    labels = ArticleAdminForm.base_fields
    return {
        "ago": ago_text(autosave.saved_at),
        "saved_at": autosave.saved_at,
        "stale": autosave.is_stale(article),
        "base_version": autosave.base_version,
        "fields": autosave.fields,
        "rows": [
            (labels[name].label, autosave.fields[name])
            for name in AUTOSAVE_FIELDS
            if name in autosave.fields and autosave.fields[name] != saved[name]
        ],
    }


def autosave_context(model_admin, request, article) -> dict:
    """The change or add form's autosave: its URLs and, on opening, any offer (one query)."""
    if article is None:
        if not model_admin.has_add_permission(request):
            return {}
        save_url = reverse("admin:articles_article_add_autosave")
        discard_url = reverse("admin:articles_article_add_autosave_discard")
    else:
        if not model_admin.has_change_permission(request, article):
            return {}
        save_url = reverse("admin:articles_article_autosave", args=[article.pk])
        discard_url = reverse("admin:articles_article_autosave_discard", args=[article.pk])
    offer = None
    if request.method == "GET":
        autosave = ArticleAutosave.objects.for_form(request.user, article).first()
        offer = restore_offer(autosave, article) if autosave is not None else None
    return {
        "autosave": {
            "save_url": save_url,
            "discard_url": discard_url,
            "interval": AUTOSAVE_INTERVAL_MS,
            "fields": " ".join(AUTOSAVE_FIELDS),
            "offer": offer,
        }
    }


def autosave_urls(model_admin) -> list:
    """The add form's and the change form's endpoints, ahead of the admin's `<object_id>/`."""
    wrap = model_admin.admin_site.admin_view
    save, discard = autosave_view, autosave_discard_view
    return [
        path("add/autosave/", wrap(save), name="articles_article_add_autosave"),
        path("add/autosave/discard/", wrap(discard), name="articles_article_add_autosave_discard"),
        path("<path:object_id>/autosave/", wrap(save), name="articles_article_autosave"),
        path(
            "<path:object_id>/autosave/discard/",
            wrap(discard),
            name="articles_article_autosave_discard",
        ),
    ]
