"""Load the shipped gazetteer (fixtures/districts.json) into District and Subdistrict."""

import json
from pathlib import Path

GAZETTEER_PATH = Path(__file__).resolve().parents[1] / "fixtures" / "districts.json"


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
