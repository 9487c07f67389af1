"""The read API shows only what the public site shows: a sweep over every endpoint and format."""

import datetime

import pytest
from django.utils import timezone

from articles.models import ArticleStatus
from tests.factories import (
    make_article,
    make_correction,
    make_district,
    make_person,
    make_reporter,
)

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/articles",
    "/api/v1/articles?format=ninjs",
    "/api/v1/articles?district=pudong",
    "/api/v1/search?q=隐秘",
    "/api/v1/reporters",
    "/api/v1/people",
    "/api/v1/tags",
    "/api/v1/corrections",
]


def _hidden_articles():
    """A draft, one in review, a scheduled one and a withdrawn one, each with its own traces."""
    later = timezone.now() + datetime.timedelta(days=1)
    hidden = []
    for index, (status, published_at) in enumerate(
        [
            (ArticleStatus.DRAFT, None),
            (ArticleStatus.REVIEW, None),
            (ArticleStatus.PUBLISHED, later),
            (ArticleStatus.WITHDRAWN, timezone.now() - datetime.timedelta(hours=2)),
        ]
    ):
        article = make_article(
            headline=f"隐秘稿件{index}",
            status=status,
            published_at=published_at,
            reporters=[make_reporter(f"隐秘记者{index}")],
            people=[make_person(f"隐秘人物{index}")],
            districts=[make_district("pudong")],
            tags=[f"隐秘标签{index}"],
        )
        make_correction(article, f"隐秘更正{index}")
        hidden.append(article)
    return hidden


def test_drafts_review_scheduled_and_withdrawn_are_absent_everywhere(client):
    public = make_article(headline="公开稿件")
    hidden = _hidden_articles()
    for url in LISTS:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "隐秘" not in text, url
    assert client.get("/api/v1/districts/pudong").json()["article_count"] == 0
    for article in hidden:
        for url in (f"/api/v1/articles/{article.pk}", f"/api/v1/articles/{article.pk}.ninjs"):
            assert client.get(url).status_code == 404, url
        reporter = article.reporters.get()
        assert client.get(f"/api/v1/reporters/{reporter.slug}").status_code == 404
        assert client.get(f"/api/v1/people/{article.people.get().pk}").status_code == 404
    assert client.get(f"/api/v1/articles/{public.pk}").status_code == 200


def test_an_unknown_article_id_is_a_404_said_in_chinese(client):
    response = client.get("/api/v1/articles/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到：没有这个公开的资源。"}


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/search?q=%00a", 422),
        ("/api/v1/articles?district=%00", 422),
        ("/api/v1/articles?tag=a%00", 422),
        ("/api/v1/reporters/a%00b", 404),
        ("/api/v1/districts/%00", 404),
    ],
)
def test_a_nul_character_is_refused_before_it_reaches_the_database(client, url, status):
    # PostgreSQL text cannot hold NUL: unguarded, these were 500s there.
    response = client.get(url)
    assert response.status_code == status
    if status == 422:
        assert response.json()["detail"][0]["msg"] == "不能包含空字符（NUL）。"
