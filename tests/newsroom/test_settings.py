"""Settings come from the environment; production is secure and refuses to start without a key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from psycopg_pool import ConnectionPool

from newsroom.settings.environment import (
    CONSOLE_BACKEND,
    SMTP_BACKEND,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    mailer_from_environment,
)

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, **env}
    return subprocess.run(  # noqa: S603 - a fixed argument list of our own, no shell
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(tmp_path, **extra) -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "news.example.com",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        **extra,
    }


def test_site_speaks_chinese_in_shanghai_time():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True


def test_sqlite_url_relative_path_lands_under_base_dir(tmp_path):
    db = database_from_url("sqlite:///var/x.sqlite3", base_dir=tmp_path)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "var" / "x.sqlite3")
    assert (tmp_path / "var").is_dir()


def test_sqlite_url_absolute_path(tmp_path):
    db = database_from_url(f"sqlite:///{tmp_path}/a.sqlite3", base_dir=Path("/nowhere"))
    assert db["NAME"] == f"{tmp_path}/a.sqlite3"


def test_sqlite_connections_persist_with_a_health_check(tmp_path):
    db = database_from_url(f"sqlite:///{tmp_path}/a.sqlite3", base_dir=ROOT)
    assert db["CONN_MAX_AGE"] == 600
    assert db["CONN_HEALTH_CHECKS"] is True
    tuned = database_from_url(f"sqlite:///{tmp_path}/a.sqlite3?conn_max_age=0", base_dir=ROOT)
    assert tuned["CONN_MAX_AGE"] == 0


def test_postgres_url_uses_builtin_pool_with_short_timeout():
    db = database_from_url("postgres://u:p%40ss@db.local:5433/news", base_dir=ROOT)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "news",
        "u",
        "p@ss",
        "db.local",
        "5433",
    )
    assert db["OPTIONS"]["pool"]["timeout"] <= 1
    assert db["OPTIONS"]["pool"]["check"] is ConnectionPool.check_connection
    assert db["CONN_MAX_AGE"] == 0


def test_unknown_database_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="mysql"):
        database_from_url("mysql://localhost/x", base_dir=ROOT)


def test_postgres_url_without_database_name_is_refused():
    with pytest.raises(ImproperlyConfigured, match="names no database"):
        database_from_url("postgres://localhost", base_dir=ROOT)


def test_env_bool_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG", default=False)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " a.example.com, b.example.com ,,")
    assert env_list("ALLOWED_HOSTS", []) == ["a.example.com", "b.example.com"]


def test_env_int_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        env_int("EMAIL_PORT", 25)


def test_smtp_mailer_comes_from_the_environment(monkeypatch):
    for name, value in {
        "EMAIL_HOST": "smtp.example.com",
        "EMAIL_HOST_USER": "desk",
        "EMAIL_HOST_PASSWORD": "pw",
        "EMAIL_USE_TLS": "yes",
    }.items():
        monkeypatch.setenv(name, value)
    mailer = mailer_from_environment(default_backend=SMTP_BACKEND)
    assert mailer["BACKEND"] == SMTP_BACKEND
    assert mailer["OPTIONS"] == {
        "host": "smtp.example.com",
        "port": 587,
        "username": "desk",
        "password": "pw",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 10,
    }


def test_mailer_refuses_tls_and_ssl_together(monkeypatch):
    monkeypatch.setenv("EMAIL_USE_TLS", "1")
    monkeypatch.setenv("EMAIL_USE_SSL", "1")
    with pytest.raises(ImproperlyConfigured, match="exclusive"):
        mailer_from_environment(default_backend=SMTP_BACKEND)


def test_development_prints_mail_and_production_sends_it(tmp_path):
    code = "from django.conf import settings as s; print(s.MAILERS['default']['BACKEND'])"
    dev = run_manage(
        "shell", "--no-imports", "-c", code, DJANGO_SETTINGS_MODULE="newsroom.settings.dev"
    )
    assert dev.stdout.strip() == CONSOLE_BACKEND, dev.stderr
    env = production_env(tmp_path, EMAIL_HOST="smtp.example.com")
    production = run_manage("shell", "--no-imports", "-c", code, **env)
    assert production.stdout.strip() == SMTP_BACKEND, production.stderr


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = run_manage("check", **production_env(tmp_path, SECRET_KEY=""))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_hardening_is_on(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.X_FRAME_OPTIONS,"
        " s.PASSWORD_HASHERS[0].endswith('Argon2PasswordHasher'),"
        " bool(s.SECURE_CSP), 'axes.middleware.AxesMiddleware' in s.MIDDLEWARE)"
    )
    result = run_manage("shell", "--no-imports", "-c", code, **production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True", "DENY", "True", "True", "True"]
