"""Re-apply the groups' permissions: reporters may now remove bylines, photos and mentions."""

from django.db import migrations


def sync(apps, schema_editor):
    from articles.roles import sync_groups

    sync_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_search_title_index")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
