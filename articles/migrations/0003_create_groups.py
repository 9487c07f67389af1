"""Create the newsroom's groups: 记者 (reporters) and 编辑 (editors).

Frozen: the groups and permissions as they were when this migration was written, so later
changes to the live rules (articles/groups.py) never change what it did.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTERS = "记者"
EDITORS = "编辑"

# (app_label, codename) pairs.
REPORTER_PERMISSIONS = [
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_article"),
    ("articles", "submit_article"),
    ("articles", "add_byline"),
    ("articles", "change_byline"),
    ("articles", "view_byline"),
    ("articles", "add_photo"),
    ("articles", "change_photo"),
    ("articles", "view_photo"),
    ("articles", "view_district"),
    ("articles", "view_subdistrict"),
    ("articles", "view_program"),
    ("articles", "view_programinstallment"),
    ("articles", "view_articlemention"),
    ("articles", "add_articlemention"),
    ("articles", "change_articlemention"),
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


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[REPORTERS, EDITORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_load_gazetteer"),
        ("people", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
