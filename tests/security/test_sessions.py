"""The staff session's life: a new key at login, 8 idle hours, gone at logout and with a new
password, and the second factor bound to the session, not the account."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, make_user
from tests.second_factor import current_code, totp_device

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


def log_in(client, user):
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client.cookies["sessionid"].value


def test_login_gives_a_new_session_key(client):
    user = make_user("reporter")
    client.get(reverse("admin:login"))
    session = client.session
    session["before"] = "x"
    session.save()
    before = session.session_key
    assert log_in(client, user) != before
    assert not Session.objects.filter(session_key=before).exists()


def test_the_session_ends_after_8_idle_hours(client):
    user = make_user("reporter")
    key = log_in(client, user)
    assert client.get(ADMIN).status_code == 200
    stored = Session.objects.get(session_key=key)
    assert stored.expire_date - timezone.now() <= datetime.timedelta(hours=8)
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(ADMIN).status_code == 302


def test_activity_renews_the_idle_timeout(client):
    user = make_user("reporter")
    key = log_in(client, user)
    soon = timezone.now() + datetime.timedelta(minutes=5)
    Session.objects.filter(session_key=key).update(expire_date=soon)
    client.get(ADMIN)
    assert Session.objects.get(session_key=key).expire_date > soon + datetime.timedelta(hours=7)


def test_logout_ends_the_session_on_the_server(client):
    user = make_user("reporter")
    key = log_in(client, user)
    client.post(reverse("admin:logout"))
    assert not Session.objects.filter(session_key=key).exists()
    replay = Client()
    replay.cookies["sessionid"] = key
    assert replay.get(ADMIN).status_code == 302


def test_a_new_password_ends_every_other_session(client):
    user = make_user("reporter")
    other = Client()
    log_in(other, user)
    log_in(client, user)
    user.set_password("Another-long-password-2026")
    user.save()
    assert other.get(ADMIN).status_code == 302


def test_the_second_factor_is_asked_again_in_every_new_session(client):
    editor = make_user("editor")
    device = totp_device(editor)
    log_in(client, editor)
    client.post(reverse("admin:second_factor_verify"), {"token": current_code(device)})
    assert client.get(ADMIN).status_code == 200
    client.post(reverse("admin:logout"))
    log_in(client, editor)
    assert client.get(ADMIN).status_code == 302
