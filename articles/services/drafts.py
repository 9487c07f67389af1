"""New drafts from integrations (the write API): validated like the admin, one revision each."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Article, ArticleStatus, District, Subdistrict
from .credits import BylineSpec, article_set_bylines
from .revisions import article_record


@transaction.atomic
def article_create_draft(
    *,
    user,
    fields: dict,
    bylines: Sequence[BylineSpec] = (),
    districts: Sequence[District] = (),
    subdistricts: Sequence[Subdistrict] = (),
    tags: Sequence[str] = (),
) -> Article:
    """Save a new draft with its places, tags and bylines; nothing is saved if any part fails.

    Raises `ValidationError` (per field, as the admin form shows it) for bad content and
    `PermissionDenied` for a user who may not create articles. Status is always draft:
    publishing stays with an editor in the admin.
    """
    if not user.has_perm("articles.add_article"):
        raise PermissionDenied(_("这个账号没有新建稿件的权限。"))
    article = Article(**fields, status=ArticleStatus.DRAFT, published_at=None, created_by=user)
    article.full_clean()
    article.save()
    article.districts.set(districts)
    article.subdistricts.set(subdistricts)
    if tags:
        article.tags.set(list(tags))
    article_set_bylines(article=article, bylines=bylines)
    article_record(article=article, user=user, comment=_("接口新建"))
    return article
