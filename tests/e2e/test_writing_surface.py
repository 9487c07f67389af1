"""An editor types markup into the body: 字数 follows, and the preview shows the link and the
emphasis as readers will see them, under the change form's strict CSP."""

import re

import pytest

from tests.e2e.admin_login import admin_page
from tests.factories import make_draft, make_reporter, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def count_of(page, field: str) -> int:
    text = page.inner_text(f".char-count[data-for=id_{field}]")
    return int(re.fullmatch(r"字数：(\d+)", text).group(1))


def test_editor_types_markup_and_sees_the_count_and_the_preview(
    django_db_setup, live_server, browser, artifacts_dir
):
    editor = make_user("superuser", username="xiezuo")
    article = make_draft(
        headline="弄堂里的咖啡馆",
        summary="",
        body=[{"kind": "paragraph", "text": "旧的一段。"}],
        bylines=[make_reporter()],
    )
    page = admin_page(browser, live_server, editor)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    # The server's counts, before any script ran, match what the script shows on load.
    assert count_of(page, "headline") == 7
    assert count_of(page, "body") == 5
    page.wait_for_selector(".body-preview-content p")
    assert "旧的一段。" in page.inner_text(".body-preview-content")

    page.fill("#id_headline", "弄堂里的 咖啡馆开张")
    assert count_of(page, "headline") == 9
    page.fill("#id_summary", "一家 小店")
    assert count_of(page, "summary") == 4
    page.fill(
        "#id_body",
        "## 开张\n\n详见[区政府网站](https://www.shhk.gov.cn/)，**务必**带*证件*。\n\n"
        "单价5*3元<script>alert(1)</script>",
    )
    # 开张 2 + 详见区政府网站，务必带证件。 14 + 单价5*3元<script>alert(1)</script> 31
    assert count_of(page, "body") == 2 + 14 + 31
    link = page.locator(".body-preview-content a[href='https://www.shhk.gov.cn/']")
    link.wait_for()
    assert link.inner_text() == "区政府网站"
    assert link.get_attribute("rel") == "nofollow noopener"
    assert page.inner_text(".body-preview-content strong") == "务必"
    assert page.inner_text(".body-preview-content em") == "证件"
    assert page.inner_text(".body-preview-content h2.subhead") == "开张"
    assert "<script>alert(1)</script>" in page.inner_text(".body-preview-content")
    assert page.locator(".body-preview-content script").count() == 0
    page.locator(".body-preview").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "writing_surface.png"), full_page=True)
    assert [e for e in errors if "Content Security Policy" in e] == []
    page.close()
