"""Password reset by e-mail: the same answer for every address, a link that works once."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Xinmin-wanbao-2026-reset"


def request_reset(client, address: str):
    return client.post(reverse("admin_password_reset"), {"email": address}, follow=True)


def reset_link(message) -> str:
    return re.search(r"https?://testserver(/admin/reset/\S+/)", message.body).group(1)


def test_known_and_unknown_addresses_get_the_same_answer(client):
    make_user("editor", email="bianji@xinmin.example")
    make_user("reporter", email="tingyong@xinmin.example", is_active=False)
    answers = [
        request_reset(client, address)
        for address in ("bianji@xinmin.example", "nobody@xinmin.example", "tingyong@xinmin.example")
    ]
    assert {a.redirect_chain[-1] for a in answers} == {(reverse("password_reset_done"), 302)}
    # Byte for byte, but for the per-response CSP nonce.
    assert len({re.sub(r'nonce="[^"]*"', "", a.text) for a in answers}) == 1
    assert "邮件" in answers[0].text
    assert [m.to for m in mail.outbox] == [["bianji@xinmin.example"]]


def test_the_mail_is_chinese_and_names_the_account(client):
    user = make_user("editor", email="bianji@xinmin.example")
    request_reset(client, "BIANJI@xinmin.example")
    (message,) = mail.outbox
    assert "重设密码" in message.subject
    assert user.username in message.body and "只能用一次" in message.body
    assert "1 小时" in message.body


def test_the_link_sets_a_new_password_once(client):
    user = make_user("editor", email="bianji@xinmin.example")
    request_reset(client, user.email)
    link = reset_link(mail.outbox[0])
    form = client.get(link, follow=True)
    assert form.context["validlink"] is True
    set_password_url = form.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    assert get_user_model().objects.get(pk=user.pk).check_password(NEW_PASSWORD)
    # Not signed in by the reset: the password and the second factor are still asked for.
    assert "_auth_user_id" not in client.session

    again = client.get(link, follow=True)
    assert again.context["validlink"] is False
    assert "无效" in again.text


def test_a_forged_token_is_refused(client):
    user = make_user("editor", email="bianji@xinmin.example")
    request_reset(client, user.email)
    link = reset_link(mail.outbox[0])
    forged = re.sub(r"/[^/]+/$", "/aaaaaa-0123456789abcdef0123456789abcdef/", link)
    assert client.get(forged, follow=True).context["validlink"] is False


def test_the_login_page_offers_the_reset(client):
    page = client.get(reverse("admin:login"))
    assert reverse("admin_password_reset") in page.text
