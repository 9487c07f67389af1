"""The district map and the desk's charts in a real Chromium: accessible, keyboard-reachable."""

import datetime
import importlib

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from articles.models import District, FormerDistrictName, LoaderRun, Subdistrict
from tests.e2e.admin_login import log_in
from tests.factories import make_article, make_district, make_reporter, make_user

# The gazetteer migration's own loader, so the test loads exactly what a fresh database holds.
sync_gazetteer = importlib.import_module("articles.migrations.0002_load_gazetteer").sync_gazetteer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 800)}


def assert_no_violations(page, name: str) -> None:
    """axe-core finds no violation of any impact."""
    violations = Axe().run(page).response["violations"]
    found = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}" for v in violations]
    assert not found, f"{name}: {found}"


def populate() -> None:
    """Articles in a few districts over the last weeks, two reporters, two loader runs."""
    sync_gazetteer(District, Subdistrict, FormerDistrictName)  # transactional tests flush it
    now = timezone.now()
    reporters = [make_reporter("王记者"), make_reporter("李记者")]
    for n, slug in enumerate(["hongkou", "huangpu", "pudong", "minhang", "xuhui"]):
        for week in range(n * 2 + 1):
            make_article(
                headline=f"{slug}稿件{week}",
                published_at=now - datetime.timedelta(days=week * 5, hours=1),
                districts=[make_district(slug)],
                reporters=reporters[: 1 + week % 2],
            )
    LoaderRun.objects.create(pages=3, created=9, updated=2, skipped=1, parse_warnings=4)
    LoaderRun.objects.create(pages=3, updated=1, unchanged=10, skipped=1, parse_warnings=1)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_district_map_is_accessible_and_reachable_by_keyboard(
    django_db_setup, live_server, browser, artifacts_dir, viewport
):
    populate()
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(f"{live_server.url}/")
        assert page.locator(".district-map svg a").count() == 16
        page.locator(".district-map").screenshot(path=artifacts_dir / f"map-home-{viewport}.png")
        page.screenshot(path=artifacts_dir / f"map-home-page-{viewport}.png", full_page=True)
        assert_no_violations(page, "home")

        # Tab until a map shape has the focus: it must come within the page's links.
        for _ in range(200):
            page.keyboard.press("Tab")
            label = page.evaluate(
                "document.activeElement.closest('.district-map') && "
                "document.activeElement.getAttribute('aria-label')"
            )
            if label:
                break
        assert label and label.endswith("篇稿件")
        page.keyboard.press("Enter")
        page.wait_for_url("**/district/*/")
        page.locator(".district-map").screenshot(
            path=artifacts_dir / f"map-district-{viewport}.png"
        )

        page.goto(f"{live_server.url}/districts/?window=30d")
        page.screenshot(path=artifacts_dir / f"map-index-{viewport}.png", full_page=True)
        assert_no_violations(page, "districts")
        assert all(url.startswith(live_server.url) for url in requests)
    finally:
        page.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_desk_statistics_page_is_accessible(
    django_db_setup, live_server, browser, artifacts_dir, viewport
):
    populate()
    editor = make_user("superuser", username="tongji")  # the flush dropped the groups
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
    try:
        log_in(page, live_server, editor)
        page.get_by_role("link", name="编辑部统计图表").click()
        page.wait_for_url("**/admin/statistics/")
        assert page.locator("#content-main svg.chart").count() == 19
        page.screenshot(path=artifacts_dir / f"desk-statistics-{viewport}.png", full_page=True)
        assert_no_violations(page, "desk statistics")
    finally:
        page.close()
