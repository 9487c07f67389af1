"""The API docs page (Swagger UI) works in Chromium under the site's Content-Security-Policy."""

import pytest

from tests.factories import make_article

# Like the other reader tests, this runs after test_editor_publishes.py: a live-server test's
# flush drops the groups the migrations made, which that test needs.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_every_operation_with_no_csp_violation(live_server, browser, artifacts_dir):
    make_article(headline="文档页测试")
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    problems, outside = [], []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )
    try:
        response = page.goto(live_server.url + "/api/v1/docs")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.locator(".opblock").first.wait_for(timeout=15_000)
        assert page.locator(".opblock").count() >= 10
        # Try one call from the page, as a reader of the docs would.
        page.locator("#operations-articles-articles_api_articles_list_articles").click()
        page.get_by_role("button", name="Try it out").click()
        page.get_by_role("button", name="Execute").click()
        status = page.locator(".live-responses-table tbody .response-col_status").first
        status.wait_for()
        assert status.inner_text().strip() == "200"
        page.screenshot(path=artifacts_dir / "api-docs.png", full_page=True)
    finally:
        context.close()
    assert problems == []
    assert outside == []
