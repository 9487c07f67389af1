"""The admin's view of the workflow rules in `articles.services`, asked once per request."""

from django.db.models import Q

from ..models import Article, ArticleStatus
from ..services import can_edit, can_publish


def user_can_edit(request, article: Article) -> bool:
    """services.can_edit, remembered for the request: the admin asks it many times per page."""
    cache = request.__dict__.setdefault("_article_can_edit", {})
    if article.pk not in cache:
        cache[article.pk] = can_edit(request.user, article)
    return cache[article.pk]


def visible_articles(queryset, user):
    """Editors see everything; reporters see their own work and what has been published."""
    if user.is_superuser or can_publish(user):
        return queryset
    return queryset.filter(
        Q(pk__in=Article.objects.owned_by(user).values("pk"))
        | Q(status__in=[ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN])
    )


class ArticleEditRuleMixin:
    """Object-level change and delete follow services.can_edit: for the article admin, `obj` is
    the article; for its inlines, `obj` is the parent article."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or user_can_edit(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or user_can_edit(request, obj)
        )
