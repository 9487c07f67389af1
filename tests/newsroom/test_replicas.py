"""Read replicas: readers' pages come from a replica; the admin, writes and transactions do not."""

import socket
import time

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from newsroom import replicas
from newsroom.ops.database_dump import dump_database, load_database
from newsroom.settings.environment import replica_database
from tests.factories import PASSWORD, make_published_article, make_user

from .test_settings import ROOT, production_env, run_manage

REPLICA = "replica_1"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def replica_alias(django_db_setup, django_db_blocker):
    """replica_1: a second PostgreSQL database on the same server, known before tests start."""
    primary = connections["default"]
    name = f"{primary.settings_dict['NAME']}_replica"
    with django_db_blocker.unblock(), primary.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {name}")
    options = {k: v for k, v in primary.settings_dict["OPTIONS"].items() if k != "pool"}
    connections.settings[REPLICA] = {**primary.settings_dict, "NAME": name, "OPTIONS": options}
    yield REPLICA
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]
    with django_db_blocker.unblock(), primary.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def replica(replica_alias, settings, monkeypatch, tmp_path):
    """Routes reads to replica_1; call it to copy the primary into the replica now.

    Rows written after the copy are missing from the "replica", as on one that lags.
    """
    settings.DATABASE_REPLICAS = [REPLICA]
    monkeypatch.setattr(replicas, "_down_until", {})
    port = connections[REPLICA].settings_dict["PORT"]

    def copy_primary() -> None:
        dump = tmp_path / "primary.dump"
        dump_database(connections["default"], dump)
        load_database(connections[REPLICA], dump)

    yield copy_primary
    connections[REPLICA].close()
    connections[REPLICA].settings_dict["PORT"] = port


ON_BOTH = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


def article_url(article: Article) -> str:
    return article.get_absolute_url()


@pytest.mark.postgres
@ON_BOTH
def test_public_pages_read_from_the_replica_and_the_admin_from_the_primary(client, replica):
    copied = make_published_article(headline="复制之前发布")
    replica()
    fresh = make_published_article(headline="复制之后发布")
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
    ):
        assert client.get(article_url(copied)).status_code == 200
    assert len(on_replica) > 0
    assert len(on_primary) == 0, [q["sql"] for q in on_primary.captured_queries]
    # The lagging replica does not have it yet: proof that the page was read there.
    assert client.get(article_url(fresh)).status_code == 404
    client.force_login(make_user("superuser"))
    change = reverse("admin:articles_article_change", args=[fresh.pk])
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        assert client.get(change).status_code == 200
    assert len(on_replica) == 0


@pytest.mark.postgres
@ON_BOTH
def test_after_a_write_the_same_browser_reads_from_the_primary(client, replica, settings):
    replica()
    fresh = make_published_article(headline="刚刚保存")
    user = make_user("superuser")
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD}
    )
    cookie = response.cookies[replicas.PRIMARY_AFTER_WRITE_COOKIE]
    assert cookie["max-age"] == settings.DATABASE_REPLICA_STICKY_SECONDS
    assert client.get(article_url(fresh)).status_code == 200
    client.cookies.pop(replicas.PRIMARY_AFTER_WRITE_COOKIE)
    client.logout()
    assert client.get(article_url(fresh)).status_code == 404


@pytest.mark.postgres
@ON_BOTH
def test_a_replica_that_is_down_falls_back_to_the_primary(client, replica):
    replica()
    fresh = make_published_article(headline="副本宕机")
    connections[REPLICA].close()
    connections[REPLICA].settings_dict["PORT"] = str(closed_port())
    started = time.perf_counter()
    assert client.get(article_url(fresh)).status_code == 200
    assert time.perf_counter() - started < 1.5
    # Marked down: the next request does not wait for it again.
    started = time.perf_counter()
    assert client.get(article_url(fresh)).status_code == 200
    assert time.perf_counter() - started < 0.5


@pytest.mark.django_db(transaction=True)
def test_reads_in_a_transaction_and_of_sessions_go_to_the_primary(settings):
    router = replicas.ReplicaRouter()
    assert router.db_for_read(Article) == "default"
    token = replicas.current_replica.set(REPLICA)
    try:
        assert router.db_for_read(Article) == REPLICA
        assert router.db_for_read(Session) == "default"
        with transaction.atomic():
            assert router.db_for_read(Article) == "default"
    finally:
        replicas.current_replica.reset(token)
    assert router.db_for_write(Article) == "default"
    assert router.allow_migrate(REPLICA, "articles") is False


@pytest.mark.django_db
def test_without_replicas_everything_reads_the_primary_and_no_cookie_is_set(client, settings):
    assert settings.DATABASE_REPLICAS == []
    article = make_published_article()
    assert client.get(article_url(article)).status_code == 200
    response = client.post(reverse("admin:login"), {"username": "x", "password": "y"})
    assert replicas.PRIMARY_AFTER_WRITE_COOKIE not in response.cookies


def test_replica_urls_become_mirrored_aliases(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.DATABASE_REPLICAS, s.DATABASES['replica_2']['HOST'], "
        "s.DATABASES['replica_2']['TEST']['MIRROR'])"
    )
    urls = "postgres://u@replica-a:5432/news, postgres://u@replica-b:5432/news"
    result = run_manage(
        "shell", "--no-imports", "-c", code, **production_env(tmp_path, DATABASE_REPLICA_URLS=urls)
    )
    assert "['replica_1', 'replica_2'] replica-b default" in result.stdout, result.stderr
    with pytest.raises(ImproperlyConfigured, match="not a PostgreSQL URL"):
        replica_database("sqlite:///x.sqlite3", base_dir=ROOT)
