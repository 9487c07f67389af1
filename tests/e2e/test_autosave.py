"""Autosave in a browser: what an editor typed survives closing the tab, and comes back on 恢复."""

import pytest

from articles.blocks import blocks_to_text
from articles.models import Article, ArticleAutosave
from tests.e2e.admin_login import log_in
from tests.factories import make_draft, make_reporter, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "弄堂咖啡馆十二月一日开张"
BODY = "虹口区一条弄堂里，一家咖啡馆今天开张。\n\n店主说，咖啡豆来自云南。"


def watch_console(page) -> list[str]:
    """Errors the page logs (CSP violations among them) and failed requests but the favicon."""
    errors = []

    def console(message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def response(answer):
        if answer.status >= 400 and not answer.url.endswith("/favicon.ico"):
            errors.append(f"{answer.status} {answer.url}")

    page.on("console", console)
    page.on("response", response)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_autosave_restores_text_after_the_tab_is_closed(
    django_db_setup, live_server, browser, artifacts_dir
):
    editor = make_user("superuser", username="zhangbian")  # groups may be flushed by now
    article = make_draft(headline="弄堂咖啡馆开张", bylines=[make_reporter("王记者")])
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})

    tab = context.new_page()
    errors = watch_console(tab)
    log_in(tab, live_server, editor)
    tab.goto(change)
    assert tab.locator("#autosave").evaluate("box => box.hidden") is False  # the script ran
    tab.fill("#id_headline", HEADLINE)
    tab.fill("#id_body", BODY)
    tab.locator(".autosave-status", has_text="已自动保存").wait_for(timeout=15000)
    tab.screenshot(path=str(artifacts_dir / "autosave_typed.png"), full_page=True)
    tab.close()

    autosave = ArticleAutosave.objects.get(user=editor, article=article)
    assert autosave.fields["headline"] == HEADLINE and autosave.fields["body"] == BODY
    assert Article.objects.get(pk=article.pk).headline == "弄堂咖啡馆开张"

    tab = context.new_page()
    errors += watch_console(tab)
    tab.goto(change)
    offer = tab.locator(".autosave-offer")
    offer.wait_for(state="visible")
    assert "有 1 分钟内自动保存的未保存内容" in offer.inner_text()
    assert tab.input_value("#id_headline") == "弄堂咖啡馆开张"
    tab.screenshot(path=str(artifacts_dir / "autosave_offer.png"), full_page=True)
    tab.click("button.autosave-restore")
    assert offer.is_hidden()
    assert tab.input_value("#id_headline") == HEADLINE
    assert tab.input_value("#id_body") == BODY
    assert "已恢复自动保存的内容" in tab.inner_text(".autosave-status")
    tab.screenshot(path=str(artifacts_dir / "autosave_restored.png"), full_page=True)
    tab.locator("input[name=_save]").first.click()
    tab.wait_for_selector(".messagelist")
    tab.screenshot(path=str(artifacts_dir / "autosave_saved.png"), full_page=True)
    context.close()

    article.refresh_from_db()
    assert article.headline == HEADLINE
    assert blocks_to_text(article.body) == BODY
    assert not ArticleAutosave.objects.filter(user=editor).exists()
    assert errors == []


def test_without_javascript_the_form_is_as_it_was(
    django_db_setup, live_server, browser, artifacts_dir
):
    editor = make_user("superuser", username="lijie")
    article = make_draft(headline="老房子修缮完工")
    ArticleAutosave.objects.create(
        user=editor, article=article, base_version=article.version, fields={"headline": "改过"}
    )
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    tab = context.new_page()
    log_in(tab, live_server, editor)
    tab.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    assert tab.locator("#autosave").evaluate("box => box.hidden") is True
    assert tab.locator(".autosave-offer").is_hidden()
    tab.fill("#id_headline", "老房子修缮完工，居民回迁")
    tab.locator("input[name=_save]").first.click()
    tab.wait_for_selector(".messagelist")
    tab.screenshot(path=str(artifacts_dir / "autosave_without_javascript.png"), full_page=True)
    context.close()
    assert Article.objects.get(pk=article.pk).headline == "老房子修缮完工，居民回迁"


def test_a_stale_autosave_is_shown_to_read_and_discarded(
    django_db_setup, live_server, browser, artifacts_dir
):
    editor = make_user("superuser", username="wangbian")
    article = make_draft(headline="菜场改造", summary="别人后来保存的摘要")
    ArticleAutosave.objects.create(
        user=editor, article=article, base_version=article.version, fields={"summary": "我的摘要"}
    )
    Article.objects.filter(pk=article.pk).update(version=article.version + 1)  # saved since
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors = watch_console(tab)
    log_in(tab, live_server, editor)
    tab.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    offer = tab.locator(".autosave-offer-stale")
    offer.wait_for(state="visible")
    assert "不能恢复" in offer.inner_text()
    assert tab.locator("button.autosave-restore").count() == 0
    offer.locator("summary").click()
    assert "我的摘要" in offer.inner_text()
    tab.screenshot(path=str(artifacts_dir / "autosave_stale.png"), full_page=True)
    tab.fill("#id_summary", "没有保存的新摘要")  # discarding must not reload the page over it
    offer.locator("button", has_text="丢弃").click()
    tab.locator(".autosave-status", has_text="已丢弃").wait_for()
    assert offer.is_hidden()
    assert not ArticleAutosave.objects.filter(user=editor, fields__summary="我的摘要").exists()
    assert tab.input_value("#id_summary") == "没有保存的新摘要"
    # The copy is gone, so what was typed is sent again on the next tick.
    tab.locator(".autosave-status", has_text="已自动保存").wait_for(timeout=15000)
    context.close()
    assert ArticleAutosave.objects.get(user=editor).fields["summary"] == "没有保存的新摘要"
    assert errors == []
