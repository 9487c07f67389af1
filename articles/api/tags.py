"""Tags that public articles carry; a draft's tags never show up."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from ..models import Article
from ..tagging import article_tag_items, public_tags
from .paging import BoundedLimitOffset

router = Router(tags=["tags"])


class TagOut(Schema):
    slug: str
    name: str
    url: str
    article_count: int

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(
            reverse("articles:tag", kwargs={"slug": obj.slug})
        )


@router.get("/tags", response=list[TagOut], url_name="tag-list")
@paginate(BoundedLimitOffset)
def list_tags(request):
    """Tags on public articles, most used first, each with its count of public articles."""
    counts = (
        article_tag_items()
        .filter(tag=OuterRef("pk"), object_id__in=Article.objects.published().values("pk"))
        .order_by()
        .values("tag")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        public_tags()
        .annotate(article_count=Coalesce(Subquery(counts), 0))
        .order_by("-article_count", "name", "pk")
    )
