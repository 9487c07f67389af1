"""Proofreading OCR text: a loaded article waits as 待校对 until someone with the right marks it."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Article, ArticleStatus
from .access import can_proofread
from .workflow import WorkflowError, article_change_status


@transaction.atomic
def article_mark_proofread(*, article: Article, user) -> Article:
    """Give a 待校对 article its 已校对 mark (who, when); it then waits for an editor as 待审."""
    if not can_proofread(user):
        raise PermissionDenied("您无权标记稿件已校对。")
    if article.status != ArticleStatus.PROOFREADING:
        raise WorkflowError(f"“{article.get_status_display()}”状态的稿件不需要校对。")
    return article_change_status(
        article,
        ArticleStatus.REVIEW,
        user=user,
        reason=_("标记已校对"),
        proofread_by=user,
        proofread_at=timezone.now(),
    )
