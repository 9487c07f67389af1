"""Districts with their 街道/镇 and each district's count of public articles."""

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from ..models import District, Subdistrict, published_q
from .schemas import WithPublicPage

router = Router(tags=["places"])


class SubdistrictOut(Schema):
    code: str
    slug: str
    name: str
    kind: str


class DistrictOut(WithPublicPage):
    code: str
    slug: str
    name: str
    short_name: str
    name_en: str
    subdistricts: list[SubdistrictOut]


def districts():
    """Every district with its 街道/镇 in code order: two queries."""
    return District.objects.annotate(
        article_count=Count("articles", filter=published_q("articles__"))
    ).prefetch_related(Prefetch("subdistricts", queryset=Subdistrict.objects.order_by("code")))


@router.get("/districts", response=list[DistrictOut], url_name="district-list")
def list_districts(request):
    """All of Shanghai's districts, each with its 街道/镇."""
    return districts().order_by("code")


@router.get("/districts/{slug}", response=DistrictOut, url_name="district-detail")
def get_district(request, slug: str):
    return get_object_or_404(districts(), slug=slug)
