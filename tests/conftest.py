"""Shared test setup: isolated media, database-specific markers, the browser switch."""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from tests.second_factor import force_login_verified

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_INSTALL_HINT = "sudo apt-get install -y chromium fonts-noto-cjk"


def pytest_configure(config):
    """Compile the Chinese catalogue (locale/) as `make setup` does, before any page renders."""
    from django.conf import settings
    from django.test.signals import setting_changed

    from newsroom.catalogues import compile_catalogues

    compile_catalogues()
    # Django may have read the catalogues already while starting; this makes it read them again.
    setting_changed.send(
        sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False
    )


def pytest_collection_modifyitems(config, items):
    """Run database-specific tests only on their database, saying why elsewhere."""
    vendor = connection.vendor
    for item in items:
        if "postgres" in item.keywords and vendor != "postgresql":
            item.add_marker(pytest.mark.skip(reason="PostgreSQL only: runs in the PostgreSQL pass"))
        if "sqlite" in item.keywords and vendor != "sqlite":
            item.add_marker(pytest.mark.skip(reason="SQLite only: runs in the SQLite pass"))


@pytest.fixture(autouse=True)
def _fresh_reference_data():
    """Rows cached by an earlier test were rolled back with it (no signal says so)."""
    from articles.reference import forget_cached_reference

    forget_cached_reference()
    yield
    forget_cached_reference()


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Each test writes uploads into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def db_tasks(settings):
    """Enqueued tasks become rows of django-tasks-db's backend, for a worker to run, as in
    production (the test settings run them at once with the immediate backend)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(scope="module")
def migration_data_restored_after_module(django_db_blocker):
    """Put back what the migrations wrote, which a committing module's last flush removed
    (tests/committed_db.py)."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    """Tests that log in with force_login test what comes after the login, not the second
    factor (tests/newsroom/test_second_factor.py does): their sessions count as verified."""
    monkeypatch.setattr(Client, "force_login", force_login_verified(Client.force_login))


def chromium_path() -> str | None:
    """Debian's chromium, or CHROMIUM_PATH."""
    candidate = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if candidate and Path(candidate).exists() else None


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """The Chromium to drive; skip (or fail with REQUIRE_BROWSER=1) when there is none."""
    path = chromium_path()
    if path is None:
        message = f"Chromium not found; install it with: {CHROMIUM_INSTALL_HINT}"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where browser tests leave screenshots for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
