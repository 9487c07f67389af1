"""Corrections to public articles, newest first (the corrections page's list)."""

from ninja import Router
from ninja.pagination import paginate

from ..models import Article, Correction
from .paging import BoundedLimitOffset
from .schemas import CorrectionOut

router = Router(tags=["corrections"])


@router.get("/corrections", response=list[CorrectionOut], url_name="correction-list")
@paginate(BoundedLimitOffset)
def list_corrections(request):
    """Corrections to public articles; a withdrawn article's corrections leave with it."""
    return Correction.objects.filter(article__in=Article.objects.published()).order_by(
        "-corrected_at", "-pk"
    )
