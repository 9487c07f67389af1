"""Preview links follow the viewer's rights; shared links name a reviewer, expire, are revoked,
and every use of either is logged."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import PreviewAccess, PreviewShare
from articles.preview import preview_url
from tests.factories import make_draft, make_user

pytestmark = pytest.mark.django_db


def share(client, user, article, reviewer="张明（虹口区文旅局）", hours=48) -> str:
    """Make a shared link through the admin, as its user would; returns the link's path."""
    client.force_login(user)
    response = client.post(
        reverse("admin:articles_previewshare_add"),
        {"article": article.pk, "reviewer": reviewer, "hours": hours},
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    links = [re.search(r"http://testserver(/review/\S+/)", m) for m in messages]
    client.logout()
    return next(link.group(1) for link in links if link)


def test_a_colleagues_preview_link_does_not_open_their_draft(client):
    author, colleague = make_user("reporter"), make_user("reporter")
    draft = make_draft(headline="独家草稿", created_by=author)
    url = preview_url(draft)
    client.force_login(colleague)
    assert client.get(url).status_code == 404
    client.force_login(author)
    assert client.get(url).status_code == 200
    client.force_login(make_user("editor"))
    assert client.get(url).status_code == 200
    uses = PreviewAccess.objects.filter(article=draft).order_by("at", "pk")
    assert [(use.user.username, use.granted) for use in uses] == [
        (colleague.username, False),
        (author.username, True),
        (uses[2].user.username, True),
    ]


def test_a_shared_link_shows_the_draft_to_its_reviewer_without_login(client):
    author = make_user("reporter")
    draft = make_draft(headline="请专家把关的草稿", created_by=author)
    path = share(client, author, draft, hours=48)
    response = client.get(path, HTTP_USER_AGENT="ReviewerBrowser/1.0")
    assert response.status_code == 200
    assert "请专家把关的草稿" in response.text
    assert "张明（虹口区文旅局）" in response.text
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]
    stored = PreviewShare.objects.get()
    assert stored.created_by == author and stored.reviewer == "张明（虹口区文旅局）"
    assert stored.expires_at - stored.created_at == datetime.timedelta(hours=48)
    assert path.split("/")[2] not in stored.token_hash  # only a hash of the secret is kept
    use = stored.accesses.get()
    assert use.granted and use.user is None and use.user_agent == "ReviewerBrowser/1.0"


def test_a_shared_link_stops_working_when_it_expires(client):
    author = make_user("reporter")
    path = share(client, author, make_draft(created_by=author), hours=1)
    now = timezone.now()
    PreviewShare.objects.update(
        created_at=now - datetime.timedelta(hours=1, seconds=1),
        expires_at=now - datetime.timedelta(seconds=1),
    )
    assert client.get(path).status_code == 404
    assert not PreviewShare.objects.get().accesses.get().granted


def test_a_revoked_link_stops_working_and_the_refusal_is_logged(client):
    author = make_user("reporter")
    path = share(client, author, make_draft(created_by=author))
    assert client.get(path).status_code == 200
    client.force_login(author)
    stored = PreviewShare.objects.get()
    client.post(
        reverse("admin:articles_previewshare_changelist"),
        {"action": "revoke_selected", "_selected_action": [stored.pk]},
    )
    client.logout()
    assert client.get(path).status_code == 404
    stored.refresh_from_db()
    assert stored.revoked_at is not None
    assert list(stored.accesses.order_by("at", "pk").values_list("granted", flat=True)) == [
        True,
        False,
    ]


def test_a_made_up_token_is_not_found(client):
    assert client.get(reverse("articles:review", kwargs={"token": "x" * 43})).status_code == 404


def test_a_reporter_may_share_only_what_they_may_edit(client):
    reporter = make_user("reporter")
    colleagues_draft = make_draft(created_by=make_user("reporter"))
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_previewshare_add"),
        {"article": colleagues_draft.pk, "reviewer": "外人", "hours": 24},
    )
    assert response.status_code == 200  # the form again, with an error
    assert not PreviewShare.objects.exists()


def test_shares_are_never_deleted_so_their_log_stays(client):
    author = make_user("reporter")
    share(client, author, make_draft(created_by=author))
    client.force_login(make_user("editor"))
    stored = PreviewShare.objects.get()
    response = client.post(reverse("admin:articles_previewshare_delete", args=[stored.pk]))
    assert response.status_code == 403
    assert PreviewShare.objects.exists()
