"""Create the newsroom's groups: 记者 (reporters) and 编辑 (editors)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    from articles.roles import sync_groups

    sync_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_groups(apps, schema_editor):
    from articles.roles import EDITORS, REPORTERS

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
