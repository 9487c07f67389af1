"""Search: free text over the title lines and body, combinable filters, active-filter chips."""

import datetime
import re

import pytest
from django.utils import timezone

from articles.filters import match_text
from articles.models import Article, ArticleKind, ArticleStatus
from tests.factories import (
    make_article,
    make_district,
    make_hongkou_story,
    make_program,
    make_reporter,
)

pytestmark = pytest.mark.django_db


def result_titles(html: str) -> list[str]:
    assert 'id="search-results"' in html
    match = re.search(r'<ol [^>]*id="search-results">(.*?)</ol>', html, re.S)
    section = match.group(1) if match else ""
    return re.findall(r'class="teaser-title"><a href="[^"]+">([^<]+)</a>', section)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("社区", True),  # headline and body
        ("基本功", True),  # a subhead
        ("走进居民区", True),  # a subheadline line
        ("推进社区治理", True),  # the kicker
        ("刘懿静", True),  # a body paragraph
        ("没有的词", False),
        ("kind", False),  # a JSON key, never reader text
        ("paragraph", False),
        ('"', False),
        ("%", False),
        ("_", False),
        ("社区 基本功", True),  # every word must match
        ("社区 没有的词", False),
    ],
)
def test_match_text_finds_words_in_reader_text_only(query, found):
    story = make_hongkou_story()
    assert (story in match_text(Article.objects.all(), query)) is found


def test_match_text_ignores_captions():
    article = make_article(body=[{"kind": "caption", "text": "图片说明里的词"}])
    assert article not in match_text(Article.objects.all(), "图片说明里的词")


def test_match_text_is_case_insensitive_for_latin_letters():
    article = make_article(body=[{"kind": "paragraph", "text": "上海 Metro 新线"}])
    assert article in match_text(Article.objects.all(), "metro")


def test_search_page_lists_matches_with_full_headlines(client):
    story = make_hongkou_story()
    make_article(headline="无关的稿件")
    html = client.get("/search/", {"q": "社区"}).text
    assert result_titles(html) == [story.headline]


def test_search_never_returns_unpublished_articles(client):
    make_article(headline="社区草稿", status=ArticleStatus.DRAFT)
    make_article(headline="社区定时稿", published_at=timezone.now() + datetime.timedelta(hours=1))
    html = client.get("/search/", {"q": "社区"}).text
    assert result_titles(html) == []
    assert "没有找到符合条件的稿件" in html


def test_filters_combine(client):
    hongkou, xuhui = make_district("hongkou"), make_district("xuhui")
    program = make_program("专题乙")
    yuan = make_reporter("袁玮")
    make_article(
        headline="全部符合",
        districts=[hongkou],
        program=program,
        reporters=[yuan],
        tags=["养老"],
        kind=ArticleKind.FEATURE,
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    make_article(headline="区不同", districts=[xuhui], program=program, reporters=[yuan])
    make_article(headline="记者不同", districts=[hongkou], program=program)
    make_article(headline="体裁不同", districts=[hongkou], tags=["养老"], kind=ArticleKind.NEWS)
    today = timezone.localdate()
    params = {
        "district": "hongkou",
        "program": program.slug,
        "reporter": yuan.slug,
        "tag": "养老",
        "kind": "feature",
        "date_from": (today - datetime.timedelta(days=3)).isoformat(),
        "date_to": today.isoformat(),
    }
    html = client.get("/search/", params).text
    assert result_titles(html) == ["全部符合"]
    html = client.get("/search/", {"district": "hongkou", "tag": "养老"}).text
    assert sorted(result_titles(html)) == ["体裁不同", "全部符合"]
    old = {"date_to": (today - datetime.timedelta(days=30)).isoformat()}
    assert result_titles(client.get("/search/", old).text) == []


def test_active_filters_are_shown_and_each_can_be_removed(client):
    make_district("hongkou")
    make_hongkou_story()
    html = client.get("/search/", {"q": "社区", "district": "hongkou", "page": "1"}).text
    assert "关键词：社区" in html
    assert "区：虹口区" in html
    assert 'href="?district=hongkou"' in html  # removes q and the page
    assert 'href="?q=%E7%A4%BE%E5%8C%BA"' in html  # removes the district


def test_search_results_are_paginated(client):
    for n in range(25):
        make_article(headline=f"社区稿件{n:02d}")
    first = client.get("/search/", {"q": "社区"}).text
    assert len(result_titles(first)) == 20
    assert "共 25 篇" in first
    second = client.get("/search/", {"q": "社区", "page": 2}).text
    assert len(result_titles(second)) == 5


def test_invalid_filter_shows_no_results_and_an_error(client):
    make_article(headline="社区稿件")
    response = client.get("/search/", {"district": "atlantis"})
    assert response.status_code == 200
    assert result_titles(response.text) == []
    assert "errorlist" in response.text


def test_tag_choices_only_include_tags_of_public_articles(client):
    make_article(tags=["公开标签"])
    make_article(tags=["草稿标签"], status=ArticleStatus.DRAFT)
    html = client.get("/search/").text
    assert "公开标签" in html and "草稿标签" not in html
