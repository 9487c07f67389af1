"""The second factor: editors always, reporters when configured, recovery codes once each."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.preview import preview_url
from tests.factories import PASSWORD, make_draft, make_user
from tests.second_factor import current_code, totp_device

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


def password_login(client, user):
    """The first step only, as a browser does it; returns where the admin sends us."""
    return client.post(
        reverse("admin:login") + f"?next={ADMIN}",
        {"username": user.username, "password": PASSWORD, "next": ADMIN},
        follow=True,
    )


def test_an_editor_without_a_device_is_sent_to_enrol_and_gets_recovery_codes(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code first, then the right one at once
    editor = make_user("editor")
    page = password_login(client, editor)
    assert page.redirect_chain[-1][0].startswith(reverse("admin:second_factor_setup"))
    assert "设置两步验证" in page.text
    assert client.get(ADMIN).status_code == 302  # the admin stays closed until enrolled
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    key = re.search(r'second-factor-key">([A-Z2-7 ]+)<', page.text).group(1).replace(" ", "")
    assert len(key) == 32

    wrong = client.post(reverse("admin:second_factor_setup"), {"token": "000000"})
    assert "验证码不正确" in wrong.text
    done = client.post(
        reverse("admin:second_factor_setup"), {"token": current_code(device), "next": ADMIN}
    )
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.text)
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True)) == (
        set(codes)
    )
    assert client.get(ADMIN).status_code == 200


def test_an_enrolled_editor_needs_the_current_code_after_the_password(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code first, then the right one at once
    editor = make_user("editor")
    device = totp_device(editor)
    page = password_login(client, editor)
    assert page.redirect_chain[-1][0].startswith(reverse("admin:second_factor_verify"))
    for closed in (ADMIN, reverse("admin:articles_article_changelist"), "/admin/statistics/"):
        assert client.get(closed).status_code == 302, closed
    wrong = client.post(reverse("admin:second_factor_verify"), {"token": "123456"})
    assert "验证码不正确" in wrong.text
    code = current_code(device, steps_ahead=0)
    right = client.post(reverse("admin:second_factor_verify"), {"token": code, "next": ADMIN})
    assert right.status_code == 302 and right["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200

    # The same code never works twice, not even in a new session.
    client.logout()
    password_login(client, editor)
    again = client.post(reverse("admin:second_factor_verify"), {"token": code})
    assert "验证码不正确" in again.text
    assert client.get(ADMIN).status_code == 302


def test_guessing_is_throttled_even_the_right_code_waits(client):
    editor = make_user("editor")
    device = totp_device(editor)
    password_login(client, editor)
    client.post(reverse("admin:second_factor_verify"), {"token": "123456"})
    client.post(reverse("admin:second_factor_verify"), {"token": current_code(device)})
    assert client.get(ADMIN).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1


def test_a_recovery_code_stands_in_once(client):
    from newsroom.second_factor.recovery import recovery_codes_replace

    editor = make_user("editor")
    totp_device(editor)
    code = recovery_codes_replace(user=editor)[0]
    password_login(client, editor)
    used = client.post(
        reverse("admin:second_factor_verify"), {"token": code.upper(), "next": ADMIN}, follow=True
    )
    assert "还剩 9 个" in used.text
    assert client.get(ADMIN).status_code == 200
    client.logout()
    password_login(client, editor)
    client.post(reverse("admin:second_factor_verify"), {"token": code})
    assert client.get(ADMIN).status_code == 302


def test_replacing_recovery_codes_voids_the_old_ones(client):
    from newsroom.second_factor.recovery import recovery_codes_replace

    editor = make_user("editor")
    old = recovery_codes_replace(user=editor)
    client.force_login(editor)
    page = client.post(reverse("admin:second_factor_recovery_codes"))
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.text)
    assert len(new) == 10 and not set(old) & set(new)
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_reporters_need_it_only_when_configured(client, settings):
    reporter = make_user("reporter")
    password_login(client, reporter)
    assert client.get(ADMIN).status_code == 200
    settings.SECOND_FACTOR_FOR_REPORTERS = True
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("admin:second_factor_setup"))


def test_superusers_need_it_too(client):
    page = password_login(client, make_user("superuser"))
    assert page.redirect_chain[-1][0].startswith(reverse("admin:second_factor_setup"))


def test_logging_out_works_before_the_second_factor(client):
    editor = make_user("editor")
    totp_device(editor)
    password_login(client, editor)
    client.post(reverse("admin:logout"))
    assert "_auth_user_id" not in client.session


def test_an_unverified_editor_cannot_open_a_preview_link(client):
    editor = make_user("editor")
    totp_device(editor)
    url = preview_url(make_draft(headline="未验证看不到"))
    password_login(client, editor)
    assert client.get(url).status_code == 404


def test_the_second_factor_pages_need_a_password_login_first(client):
    for name in ("admin:second_factor_verify", "admin:second_factor_setup"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_an_off_site_next_is_not_followed(client):
    editor = make_user("editor")
    device = totp_device(editor)
    password_login(client, editor)
    response = client.post(
        reverse("admin:second_factor_verify"),
        {"token": current_code(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == ADMIN


def test_nobody_reads_another_persons_totp_key_in_the_admin(client):
    device = totp_device(make_user("editor"))
    client.force_login(make_user("superuser"))
    for view in ("config", "qrcode"):
        url = reverse(f"admin:otp_totp_totpdevice_{view}", args=[device.pk])
        assert client.get(url).status_code == 403
