"""A reader browses the site in a real Chromium, on a phone and on a desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from articles.models import ArticleStatus
from tests.factories import make_article, make_hongkou_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 800)}
BLOCKING_IMPACTS = {"serious", "critical"}


def assert_accessible(page, name: str) -> None:
    """axe-core finds no serious or critical violation on the page."""
    violations = Axe().run(page).response["violations"]
    blocking = [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']]}"
        for v in violations
        if v["impact"] in BLOCKING_IMPACTS
    ]
    assert not blocking, f"{name}: {blocking}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_reader_finds_a_hongkou_story_and_searches(live_server, browser, artifacts_dir, viewport):
    story = make_hongkou_story()
    draft = make_article(headline="未发布的草稿", status=ArticleStatus.DRAFT)
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def shot(name):
        page.screenshot(path=artifacts_dir / f"{name}-{width}x{height}.png", full_page=True)

    try:
        page.goto(live_server.url + "/")
        assert page.title() == "新民晚报·社区新闻"
        shot("home")
        assert_accessible(page, "home")

        page.get_by_role("link", name=story.headline).first.click()
        page.wait_for_url(f"**{story.get_absolute_url()}")
        assert page.locator("h1").inner_text() == story.headline
        shot("article")
        assert_accessible(page, "article")

        page.locator(".story-footer").get_by_role("link", name="虹口区").click()
        page.wait_for_url("**/district/hongkou/")
        assert page.locator("h1").inner_text() == "虹口区"
        shot("district")
        assert_accessible(page, "district")

        page.get_by_role("searchbox", name="搜索稿件").fill("社区")
        page.get_by_role("searchbox", name="搜索稿件").press("Enter")
        page.wait_for_url("**/search/?q=*")
        results = page.locator("#search-results > li")
        assert results.count() == 1
        assert story.headline in results.first.inner_text()
        shot("search")
        assert_accessible(page, "search")

        assert not errors, errors
        response = page.goto(live_server.url + draft.get_absolute_url())
        assert response.status == 404
        assert page.locator("h1").inner_text() == "页面不存在"
        shot("404")
    finally:
        context.close()
