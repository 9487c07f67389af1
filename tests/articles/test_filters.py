"""Search: free text over the title lines and body, combinable filters, active-filter chips."""

import datetime
import re

import pytest
from django.utils import timezone

from articles.filters import match_text
from articles.models import Article, ArticleKind, ArticleStatus
from articles.search import SearchResults
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


def test_match_text_ranks_through_the_search_package():
    body_only = make_article(body=[{"kind": "paragraph", "text": "社区"}])
    titled = make_article(headline="社区", published_at=timezone.now() - datetime.timedelta(days=9))
    results = match_text(Article.objects.all(), "社区")
    assert isinstance(results, SearchResults)
    assert list(results) == [titled, body_only]


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


def test_search_page_finds_a_two_character_query_only_the_index_can_match(client):
    full_width = make_article(
        headline="助手上岗", body=[{"kind": "paragraph", "text": "ＡＩ进社区"}]
    )
    make_article(headline="图注", body=[{"kind": "caption", "text": "AI"}])
    html = client.get("/search/", {"q": "ai"}).text
    assert result_titles(html) == [full_width.headline]
    assert "<mark>ＡＩ</mark>进社区" in html


def test_search_page_ranks_title_matches_first_then_the_newest(client):
    now = timezone.now()
    make_article(headline="旧的会客厅", published_at=now - datetime.timedelta(days=30))
    make_article(headline="较新", body=[{"kind": "paragraph", "text": "会客厅"}], published_at=now)
    make_article(
        headline="较旧",
        body=[{"kind": "paragraph", "text": "会客厅"}],
        published_at=now - datetime.timedelta(days=1),
    )
    html = client.get("/search/", {"q": "会客厅"}).text
    assert result_titles(html) == ["旧的会客厅", "较新", "较旧"]


def test_search_page_snippets_escape_text_and_mark_matches(client):
    make_article(
        headline="转义",
        body=[{"kind": "paragraph", "text": '<script>alert("社区")</script>&社区'}],
    )
    html = client.get("/search/", {"q": "社区"}).text
    assert (
        "&lt;script&gt;alert(&quot;<mark>社区</mark>&quot;)&lt;/script&gt;&amp;<mark>社区</mark>"
        in html
    )
    assert "<script>alert" not in html


def test_search_page_without_query_keeps_newest_first_and_no_snippets(client):
    now = timezone.now()
    make_article(headline="旧稿", published_at=now - datetime.timedelta(days=2))
    make_article(headline="新稿", published_at=now)
    html = client.get("/search/").text
    assert result_titles(html) == ["新稿", "旧稿"]
    assert "search-snippet" not in html


def test_search_page_caps_its_count_when_matches_are_many(client, monkeypatch):
    monkeypatch.setattr("articles.search.results.COUNT_CAP", 3)
    for n in range(5):
        make_article(headline=f"社区稿件{n}", published_at=timezone.now() - datetime.timedelta(n))
    html = client.get("/search/", {"q": "社区"}).text
    assert "超过 3 篇" in html
    assert result_titles(html) == [f"社区稿件{n}" for n in range(3)]


def test_search_page_queries_stay_bounded_when_matches_are_many(
    client, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr("articles.search.results.COUNT_CAP", 3)
    make_district("hongkou")
    for n in range(2):
        make_article(headline=f"社区{n}", districts=[make_district("hongkou")])
    for _ in range(3):
        make_article(body=[{"kind": "paragraph", "text": "社区"}], reporters=[make_reporter()])
    # Capped count, title matches, body-only matches, the rows, their bylines and districts,
    # plus the form's choices (district, program, reporter, tag).
    with django_assert_max_num_queries(10):
        assert len(result_titles(client.get("/search/", {"q": "社区"}).text)) == 3
