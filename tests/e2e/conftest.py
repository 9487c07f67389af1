"""Browser tests: Playwright's sync API runs an event loop, which Django's ORM guards against."""

import pytest


@pytest.fixture(autouse=True)
def _allow_orm_beside_playwright(monkeypatch):
    # Scoped to these tests: set globally, it would leak into `check --deploy` subprocesses.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
