"""An editor logs in, retitles a story, publishes it, and readers see the new headline."""

import pytest

from articles.models import Article, ArticleStatus
from tests.e2e.admin_login import log_in
from tests.factories import make_draft, make_reporter, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_edits_headline_publishes_and_public_page_shows_it(
    django_db_setup, live_server, browser, artifacts_dir
):
    # django_db_setup first: the live server shares the in-memory test database's connection
    # only if that database exists when the server starts.
    editor = make_user("editor", username="zhangbian")
    article = make_draft(
        headline="旧标题：嘉兴路老房子", status=ArticleStatus.REVIEW, bylines=[make_reporter()]
    )
    page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    log_in(page, live_server, editor)

    page.goto(f"{live_server.url}/admin/articles/article/")
    page.click(f"text={article.headline}")
    page.fill("#id_headline", "新标题：嘉兴路老房子修缮完工")
    page.locator("input[name=_publish]").first.click()
    page.wait_for_selector(".messagelist")
    assert "状态已更新" in page.inner_text(".messagelist")
    page.screenshot(path=str(artifacts_dir / "editor_publishes_admin.png"), full_page=True)

    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert page.inner_text("h1") == "新标题：嘉兴路老房子修缮完工"
    page.screenshot(path=str(artifacts_dir / "editor_publishes.png"), full_page=True)
    page.close()
    assert Article.objects.published().filter(headline__startswith="新标题").exists()


@pytest.fixture(autouse=True)
def _end_live_server_sessions():
    """On PostgreSQL, end the sessions the live server's request threads left checked out of
    the pool; otherwise they keep the test database open and it cannot be dropped."""
    yield
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
