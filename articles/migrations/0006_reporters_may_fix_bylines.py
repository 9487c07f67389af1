"""Re-apply the groups' permissions: reporters may now remove bylines, photos and mentions.

Frozen: the permissions as they were when this migration was written (articles/groups.py
holds the live rules).
"""

from django.db import migrations

REPORTERS = "记者"
EDITORS = "编辑"

# (app_label, codename) pairs. Reporters may delete bylines, photos and mentions: the admin lets
# them change only their own unpublished articles, and fixing a wrong byline is part of that.
REPORTER_PERMISSIONS = [
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_article"),
    ("articles", "submit_article"),
    ("articles", "add_byline"),
    ("articles", "change_byline"),
    ("articles", "delete_byline"),
    ("articles", "view_byline"),
    ("articles", "add_photo"),
    ("articles", "change_photo"),
    ("articles", "delete_photo"),
    ("articles", "view_photo"),
    ("articles", "view_district"),
    ("articles", "view_subdistrict"),
    ("articles", "view_program"),
    ("articles", "view_programinstallment"),
    ("articles", "view_articlemention"),
    ("articles", "add_articlemention"),
    ("articles", "change_articlemention"),
    ("articles", "delete_articlemention"),
    ("people", "view_reporter"),
    ("people", "view_person"),
    ("people", "add_person"),
    ("taggit", "view_tag"),
]

EDITOR_MODELS = {
    "articles": [
        "article",
        "byline",
        "articlemention",
        "photo",
        "correction",
        "district",
        "subdistrict",
        "formerdistrictname",
        "program",
        "programinstallment",
    ],
    "people": ["reporter", "person"],
    "taggit": ["tag", "taggeditem"],
}
EDITOR_EXTRA = [
    ("articles", "publish_article"),
    ("articles", "submit_article"),
    ("articles", "view_sourcedocument"),
]


def editor_permissions() -> list[tuple[str, str]]:
    pairs = [
        (app, f"{action}_{model}")
        for app, models in EDITOR_MODELS.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ]
    return pairs + EDITOR_EXTRA


def sync_groups(group_model, permission_model) -> None:
    """Create both groups and give each exactly its permissions."""
    for name, pairs in ((REPORTERS, REPORTER_PERMISSIONS), (EDITORS, editor_permissions())):
        group, _ = group_model.objects.get_or_create(name=name)
        wanted = []
        for app_label, codename in pairs:
            permission = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                raise LookupError(f"permission {app_label}.{codename} does not exist")
            wanted.append(permission)
        group.permissions.set(wanted)


def sync(apps, schema_editor):
    sync_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_search_title_index")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
