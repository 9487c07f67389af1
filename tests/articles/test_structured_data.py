"""Article JSON-LD names the paper as a news organisation and carries corrections."""

import pytest
from django.utils import timezone

from tests.articles.test_views import json_ld
from tests.factories import make_article, make_correction, make_hongkou_story

pytestmark = pytest.mark.django_db


def test_publisher_is_a_news_media_organization_with_a_corrections_policy(client):
    article = make_hongkou_story()
    publisher = json_ld(client.get(article.get_absolute_url()).text)["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["correctionsPolicy"] == "http://testserver/corrections/"


def test_corrections_appear_as_correction_comments_with_text_and_date(client):
    article = make_article(headline="有更正的稿件")
    correction = make_correction(article, "第三段人名应为刘懿静。")
    data = json_ld(client.get(article.get_absolute_url()).text)
    corrected_at = timezone.localtime(correction.corrected_at).isoformat(timespec="seconds")
    assert corrected_at.endswith("+08:00")
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "第三段人名应为刘懿静。",
            "datePublished": corrected_at,
        }
    ]


def test_an_uncorrected_article_has_no_correction(client):
    data = json_ld(client.get(make_hongkou_story().get_absolute_url()).text)
    assert "correction" not in data
