"""Embargo and expiry: the public rule hides an article before its embargo and after its expiry,
on every public surface, and the services refuse to publish around an embargo."""

import datetime
from io import StringIO
from urllib.parse import urlsplit
from xml.etree import ElementTree

import feedparser
import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from articles import services
from articles.district_map import district_counts
from articles.history import article_versions
from articles.models import Article, ArticleStatus
from articles.tagging import public_tags
from tests.factories import (
    make_article,
    make_correction,
    make_district,
    make_program,
    make_reporter,
    make_user,
)

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
PRINTED = datetime.datetime(2026, 3, 10, 6, 0, tzinfo=SHANGHAI)
EMBARGO = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=SHANGHAI)
EXPIRY = datetime.datetime(2026, 3, 12, 12, 0, tzinfo=SHANGHAI)
HEADLINE = "禁发测试稿件标题"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(client) -> set[str]:
    """Every page path listed in every section of the sitemap index."""
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our output
    paths = set()
    for section in index.findall("sm:sitemap/sm:loc", SITEMAP_NS):
        root = ElementTree.fromstring(client.get(urlsplit(section.text).path).content)  # noqa: S314 - our own sitemap
        paths |= {urlsplit(loc.text).path for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)}
    return paths


def feed_titles(client, url) -> list[str]:
    """Entry titles of a feed; none when the feed does not exist (a tag with no public article)."""
    response = client.get(url)
    if response.status_code == 404:
        return []
    feed = feedparser.parse(response.content)
    assert not feed.bozo, url
    return [entry.title for entry in feed.entries]


def page_shows(client, url) -> bool:
    response = client.get(url)
    return response.status_code == 200 and HEADLINE in response.text


def surfaces(client, article: Article) -> dict[str, bool]:
    """Whether the article shows on each public surface, by name."""
    article.refresh_from_db()
    program, reporter = article.program, article.reporters.get()
    hongkou = next(d for d in district_counts("all") if d.slug == "hongkou").article_count
    day = article.print_date
    return {
        "page": client.get(article.get_absolute_url()).status_code == 200,
        "home": page_shows(client, "/"),
        "district": page_shows(client, "/district/hongkou/"),
        "program": page_shows(client, program.get_absolute_url()),
        "reporter": page_shows(client, reporter.get_absolute_url()),
        "tag": page_shows(client, "/tag/jinfa/"),
        "archive": page_shows(client, f"/archive/{day:%Y/%m/%d}/"),
        "search": page_shows(client, f"/search/?q={HEADLINE[:4]}"),
        "corrections": page_shows(client, "/corrections/"),
        "feeds": any(
            HEADLINE in feed_titles(client, url)
            for url in [
                "/feed/",
                "/feed/atom/",
                "/district/hongkou/feed/",
                f"/program/{program.slug}/feed/",
                f"/reporter/{reporter.slug}/feed/",
                "/tag/jinfa/feed/",
            ]
        ),
        "sitemaps": article.get_absolute_url() in sitemap_paths(client),
        "district count": hongkou == 1,
        "tag count": public_tags().filter(slug="jinfa").exists(),
    }


def make_story(**fields) -> Article:
    article = make_article(
        headline=HEADLINE,
        published_at=PRINTED,
        print_date=PRINTED.date(),
        districts=[make_district("hongkou")],
        program=make_program("禁发专题"),
        reporters=[make_reporter("禁发记者")],
        tags=["jinfa"],
        **fields,
    )
    make_correction(article)
    return article


def test_an_embargoed_article_is_on_no_public_surface_until_its_time(client):
    with freeze_time(EMBARGO - datetime.timedelta(hours=1)):
        article = make_story(embargo_until=EMBARGO)
        shown = surfaces(client, article)
        assert not any(shown.values()), shown
    with freeze_time(EMBARGO + datetime.timedelta(minutes=1)):
        shown = surfaces(client, article)
        assert all(shown.values()), shown


def test_an_expired_article_is_gone_from_every_public_surface(client):
    with freeze_time(EXPIRY - datetime.timedelta(hours=1)):
        article = make_story(expires_at=EXPIRY)
        shown = surfaces(client, article)
        assert all(shown.values()), shown
    with freeze_time(EXPIRY + datetime.timedelta(minutes=1)):
        shown = surfaces(client, article)
        assert not any(shown.values()), shown


def test_publishing_an_embargoed_article_schedules_it_for_the_embargos_end(client):
    editor = make_user("editor")
    with freeze_time(EMBARGO - datetime.timedelta(hours=3)):
        article = make_article(
            headline=HEADLINE, status=ArticleStatus.REVIEW, embargo_until=EMBARGO
        )
        services.article_publish(article=article, user=editor)
        article.refresh_from_db()
        assert article.status == ArticleStatus.PUBLISHED
        assert article.published_at == EMBARGO
        assert article.is_scheduled and not article.is_public
        assert not Article.objects.published().exists()
    with freeze_time(EMBARGO):
        assert list(Article.objects.published()) == [article]


def test_the_publish_button_cannot_beat_an_embargo(client):
    editor = make_user("editor")
    client.force_login(editor)
    with freeze_time(EMBARGO - datetime.timedelta(hours=3)):
        article = make_article(
            headline=HEADLINE, status=ArticleStatus.REVIEW, embargo_until=EMBARGO
        )
        client.post(
            "/admin/articles/article/",
            {"action": "publish_selected", "_selected_action": [article.pk]},
        )
        article.refresh_from_db()
        assert (article.status, article.published_at) == (ArticleStatus.PUBLISHED, EMBARGO)
        assert client.get(article.get_absolute_url()).status_code == 404


def test_an_embargo_set_after_publishing_hides_the_article_again():
    with freeze_time(EMBARGO - datetime.timedelta(hours=3)):
        article = make_article(headline=HEADLINE)
        assert Article.objects.published().exists()
        Article.objects.filter(pk=article.pk).update(embargo_until=EMBARGO)
        assert not Article.objects.published().exists()


def test_publishing_refuses_an_expiry_that_has_already_passed():
    article = make_article(
        status=ArticleStatus.REVIEW,
        published_at=PRINTED,
        expires_at=PRINTED + datetime.timedelta(hours=1),
    )
    with freeze_time(EXPIRY), pytest.raises(services.WorkflowError, match="下线时间"):
        services.article_publish(article=article, user=make_user("editor"))


def test_a_reporter_cannot_set_or_clear_an_embargo_through_the_save_service():
    reporter = make_user("reporter")
    article = make_article(status=ArticleStatus.DRAFT, created_by=reporter, embargo_until=EMBARGO)
    article.embargo_until = None
    with pytest.raises(PermissionDenied):
        services.article_save_edit(article=article, user=reporter, is_new=False)
    fresh = make_article(status=ArticleStatus.DRAFT, created_by=reporter)
    fresh.embargo_until = EMBARGO
    with pytest.raises(PermissionDenied):
        services.article_save_edit(article=fresh, user=reporter, is_new=False)
    new = Article(headline="新稿", embargo_until=EMBARGO)
    with pytest.raises(PermissionDenied):
        services.article_save_edit(article=new, user=reporter, is_new=True)
    assert Article.objects.get(pk=article.pk).embargo_until == EMBARGO


def test_an_editor_may_set_and_clear_an_embargo_through_the_save_service():
    editor = make_user("editor")
    article = make_article(status=ArticleStatus.DRAFT)
    article.embargo_until = EMBARGO
    services.article_save_edit(article=article, user=editor, is_new=False)
    assert Article.objects.get(pk=article.pk).embargo_until == EMBARGO
    article.embargo_until = None
    services.article_save_edit(article=article, user=editor, is_new=False)
    assert Article.objects.get(pk=article.pk).embargo_until is None


def test_a_withdrawn_article_answers_410_with_its_title_and_date(client):
    article = make_article(headline=HEADLINE, published_at=PRINTED)
    url = article.get_absolute_url()
    services.article_withdraw(article=article, user=make_user("editor"))
    response = client.get(url)
    assert response.status_code == 410
    assert "本文已撤回" in response.text
    assert HEADLINE in response.text
    assert "2026年3月10日" in response.text
    assert url not in sitemap_paths(client)
    assert HEADLINE not in feed_titles(client, "/feed/")


def test_the_withdrawn_notice_escapes_the_title(client):
    article = make_article(headline="<script>alert(1)</script>", published_at=PRINTED)
    services.article_withdraw(article=article, user=make_user("editor"))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 410
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


def test_an_expired_articles_url_answers_410_before_and_after_expire_articles_runs(client):
    with freeze_time(EXPIRY - datetime.timedelta(days=1)):
        article = make_article(headline=HEADLINE, published_at=PRINTED, expires_at=EXPIRY)
        url = article.get_absolute_url()
    with freeze_time(EXPIRY + datetime.timedelta(minutes=5)):
        assert client.get(url).status_code == 410
        out = StringIO()
        call_command("expire_articles", stdout=out)
        assert "1 篇" in out.getvalue()
        article.refresh_from_db()
        assert article.status == ArticleStatus.WITHDRAWN
        assert article_versions(article).first().revision.comment == "到期下线"
        assert client.get(url).status_code == 410


def test_expire_articles_leaves_articles_not_yet_due_and_dry_run_changes_nothing():
    with freeze_time(EXPIRY - datetime.timedelta(days=1)):
        due = make_article(published_at=PRINTED, expires_at=EXPIRY - datetime.timedelta(hours=1))
        later = make_article(published_at=PRINTED, expires_at=EXPIRY + datetime.timedelta(days=1))
    with freeze_time(EXPIRY):
        out = StringIO()
        call_command("expire_articles", "--dry-run", stdout=out)
        assert f"#{due.pk}" in out.getvalue() and f"#{later.pk}" not in out.getvalue()
        assert Article.objects.get(pk=due.pk).status == ArticleStatus.PUBLISHED
        call_command("expire_articles", stdout=StringIO())
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert statuses == {due.pk: ArticleStatus.WITHDRAWN, later.pk: ArticleStatus.PUBLISHED}


@pytest.mark.parametrize(
    "fields",
    [
        {"status": ArticleStatus.DRAFT},
        {"status": ArticleStatus.PUBLISHED, "embargo_until": EMBARGO},
        {"status": ArticleStatus.WITHDRAWN, "embargo_until": EMBARGO},
    ],
    ids=["draft", "embargoed", "withdrawn while embargoed"],
)
def test_an_article_readers_never_saw_answers_404_not_410(client, fields):
    with freeze_time(EMBARGO - datetime.timedelta(hours=1)):
        article = make_article(headline=HEADLINE, published_at=PRINTED, **fields)
        response = client.get(article.get_absolute_url())
        assert response.status_code == 404
        assert HEADLINE not in response.text


def test_scheduled_lists_what_waits_for_its_time_or_embargo_soonest_first():
    with freeze_time(EMBARGO - datetime.timedelta(hours=1)):
        embargoed = make_article(published_at=PRINTED, embargo_until=EMBARGO)
        later = make_article(published_at=EXPIRY)
        make_article(published_at=PRINTED)
        make_article(published_at=PRINTED, expires_at=PRINTED + datetime.timedelta(hours=1))
        make_article(status=ArticleStatus.DRAFT)
        assert list(Article.objects.scheduled()) == [embargoed, later]


def test_embargoed_lists_every_running_embargo_soonest_lifted_first():
    with freeze_time(EMBARGO - datetime.timedelta(hours=1)):
        later = make_article(status=ArticleStatus.REVIEW, embargo_until=EXPIRY)
        sooner = make_article(published_at=PRINTED, embargo_until=EMBARGO)
        make_article(published_at=PRINTED, embargo_until=PRINTED)
        assert list(Article.objects.embargoed()) == [sooner, later]


def test_the_publish_button_says_an_embargoed_article_waits_for_the_embargo(client):
    client.force_login(make_user("editor"))
    article = make_article(
        status=ArticleStatus.REVIEW, embargo_until=timezone.now() + datetime.timedelta(days=1)
    )
    page = client.get(f"/admin/articles/article/{article.pk}/change/").text
    assert 'value="保存并发布（禁发期满后公开）" name="_publish"' in page
    assert "禁发至" in page
