"""Presence on the article change form: the heartbeat endpoint, the notice, the takeover."""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from people.naming import account_name

from ..models import Article
from ..services import (
    Presence,
    article_presence,
    article_take_over,
    can_publish,
    heartbeat_seconds,
    presence_beat,
)
from ..templatetags.desk_tags import ago
from .permissions import visible_articles


def may_take_over(request, article, editable: bool) -> bool:
    """services.can_take_over, with the (per-request cached) edit rule already asked."""
    return editable and can_publish(request.user)


def presence_notice(presence: Presence, *, user, may_take: bool, now: datetime) -> dict:
    """The notice's text, the same for the page and for the heartbeat's JSON."""
    editing = []
    for row in presence.others:
        if row.taken_over_by_id:
            line = _("%(name)s 仍开着这篇稿件（已由 %(taker)s 接手）") % {
                "name": account_name(row.user),
                "taker": account_name(row.taken_over_by),
            }
        else:
            line = _("%(name)s 正在编辑 (%(ago)s)") % {
                "name": account_name(row.user),
                "ago": ago(row.opened_at, now),
            }
        editing.append(line)
    taken_over = ""
    if (mine := presence.taken_over) is not None:
        taken_over = _(
            "%(taker)s 已接手编辑 (%(time)s)。请不要再在此页保存：刷新页面可以看到最新保存的内容。"
        ) % {
            "taker": account_name(mine.taken_over_by),
            "time": timezone.localtime(mine.taken_over_at).strftime("%H:%M"),
        }
    # Worth a button only while someone else holds it (not those this user already took it from).
    holders = [row for row in presence.others if row.taken_over_by_id != user.pk]
    return {
        "editing": editing,
        "taken_over": taken_over,
        "can_take_over": may_take and bool(holders),
        "may_take_over": may_take,
    }


def presence_now(request, article: Article, editable: bool) -> dict:
    """Record this user's heartbeat (if they may edit) and say who else has the article open."""
    now = timezone.now()
    if editable:
        presence_beat(article=article, user=request.user, now=now)
    presence = article_presence(article=article, user=request.user, now=now)
    return presence_notice(
        presence,
        user=request.user,
        may_take=may_take_over(request, article, editable),
        now=now,
    )


def presence_context(request, article: Article, editable: bool) -> dict:
    """The change form's presence notice, rendered on the server; opening the form counts as a
    heartbeat, so the notice is right without JavaScript too."""
    return {
        "presence": presence_now(request, article, editable),
        "presence_heartbeat_url": reverse("admin:articles_article_presence", args=[article.pk]),
        "presence_take_over_url": reverse("admin:articles_article_take_over", args=[article.pk]),
        "presence_interval": heartbeat_seconds(),
    }


def _article(request, object_id) -> Article:
    """The article if this user may see it, with only what the rules read."""
    queryset = visible_articles(Article.objects.only("pk", "status", "created_by"), request.user)
    article = queryset.filter(pk=object_id).first() if str(object_id).isdigit() else None
    if article is None:
        raise Http404(_("没有这篇稿件。"))
    return article


def heartbeat_view(model_admin, request, object_id):
    """POST: this user's form is still open (if they may edit); answer who else is there."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(request, object_id)
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    editable = model_admin.has_change_permission(request, article)
    return JsonResponse(presence_now(request, article, editable))


def take_over_view(model_admin, request, object_id):
    """POST: take the article over from the editors who have it open, then back to the form."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(request, object_id)
    editable = model_admin.has_change_permission(request, article)
    if not may_take_over(request, article, editable):
        raise PermissionDenied
    names = article_take_over(article=article, user=request.user)
    if names:
        messages.success(
            request, _("已接手编辑；%(names)s 的页面会显示。") % {"names": "、".join(names)}
        )
    else:
        messages.info(request, _("现在没有其他人在编辑这篇稿件，无需接手。"))
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
