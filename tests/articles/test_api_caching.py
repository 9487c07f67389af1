"""The read API's HTTP caching: ETag, Last-Modified, Cache-Control and conditional GET."""

import pytest
from django.utils.http import http_date

from articles.models import Article
from tests.factories import make_article, make_correction

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(headline="缓存测试")


@pytest.mark.parametrize("path", ["/api/v1/articles/{pk}", "/api/v1/articles/{pk}.ninjs"])
def test_a_matching_etag_answers_304_with_no_body(client, article, path):
    url = path.format(pk=article.pk)
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=60"
    assert first["Last-Modified"] == http_date(article.updated_at.timestamp())
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_if_modified_since_answers_304_until_a_correction_changes_the_article(client, article):
    url = f"/api/v1/articles/{article.pk}"
    first = client.get(url)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    make_correction(article, "更正文字。")
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_a_list_etag_changes_when_an_article_is_edited(client, article):
    first = client.get("/api/v1/articles")
    assert client.get("/api/v1/articles", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    Article.objects.filter(pk=article.pk).update(headline="改过的标题")
    assert client.get("/api/v1/articles", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_errors_are_not_cached(client):
    response = client.get("/api/v1/articles/999999")
    assert response.status_code == 404
    assert "ETag" not in response
