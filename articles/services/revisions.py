"""Revisions: every article write moves the version on and records one django-reversion revision.

A revision holds the article with its bylines, mentions, photos and corrections (who, when,
why), so a revert restores credits too, without a shadow table per model. Tags live behind
taggit's manager, which reversion does not serialise, so each revision keeps the tag names
in a small meta row (`ArticleRevisionTags`). Snapshots are taken explicitly by the services
after each write, never by signals, so they always show the saved state.
"""

from dataclasses import dataclass, field

import reversion
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from reversion.models import Version

from ..models import (
    Article,
    ArticleMention,
    ArticleRevisionTags,
    ArticleTransition,
    Byline,
    Correction,
    District,
    Photo,
    Subdistrict,
)
from ..page_cache import article_changed
from ..photos import photo_save
from .access import can_edit
from .credits import article_restore_credits

# The version counter is the optimistic lock: it must only ever grow, so it is never stored.
reversion.register(
    Article, exclude=["version"], follow=["bylines", "mentions", "photos", "corrections"]
)
reversion.register(Byline)
reversion.register(ArticleMention)
reversion.register(Photo)
reversion.register(Correction)

# Reasons a revision records.
EDITOR_SAVE = "编辑保存"
LOADER_UPDATE = "载入更正版"
REVERT = "恢复到版本 {number}"
BASELINE = "修改前的版本"

# Photo text a revert restores; the image file itself is never rewritten.
RESTORED_PHOTO_FIELDS = ["caption", "credit", "alt_text", "order"]

# Content a revert restores; status and publish time change only through the workflow.
RESTORED_FIELDS = [
    "kicker",
    "headline",
    "subheadline",
    "summary",
    "body",
    "kind",
    "slug",
    "program_id",
    "installment_id",
    "print_date",
    "print_page",
]
RESTORED_M2M = {"districts": District, "subdistricts": Subdistrict}


def article_save_with_new_version(*, article: Article, update_fields=None) -> Article:
    """Save an existing article with its version moved on by one (the lost-update guard)."""
    article_changed(article)
    article.version = F("version") + 1
    if update_fields is not None:
        update_fields = [*update_fields, "version", "updated_at"]
    article.save(update_fields=update_fields)
    article.refresh_from_db(fields=["version", "updated_at"])
    return article


def article_record(
    *, article: Article, user=None, comment: str = "", transition: str = "", note=None
) -> None:
    """Store the article's saved state (with credits, photos, corrections) as a new revision.

    A workflow step passes its `transition` (a TransitionAction) and any editorial `note`
    that came with it, kept beside the revision for the desk.
    """
    fresh = Article.objects.get(pk=article.pk)
    with reversion.create_revision(manage_manually=True):
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(fresh)
        reversion.add_meta(ArticleRevisionTags, names=sorted(fresh.tags.names()))
        if transition:
            reversion.add_meta(ArticleTransition, article=fresh, action=transition, comment=note)


def article_record_baseline(*, article: Article) -> None:
    """Snapshot an article that has no history yet (loaded or made elsewhere) before it changes."""
    if article.pk and not Version.objects.get_for_object_reference(Article, article.pk).exists():
        article_record(article=article, user=None, comment=BASELINE)


def revision_number(version: Version) -> int:
    """A revision's place in its article's history, counting from 1 for the oldest."""
    return (
        Version.objects.get_for_object_reference(Article, version.object_id)
        .filter(pk__lte=version.pk)
        .count()
    )


@dataclass
class RevertOutcome:
    """The reverted article, and the photos a revert could not bring back (file gone)."""

    article: Article
    photos_missing: list[str] = field(default_factory=list)


def revision_rows(version: Version, model) -> list[dict]:
    """The field values of one related model's objects as the revision stored them."""
    return [v.field_dict for v in version.revision.version_set.all() if v._model is model]


def _restore_photos(article: Article, rows: list[dict]) -> list[str]:
    """Put photos' text back as the revision had it; return the images that are gone."""
    # Photos added since are dropped from the article (their files stay in storage) so the
    # restored body and photo list agree; the pre-revert revision can bring them back.
    article.photos.exclude(pk__in=[row["id"] for row in rows]).delete()
    current = {photo.pk: photo for photo in Photo.objects.filter(pk__in=[r["id"] for r in rows])}
    missing = []
    for row in rows:
        photo = current.get(row["id"])
        if photo is None or photo.article_id != article.pk:
            image = str(row["image"] or "")
            if photo is not None or not image or not default_storage.exists(image):
                missing.append(image)
                continue
            # Recreated under its old key, which the body's image blocks point to; the
            # renditions are made afresh from the file.
            photo = Photo(pk=row["id"], article=article, image=image)
            for name in RESTORED_PHOTO_FIELDS:
                setattr(photo, name, row[name])
            photo_save(photo=photo)
            continue
        for name in RESTORED_PHOTO_FIELDS:
            setattr(photo, name, row[name])
        photo.save(update_fields=RESTORED_PHOTO_FIELDS)
    return missing


def revision_tags(version: Version) -> list[str] | None:
    """The tag names a revision kept; None for revisions taken before tags were recorded."""
    try:
        return version.revision.article_tags.names
    except ArticleRevisionTags.DoesNotExist:
        return None


@transaction.atomic
def article_revert(*, article: Article, version: Version, user) -> RevertOutcome:
    """Restore an article's content, credits, tags and photo text from a revision.

    Status stays as it is: it changes only through the workflow. Corrections are a public
    record, so a revert never removes, adds or rewrites one.
    """
    if not can_edit(user, article):
        raise PermissionDenied("您无权修改这篇稿件。")
    if version.object_id != str(article.pk) or version._model is not Article:
        raise PermissionDenied("这个版本不属于这篇稿件。")
    locked = Article.objects.select_for_update().get(pk=article.pk)
    data = version.field_dict
    for name in RESTORED_FIELDS:
        if name in data:
            setattr(locked, name, data[name])
    locked.full_clean(validate_unique=False, validate_constraints=False)
    article_save_with_new_version(article=locked)
    for name, model in RESTORED_M2M.items():
        if name in data:
            getattr(locked, name).set(model.objects.filter(pk__in=data[name]))
    tags = revision_tags(version)
    if tags is not None:
        locked.tags.set(tags)
    article_restore_credits(
        article=locked,
        bylines=revision_rows(version, Byline),
        mentions=revision_rows(version, ArticleMention),
    )
    missing = _restore_photos(locked, revision_rows(version, Photo))
    comment = _(REVERT).format(number=revision_number(version))
    article_record(article=locked, user=user, comment=comment)
    return RevertOutcome(locked, missing)
