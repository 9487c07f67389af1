"""Signed preview links: staff only, this article only, and only for a while."""

from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse

from articles import preview
from articles.models import Photo
from articles.photos import photo_save
from articles.preview import make_preview_token, preview_url
from tests.factories import (
    image_upload,
    make_correction,
    make_draft,
    make_person,
    make_published_article,
    make_reporter,
    make_user,
    some_districts,
)

pytestmark = pytest.mark.django_db


def _story_body(html: str) -> str:
    """The article element of a page: headline, credits, body with photos, footer."""
    start = html.index('<article class="story">')
    return html[start : html.index("</article>", start)]


def test_preview_is_the_reader_page_with_one_banner_photos_included(client):
    article = make_published_article(
        headline="老房子修缮",
        reporters=[make_reporter("袁玮")],
        districts=some_districts(1),
        people=[make_person("王建国")],
        tags=["老城区"],
    )
    photo = photo_save(photo=Photo(article=article, image=image_upload(), caption="修缮后的老房子"))
    article.body = [
        {"kind": "paragraph", "text": "第一段。"},
        {"kind": "image", "photo": photo.pk},
        {"kind": "paragraph", "text": "第二段。"},
    ]
    article.save()
    make_correction(article, "更正人名。")
    public = client.get(article.get_absolute_url()).text
    client.force_login(make_user("reporter"))
    response = client.get(preview_url(article))

    assert response.status_code == 200
    assert response.context["is_preview"] is True
    assert "no-store" in response["Cache-Control"]
    assert '<figure class="photo">' in _story_body(public)
    assert _story_body(response.text) == _story_body(public)
    assert response.text.count('role="status"') == 1
    assert "preview-banner" in response.text
    assert "preview-banner" not in public


def test_draft_preview_shows_its_photo_figure(client):
    reporter = make_user("reporter")
    article = make_draft(headline="尚未发布的稿件", created_by=reporter)
    photo = photo_save(photo=Photo(article=article, image=image_upload(), caption="说明"))
    article.body = [{"kind": "image", "photo": photo.pk}]
    article.save()
    client.force_login(reporter)
    page = client.get(preview_url(article)).text
    assert "尚未发布的稿件" in page
    assert '<figure class="photo">' in page
    assert page.count('role="status"') == 1


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
