"""Load Shanghai's districts and 街道/镇 from fixtures/districts.json."""

from django.db import migrations


def load(apps, schema_editor):
    from articles.gazetteer import sync_gazetteer

    sync_gazetteer(
        apps.get_model("articles", "District"),
        apps.get_model("articles", "Subdistrict"),
        apps.get_model("articles", "FormerDistrictName"),
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
