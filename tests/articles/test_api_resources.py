"""The read API's other resources, its OpenAPI 3.1 schema and its docs page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    make_article,
    make_correction,
    make_district,
    make_installment,
    make_person,
    make_program,
    make_reporter,
    make_subdistrict,
)

pytestmark = pytest.mark.django_db


def test_reporters_and_people_carry_their_public_article_counts(client):
    reporter, person = make_reporter("袁玮"), make_person("刘懿静")
    make_article(reporters=[reporter], people=[person])
    make_article(reporters=[reporter])
    reporters = client.get("/api/v1/reporters").json()
    assert reporters["count"] == 1
    assert reporters["items"][0] | {"id": 0} == {
        "id": 0,
        "slug": reporter.slug,
        "name": "袁玮",
        "pinyin": "yuan wei",
        "default_role": "本报记者",
        "bio": "",
        "url": f"http://testserver/reporter/{reporter.slug}/",
        "article_count": 2,
    }
    assert client.get(f"/api/v1/reporters/{reporter.slug}").json()["article_count"] == 2
    person_body = client.get(f"/api/v1/people/{person.pk}").json()
    assert person_body["name"] == "刘懿静" and person_body["article_count"] == 1
    assert client.get("/api/v1/people").json()["items"][0]["id"] == person.pk


def test_districts_list_every_district_with_its_subdistricts_in_two_queries(client):
    hongkou = make_district("hongkou")
    street = make_subdistrict("嘉兴路街道", district=hongkou)
    make_article(districts=[hongkou])
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/v1/districts").json()
    assert len(queries) == 2
    assert len(body) == 16
    found = next(d for d in body if d["slug"] == "hongkou")
    assert found["article_count"] == 1
    assert street.code in [s["code"] for s in found["subdistricts"]]
    detail = client.get("/api/v1/districts/hongkou").json()
    assert detail["name"] == "虹口区"
    assert client.get("/api/v1/districts/atlantis").status_code == 404


def test_programs_list_their_installments_in_order(client):
    program = make_program("点亮上海金环")
    make_installment(program, 2)
    make_installment(program, 1)
    make_article(program=program)
    body = client.get(f"/api/v1/programs/{program.slug}").json()
    assert [i["label"] for i in body["installments"]] == ["第一辑", "第二辑"]
    assert body["article_count"] == 1
    assert client.get("/api/v1/programs").json()[0]["slug"] == program.slug


def test_tags_are_counted_over_public_articles_most_used_first(client):
    make_article(tags=["社区", "养老"])
    make_article(tags=["社区"])
    body = client.get("/api/v1/tags").json()
    assert [(t["name"], t["article_count"]) for t in body["items"]] == [("社区", 2), ("养老", 1)]


def test_corrections_are_listed_newest_first(client):
    article = make_article()
    older = make_correction(article, "第一条更正。")
    newer = make_correction(article, "第二条更正。")
    items = client.get("/api/v1/corrections").json()["items"]
    assert [c["id"] for c in items] == [newer.pk, older.pk]
    assert items[0]["article_id"] == article.pk
    assert items[0]["corrected_at"].endswith("+08:00")


def test_the_openapi_schema_is_3_1_and_documents_every_resource(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"] == "3.1.0"
    paths = set(schema["paths"])
    for path in [
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/articles/{article_id}.ninjs",
        "/api/v1/search",
        "/api/v1/reporters",
        "/api/v1/people",
        "/api/v1/districts",
        "/api/v1/programs",
        "/api/v1/tags",
        "/api/v1/corrections",
    ]:
        assert path in paths, path
    parameters = {p["name"] for p in schema["paths"]["/api/v1/articles"]["get"]["parameters"]}
    assert {"district", "subdistrict", "program", "reporter", "tag", "kind", "print_date"} <= (
        parameters
    )
    assert {"published_after", "published_before", "cursor", "limit", "format"} <= parameters
    # The writes share the schema, each marked as needing a bearer token.
    for path in ("/api/v1/articles", "/api/v1/sources"):
        assert schema["paths"][path]["post"]["security"] == [{"TokenAuth": []}], path
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_docs_page_loads_its_scripts_and_styles_from_our_own_host(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "/static/ninja/swagger-ui.css" in page
    assert "cdn" not in page.lower() and "https://" not in page
