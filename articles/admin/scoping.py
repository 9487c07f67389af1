"""What a reporter sees of the shared lookups: programs, installments, tags and people.

A name that only colleagues' unpublished articles use says what they are working on, so a
reporter sees a row when an article they may see uses it (their own, or published work), or
when no article uses it yet (a new series or person is there to be picked). Editors see all.
"""

from django.db.models import Q

from people.models import Person

from ..models import Article, ArticleMention, Program, ProgramInstallment
from ..services import can_publish
from ..tagging import article_tag_items
from .permissions import visible_articles


def sees_everything(user) -> bool:
    return user.is_superuser or can_publish(user)


def _seen_or_unused(queryset, user, used_by):
    """Rows whose ids `used_by(articles)` lists for some visible article, or for none at all.

    `used_by` maps an article queryset to a subquery of row ids (never NULL: NOT IN with a
    NULL in the list would hide every row)."""
    if sees_everything(user):
        return queryset
    seen = used_by(visible_articles(Article.objects.all(), user))
    used = used_by(Article.objects.all())
    return queryset.filter(Q(pk__in=seen) | ~Q(pk__in=used))


def visible_programs(user, queryset=None):
    return _seen_or_unused(
        Program.objects.all() if queryset is None else queryset,
        user,
        lambda articles: articles.filter(program__isnull=False).values("program_id"),
    )


def visible_installments(user, queryset=None):
    installments = _seen_or_unused(
        ProgramInstallment.objects.all() if queryset is None else queryset,
        user,
        lambda articles: articles.filter(installment__isnull=False).values("installment_id"),
    )
    return installments.filter(program__in=visible_programs(user))


def visible_tags(user, queryset):
    return _seen_or_unused(
        queryset,
        user,
        lambda articles: (
            article_tag_items().filter(object_id__in=articles.values("pk")).values("tag_id")
        ),
    )


def visible_people(user, queryset=None):
    return _seen_or_unused(
        Person.objects.all() if queryset is None else queryset,
        user,
        lambda articles: ArticleMention.objects.filter(article__in=articles).values("person_id"),
    )
