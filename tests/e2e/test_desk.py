"""The editors' desk in a real Chromium: every section with its row, links that open the story,
a reporter's desk limited to their own work, at phone and desktop widths, checked with axe."""

import datetime

import pytest
from django.utils import timezone

from articles import services
from articles.models import ArticleStatus
from tests.e2e.admin_login import log_in
from tests.e2e.test_maps_and_charts import VIEWPORTS, assert_no_violations
from tests.factories import (
    make_correction,
    make_draft,
    make_reporter,
    make_source_document,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WARNING = {"code": "no_byline", "message": "没有找到署名，请核对作者", "line": 41, "article": 1}


def fill_desk():
    """One item for each desk section; returns the two users and the headline of each row."""
    now = timezone.now()
    editor = make_user("editor", username="zhubian")
    author = make_user("reporter", username="xiaowang")
    reporter = make_reporter("王记者", user=author)
    rows = {
        "drafts": make_draft(headline="编辑自己的草稿", created_by=editor),
        "review": make_draft(headline="记者交来的稿件", created_by=author, bylines=[reporter]),
        "sent_back": make_draft(headline="退回重写的稿件", created_by=editor),
        "scheduled": make_draft(
            headline="禁发到傍晚的稿件",
            status=ArticleStatus.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=5),
            embargo_until=now + datetime.timedelta(hours=3),
        ),
        "published_today": make_draft(
            headline="今天刚发的稿件",
            status=ArticleStatus.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=1),
        ),
        "proofreading": make_draft(headline="等着校对的OCR稿", status=ArticleStatus.PROOFREADING),
    }
    services.article_submit(article=rows["review"], user=author)
    services.article_submit(article=rows["sent_back"], user=editor)
    services.article_send_back(article=rows["sent_back"], user=editor, comment="导语太长，请压缩。")
    corrected = make_draft(
        headline="更正过的稿件",
        status=ArticleStatus.PUBLISHED,
        published_at=now - datetime.timedelta(days=30),
    )
    make_correction(corrected, text="人名写错了，已更正。")
    rows["corrections"] = corrected
    page = make_source_document(file_name="2026-12-01_A5.txt", parse_warnings=[WARNING])
    theirs = make_draft(headline="别的记者的草稿", created_by=make_user("reporter"))
    return editor, author, rows, page, theirs


def section(page, key):
    return page.locator(f"#desk-{key}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_editor_desk_shows_every_section_and_its_rows_open_the_article(
    django_db_setup, live_server, browser, artifacts_dir, viewport
):
    editor, _author, rows, loaded, _theirs = fill_desk()
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
    try:
        log_in(page, live_server, editor)
        for key, article in rows.items():
            link = section(page, key).get_by_role("link", name=article.full_title)
            assert link.count() == 1, key
            href = link.get_attribute("href")
            assert href == f"/admin/articles/article/{article.pk}/change/", key
        assert "导语太长，请压缩。" in section(page, "sent_back").inner_text()
        assert "人名写错了，已更正。" in section(page, "corrections").inner_text()
        assert "禁发至" in section(page, "scheduled").inner_text()
        assert "待校对（1 篇）" in section(page, "proofreading").inner_text()
        pages = section(page, "loaded")
        assert "解析警告 1 条" in pages.inner_text()
        assert "第 41 行：没有找到署名，请核对作者" in pages.inner_text()
        page.screenshot(path=artifacts_dir / f"desk-editor-{viewport}.png", full_page=True)
        assert_no_violations(page, "editor desk")

        # The loaded page opens its source page, warnings listed.
        pages.get_by_role("link", name="2026-12-01_A5.txt（A5）").click()
        page.wait_for_url(f"**/admin/articles/sourcedocument/{loaded.pk}/change/")
        assert "第 41 行，第 2 篇" in page.inner_text(".parse-warnings")
        page.go_back()

        story = rows["review"]
        section(page, "review").get_by_role("link", name=story.full_title).click()
        page.wait_for_url(f"**/admin/articles/article/{story.pk}/change/")
        assert page.input_value("#id_headline") == story.headline
    finally:
        page.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_reporter_desk_shows_only_their_own_work(
    django_db_setup, live_server, browser, artifacts_dir, viewport
):
    _editor, author, rows, _loaded, theirs = fill_desk()
    mine = make_draft(headline="我自己的草稿", created_by=author)
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
    try:
        log_in(page, live_server, author)
        desk = page.inner_text("#desk")
        assert "我自己的草稿" in section(page, "drafts").inner_text()
        assert rows["review"].headline in section(page, "review").inner_text()
        for other in [theirs, *(rows[k] for k in rows if k != "review")]:
            assert other.headline not in desk, other.headline
        assert section(page, "loaded").count() == 0  # pages are for editors
        page.screenshot(path=artifacts_dir / f"desk-reporter-{viewport}.png", full_page=True)
        assert_no_violations(page, "reporter desk")
        section(page, "drafts").get_by_role("link", name=mine.full_title).click()
        page.wait_for_url(f"**/admin/articles/article/{mine.pk}/change/")
    finally:
        page.close()
