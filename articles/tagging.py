"""Tag lookups through taggit's table directly.

Joining through `Article.tags` makes taggit build SQL with an API Django deprecates (a warning,
an error in tests), and subqueries on the tagged-item table also never duplicate rows.
"""

from collections import defaultdict

from taggit.models import Tag, TaggedItem

from .models import Article


def article_tag_items():
    """Tagged items that point at articles."""
    return TaggedItem.objects.filter(
        content_type__app_label=Article._meta.app_label,
        content_type__model=Article._meta.model_name,
    )


def ids_tagged_with(tags):
    """A subquery of the ids of articles carrying any of these tags (objects or ids)."""
    return article_tag_items().filter(tag__in=tags).values("object_id")


def public_tags():
    """Tags on public articles only, so a draft's tags never show up anywhere."""
    items = article_tag_items().filter(object_id__in=Article.objects.published().values("pk"))
    return Tag.objects.filter(pk__in=items.values("tag_id"))


def attach_tags(articles: list) -> list:
    """Give each article its tags as `tag_list` (by name), all in one query.

    taggit's own prefetch builds a fresh queryset for every article it fills, which costs
    about a millisecond each: noticeable on an API page of 50.
    """
    by_article = defaultdict(list)
    items = article_tag_items().filter(object_id__in=[a.pk for a in articles])
    for item in items.select_related("tag").order_by("tag__name", "tag__pk"):
        by_article[item.object_id].append(item.tag)
    for article in articles:
        article.tag_list = by_article[article.pk]
    return articles
