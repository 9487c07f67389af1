"""Article revision history: snapshots, readable diffs and revert, on django-reversion.

django-reversion stores each snapshot of an article together with its bylines, photos and
corrections in one revision (who, when, why), in a single table and without a historical
copy of every model; so a revert restores the article as it stood, bylines included.
Tags live behind taggit's manager, which reversion does not serialise, so each revision
keeps the tag names in a small meta row (`ArticleRevisionTags`).
Snapshots are taken explicitly after each admin save and each status change, never by
signals, so they always show the saved state (many-to-many fields and bylines included).
"""

import difflib
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from .blocks import blocks_to_text
from .models import (
    Article,
    ArticleRevisionTags,
    Byline,
    Correction,
    District,
    Photo,
    Program,
    Subdistrict,
)
from .photos import photo_save
from .services import can_edit

# The version counter is the optimistic lock: it must only ever grow, so it is never stored.
reversion.register(Article, exclude=["version"], follow=["bylines", "photos", "corrections"])
reversion.register(Byline)
reversion.register(Photo)
reversion.register(Correction)

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
DIFF_FIELDS = [
    "kicker",
    "headline",
    "subheadline",
    "summary",
    "body",
    "kind",
    "status",
    "published_at",
    "program_id",
    "districts",
    "subdistricts",
    "print_date",
    "print_page",
]


def article_record(*, article: Article, user=None, comment: str = "") -> None:
    """Store the article's saved state (with bylines, photos, corrections) as a new revision."""
    fresh = Article.objects.get(pk=article.pk)
    with reversion.create_revision(manage_manually=True):
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(fresh)
        reversion.add_meta(ArticleRevisionTags, names=sorted(fresh.tags.names()))


def article_record_baseline(*, article: Article, user=None) -> None:
    """Snapshot an article that has no history yet (loaded or made elsewhere) before it changes."""
    if article.pk and not Version.objects.get_for_object_reference(Article, article.pk).exists():
        article_record(article=article, user=None, comment=str(_("修改前的版本")))


def article_versions(article: Article):
    """The article's revisions, newest first, with who made them."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision", "revision__user", "revision__article_tags")
        .prefetch_related("revision__version_set")
        .order_by("-revision__date_created", "-pk")
    )


@dataclass
class FieldChange:
    """One field that differs between two revisions, with a line diff for long text."""

    label: str
    old: str
    new: str
    lines: list[tuple[str, str]] = field(default_factory=list)


def _display(name: str, value) -> str:
    if value in (None, "", []):
        return ""
    if name == "body":
        return blocks_to_text(value)
    if name == "subheadline":
        return "\n".join(value)
    if name == "kind":
        return str(dict(Article._meta.get_field("kind").choices).get(value, value))
    if name == "status":
        return str(dict(Article._meta.get_field("status").choices).get(value, value))
    if name == "program_id":
        return str(Program.objects.filter(pk=value).first() or value)
    if name in RESTORED_M2M:
        names = RESTORED_M2M[name].objects.filter(pk__in=value).values_list("name", flat=True)
        return "、".join(names)
    return str(value)


def _rows_of(version: Version, model) -> list[dict]:
    """The field values of one related model's objects as the revision stored them."""
    return [v.field_dict for v in version.revision.version_set.all() if v._model is model]


def _tags_of(version: Version) -> list[str] | None:
    """The tag names a revision kept; None for revisions taken before tags were recorded."""
    try:
        return version.revision.article_tags.names
    except ArticleRevisionTags.DoesNotExist:
        return None


def _corrections_of(version: Version) -> str:
    rows = sorted(_rows_of(version, Correction), key=lambda row: (row["corrected_at"], row["id"]))
    return "\n".join(row["text"] for row in rows)


def _photos_of(version: Version) -> str:
    rows = sorted(_rows_of(version, Photo), key=lambda row: (row["order"], row["id"]))
    return "\n".join(
        " / ".join(filter(None, [row["caption"], row["credit"], row["alt_text"]]))
        or str(row["image"])
        for row in rows
    )


def _bylines_of(version: Version) -> str:
    rows = sorted(_rows_of(version, Byline), key=lambda row: row["order"])
    reporters = dict(
        Byline.reporter.field.related_model.objects.filter(
            pk__in=[row["reporter_id"] for row in rows]
        ).values_list("pk", "name")
    )
    return "、".join(
        f"{row['role']} {reporters.get(row['reporter_id'], '?')}".strip() for row in rows
    )


def _change(label, old: str, new: str) -> FieldChange:
    """A change, with a line diff when either side runs over several lines."""
    lines = []
    if "\n" in old or "\n" in new:
        for line in difflib.ndiff(old.splitlines(), new.splitlines()):
            if line[:1] in "+- ":
                lines.append((line[:1], line[2:]))
    return FieldChange(str(label), old, new, lines)


def version_changes(older: Version | None, newer: Version) -> list[FieldChange]:
    """What changed from one revision to the next, in editors' terms."""
    old_fields = older.field_dict if older else {}
    changes = []
    for name in DIFF_FIELDS:
        old = _display(name, old_fields.get(name))
        new = _display(name, newer.field_dict.get(name))
        if old != new:
            model_field = Article._meta.get_field(name.removesuffix("_id"))
            changes.append(_change(model_field.verbose_name, old, new))
    for label, describe in ((_("署名"), _bylines_of), (_("图片"), _photos_of)):
        old, new = (describe(older) if older else ""), describe(newer)
        if old != new:
            changes.append(_change(label, old, new))
    old_tags, new_tags = (_tags_of(older) if older else []), _tags_of(newer)
    # A revision from before tags were recorded says nothing about them: no change shown.
    if old_tags is not None and new_tags is not None and old_tags != new_tags:
        changes.append(_change(_("标签"), "、".join(old_tags), "、".join(new_tags)))
    old, new = (_corrections_of(older) if older else ""), _corrections_of(newer)
    if old != new:
        changes.append(_change(_("更正"), old, new))
    return changes


@dataclass
class RevertOutcome:
    """The reverted article, and the photos a revert could not bring back (file gone)."""

    article: Article
    photos_missing: list[str] = field(default_factory=list)


def _restore_bylines(article: Article, rows: list[dict]) -> None:
    # Reporters deleted since that revision are left out rather than failing the revert.
    existing = set(
        Byline.reporter.field.related_model.objects.filter(
            pk__in=[row["reporter_id"] for row in rows]
        ).values_list("pk", flat=True)
    )
    article.bylines.all().delete()
    Byline.objects.bulk_create(
        Byline(
            article=article,
            reporter_id=row["reporter_id"],
            role=row["role"],
            position=row["position"],
            order=row["order"],
        )
        for row in rows
        if row["reporter_id"] in existing
    )


def _restore_corrections(article: Article, rows: list[dict]) -> None:
    # Same primary keys as before, so a correction deleted since comes back as itself.
    article.corrections.exclude(pk__in=[row["id"] for row in rows]).delete()
    for row in rows:
        Correction.objects.update_or_create(
            pk=row["id"],
            defaults={
                "article": article,
                "text": row["text"],
                "corrected_at": row["corrected_at"],
            },
        )


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


@transaction.atomic
def article_revert(*, article: Article, version: Version, user) -> RevertOutcome:
    """Restore an article's content, bylines, tags, photo text and corrections from a revision.

    Status stays as it is: it changes only through the workflow.
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
    locked.version = locked.version + 1
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.save()
    for name, model in RESTORED_M2M.items():
        if name in data:
            getattr(locked, name).set(model.objects.filter(pk__in=data[name]))
    tags = _tags_of(version)
    if tags is not None:
        locked.tags.set(tags)
    _restore_bylines(locked, _rows_of(version, Byline))
    _restore_corrections(locked, _rows_of(version, Correction))
    missing = _restore_photos(locked, _rows_of(version, Photo))
    when = timezone.localtime(version.revision.date_created)
    article_record(article=locked, user=user, comment=f"恢复到 {when:%Y-%m-%d %H:%M} 的版本")
    return RevertOutcome(locked, missing)
