"""Reporter and person pages list public articles only."""

import pytest

from articles.models import ArticleStatus
from tests.factories import make_article, make_person, make_reporter

pytestmark = pytest.mark.django_db


def test_reporter_page_lists_public_bylined_articles(client):
    reporter = make_reporter("袁玮", bio="跑社区口的记者")
    make_article(headline="署名稿件", reporters=[reporter])
    make_article(headline="署名草稿", reporters=[reporter], status=ArticleStatus.DRAFT)
    make_article(headline="别人的稿件")
    html = client.get(reporter.get_absolute_url()).text
    assert "袁玮" in html and "跑社区口的记者" in html
    assert "署名稿件" in html
    assert "署名草稿" not in html and "别人的稿件" not in html


def test_person_page_lists_mentioning_articles_with_the_printed_title(client):
    person = make_person("刘懿静")
    make_article(headline="提到她的稿件", people=[person])
    html = client.get(person.get_absolute_url()).text
    assert "提到她的稿件" in html and "文中身份：居民" in html


def test_person_only_a_draft_mentions_is_404(client):
    person = make_person("未公开")
    make_article(people=[person], status=ArticleStatus.DRAFT)
    assert client.get(person.get_absolute_url()).status_code == 404
