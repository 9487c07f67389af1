"""The write API: per-user tokens, drafts only, the services and loader, 422s that write nothing."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reversion.models import Version

from articles.api.tokens import WRITE_RATE, issue_token, token_digest
from articles.models import ApiToken, Article, ArticleStatus
from people.models import Reporter
from tests.factories import make_district, make_program, make_subdistrict, make_user, seed_text

pytestmark = pytest.mark.django_db
RATE = int(WRITE_RATE.split("/")[0])


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def reporter_token():
    return issue_token(user=make_user("reporter"), name="合作方同步")[1]


@pytest.fixture
def editor_token():
    return issue_token(user=make_user("editor"), name="版面上传")[1]


def post_draft(client, token, **payload):
    payload.setdefault("headline", "接口新建的稿件")
    return client.post(
        "/api/v1/articles", payload, content_type="application/json", **bearer(token)
    )


def test_a_reporter_token_files_a_draft_with_its_credits_and_places(client, reporter_token):
    hongkou = make_district("hongkou")
    street = make_subdistrict("嘉兴路街道", district=hongkou)
    program = make_program("点亮上海金环")
    response = post_draft(
        client,
        reporter_token,
        kicker="引题",
        subheadlines=["副题"],
        body="第一段。\n\n## 小标题\n\n第二段。",
        kind="feature",
        districts=["hongkou"],
        subdistricts=[street.code],
        tags=["社区治理"],
        bylines=[{"name": "袁玮", "role": "本报记者"}],
        program=program.slug,
        print_date="2022-11-21",
        print_page="A5",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    article = Article.objects.get(pk=body["id"])
    assert body["status"] == "draft" and article.status == ArticleStatus.DRAFT
    assert body["admin_url"].endswith(f"/admin/articles/article/{article.pk}/change/")
    assert article.created_by == ApiToken.objects.get().user
    assert article.body[1] == {"kind": "subhead", "text": "小标题"}
    assert [b.reporter.name for b in article.bylines.all()] == ["袁玮"]
    assert list(article.districts.all()) == [hongkou]
    assert list(article.subdistricts.all()) == [street]
    assert list(article.tags.names()) == ["社区治理"]
    assert article.program == program
    assert Version.objects.get_for_object(article).count() == 1
    # A draft stays off the public API.
    assert client.get(f"/api/v1/articles/{article.pk}").status_code == 404


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "需要有效的接口令牌"),
        (bearer("nr_not-a-token-we-issued"), "需要有效的接口令牌"),
        ({"HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"}, "需要有效的接口令牌"),
    ],
    ids=["missing", "wrong", "not-bearer"],
)
def test_no_or_a_wrong_token_is_a_401_saying_how_to_authenticate(client, headers, message):
    response = client.post(
        "/api/v1/articles", {"headline": "x"}, content_type="application/json", **headers
    )
    assert response.status_code == 401
    assert message in response.json()["detail"]
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert not Article.objects.exists()


def test_a_revoked_token_is_refused_saying_so(client, reporter_token):
    ApiToken.objects.update(revoked_at=timezone.now())
    response = post_draft(client, reporter_token)
    assert response.status_code == 401
    assert "令牌已撤销" in response.json()["detail"]
    assert not Article.objects.exists()


def test_a_disabled_accounts_token_is_refused(client, reporter_token):
    ApiToken.objects.get().user.__class__.objects.update(is_active=False)
    response = post_draft(client, reporter_token)
    assert response.status_code == 401
    assert "停用" in response.json()["detail"]


def test_a_token_without_the_right_to_add_articles_is_a_403(client):
    token = issue_token(user=make_user("nobody"), name="无权限")[1]
    response = post_draft(client, token)
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_tokens_are_kept_only_as_a_hash_and_mark_their_last_use(client, reporter_token):
    stored = ApiToken.objects.get()
    assert stored.key_hash == token_digest(reporter_token) != reporter_token
    assert reporter_token not in {stored.name, stored.prefix, stored.key_hash}
    assert stored.last_used_at is None
    post_draft(client, reporter_token)
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_status_is_not_a_field_so_a_token_cannot_publish(client, reporter_token, editor_token):
    for token in (reporter_token, editor_token):
        response = post_draft(client, token, status="published")
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"][-1] == "status"
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("payload", "loc", "message"),
    [
        ({"districts": ["hongkou", "atlantis"]}, ["body", "payload", "districts", 1], "atlantis"),
        ({"subdistricts": ["999"]}, ["body", "payload", "subdistricts", 0], "999"),
        ({"program": "no-such"}, ["body", "payload", "program"], "no-such"),
        ({"headline": "   "}, ["body", "payload", "headline"], ""),
        ({"headline": "长" * 201}, ["body", "payload", "headline"], ""),
        ({"kind": "poem"}, ["body", "payload", "kind"], ""),
        ({"bylines": [{"name": ""}]}, ["body", "payload", "bylines", 0, "name"], ""),
    ],
    ids=["district", "subdistrict", "program", "blank", "long", "kind", "byline"],
)
def test_bad_input_is_a_422_naming_the_field_and_writes_nothing(
    client, reporter_token, payload, loc, message
):
    make_district("hongkou")
    reporters = Reporter.objects.count()
    payload.setdefault("bylines", [{"name": "新记者"}])
    response = post_draft(client, reporter_token, **payload)
    assert response.status_code == 422, response.content
    errors = response.json()["detail"]
    assert loc in [e["loc"] for e in errors], errors
    assert all(message in e["msg"] for e in errors if e["loc"] == loc)
    assert not Article.objects.exists()
    assert Reporter.objects.count() == reporters


def test_each_token_is_rate_limited_on_its_own(client, reporter_token, editor_token):
    for _ in range(RATE):
        assert post_draft(client, reporter_token, kind="poem").status_code == 422
    refused = post_draft(client, reporter_token, kind="poem")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "请求过于频繁" in refused.json()["detail"]
    assert post_draft(client, editor_token).status_code == 201


def upload(client, token, content: bytes, name: str = "page.txt", **form):
    file = SimpleUploadedFile(name, content, content_type="text/plain")
    return client.post("/api/v1/sources", {"file": file, **form}, **bearer(token))


def test_an_editor_token_uploads_a_page_loaded_as_drafts(client, editor_token):
    response = upload(
        client, editor_token, seed_text().encode(), edition_date="2022-11-21", page="a5"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["created"] == 3 == len(body["outcomes"])
    assert set(Article.objects.values_list("status", flat=True)) == {ArticleStatus.DRAFT}
    assert set(Article.objects.values_list("print_page", flat=True)) == {"A5"}
    assert client.get("/api/v1/articles").json()["items"] == []
    again = upload(client, editor_token, seed_text().encode())
    assert again.json()["unchanged"] == 3 and Article.objects.count() == 3


def test_a_reporter_token_cannot_upload_pages(client, reporter_token):
    response = upload(client, reporter_token, seed_text().encode())
    assert response.status_code == 403
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("content", "form", "field", "named"),
    [
        (b"", {}, "file", "empty.txt"),
        (None, {"page": "第五版"}, "page", "第五版"),
        (None, {"edition_date": "2022-13-01"}, "edition_date", ""),
    ],
    ids=["empty-file", "bad-page", "bad-date"],
)
def test_a_bad_upload_is_a_422_naming_the_problem_and_loads_nothing(
    client, editor_token, content, form, field, named
):
    name = "empty.txt" if content == b"" else "page.txt"
    response = upload(
        client, editor_token, seed_text().encode() if content is None else content, name, **form
    )
    assert response.status_code == 422, response.content
    errors = response.json()["detail"]
    assert any(e["loc"][-1] == field and named in e["msg"] for e in errors), errors
    assert not Article.objects.exists()


def test_editors_issue_and_revoke_tokens_in_the_admin(client):
    owner = make_user("reporter")
    client.force_login(make_user("superuser"))
    response = client.post(
        "/admin/articles/apitoken/add/", {"user": owner.pk, "name": "合作方"}, follow=True
    )
    shown = next(str(m) for m in response.context["messages"] if "nr_" in str(m))
    token = shown.split("：", 1)[1]
    stored = ApiToken.objects.get()
    assert stored.user == owner and stored.key_hash == token_digest(token)
    client.post(
        "/admin/articles/apitoken/",
        {"action": "revoke", "_selected_action": [stored.pk]},
    )
    stored.refresh_from_db()
    assert stored.is_revoked
    assert post_draft(client, token).status_code == 401


def test_a_nul_character_in_a_draft_is_a_422_naming_the_field(client, reporter_token):
    response = post_draft(client, reporter_token, headline="标题\x00", tags=["a\x00"])
    assert response.status_code == 422
    locs = [e["loc"][-1] for e in response.json()["detail"]]
    assert locs == ["headline", "tags"]
    assert not Article.objects.exists()
