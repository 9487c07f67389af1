"""Presence in a browser: a second editor sees the first, takes over, and the first is told."""

import pytest

from articles.models import TransitionAction
from tests.e2e.admin_login import admin_page
from tests.factories import make_draft, make_reporter, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_second_editor_sees_the_first_takes_over_and_the_first_is_told(
    django_db_setup, live_server, browser, artifacts_dir, settings
):
    # Heartbeats every second, so the test need not wait fifteen.
    settings.PRESENCE_HEARTBEAT_SECONDS = 1
    article = make_draft(headline="外滩观景平台夜间开放")
    zhang = make_user("editor", username="zhangbian")
    make_reporter("张编辑", user=zhang)
    wang = make_user("editor", username="wangbian")
    make_reporter("王编辑", user=wang)
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"

    first = admin_page(browser, live_server, zhang)
    first.goto(change)
    assert first.locator("#article-presence").is_hidden()

    second = admin_page(browser, live_server, wang)
    second.goto(change)
    notice = second.locator("#article-presence")
    assert "张编辑 正在编辑 (刚刚)" in notice.inner_text()
    second.screenshot(path=str(artifacts_dir / "presence_second_editor_sees_first.png"))

    # The first editor's page learns of the second by its heartbeat, without a reload.
    first.wait_for_selector("#article-presence li:has-text('王编辑 正在编辑')")
    first.screenshot(path=str(artifacts_dir / "presence_first_editor_sees_second.png"))

    second.click("#article-presence button:has-text('接手编辑')")
    second.wait_for_selector(".messagelist")
    assert "已接手编辑；张编辑 的页面会显示。" in second.inner_text(".messagelist")
    assert "张编辑 仍开着这篇稿件（已由 王编辑 接手）" in second.inner_text("#article-presence")
    assert second.locator(".presence-take-over").is_hidden()
    second.screenshot(path=str(artifacts_dir / "presence_taken_over_by_second.png"))

    taken = first.wait_for_selector(".presence-taken-over:has-text('王编辑 已接手编辑')")
    assert taken.is_visible()
    # Now the first may take it back.
    assert first.locator(".presence-take-over").is_visible()
    first.screenshot(path=str(artifacts_dir / "presence_first_editor_told.png"))

    assert article.transitions.get().action == TransitionAction.TAKE_OVER
    first.close()
    second.close()
