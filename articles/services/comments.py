"""The editorial comment thread: notes between the desk and a story's reporters."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ..models import Article, EditorialComment
from .access import can_see_comments

MAX_COMMENT = 4000


def clean_comment_text(text: str) -> str:
    """The comment as stored: trimmed, required, of a length an editor can read."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("请填写意见。", code="required")
    if len(text) > MAX_COMMENT:
        raise ValidationError(
            f"意见最多 {MAX_COMMENT} 字，现在是 {len(text)} 字。", code="max_length"
        )
    return text


@transaction.atomic
def article_comment_add(*, article: Article, user, text: str) -> EditorialComment:
    """Add a comment to an article's thread, as someone allowed to read it."""
    if not can_see_comments(user, article):
        raise PermissionDenied("您无权就这篇稿件发表意见。")
    return EditorialComment.objects.create(
        article=article, author=user, text=clean_comment_text(text)
    )
