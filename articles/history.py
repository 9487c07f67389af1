"""Article revision history: snapshots, readable diffs and revert, on django-reversion.

django-reversion stores each snapshot of an article together with its bylines, photos and
corrections in one revision (who, when, why), in a single table and without a historical
copy of every model; so a revert restores the article as it stood, bylines included.
Snapshots are taken explicitly after each admin save and each status change, never by
signals, so they always show the saved state (many-to-many fields and bylines included).
"""

import difflib
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from .blocks import blocks_to_text
from .models import Article, Byline, Correction, District, Photo, Program, Subdistrict
from .services import can_edit

# The version counter is the optimistic lock: it must only ever grow, so it is never stored.
reversion.register(Article, exclude=["version"], follow=["bylines", "photos", "corrections"])
reversion.register(Byline)
reversion.register(Photo)
reversion.register(Correction)

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


def article_record_baseline(*, article: Article, user=None) -> None:
    """Snapshot an article that has no history yet (loaded or made elsewhere) before it changes."""
    if article.pk and not Version.objects.get_for_object_reference(Article, article.pk).exists():
        article_record(article=article, user=None, comment=str(_("修改前的版本")))


def article_versions(article: Article):
    """The article's revisions, newest first, with who made them."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision", "revision__user")
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


def _bylines_of(version: Version) -> str:
    rows = sorted(
        (v.field_dict for v in version.revision.version_set.all() if v._model is Byline),
        key=lambda row: row["order"],
    )
    reporters = dict(
        Byline.reporter.field.related_model.objects.filter(
            pk__in=[row["reporter_id"] for row in rows]
        ).values_list("pk", "name")
    )
    return "、".join(
        f"{row['role']} {reporters.get(row['reporter_id'], '?')}".strip() for row in rows
    )


def version_changes(older: Version | None, newer: Version) -> list[FieldChange]:
    """What changed from one revision to the next, in editors' terms."""
    old_fields = older.field_dict if older else {}
    changes = []
    for name in DIFF_FIELDS:
        old = _display(name, old_fields.get(name))
        new = _display(name, newer.field_dict.get(name))
        if old != new:
            model_field = Article._meta.get_field(name.removesuffix("_id"))
            lines = []
            if "\n" in old or "\n" in new:
                for line in difflib.ndiff(old.splitlines(), new.splitlines()):
                    if line[:1] in "+- ":
                        lines.append((line[:1], line[2:]))
            changes.append(FieldChange(str(model_field.verbose_name), old, new, lines))
    old_bylines = _bylines_of(older) if older else ""
    new_bylines = _bylines_of(newer)
    if old_bylines != new_bylines:
        changes.append(FieldChange(str(_("署名")), old_bylines, new_bylines))
    return changes


@transaction.atomic
def article_revert(*, article: Article, version: Version, user) -> Article:
    """Restore an article's content and bylines from a revision; status stays as it is."""
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
    byline_rows = [v.field_dict for v in version.revision.version_set.all() if v._model is Byline]
    # Reporters deleted since that revision are left out rather than failing the revert.
    existing = set(
        Byline.reporter.field.related_model.objects.filter(
            pk__in=[row["reporter_id"] for row in byline_rows]
        ).values_list("pk", flat=True)
    )
    locked.bylines.all().delete()
    Byline.objects.bulk_create(
        Byline(
            article=locked,
            reporter_id=row["reporter_id"],
            role=row["role"],
            position=row["position"],
            order=row["order"],
        )
        for row in byline_rows
        if row["reporter_id"] in existing
    )
    when = timezone.localtime(version.revision.date_created)
    article_record(article=locked, user=user, comment=f"恢复到 {when:%Y-%m-%d %H:%M} 的版本")
    return locked
