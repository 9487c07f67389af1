"""Article revision history, read side: the revisions and readable diffs between them.

The revisions themselves are written by `articles.services.revisions`.
"""

import difflib
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from .blocks import blocks_to_text
from .models import Article, Byline, Correction, Photo, Program
from .services.revisions import RESTORED_M2M, revision_rows, revision_tags

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
    if isinstance(value, datetime):
        # Revisions store times in UTC; editors read them in Shanghai time like everywhere else.
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
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


def _corrections_of(version: Version) -> str:
    rows = sorted(
        revision_rows(version, Correction), key=lambda row: (row["corrected_at"], row["id"])
    )
    return "\n".join(row["text"] for row in rows)


def _photos_of(version: Version) -> str:
    rows = sorted(revision_rows(version, Photo), key=lambda row: (row["order"], row["id"]))
    return "\n".join(
        " / ".join(filter(None, [row["caption"], row["credit"], row["alt_text"]]))
        or str(row["image"])
        for row in rows
    )


def _bylines_of(version: Version) -> str:
    rows = sorted(revision_rows(version, Byline), key=lambda row: row["order"])
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
    old_tags, new_tags = (revision_tags(older) if older else []), revision_tags(newer)
    # A revision from before tags were recorded says nothing about them: no change shown.
    if old_tags is not None and new_tags is not None and old_tags != new_tags:
        changes.append(_change(_("标签"), "、".join(old_tags), "、".join(new_tags)))
    old, new = (_corrections_of(older) if older else ""), _corrections_of(newer)
    if old != new:
        changes.append(_change(_("更正"), old, new))
    return changes
