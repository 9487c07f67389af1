"""Signing in to the admin in a browser, second factor included."""

from newsroom.second_factor.rules import needs_second_factor
from tests.factories import PASSWORD
from tests.second_factor import current_code, totp_device


def log_in(page, live_server, user) -> None:
    """Sign in to the admin as a person does: password, then, for those who must pass a second
    factor, the code their authenticator shows (the user gets a TOTP device; the code comes
    from django-otp's own TOTP)."""
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    if not needs_second_factor(user):
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        return
    device = totp_device(user)
    page.click("input[type=submit]")
    page.wait_for_selector("#id_token")
    page.fill("#id_token", current_code(device))
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def admin_page(browser, live_server, user):
    """A new page in Chinese, desktop-sized, with the user signed in to the admin."""
    page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    log_in(page, live_server, user)
    return page
