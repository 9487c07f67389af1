"""Sitemaps: an index whose every URL answers, and a Google News sitemap of the last two days."""

import datetime
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from articles.models import ArticleStatus
from tests.factories import make_article, make_hongkou_story, make_program, make_reporter

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def locs(client, url, tag="sm:url"):
    response = client.get(url)
    assert response.status_code == 200, url
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    return [urlsplit(el.findtext("sm:loc", namespaces=NS)).path for el in root.findall(tag, NS)]


def test_every_url_in_the_sitemap_answers_200(client):
    make_hongkou_story()
    program = make_program("专题丁")
    make_article(program=program, reporters=[make_reporter("杨欢")])
    make_article(headline="草稿", status=ArticleStatus.DRAFT, program=make_program("草稿专题"))
    sections = locs(client, "/sitemap.xml", "sm:sitemap")
    assert {"/sitemap-articles.xml", "/sitemap-news.xml", "/sitemap-districts.xml"} <= set(sections)
    pages = [page for section in sections for page in locs(client, section)]
    assert "/district/hongkou/" in pages
    assert program.get_absolute_url() in pages
    assert "/reporter/yuanwei/" in pages
    assert not any("caogao" in page for page in pages)
    for page in pages:
        assert client.get(page).status_code == 200, page


def test_news_sitemap_lists_the_last_two_days_with_news_fields(client):
    fresh = make_hongkou_story()
    make_article(headline="旧稿", published_at=timezone.now() - datetime.timedelta(days=3))
    response = client.get("/sitemap-news.xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    urls = root.findall("sm:url", NS)
    assert len(urls) == 1
    url = urls[0]
    assert url.findtext("sm:loc", namespaces=NS) == f"http://testserver{fresh.get_absolute_url()}"
    news = url.find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "新民晚报"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "zh-cn"
    assert news.findtext("news:publication_date", namespaces=NS).endswith("+08:00")
    assert news.findtext("news:title", namespaces=NS) == fresh.full_title
