"""Article JSON-LD, as a real parser (extruct) reads it: the paper as a news organisation,
its corrections and where the story was printed."""

import datetime

import extruct
import pytest
from django.utils import timezone

from tests.factories import make_article, make_correction, make_hongkou_story

pytestmark = pytest.mark.django_db


def extracted_news_article(client, article) -> dict:
    """The page's one NewsArticle, extracted by extruct as a search engine's crawler would."""
    url = f"http://testserver{article.get_absolute_url()}"
    items = extruct.extract(client.get(url).text, base_url=url, syntaxes=["json-ld"])["json-ld"]
    news_articles = [item for item in items if item.get("@type") == "NewsArticle"]
    assert len(news_articles) == 1, items
    assert news_articles[0]["@context"] == "https://schema.org"
    return news_articles[0]


def test_publisher_is_a_news_media_organization_with_a_corrections_policy(client):
    publisher = extracted_news_article(client, make_hongkou_story())["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "新民晚报"
    assert publisher["correctionsPolicy"] == "http://testserver/corrections/"


def test_corrections_appear_as_correction_comments_with_text_and_date(client):
    article = make_article(headline="有更正的稿件")
    correction = make_correction(article, "第三段人名应为刘懿静。")
    data = extracted_news_article(client, article)
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
    assert "correction" not in extracted_news_article(client, make_hongkou_story())


def test_print_edition_page_and_section_come_from_the_print_fields(client):
    data = extracted_news_article(client, make_hongkou_story())
    assert (data["printEdition"], data["printPage"], data["printSection"]) == (
        "2022-11-21",
        "A5",
        "A",
    )


def test_print_fields_are_left_out_where_unknown(client):
    data = extracted_news_article(client, make_article(headline="网络原创稿件"))
    assert not {"printEdition", "printPage", "printSection"} & data.keys()


def test_a_page_without_a_section_letter_has_no_print_section(client):
    article = make_article(print_date=datetime.date(2022, 11, 21), print_page="12")
    data = extracted_news_article(client, article)
    assert data["printPage"] == "12"
    assert "printSection" not in data
