"""An editor logs in, retitles a story, publishes it, and readers see the new headline; an
editor proofreads a loaded OCR page against its raw text before publishing it."""

import pytest
from django.utils import timezone

from articles.loading import load_documents
from articles.models import Article, ArticleStatus
from tests.e2e.admin_login import admin_page
from tests.factories import make_draft, make_reporter, make_user, seed_text, source_page

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
    page = admin_page(browser, live_server, editor)

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


def test_editor_proofreads_a_loaded_page_then_publishes_it(
    django_db_setup, live_server, browser, artifacts_dir
):
    editor = make_user("superuser", username="jiaodui")  # the first test's flush dropped the groups
    load_documents(pages=[source_page(seed_text(), name="A5.txt")], now=timezone.now())
    article = Article.objects.get(source_position=0)
    page = admin_page(browser, live_server, editor)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    assert "待校对" in page.inner_text(".workflow-status")
    assert page.locator("input[name=_publish]").count() == 0
    raw = page.locator("pre.repair-text").first
    for kind in ("space", "punct", "join"):
        assert raw.locator(f"mark.repair-{kind}").count() > 0, kind
    assert "去掉的空格" in page.inner_text(".repair-legend")
    page.screenshot(path=str(artifacts_dir / "editor_proofreads.png"), full_page=True)

    page.fill("#id_headline", "下到社区里 沉下心练功夫")
    page.locator("input[name=_mark_proofread]").first.click()
    page.wait_for_selector(".messagelist")
    assert "已校对" in page.inner_text(".field-proofread_mark")
    page.locator("input[name=_publish]").first.click()
    page.wait_for_selector(".messagelist")
    article.refresh_from_db()
    assert (article.status, article.proofread_by) == (ArticleStatus.PUBLISHED, editor)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert page.inner_text("h1") == "下到社区里 沉下心练功夫"
    page.close()
