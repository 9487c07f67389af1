"""Security headers on public pages, the admin, and the 404 and 500 pages.

HSTS and secure cookies come with the production settings: tests/newsroom/test_settings.py.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, make_published_article, make_user

pytestmark = pytest.mark.django_db

EVERYWHERE = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
CSP_DIRECTIVES = ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]


def assert_hardened(response, *, html=True):
    for header, value in EVERYWHERE.items():
        assert response.get(header) == value, (header, response.get(header))
    if html:
        policy = response["Content-Security-Policy"]
        for directive in CSP_DIRECTIVES:
            assert directive in policy, directive
        assert "'unsafe-inline'" not in policy


def assert_not_cached(response):
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control or "private" in cache_control, cache_control


def test_public_pages(client):
    article = make_published_article()
    for url in ("/", article.get_absolute_url(), "/search/?q=老房子", "/districts/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_hardened(response)


def test_admin_pages_and_the_login_are_hardened_and_never_cached(client):
    login = client.get(reverse("admin:login"))
    assert_hardened(login)
    assert_not_cached(login)
    client.force_login(make_user("editor"))
    for url in (reverse("admin:index"), reverse("admin:articles_article_changelist")):
        response = client.get(url)
        assert response.status_code == 200
        assert_hardened(response)
        assert_not_cached(response)


def test_the_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_hardened(response)
    assert "页面不存在" in response.text


def test_the_500_page(settings):
    settings.ROOT_URLCONF = "tests.security.failing_urls"
    client = Client(raise_request_exception=False)
    response = client.get("/fails/")
    assert response.status_code == 500
    assert_hardened(response)
    assert "RuntimeError" not in response.text and "Traceback" not in response.text


def test_session_and_csrf_cookies_are_httponly_and_samesite(client):
    make_user("editor", username="cookie-editor")
    response = client.post(
        reverse("admin:login"), {"username": "cookie-editor", "password": PASSWORD}
    )
    session = response.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"
