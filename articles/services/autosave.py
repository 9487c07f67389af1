"""Autosaves: the article form's unsaved text, one row per user and article, never the article.

Nothing here writes to the article or its history; a normal save through `workflow` is still
the only way text reaches the article, and the version guard still refuses a stale one.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ..models import Article, ArticleAutosave
from .access import can_edit

# The article form's text fields (ArticleAdminForm): what a closed tab would lose.
AUTOSAVE_FIELDS = ("kicker", "headline", "subheadline", "summary", "body", "slug", "print_page")
# Ten times the longest feature the paper has printed; more is not an article being typed.
MAX_AUTOSAVE_CHARS = 100_000


class AutosaveError(ValueError):
    """An autosave request that is not the article form's text."""


class AutosaveTooLargeError(AutosaveError):
    """More text than an article form holds."""


def clean_autosave_fields(fields) -> dict[str, str]:
    """The form's text fields by name, line endings as the form saves them; or AutosaveError."""
    if not isinstance(fields, dict) or not fields:
        raise AutosaveError("自动保存的数据格式不对：缺少表单内容。")
    unknown = sorted(set(fields) - set(AUTOSAVE_FIELDS))
    if unknown:
        raise AutosaveError(f"自动保存的数据格式不对：没有这些字段：{'、'.join(unknown)}。")
    if not all(isinstance(value, str) for value in fields.values()):
        raise AutosaveError("自动保存的数据格式不对：字段内容必须是文字。")
    size = sum(len(value) for value in fields.values())
    if size > MAX_AUTOSAVE_CHARS:
        raise AutosaveTooLargeError(
            f"内容太长（{size} 字，自动保存最多 {MAX_AUTOSAVE_CHARS} 字），没有自动保存。"
            "请直接点“保存”。"
        )
    return {name: value.replace("\r\n", "\n") for name, value in fields.items()}


@transaction.atomic
def article_autosave_store(
    *, user, article: Article | None, fields, base_version: int | None
) -> ArticleAutosave:
    """Keep the user's unsaved text for this article's form (None: the add form), replacing
    their previous autosave of it. Only someone who may change the article may store one."""
    if not can_edit(user, article if article is not None else Article()):
        raise PermissionDenied("您无权修改这篇稿件，不能自动保存。")
    if base_version is not None and (
        isinstance(base_version, bool) or not isinstance(base_version, int) or base_version < 0
    ):
        raise AutosaveError("自动保存的数据格式不对：起始版本必须是整数。")
    autosave, _ = ArticleAutosave.objects.update_or_create(
        user=user,
        article=article,
        defaults={
            "fields": clean_autosave_fields(fields),
            "base_version": base_version if article is not None else None,
            "saved_at": timezone.now(),
        },
    )
    return autosave


@transaction.atomic
def article_autosave_discard(*, user, article: Article | None) -> bool:
    """Delete the user's autosave for this article's form (None: the add form); whether one was
    there. Anyone may drop their own: it is nobody else's text."""
    deleted, _ = ArticleAutosave.objects.for_form(user, article).delete()
    return deleted > 0


@transaction.atomic
def article_autosave_saved(*, user, article: Article, is_new: bool) -> None:
    """After a successful save of the form: its autosave has reached the article, drop it
    (for a new article, the add form's)."""
    ArticleAutosave.objects.filter(user=user, article=None if is_new else article).delete()
