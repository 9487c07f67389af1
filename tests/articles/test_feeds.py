"""Feeds parse with a real parser and carry title, link, date and author for every entry."""

import html

import feedparser
import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import ArticleStatus
from tests.factories import (
    make_article,
    make_district,
    make_hongkou_story,
    make_program,
    make_reporter,
)

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_latest_feed_entries_have_title_link_date_and_author(client):
    story = make_hongkou_story()
    make_article(headline="无署名社论", kind="commentary")
    make_article(headline="草稿", status=ArticleStatus.DRAFT)
    feed = parse(client, "/feed/")
    assert feed.version == "rss20"
    assert feed.feed.title == "新民晚报·社区新闻"
    titles = [entry.title for entry in feed.entries]
    assert story.full_title in titles and "无署名社论" in titles and "草稿" not in titles
    for entry in feed.entries:
        assert entry.title and entry.link.startswith("http://testserver/")
        assert entry.published_parsed is not None
        assert entry.author
    by_title = {entry.title: entry for entry in feed.entries}
    assert by_title[story.full_title].author == "袁玮"
    assert by_title[story.full_title].link == f"http://testserver{story.get_absolute_url()}"
    assert by_title["无署名社论"].author == "新民晚报"


@pytest.mark.parametrize(("suffix", "version"), [("", "rss20"), ("atom/", "atom10")])
def test_district_program_and_reporter_feeds_are_narrowed(client, suffix, version):
    program = make_program("专题丙")
    reporter = make_reporter("杨欢")
    make_article(headline="虹口稿", districts=[make_district("hongkou")])
    make_article(headline="专题稿", program=program)
    make_article(headline="杨欢稿", reporters=[reporter])
    for url, title in [
        (f"/district/hongkou/feed/{suffix}", "虹口稿"),
        (f"/program/{program.slug}/feed/{suffix}", "专题稿"),
        (f"/reporter/{reporter.slug}/feed/{suffix}", "杨欢稿"),
    ]:
        feed = parse(client, url)
        assert feed.version == version, url
        assert [entry.title for entry in feed.entries] == [title], url


def test_feed_of_unknown_district_is_404(client):
    assert client.get("/district/atlantis/feed/").status_code == 404
    assert client.get("/district/atlantis/feed/atom/").status_code == 404


def test_atom_feed_parses_as_atom_with_the_rss_entries(client):
    story = make_hongkou_story()
    make_article(headline="无署名社论", kind="commentary")
    make_article(headline="草稿", status=ArticleStatus.DRAFT)
    make_article(headline="撤稿", status=ArticleStatus.WITHDRAWN)
    atom = parse(client, "/feed/atom/")
    rss = parse(client, "/feed/")
    assert atom.version == "atom10"
    assert atom.feed.title == "新民晚报·社区新闻"
    assert atom.feed.subtitle == rss.feed.description
    assert [e.title for e in atom.entries] == [e.title for e in rss.entries]
    assert "草稿" not in [e.title for e in atom.entries]
    assert "撤稿" not in [e.title for e in atom.entries]
    by_title = {entry.title: entry for entry in atom.entries}
    entry = by_title[story.full_title]
    assert entry.link == f"http://testserver{story.get_absolute_url()}"
    assert entry.author == "袁玮"
    assert entry.published_parsed is not None and entry.updated_parsed is not None
    assert {"虹口区", "社区治理"} <= {tag.term for tag in entry.tags}
    assert by_title["无署名社论"].author == "新民晚报"


def test_tag_feeds_in_rss_and_atom_carry_only_that_tag(client):
    make_article(headline="治理稿", tags=["社区治理"])
    make_article(headline="其他稿", tags=["文化"])
    make_article(headline="治理草稿", tags=["社区治理"], status=ArticleStatus.DRAFT)
    slug = Tag.objects.get(name="社区治理").slug
    for url, version in [(f"/tag/{slug}/feed/", "rss20"), (f"/tag/{slug}/feed/atom/", "atom10")]:
        feed = parse(client, url)
        assert feed.version == version, url
        assert [entry.title for entry in feed.entries] == ["治理稿"], url
        assert feed.feed.link == f"http://testserver{reverse('articles:tag', args=[slug])}", url


def test_tag_feed_of_a_tag_only_drafts_carry_is_404(client):
    make_article(headline="治理草稿", tags=["草稿标签"], status=ArticleStatus.DRAFT)
    slug = Tag.objects.get(name="草稿标签").slug
    assert client.get(f"/tag/{slug}/feed/").status_code == 404
    assert client.get(f"/tag/{slug}/feed/atom/").status_code == 404


def test_every_page_advertises_the_atom_feed(client):
    response = client.get("/")
    assert b'type="application/atom+xml"' in response.content
    assert b'href="/feed/atom/"' in response.content


def test_feed_descriptions_carry_summaries_as_text_not_markup(client):
    make_article(headline="带标签的摘要", summary="<img src=x onerror=alert(1)>老房子<b>修缮</b>")
    for url in ("/feed/", "/feed/atom/"):
        feed = parse(client, url)
        (entry,) = [entry for entry in feed.entries if entry.title == "带标签的摘要"]
        assert "<" not in entry.summary, url
        assert "&lt;img src=x" in entry.summary and "老房子" in entry.summary, url


def test_control_characters_in_user_text_are_dropped_not_a_server_error(client):
    """XML 1.0 cannot carry \\x01; a pasted one must not take every feed down."""
    make_article(headline="标题\x01含控制符\x85", summary="摘要\x1f文字", tags=["标签\x0b"])
    for url in ("/feed/", "/feed/atom/"):
        feed = parse(client, url)
        (entry,) = [entry for entry in feed.entries if entry.title == "标题含控制符"]
        assert "摘要文字" in entry.summary, url
        assert "标签" in {tag.term for tag in entry.tags}, url


def test_headlines_that_look_like_markup_read_back_whole_in_rss_and_atom(client):
    headline = "老房子<!--修缮 & &amp; <b>加固</b>"
    make_article(headline=headline)
    for url in ("/feed/", "/feed/atom/"):
        # A reader shows an HTML-typed title unescaped; a plain one as it is.
        titles = [
            html.unescape(e.title) if e.title_detail.type == "text/html" else e.title
            for e in parse(client, url).entries
        ]
        assert headline in titles, url
