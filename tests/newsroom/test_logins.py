"""Lockout per account and per address, the client address behind the proxy, and sessions."""

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def fail_logins(client, username, addresses):
    for address in addresses:
        client.post(
            reverse("admin:login"),
            {"username": username, "password": "wrong"},
            REMOTE_ADDR=address,
        )


def test_rotating_addresses_does_not_lift_the_account_cap(client, settings):
    settings.AXES_ENABLED = True
    user = make_user("editor", username="target-editor")
    fail_logins(client, user.username, [f"10.0.0.{n}" for n in range(1, 6)])
    response = client.post(
        reverse("admin:login"),
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.1.99",
    )
    assert response.status_code == 429


def test_one_address_trying_many_accounts_is_locked_out(client, settings):
    settings.AXES_ENABLED = True
    user = make_user("editor", username="other-editor")
    fail_logins(client, "nobody", ["10.0.2.1"] * 5)
    response = client.post(
        reverse("admin:login"),
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.2.1",
    )
    assert response.status_code == 429


def test_client_address_is_taken_from_the_configured_proxy_depth(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="8.8.4.4, 1.1.1.1"
    )
    assert get_client_ip_address(request) == "10.9.9.9"
    settings.TRUSTED_PROXY_COUNT = 1
    # Our proxy appended 1.1.1.1; the client itself may have forged 8.8.4.4.
    assert get_client_ip_address(request) == "1.1.1.1"
    settings.TRUSTED_PROXY_COUNT = 2
    assert get_client_ip_address(request) == "8.8.4.4"


def test_staff_sessions_end_with_the_browser_and_after_8_idle_hours(client):
    make_user("editor", username="session-editor")
    response = client.post(
        reverse("admin:login"), {"username": "session-editor", "password": PASSWORD}
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert not cookie["max-age"] and not cookie["expires"]  # a browser-session cookie
    assert client.session.get_expiry_age() == 8 * 60 * 60
    # Every request renews the idle timeout.
    assert "sessionid" in client.get(reverse("admin:index")).cookies
