"""The anonymous page cache: a change stales exactly the pages that show it, at once."""

import contextlib
import datetime
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from taggit.models import Tag

from articles import services
from articles.models import ArticleStatus, Correction
from articles.page_cache import cached_page, entries, store
from tests.factories import make_article, make_district, make_reporter, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings, monkeypatch):
    """The page cache on, empty, and with no outage remembered from another test."""
    settings.NEWSROOM_PAGE_CACHE = True
    monkeypatch.setitem(store._state, "down_until", 0.0)
    monkeypatch.setitem(store._state, "warned_at", -store.WARNING_INTERVAL)
    monkeypatch.setitem(store._state, "lost_bumps", False)
    cache.clear()
    yield
    with contextlib.suppress(Exception):  # a test may have pointed the cache at a closed port
        cache.clear()


@pytest.fixture
def newsroom():
    """Two stories in different districts, tags and bylines, and a draft beside the first."""
    hongkou, xuhui = make_district("hongkou"), make_district("xuhui")
    near, far = make_reporter("张近"), make_reporter("李远")
    first = make_article(
        headline="虹口社区食堂开张", districts=[hongkou], tags=["社区"], reporters=[near]
    )
    second = make_article(
        headline="徐汇新开公交线", districts=[xuhui], tags=["交通"], reporters=[far]
    )
    draft = make_article(
        headline="虹口加装电梯完工",
        status=ArticleStatus.DRAFT,
        districts=[hongkou],
        tags=["社区"],
        reporters=[near],
    )
    return {
        "first": first,
        "second": second,
        "draft": draft,
        "hongkou": hongkou.get_absolute_url(),
        "xuhui": xuhui.get_absolute_url(),
        "community": f"/tag/{Tag.objects.get(name='社区').slug}/",
        "transport": f"/tag/{Tag.objects.get(name='交通').slug}/",
        "near": near.get_absolute_url(),
        "far": far.get_absolute_url(),
    }


def warm(client, *urls):
    """Fetch each page twice: the second answer must come from the cache."""
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "miss", url
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_publishing_stales_the_pages_that_list_it_and_no_others(
    client, page_cache, newsroom, django_capture_on_commit_callbacks
):
    draft, first, second = newsroom["draft"], newsroom["first"], newsroom["second"]
    showing = [
        "/",
        newsroom["hongkou"],
        newsroom["community"],
        newsroom["near"],
        "/feed/",
        "/sitemap-news.xml",
    ]
    others = [
        first.get_absolute_url(),
        second.get_absolute_url(),
        newsroom["transport"],
        newsroom["far"],
    ]
    warm(client, *showing, *others)

    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=draft, user=None)

    for url in showing:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "虹口加装电梯完工" in response.text, url
    for url in others:
        response = client.get(url)
        assert response["X-Page-Cache"] == "hit", url
        assert "虹口加装电梯完工" not in response.text, url


def test_withdrawing_takes_the_article_and_its_teasers_down_at_once(
    client, page_cache, newsroom, django_capture_on_commit_callbacks
):
    first, second = newsroom["first"], newsroom["second"]
    warm(client, first.get_absolute_url(), newsroom["hongkou"], second.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        services.article_withdraw(article=first, user=None)

    # Readers saw it, so its address now says it was withdrawn.
    assert client.get(first.get_absolute_url()).status_code == 410
    assert "虹口社区食堂开张" not in client.get(newsroom["hongkou"]).text
    assert client.get(second.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_correction_shows_on_the_article_at_once(
    client, page_cache, newsroom, django_capture_on_commit_callbacks
):
    first, second = newsroom["first"], newsroom["second"]
    warm(client, first.get_absolute_url(), "/corrections/", second.get_absolute_url())

    # As the admin saves it: the article's fields, then the correction row, then the revision.
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save_edit(article=first, user=None, is_new=False)
        correction = Correction(article=first, text="食堂开张日期有误，已更正。")
        services.article_save_rows(rows=[correction], deleted=[])
        services.article_edit_done(article=first, user=None)

    assert "食堂开张日期有误" in client.get(first.get_absolute_url()).text
    assert "食堂开张日期有误" in client.get("/corrections/").text
    assert client.get(second.get_absolute_url())["X-Page-Cache"] == "hit"


def test_an_edit_stales_the_lists_the_article_leaves(
    client, page_cache, newsroom, django_capture_on_commit_callbacks
):
    first, second = newsroom["first"], newsroom["second"]
    Tag.objects.create(name="民生", slug="minsheng")
    warm(client, newsroom["community"], second.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        services.article_save_edit(article=first, user=None, is_new=False)
        first.tags.set(["民生"])
        services.article_edit_done(article=first, user=None)

    assert "虹口社区食堂开张" not in client.get(newsroom["community"]).text
    assert client.get(second.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_scheduled_article_appears_when_its_time_comes(
    client, page_cache, newsroom, django_capture_on_commit_callbacks
):
    soon = timezone.now() + datetime.timedelta(seconds=1.5)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=newsroom["draft"], user=None, at=soon)
    warm(client, "/")
    assert "虹口加装电梯完工" not in client.get("/").text

    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.1)

    assert "虹口加装电梯完工" in client.get("/").text


def test_signed_in_requests_are_neither_served_from_nor_stored_in_the_cache(
    client, page_cache, newsroom
):
    editor = make_user("editor", username="值班编辑")
    warm(client, "/")
    client.force_login(editor)
    response = client.get("/")
    assert response["X-Page-Cache"] == "bypass"
    assert "private" in response["Cache-Control"]

    client.logout()
    client.cookies.clear()
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert "Set-Cookie" not in response
    assert not response.cookies
    assert "值班编辑" not in response.text
    assert "csrfmiddlewaretoken" not in response.text


def test_a_response_that_sets_a_cookie_is_never_stored(page_cache):
    calls = []

    @cached_page(tags=["lists"])
    def sets_a_cookie(request):
        calls.append(1)
        response = HttpResponse("你好")
        response.set_cookie("seen", "1")
        return response

    factory = RequestFactory()
    sets_a_cookie(factory.get("/cookie/"))
    response = sets_a_cookie(factory.get("/cookie/"))
    assert len(calls) == 2
    assert response["X-Page-Cache"] == "bypass"


def test_public_pages_carry_cache_headers_and_their_tags(client, page_cache, newsroom):
    first = newsroom["first"]
    response = client.get(first.get_absolute_url())
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=60" in cache_control
    assert "stale-while-revalidate=300" in cache_control
    assert response["ETag"]
    assert response["Last-Modified"]
    assert "Cookie" in response["Vary"]
    keys = response["Surrogate-Key"].split()
    assert f"article-{first.pk}" in keys
    assert "site" in keys
    assert response["Cache-Tag"].split(",") == keys
    assert "lists" in client.get("/")["Surrogate-Key"].split()


def test_revalidating_a_cached_page_answers_304_without_a_query(
    client, page_cache, newsroom, django_assert_num_queries
):
    url = newsroom["hongkou"]
    warm(client, url)
    response = client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url)["X-Page-Cache"] == "hit"
        by_etag = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert by_etag.status_code == 304
    assert by_date.status_code == 304
    assert by_etag["ETag"] == response["ETag"]


def test_an_unchanged_rebuild_keeps_its_validators(
    client, page_cache, newsroom, django_capture_on_commit_callbacks
):
    url = newsroom["transport"]
    before = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_withdraw(article=newsroom["first"], user=None)  # bumps `lists` only
    after = client.get(newsroom["xuhui"])  # a list page that did change
    assert after["X-Page-Cache"] == "miss"
    again = client.get(url)
    assert again["ETag"] == before["ETag"]
    assert again["Last-Modified"] == before["Last-Modified"]


def test_with_the_cache_off_pages_are_built_every_time_but_still_revalidate(
    client, settings, newsroom
):
    settings.NEWSROOM_PAGE_CACHE = False
    first = client.get("/")
    assert first["X-Page-Cache"] == "off"
    assert client.get("/")["X-Page-Cache"] == "off"
    assert client.get("/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


CLOSED_PORT_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_an_unreachable_cache_means_misses_and_one_warning_a_minute(
    client, page_cache, settings, newsroom, caplog, django_capture_on_commit_callbacks
):
    settings.CACHES = CLOSED_PORT_CACHE
    with caplog.at_level("WARNING", logger="newsroom.page_cache"):
        for url in ["/", newsroom["hongkou"], newsroom["first"].get_absolute_url(), "/"]:
            assert client.get(url).status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            services.article_publish(article=newsroom["draft"], user=None)
    warnings = [r for r in caplog.records if r.name == "newsroom.page_cache"]
    assert len(warnings) == 1
    assert "页面缓存不可用" in warnings[0].getMessage()


def test_pages_cached_before_an_outage_are_stale_after_it_if_a_change_was_lost(
    client, page_cache, settings, newsroom, monkeypatch, django_capture_on_commit_callbacks
):
    working = settings.CACHES
    warm(client, "/")
    monkeypatch.setattr(store, "RETRY_AFTER", 0.0)
    settings.CACHES = CLOSED_PORT_CACHE
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=newsroom["draft"], user=None)
    settings.CACHES = working

    assert "虹口加装电梯完工" in client.get("/").text


def test_concurrent_misses_build_the_page_once(page_cache):
    builds = []

    @cached_page(tags=["slow-page"])
    def slow_page(request):
        builds.append(1)
        time.sleep(0.2)
        return HttpResponse(f"第{len(builds)}版")

    factory = RequestFactory()
    entries.next_publish_time(store.clock())  # known before the rush: the threads need no database
    assert slow_page(factory.get("/slow/")).status_code == 200
    store.bump({"slow-page"})  # the page expires

    responses = [None] * 32

    def fetch(n):
        try:
            responses[n] = slow_page(factory.get("/slow/"))
        finally:
            connection.close()

    threads = [threading.Thread(target=fetch, args=(n,)) for n in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(builds) == 2
    assert {r.status_code for r in responses} == {200}
    assert {r.content.decode() for r in responses} == {"第2版"}


class _PurgeRecorder(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        self.received.append((self.headers["Authorization"], json.loads(self.rfile.read(length))))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'{"success": true}')

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    """A stand-in for a CDN's purge API on a local port, recording what it is sent."""
    _PurgeRecorder.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/purge", _PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_each_change_is_purged_from_the_cdn_by_tag(
    settings, newsroom, purge_server, django_capture_on_commit_callbacks
):
    url, received = purge_server
    settings.NEWSROOM_PURGE_BACKEND = "articles.page_cache.purge.HttpPurge"
    settings.NEWSROOM_PURGE_URL = url
    settings.NEWSROOM_PURGE_TOKEN = "cdn-token"  # noqa: S105 - a test token
    draft = newsroom["draft"]
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=draft, user=None)

    assert len(received) == 1
    authorization, body = received[0]
    assert authorization == "Bearer cdn-token"
    hongkou = make_district("hongkou")
    reporter = make_reporter("张近")
    assert {
        f"article-{draft.pk}",
        "lists",
        f"district-{hongkou.pk}",
        f"reporter-{reporter.pk}",
    } <= set(body["tags"])
    assert not {f"article-{newsroom['first'].pk}", f"article-{newsroom['second'].pk}"} & set(
        body["tags"]
    )


def test_an_unreachable_cdn_is_logged_and_the_change_stands(
    settings, newsroom, caplog, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PURGE_BACKEND = "articles.page_cache.purge.HttpPurge"
    settings.NEWSROOM_PURGE_URL = "http://127.0.0.1:1/purge"
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=newsroom["draft"], user=None)
    newsroom["draft"].refresh_from_db()
    assert newsroom["draft"].status == ArticleStatus.PUBLISHED
    assert any("CDN 清除缓存失败" in r.getMessage() for r in caplog.records)


def test_the_default_purge_backend_logs_the_tags(
    newsroom, caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level("INFO", logger="newsroom.page_cache"):
        with django_capture_on_commit_callbacks(execute=True):
            services.article_publish(article=newsroom["draft"], user=None)
    logged = [r.getMessage() for r in caplog.records if r.name == "newsroom.page_cache"]
    assert any(f"article-{newsroom['draft'].pk}" in message for message in logged)


def test_district_counts_are_kept_until_an_article_changes(
    page_cache, newsroom, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from articles.district_map import district_counts

    def hongkou_count():
        return next(d.article_count for d in district_counts("all") if d.slug == "hongkou")

    assert hongkou_count() == 1
    with django_assert_num_queries(0):
        assert hongkou_count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=newsroom["draft"], user=None)
    assert hongkou_count() == 2


def test_requests_waiting_on_a_build_that_stores_nothing_build_it_themselves(
    page_cache, monkeypatch
):
    from articles.page_cache import decorator

    monkeypatch.setattr(decorator, "WAIT_FOR_BUILD", 60.0)
    builds = []

    @cached_page(tags=["lists"])
    def not_found(request):
        builds.append(1)
        time.sleep(0.2)
        return HttpResponse("没有这个页面", status=404)

    factory = RequestFactory()
    entries.next_publish_time(store.clock())
    threads = [
        threading.Thread(target=lambda: not_found(factory.get("/missing/"))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)  # far less than the waiting limit
    assert not any(thread.is_alive() for thread in threads)
    assert len(builds) == 8


def test_a_transaction_changing_many_articles_purges_once(
    newsroom, caplog, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with caplog.at_level("INFO", logger="newsroom.page_cache"):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            services.article_publish(article=newsroom["draft"], user=None)
            services.article_withdraw(article=newsroom["second"], user=None)
    purges = [r.getMessage() for r in caplog.records if r.name == "newsroom.page_cache"]
    assert len(purges) == 1
    assert f"article-{newsroom['draft'].pk}" in purges[0]
    assert f"article-{newsroom['second'].pk}" in purges[0]


def test_a_rolled_back_change_is_not_sent_with_the_next_commit(
    newsroom, caplog, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with contextlib.suppress(RuntimeError), transaction.atomic():
        services.article_withdraw(article=newsroom["second"], user=None)
        raise RuntimeError("the editor's request failed")
    with caplog.at_level("INFO", logger="newsroom.page_cache"):
        with django_capture_on_commit_callbacks(execute=True):
            services.article_publish(article=newsroom["draft"], user=None)
    purged = " ".join(r.getMessage() for r in caplog.records if r.name == "newsroom.page_cache")
    assert f"article-{newsroom['draft'].pk}" in purged
    assert f"article-{newsroom['second'].pk}" not in purged


def test_clear_page_cache_makes_every_page_stale(client, page_cache, newsroom, settings):
    from django.core.management import CommandError, call_command

    warm(client, "/", newsroom["first"].get_absolute_url())
    call_command("clear_page_cache", stdout=io.StringIO())
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get(newsroom["first"].get_absolute_url())["X-Page-Cache"] == "miss"

    settings.CACHES = CLOSED_PORT_CACHE
    with pytest.raises(CommandError, match="页面缓存不可用"):
        call_command("clear_page_cache", stdout=io.StringIO())
