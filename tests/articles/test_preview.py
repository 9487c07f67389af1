"""Signed preview links: staff only, this article only, and only for a while."""

from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse

from articles import preview
from articles.preview import make_preview_token, preview_url
from tests.factories import make_draft, make_user

pytestmark = pytest.mark.django_db


def test_staff_sees_a_draft_through_its_preview_link_with_a_banner(client):
    article = make_draft(headline="尚未发布的稿件")
    client.force_login(make_user("reporter"))
    response = client.get(preview_url(article))
    assert response.status_code == 200
    assert "尚未发布的稿件" in response.text
    assert "预览" in response.text
    assert response.context["is_preview"] is True
    assert "no-store" in response["Cache-Control"]


def test_the_public_url_of_a_draft_is_not_found(client):
    article = make_draft()
    client.force_login(make_user("editor"))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(preview_url(make_draft()))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_link_expires(client, settings):
    settings.NEWSROOM_PREVIEW_MAX_AGE = 60
    article = make_draft()
    url = preview_url(article)
    client.force_login(make_user("editor"))
    later = signing.time.time() + 61
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert client.get(url).status_code == 404
    assert client.get(url).status_code == 200


def test_token_never_opens_another_article(client):
    article, other = make_draft(), make_draft(headline="另一篇")
    token = make_preview_token(article)
    value, rest = token.split(":", 1)
    forged = f"{other.pk}:{rest}"
    client.force_login(make_user("editor"))
    response = client.get(reverse("articles:preview", kwargs={"token": forged}))
    assert response.status_code == 404


def test_token_signed_for_another_purpose_is_refused(client):
    article = make_draft()
    token = signing.TimestampSigner(salt="something-else").sign(str(article.pk))
    client.force_login(make_user("editor"))
    assert client.get(reverse("articles:preview", kwargs={"token": token})).status_code == 404


def test_token_names_the_article_it_was_made_for():
    article = make_draft()
    assert preview.article_id_from_token(make_preview_token(article)) == article.pk
