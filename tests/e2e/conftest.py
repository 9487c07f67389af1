"""Browser tests: one headless Debian Chromium per module, driven by Playwright's sync API."""

import os
import threading
import time

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, so Django would refuse ORM calls
    # here. Set only while browsers run: subprocesses of other tests (deploy checks) must not
    # inherit it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _live_server_requests() -> list[threading.Thread]:
    """The live server's request threads still running (socketserver names none of them)."""
    return [
        thread
        for thread in threading.enumerate()
        if getattr(getattr(thread, "_target", None), "__name__", "") == "process_request_thread"
    ]


@pytest.fixture(autouse=True)
def _browsers_quiet_before_the_flush(request):
    """Close the test's browser contexts and let the server finish their last requests.

    The change form's scripts (presence, autosave, preview) send requests on timers; one still
    being served when the test's database is flushed breaks the flush (SQLite: "database table
    is locked") and every test after it. Set up after the live server's database fixture, so
    this runs before the flush.
    """
    if "live_server" not in request.fixturenames or "browser" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    browser = request.getfixturevalue("browser")
    yield
    for context in browser.contexts:
        context.close()
    deadline = time.monotonic() + 10
    while _live_server_requests() and time.monotonic() < deadline:
        time.sleep(0.05)
    _end_live_server_sessions()


def _end_live_server_sessions() -> None:
    """On PostgreSQL, end the sessions the live server's request threads left checked out of
    the pool; otherwise they keep the test database open and it cannot be dropped."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        # The pool may still hold some of the ended sessions: start the next test afresh.
        connection.close()
        connection.close_pool()
