"""Load Shanghai's districts and 街道/镇 from fixtures/districts.json.

Frozen: the loading code is kept here as written, so it never changes with live code.
"""

import json
from pathlib import Path

from django.db import migrations


# The file this migration shipped with; later edits to it reach the database only through
# a new migration.
GAZETTEER_PATH = Path(__file__).resolve().parents[2] / "fixtures" / "districts.json"


def sync_gazetteer(district_model, subdistrict_model, former_model, path=GAZETTEER_PATH) -> int:
    """Create or update every district, subdistrict and former name; return the row count.

    Takes the model classes so migrations can pass their historical models.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    count = 0
    by_name = {}
    for item in data["districts"]:
        district, _ = district_model.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "short_name": item["short_name"],
                "slug": item["slug"],
                "name_en": item.get("name_en", ""),
            },
        )
        by_name[district.name] = district
        count += 1
        for sub in item.get("subdistricts", []):
            subdistrict_model.objects.update_or_create(
                code=sub["code"],
                defaults={
                    "district": district,
                    "name": sub["name"],
                    "kind": sub["kind"],
                    "slug": sub["slug"],
                },
            )
            count += 1
    for item in data.get("historical", []):
        former_model.objects.update_or_create(
            name=item["name"],
            defaults={
                "short_name": item["short_name"],
                "slug": item["slug"],
                "district": by_name[item["current"]],
            },
        )
        count += 1
    return count


def load(apps, schema_editor):
    sync_gazetteer(
        apps.get_model("articles", "District"),
        apps.get_model("articles", "Subdistrict"),
        apps.get_model("articles", "FormerDistrictName"),
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
