"""The review loop in the admin: 退回修改 with a required comment, and the comment thread."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from ..models import EditorialComment
from ..services import (
    SENDABLE_BACK,
    WorkflowError,
    article_comment_add,
    article_send_back,
    can_publish,
    can_see_comments,
    clean_comment_text,
)

THREAD_TEMPLATE = "admin/articles/article/review_form.html"


class CommentForm(forms.Form):
    """One comment: required, trimmed, of readable length (the service's own rule)."""

    text = forms.CharField(
        label="意见",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="只有编辑和这篇稿件的记者能看到，读者永远看不到。",
        error_messages={"required": "请填写意见。"},
    )

    def clean_text(self):
        return clean_comment_text(self.cleaned_data["text"])


def comment_thread(article) -> list[EditorialComment]:
    """The article's thread, oldest first, with each author's byline name: one query."""
    return list(EditorialComment.objects.filter(article=article).select_related("author__reporter"))


def thread_context(request, article) -> dict:
    """What the change form and history page need to show the thread, or nothing at all."""
    if not can_see_comments(request.user, article):
        return {}
    return {"comments": comment_thread(article), "comment_form": CommentForm(), "show_thread": True}


def may_send_back(request, article, editable: bool) -> bool:
    return editable and can_publish(request.user) and article.status in SENDABLE_BACK


def _change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def _article_or_404(model_admin, request, object_id):
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404("没有这篇稿件。")
    return article


def _render(model_admin, request, article, form, page: str) -> TemplateResponse:
    """The send-back or comment page (`page` is its URL name), with the thread below."""
    title, button = PAGES[page]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"{title}：{article.headline}",
        "subtitle": None,
        "opts": model_admin.opts,
        "original": article,
        "form": form,
        "form_action": reverse(f"admin:articles_article_{page}", args=[article.pk]),
        "button": button,
        "comments": comment_thread(article),
        "show_thread": True,
    }
    return TemplateResponse(request, THREAD_TEMPLATE, context)


# URL name -> (page title, button).
PAGES = {"send_back": ("退回修改", "退回修改"), "comments": ("编辑意见", "发表意见")}


def send_back_view(model_admin, request, object_id):
    """GET: the form for the editor's comment; POST: send the story back with it."""
    article = _article_or_404(model_admin, request, object_id)
    editable = model_admin.has_change_permission(request, article)
    if not (can_publish(request.user) and editable):
        raise PermissionDenied
    form = CommentForm(request.POST if request.method == "POST" else None)
    if not (form.is_bound and form.is_valid()):
        return _render(model_admin, request, article, form, "send_back")
    try:
        article_send_back(article=article, user=request.user, comment=form.cleaned_data["text"])
    except WorkflowError as exc:
        messages.error(request, f"《{article.headline}》：{exc}")
    else:
        messages.success(request, "已退回修改，记者会收到您的意见。")
    return HttpResponseRedirect(_change_url(article))


def comments_view(model_admin, request, object_id):
    """GET: the thread; POST: add to it (the editors and the story's reporters only)."""
    article = _article_or_404(model_admin, request, object_id)
    if not can_see_comments(request.user, article):
        raise PermissionDenied
    form = CommentForm(request.POST if request.method == "POST" else None)
    if not (form.is_bound and form.is_valid()):
        return _render(model_admin, request, article, form, "comments")
    article_comment_add(article=article, user=request.user, text=form.cleaned_data["text"])
    messages.success(request, "意见已添加。")
    return HttpResponseRedirect(f"{_change_url(article)}#editorial-comments")
