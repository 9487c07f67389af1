"""Read replicas against a real PostgreSQL streaming replica (scripts/start-replica).

The replica streams the primary's whole cluster, so the test database pytest-django creates on
the primary appears there too. The replica alias is built by the production settings code
(replica_database) and pointed at that database the way Django points a TEST["MIRROR"] alias:
Django never creates, migrates or flushes it. Pausing WAL replay makes the replica lag on demand,
so a page that answers 404 for an article the primary already has was read from the replica.
"""

import os
import socket
import subprocess
import time

import pytest
from django.contrib.sessions.models import Session
from django.db import DatabaseError, InternalError, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from newsroom import replicas
from newsroom.settings.environment import replica_database
from tests.factories import PASSWORD, make_published_article, make_user

from .test_settings import ROOT

STREAMING = "replica_streaming"
DOWN = "replica_down"
REPLAY_TIMEOUT_SECONDS = 30
START_SCRIPT = ROOT / "scripts" / "start-replica"
START_HINT = "start one with scripts/start-replica and set REPLICA_DATABASE_URL"


def replica_url() -> str:
    """The streaming replica's URL; skip (or fail with REQUIRE_REPLICA=1) when there is none."""
    url = os.environ.get("REPLICA_DATABASE_URL", "")
    if not url:
        message = f"No streaming replica: {START_HINT}"
        if os.environ.get("REQUIRE_REPLICA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return url


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def add_mirror_alias(alias: str, url: str) -> None:
    """Register `alias` for `url` as settings would, mirroring the primary's test database."""
    primary = connections["default"]
    replica = replica_database(url, base_dir=ROOT)
    connections.settings[alias] = {
        **primary.settings_dict,
        **replica,
        "TEST": {**primary.settings_dict["TEST"], **replica["TEST"]},
    }
    connections[alias].creation.set_as_test_mirror(primary.settings_dict)


def remove_alias(alias: str) -> None:
    connections[alias].close()
    connections[alias].close_pool()
    del connections[alias]
    del connections.settings[alias]


def scalar(alias: str, sql: str, params=()):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + REPLAY_TIMEOUT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"The replica did not {what} within {REPLAY_TIMEOUT_SECONDS} s")
        time.sleep(0.05)


def wait_for_replay() -> None:
    """Until the replica has applied everything the primary has written so far."""
    target = scalar("default", "SELECT pg_current_wal_lsn()::text")
    wait_for(
        lambda: scalar(STREAMING, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]),
        "catch up with the primary",
    )


def pause_replay() -> None:
    scalar(STREAMING, "SELECT pg_wal_replay_pause()::text")
    wait_for(
        lambda: scalar(STREAMING, "SELECT pg_get_wal_replay_pause_state()") == "paused",
        "pause its replay",
    )


def resume_replay() -> None:
    scalar(STREAMING, "SELECT pg_wal_replay_resume()::text")


@pytest.fixture(scope="module")
def streaming_alias(django_db_setup, django_db_blocker):
    """The streaming replica, connected to the primary's test database once it has replayed it."""
    url = replica_url()
    add_mirror_alias(STREAMING, url)
    with django_db_blocker.unblock():
        wait_for(lambda: replica_has_test_database(), "receive the test database")
        resume_replay()  # in case an interrupted run left it paused
    yield STREAMING
    with django_db_blocker.unblock():
        resume_replay()
    remove_alias(STREAMING)


def replica_has_test_database() -> bool:
    try:
        connections[STREAMING].ensure_connection()
    except DatabaseError:  # not replayed yet: the database does not exist there
        connections[STREAMING].close()
        return False
    return True


@pytest.fixture
def streaming(streaming_alias, settings, monkeypatch):
    """Public reads go to the streaming replica; its replay is paused only when a test asks."""
    settings.DATABASE_REPLICAS = [STREAMING]
    monkeypatch.setattr(replicas, "_down_until", {})
    yield STREAMING
    resume_replay()
    connections[STREAMING].close()


ON_REPLICA = pytest.mark.django_db(transaction=True, databases=["default", STREAMING])


@pytest.mark.postgres
@ON_REPLICA
def test_the_replica_is_a_hot_standby_of_the_test_database(streaming):
    article = make_published_article(headline="流复制")
    wait_for_replay()
    assert scalar(STREAMING, "SELECT pg_is_in_recovery()") is True
    assert scalar("default", "SELECT pg_is_in_recovery()") is False
    assert (
        scalar(STREAMING, "SELECT current_database()")
        == connections["default"].settings_dict["NAME"]
    )
    assert Article.objects.using(STREAMING).get(pk=article.pk).headline == "流复制"
    # Read-only: a write routed here would fail rather than go missing.
    with pytest.raises(InternalError, match="read-only transaction"):
        Article.objects.using(STREAMING).filter(pk=article.pk).update(headline="改写")


@pytest.mark.postgres
@ON_REPLICA
def test_public_pages_read_from_the_replica_and_see_new_rows_once_replayed(client, streaming):
    replayed = make_published_article(headline="已经复制")
    wait_for_replay()
    pause_replay()
    fresh = make_published_article(headline="尚未复制")
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(connections[STREAMING]) as on_replica,
    ):
        assert client.get(replayed.get_absolute_url()).status_code == 200
    assert len(on_replica) > 0
    assert len(on_primary) == 0, [q["sql"] for q in on_primary.captured_queries]
    # The primary has it, the paused replica not yet: the page was read on the replica.
    assert client.get(fresh.get_absolute_url()).status_code == 404
    resume_replay()
    wait_for_replay()
    assert client.get(fresh.get_absolute_url()).status_code == 200


@pytest.mark.postgres
@ON_REPLICA
def test_writes_go_to_the_primary_and_the_writer_then_reads_it(client, streaming, settings):
    fresh = make_published_article(headline="刚刚保存")
    user = make_user("superuser")
    wait_for_replay()
    pause_replay()
    # A write during a replica-marked request lands on the primary (the replica is read-only).
    token = replicas.current_replica.set(STREAMING)
    try:
        Article.objects.filter(pk=fresh.pk).update(headline="改过的标题")
    finally:
        replicas.current_replica.reset(token)
    assert Article.objects.using("default").get(pk=fresh.pk).headline == "改过的标题"
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD}
    )
    assert Session.objects.using("default").count() == 1
    assert Session.objects.using(STREAMING).count() == 0  # replay is paused
    cookie = response.cookies[replicas.PRIMARY_AFTER_WRITE_COOKIE]
    assert cookie["max-age"] == settings.DATABASE_REPLICA_STICKY_SECONDS
    # Right after writing, this browser reads the primary: the new headline, not the old one.
    with CaptureQueriesContext(connections[STREAMING]) as on_replica:
        page = client.get(fresh.get_absolute_url())
    assert page.status_code == 200
    assert "改过的标题" in page.text
    assert len(on_replica) == 0
    # Another browser (no cookie) reads the lagging replica and still sees the old headline.
    client.cookies.pop(replicas.PRIMARY_AFTER_WRITE_COOKIE)
    client.logout()
    assert "刚刚保存" in client.get(fresh.get_absolute_url()).text


@pytest.mark.postgres
@ON_REPLICA
def test_the_admin_reads_the_primary(client, streaming):
    client.force_login(make_user("superuser"))
    wait_for_replay()
    pause_replay()
    fresh = make_published_article(headline="编辑刚刚发布")
    change = reverse("admin:articles_article_change", args=[fresh.pk])
    with CaptureQueriesContext(connections[STREAMING]) as on_replica:
        assert client.get(change).status_code == 200
        assert client.get(reverse("admin:articles_article_changelist")).status_code == 200
    assert len(on_replica) == 0


@pytest.fixture(scope="module")
def down_alias(streaming_alias):
    """A second replica, configured as production would be, whose server is not running."""
    add_mirror_alias(DOWN, f"postgres://postgres@127.0.0.1:{closed_port()}/newsroom")
    yield DOWN
    remove_alias(DOWN)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["default", STREAMING, DOWN])
def test_a_replica_that_is_down_is_skipped_for_the_next_or_the_primary(
    client, streaming, down_alias, settings
):
    article = make_published_article(headline="副本宕机")
    wait_for_replay()
    settings.DATABASE_REPLICAS = [DOWN, STREAMING]
    with CaptureQueriesContext(connections[STREAMING]) as on_replica:
        started = time.perf_counter()
        assert client.get(article.get_absolute_url()).status_code == 200
    assert time.perf_counter() - started < 1.5
    assert len(on_replica) > 0
    # With no replica left, the primary answers; the down one is not waited for again.
    settings.DATABASE_REPLICAS = [DOWN]
    with CaptureQueriesContext(connections["default"]) as on_primary:
        started = time.perf_counter()
        assert client.get(article.get_absolute_url()).status_code == 200
    assert time.perf_counter() - started < 0.5
    assert len(on_primary) > 0


def start_replica_script(*args: str) -> None:
    """Run scripts/start-replica for the replica the tests use (its port from the URL)."""
    port = connections[STREAMING].settings_dict["PORT"]
    result = subprocess.run(  # noqa: S603 - a fixed argument list of our own, no shell
        [str(START_SCRIPT), *args],
        env={**os.environ, "REPLICA_PORT": port},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def stop_replica(streaming):
    """Call it to stop the streaming replica's server; it is started again afterwards."""
    stopped = []

    def stop() -> None:
        start_replica_script("stop")
        stopped.append(True)

    yield stop
    if stopped:
        connections[STREAMING].close()
        start_replica_script()
        wait_for_replay()


@pytest.mark.postgres
@ON_REPLICA
def test_a_replica_that_stops_serving_falls_back_to_the_primary(client, streaming, stop_replica):
    article = make_published_article(headline="副本停机")
    wait_for_replay()
    with CaptureQueriesContext(connections[STREAMING]) as on_replica:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert len(on_replica) > 0
    # A server hands its connection back to the pool after each request; the test client keeps it.
    connections[STREAMING].close()
    # The pool's idle connections to the replica die with its server.
    stop_replica()
    with CaptureQueriesContext(connections["default"]) as on_primary:
        started = time.perf_counter()
        assert client.get(article.get_absolute_url()).status_code == 200
    assert time.perf_counter() - started < 1.5
    assert len(on_primary) > 0
    started = time.perf_counter()
    assert client.get(article.get_absolute_url()).status_code == 200
    assert time.perf_counter() - started < 0.5
