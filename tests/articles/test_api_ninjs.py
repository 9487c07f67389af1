"""ninjs 3.1: every article kind, with and without photos and print data, validates against
the official schema; the fields carry what the issue names; the export command writes files."""

import datetime
import json
import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from jsonschema import Draft202012Validator

from articles.models import ArticleKind, ArticleStatus, Photo
from articles.photos import photo_save
from tests.factories import (
    image_upload,
    make_article,
    make_correction,
    make_district,
    make_hongkou_story,
    make_installment,
    make_program,
    make_source_document,
)

pytestmark = pytest.mark.django_db

SCHEMA_PATH = (
    Path(__file__).resolve().parents[2].parent / "shared/reference/ninjs/ninjs-schema_3.1.json"
)


@pytest.fixture(scope="module")
def validator():
    """The official ninjs 3.1 schema; skipped when absent, a failure with REQUIRE_REFERENCE=1."""
    if not SCHEMA_PATH.is_file():
        message = f"the official ninjs 3.1 schema is not at {SCHEMA_PATH}; ninjs is not validated"
        if os.environ.get("REQUIRE_REFERENCE") == "1":
            pytest.fail(message)
        pytest.skip(message)
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def assert_valid(validator, item: dict) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(item)]
    assert errors == [], errors
    for field in ("firstCreated", "versionCreated", "contentCreated"):
        assert item[field].endswith("+08:00"), (field, item[field])
        datetime.datetime.fromisoformat(item[field])


def with_photo(article) -> Photo:
    photo = Photo(article=article, image=image_upload(), caption="居民议事会", credit="摄影 张三")
    photo_save(photo=photo)
    article.body = [*article.body, {"kind": "image", "photo": photo.pk}]
    type(article).objects.filter(pk=article.pk).update(body=article.body)
    return photo


@pytest.mark.parametrize("kind", ArticleKind.values)
@pytest.mark.parametrize("photos", [False, True], ids=["no-photo", "photo"])
@pytest.mark.parametrize("printed", [False, True], ids=["web-only", "printed"])
def test_every_kind_validates_against_the_official_schema(client, validator, kind, photos, printed):
    fields = {"kind": kind}
    if printed:
        fields |= {
            "print_date": datetime.date(2022, 11, 21),
            "print_page": "A5",
            "source_document": make_source_document(),
            "source_position": 2,
        }
    article = make_article(**fields)
    if photos:
        with_photo(article)
    item = client.get(f"/api/v1/articles/{article.pk}.ninjs").json()
    assert_valid(validator, item)
    assert item["genres"] == [{"name": ArticleKind(kind).label, "literal": kind}]
    assert ("associations" in item) is photos
    roles = {alt["role"]: alt["value"] for alt in item["altIds"]}
    if printed:
        assert roles["xmwb:print-edition"] == "2022-11-21"
        assert roles["xmwb:print-page"] == "A5"
        assert roles["xmwb:print-position"] == "3"
    else:
        assert "xmwb:print-edition" not in roles


def test_a_news_item_carries_every_field_the_exchange_needs(client, validator):
    story = make_hongkou_story()
    program = make_program("点亮上海金环")
    installment = make_installment(program)
    type(story).objects.filter(pk=story.pk).update(
        program=program, installment=installment, summary="街道干部下沉社区。"
    )
    photo = with_photo(story)
    make_correction(story)
    item = client.get(f"/api/v1/articles/{story.pk}.ninjs").json()
    assert_valid(validator, item)
    assert item["uri"] == f"urn:xmwb:article:{story.pk}"
    assert item["type"] == "text" and item["pubStatus"] == "usable"
    assert item["language"] == "zh-Hans"
    assert item["version"] == str(story.version)
    assert item["headlines"] == [
        {"role": "kicker", "value": "虹口区嘉兴路街道推进社区治理"},
        {"role": "main", "value": "下到社区里 下沉心练功夫"},
        {"role": "deck", "value": "街道干部走进居民区"},
    ]
    assert item["descriptions"] == [{"role": "summary", "value": "街道干部下沉社区。"}]
    html, text = item["bodies"]
    assert html["contentType"] == "text/html" and text["contentType"] == "text/plain"
    assert "<h2>练好基本功</h2>" in html["value"] and "<figure><img src=" in html["value"]
    assert text["value"].splitlines()[1] == "练好基本功"
    assert item["by"] == "本报记者 袁玮"
    assert item["people"][0] | {"uri": ""} == {
        "name": "袁玮",
        "rel": "author",
        "literal": "本报记者",
        "uri": "",
    }
    assert item["people"][1]["rel"] == "mentioned" and item["people"][1]["literal"] == "居民"
    places = {(p["rel"], p["name"]): p["literal"] for p in item["places"]}
    assert places[("district", "虹口区")] == "310109"
    assert places[("subdistrict", "嘉兴路街道")] == story.subdistricts.get().code
    subjects = {s["rel"]: s["name"] for s in item["subjects"]}
    assert subjects == {"tag": "社区治理", "program": "点亮上海金环", "installment": "第一辑"}
    (association,) = item["associations"]
    assert association["uri"] == f"urn:xmwb:photo:{photo.pk}"
    assert association["type"] == "picture" and association["by"] == "摄影 张三"
    widths = [r.get("width") for r in association["renditions"]]
    assert widths == [1200, 480, 960]
    assert all(r["href"].startswith("http://testserver/media/") for r in association["renditions"])
    assert datetime.datetime.fromisoformat(item["versionCreated"]) >= story.updated_at.replace(
        microsecond=0
    )


def test_user_text_is_escaped_in_the_html_body(client, validator):
    article = make_article(body=[{"kind": "paragraph", "text": "<script>alert(1)</script>"}])
    item = client.get(f"/api/v1/articles/{article.pk}.ninjs").json()
    assert "<script>" not in item["bodies"][0]["value"]
    assert "&lt;script&gt;" in item["bodies"][0]["value"]


def test_the_list_in_ninjs_gives_valid_items_and_pages_like_json(client, validator):
    for kind in ArticleKind.values:
        make_article(kind=kind, districts=[make_district("hongkou")])
    body = client.get("/api/v1/articles?format=ninjs&limit=3").json()
    assert len(body["items"]) == 3 and body["next"]
    for item in body["items"] + client.get(body["next"]).json()["items"]:
        assert_valid(validator, item)


def test_export_writes_one_valid_file_per_public_article_changed_since(tmp_path, validator):
    old = make_article(published_at=timezone.now() - datetime.timedelta(days=30))
    type(old).objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=30)
    )
    recent = make_article()
    corrected = make_article(published_at=timezone.now() - datetime.timedelta(days=30))
    type(corrected).objects.filter(pk=corrected.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=30)
    )
    make_correction(corrected)
    make_article(status=ArticleStatus.DRAFT)
    since = (timezone.localdate() - datetime.timedelta(days=2)).isoformat()
    call_command("export_ninjs", str(tmp_path / "out"), since=since, base_url="https://x.example")
    files = sorted((tmp_path / "out").iterdir())
    assert [f.name for f in files] == sorted(
        [f"{recent.pk}.ninjs.json", f"{corrected.pk}.ninjs.json"]
    )
    for file in files:
        item = json.loads(file.read_text(encoding="utf-8"))
        assert_valid(validator, item)
        assert item["trustIndicators"][0]["href"] == "https://x.example/corrections/"


def test_export_refuses_a_bad_date_and_dry_run_writes_nothing(tmp_path, capsys):
    make_article()
    with pytest.raises(CommandError, match="--since 2022-13-01"):
        call_command("export_ninjs", str(tmp_path), since="2022-13-01")
    call_command("export_ninjs", str(tmp_path / "dry"), since="2000-01-01", dry_run=True)
    assert not (tmp_path / "dry").exists()
    assert "1 篇" in capsys.readouterr().out
