"""Programs (special-report series) with their installments in print order."""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from ninja import Router

from ..models import Program, published_q
from .schemas import InstallmentRef, WithPublicPage

router = Router(tags=["programs"])


class ProgramOut(WithPublicPage):
    id: int
    slug: str
    name: str
    description: str
    is_active: bool
    installments: list[InstallmentRef]


def programs():
    return Program.objects.annotate(
        article_count=Count("articles", filter=published_q("articles__"))
    ).prefetch_related("installments")


@router.get("/programs", response=list[ProgramOut], url_name="program-list")
def list_programs(request):
    """Every program, newest first, with its installments."""
    return programs()


@router.get("/programs/{slug}", response=ProgramOut, url_name="program-detail")
def get_program(request, slug: str):
    return get_object_or_404(programs(), slug=slug)
