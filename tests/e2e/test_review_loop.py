"""The review loop in a browser: an editor sends a story back, its reporter fixes and resubmits."""

import pytest

from articles import services
from articles.models import Article, ArticleStatus
from tests.e2e.admin_login import admin_page
from tests.factories import make_draft, make_reporter, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_sends_back_and_reporter_fixes_and_resubmits(
    django_db_setup, live_server, browser, artifacts_dir
):
    author = make_user("reporter", username="wangji")
    reporter = make_reporter("王记者", user=author)
    article = make_draft(headline="弄堂咖啡馆开张", created_by=author, bylines=[reporter])
    services.article_submit(article=article, user=author)
    editor = make_user("editor", username="zhangbian")

    desk = admin_page(browser, live_server, editor)
    desk.click(f"#desk-review >> text={article.headline}")
    desk.click("a.workflow-send-back")
    # Empty, the browser refuses to send it (the server refuses too: tests/articles/test_review.py).
    desk.click("input[type=submit][value=退回修改]")
    assert desk.locator("#id_text").evaluate("field => field.validity.valueMissing")
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.REVIEW
    desk.fill("#id_text", "导语请写明开张日期。")
    desk.click("input[type=submit][value=退回修改]")
    desk.wait_for_selector(".messagelist")
    assert "已退回修改" in desk.inner_text(".messagelist")
    desk.screenshot(path=str(artifacts_dir / "review_loop_sent_back.png"), full_page=True)
    desk.close()

    mine = admin_page(browser, live_server, author)
    sent_back = mine.inner_text("#desk-sent_back")
    assert article.headline in sent_back and "导语请写明开张日期。" in sent_back
    mine.screenshot(path=str(artifacts_dir / "review_loop_reporter_desk.png"), full_page=True)
    mine.click(f"#desk-sent_back >> text={article.headline}")
    assert "导语请写明开张日期。" in mine.inner_text("#editorial-comments")
    mine.fill("#id_headline", "弄堂咖啡馆十二月一日开张")
    mine.locator("input[name=_submit_review]").first.click()
    mine.wait_for_selector(".messagelist")
    mine.fill("#editorial-comments textarea", "已补上开张日期。")
    mine.click("#editorial-comments input[type=submit]")
    mine.wait_for_selector(".messagelist")
    assert "已补上开张日期。" in mine.inner_text("#editorial-comments")
    mine.screenshot(path=str(artifacts_dir / "review_loop_resubmitted.png"), full_page=True)
    mine.close()

    article = Article.objects.get(pk=article.pk)
    assert article.status == ArticleStatus.REVIEW
    assert article.headline == "弄堂咖啡馆十二月一日开张"
    assert list(article.editorial_comments.values_list("text", flat=True)) == [
        "导语请写明开张日期。",
        "已补上开张日期。",
    ]
