"""Signing in to the admin in a browser, second factor included."""

from tests.factories import PASSWORD
from tests.second_factor import current_code, totp_device


def log_in(page, live_server, user) -> None:
    """Sign in to the admin as a person does: password, then the code their authenticator
    shows (the user gets a TOTP device; the code comes from django-otp's own TOTP)."""
    device = totp_device(user)
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#id_token")
    page.fill("#id_token", current_code(device))
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
