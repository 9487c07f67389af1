"""Reporters and the people articles mention, as readers may see them.

Only those with a public article are listed or found: someone credited or mentioned only in
a draft does not exist for readers (the person page's rule, applied to reporters too).
"""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from people.models import Person, Reporter

from ..models import published_q
from .paging import BoundedLimitOffset
from .schemas import WithPublicPage

router = Router(tags=["people"])


def with_public_articles(queryset):
    """Those with a public article at least, each with `article_count`, their public articles."""
    public = Count("articles", filter=published_q("articles__"), distinct=True)
    return queryset.annotate(article_count=public).filter(article_count__gt=0)


class ReporterOut(WithPublicPage):
    id: int
    slug: str
    name: str
    pinyin: str
    default_role: str
    bio: str


class PersonOut(WithPublicPage):
    id: int
    name: str
    disambiguation: str
    pinyin: str
    description: str


@router.get("/reporters", response=list[ReporterOut], url_name="reporter-list")
@paginate(BoundedLimitOffset)
def list_reporters(request):
    """Reporters with public articles, by pinyin; `article_count` counts those articles."""
    return with_public_articles(Reporter.objects).order_by("pinyin", "name", "pk")


@router.get("/reporters/{slug}", response=ReporterOut, url_name="reporter-detail")
def get_reporter(request, slug: str):
    return get_object_or_404(with_public_articles(Reporter.objects), slug=slug)


@router.get("/people", response=list[PersonOut], url_name="person-list")
@paginate(BoundedLimitOffset)
def list_people(request):
    """People public articles mention, by pinyin."""
    return with_public_articles(Person.objects).order_by("pinyin", "name", "pk")


@router.get("/people/{int:person_id}", response=PersonOut, url_name="person-detail")
def get_person(request, person_id: int):
    return get_object_or_404(with_public_articles(Person.objects), pk=person_id)
