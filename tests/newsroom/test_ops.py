"""Outages answer 503, health endpoints report honestly, and each request leaves a log line."""

import json
import logging
import socket
import time

import psycopg
import pytest
from django.db import OperationalError, connections
from django.test import Client, RequestFactory

from newsroom.ops.logs import JsonFormatter
from newsroom.ops.outage import server_error_or_outage

from .test_settings import production_env, run_manage


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dead_redis_cache() -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }


def test_healthz_is_json_and_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_checks_database_cache_storage_and_migrations(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "storage", "migrations"}
    assert all(check["ok"] for check in body["checks"].values())
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_unreachable_cache_keeps_pages_up_but_not_ready(client, settings):
    settings.CACHES = dead_redis_cache()
    assert client.get("/").status_code == 200
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"]["ok"] is False
    assert checks["database"]["ok"] is True


def test_database_error_becomes_503_page_with_retry_after():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error_or_outage(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "服务暂时不可用" in response.content.decode()


@pytest.mark.django_db
def test_other_errors_stay_500():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error_or_outage(request)
    assert response.status_code == 500
    assert "Retry-After" not in response


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_outage_is_a_quick_503_and_recovery_is_immediate():
    """Point the real connection at a closed port, then back at the server."""
    connection = connections["default"]
    # Start from a fresh pool: earlier tests may leave connections the server has since closed.
    connection.close()
    connection.close_pool()
    client = Client(raise_request_exception=False)
    assert client.get("/").status_code == 200
    saved = dict(connection.settings_dict)
    connection.close()
    connection.close_pool()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    try:
        started = time.perf_counter()
        response = client.get("/")
        elapsed = time.perf_counter() - started
    finally:
        connection.close()
        connection.close_pool()
        connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "服务暂时不可用" in response.content.decode()
    assert elapsed < 1.5, f"outage answered after {elapsed:.2f} s"
    started = time.perf_counter()
    assert client.get("/").status_code == 200
    assert time.perf_counter() - started < 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_pooled_connection_killed_by_the_server_is_replaced_not_a_503():
    """After a server restart every idle pooled connection is dead; the next request must not be."""
    connection = connections["default"]
    saved_options = connection.settings_dict["OPTIONS"]
    connection.close()
    connection.close_pool()
    # One connection in the pool, so the request is sure to get the one we kill.
    pool = {**saved_options["pool"], "min_size": 1, "max_size": 1}
    connection.settings_dict["OPTIONS"] = {**saved_options, "pool": pool}
    client = Client(raise_request_exception=False)
    try:
        assert client.get("/").status_code == 200
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (pid,) = cursor.fetchone()
        connection.close()  # back into the pool, idle, as between requests
        settings = connection.settings_dict
        with psycopg.connect(
            dbname=settings["NAME"],
            host=settings["HOST"],
            port=settings["PORT"] or 5432,
            user=settings["USER"],
            password=settings["PASSWORD"] or None,
            autocommit=True,
        ) as other:
            (killed,) = other.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()
        assert killed is True
        response = client.get("/")
    finally:
        connection.close()
        connection.close_pool()
        connection.settings_dict["OPTIONS"] = saved_options
    assert response.status_code == 200, response.content[:200]


@pytest.mark.django_db
def test_each_request_logs_id_user_path_status_and_duration(admin_client, admin_user, caplog):
    with caplog.at_level(logging.INFO, logger="newsroom.request"):
        response = admin_client.get("/admin/", headers={"X-Request-ID": "abc-123"})
    assert response["X-Request-ID"] == "abc-123"
    (record,) = [r for r in caplog.records if r.name == "newsroom.request"]
    assert record.request_id == "abc-123"
    assert record.user_id == admin_user.pk
    assert record.path == "/admin/"
    assert record.status == 200
    assert record.duration_ms >= 0


def test_request_id_is_made_up_when_the_header_is_unsafe(client):
    response = client.get("/healthz", headers={"X-Request-ID": "bad id\nwith newline"})
    assert response["X-Request-ID"] != "bad id\nwith newline"
    assert len(response["X-Request-ID"]) == 32


def test_json_formatter_writes_extra_fields():
    record = logging.makeLogRecord(
        {"name": "newsroom.request", "levelname": "INFO", "msg": "GET / 200", "status": 200}
    )
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "GET / 200"
    assert line["status"] == 200
    assert line["level"] == "INFO"


def test_production_logs_json_by_default(tmp_path):
    code = "from django.conf import settings as s; print(s.LOGGING['handlers']['console'])"
    result = run_manage("shell", "--no-imports", "-c", code, **production_env(tmp_path))
    assert "'formatter': 'json'" in result.stdout, result.stderr
    plain = run_manage(
        "shell", "--no-imports", "-c", code, **production_env(tmp_path, LOG_FORMAT="plain")
    )
    assert "'formatter': 'plain'" in plain.stdout, plain.stderr
