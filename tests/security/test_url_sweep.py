"""Every resolver pattern, requested as an anonymous visitor and as a reporter: a 200 only
where the allowlist says so. A new URL fails this test until someone decides who may see it."""

import datetime
import re

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, PreviewShare, Program, ProgramInstallment
from articles.preview import preview_share_create
from people.models import Person
from tests.factories import (
    make_article,
    make_draft,
    make_installment,
    make_person,
    make_program,
    make_reporter,
    make_user,
    some_districts,
)

pytestmark = pytest.mark.django_db

PUBLIC = {
    "articles:home",
    "articles:detail",
    "articles:district-index",
    "articles:district",
    "articles:district-feed",
    "articles:district-atom",
    "articles:program",
    "articles:program-feed",
    "articles:program-atom",
    "articles:reporter-feed",
    "articles:reporter-atom",
    "articles:tag",
    "articles:tag-feed",
    "articles:tag-atom",
    "articles:archive",
    "articles:archive-month",
    "articles:archive-day",
    "articles:search",
    "articles:corrections",
    "articles:feed",
    "articles:atom",
    "articles:sitemap-index",
    "articles:sitemap-news.xml",
    "articles:sitemap",
    "articles:robots",
    "people:reporter",
    "people:person",
    "healthz",
    "readyz",
    "admin:login",
    "admin_password_reset",
    "password_reset_done",
    "password_reset_confirm",  # answers "this link is invalid" for the made-up token
    "password_reset_complete",
    # The content API reads only what the site shows (its own sweep: tests/articles/test_api*.py).
    "api-v1:openapi-json",
    "api-v1:openapi-view",
    "api-v1:article-list",
    "api-v1:draft-create",  # the same path as the list: GET lists, POST needs a token
    "api-v1:article-detail",
    "api-v1:article-ninjs",
    "api-v1:reporter-list",
    "api-v1:reporter-detail",
    "api-v1:person-list",
    "api-v1:person-detail",
    "api-v1:district-list",
    "api-v1:district-detail",
    "api-v1:program-list",
    "api-v1:program-detail",
    "api-v1:tag-list",
    "api-v1:correction-list",
}
# What a reporter may open in the admin besides: their desk, their own work's lookups and the
# public gazetteer, never a colleague's draft or a name only colleagues' drafts use.
REPORTER = PUBLIC - {"admin:login"} | {
    "admin:index",
    "admin-desk",  # their own desk: their drafts, what was sent back to them
    "admin:jsi18n",
    "admin:password_change",
    "admin:password_change_done",
    "admin:app_list",
    "admin:second_factor_setup",
    "admin:second_factor_recovery_codes",
    "admin-statistics",  # the desk's counts: numbers only, no headlines or names
    "admin:articles_article_changelist",
    "admin:articles_article_add",
    "admin:articles_district_changelist",
    "admin:articles_district_change",
    "admin:articles_district_history",
    "admin:articles_subdistrict_changelist",
    "admin:articles_subdistrict_change",
    "admin:articles_subdistrict_history",
    "admin:articles_program_changelist",
    "admin:articles_programinstallment_changelist",
    "admin:articles_previewshare_changelist",
    "admin:articles_previewshare_add",
    "admin:people_reporter_changelist",
    "admin:people_reporter_change",
    "admin:people_reporter_history",
    "admin:people_person_changelist",
    "admin:people_person_add",
    "admin:taggit_tag_changelist",
}


def patterns(resolvers, prefix="", namespace=""):
    """(name, route) for every pattern; unnamed ones are named by their route."""
    for entry in resolvers:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            yield from patterns(entry.url_patterns, route, inner)
        else:
            assert isinstance(entry, URLPattern)
            name = entry.name or route.rsplit("/", 1)[-1]
            yield ":".join(filter(None, [namespace, name])), route


@pytest.fixture
def newsroom():
    """Published work, and a colleague's draft with names only it uses."""
    reporter = make_reporter("袁玮")
    district = some_districts(1)[0]
    published_at = timezone.now() - datetime.timedelta(hours=1)
    published = make_article(
        published_at=published_at,
        print_date=timezone.localdate(published_at),  # the archive's day and month
        reporters=[reporter],
        districts=[district],
        program=make_program(),
        tags=["老城区"],
        people=[make_person("王建国")],
    )
    colleague = make_user("reporter")
    secret_program = make_program("秘密专题")
    draft = make_draft(
        created_by=colleague,
        program=secret_program,
        installment=make_installment(secret_program, 1, "秘密第一辑"),
        tags=["秘密标签"],
        people=[make_person("秘密人物")],
    )
    share = PreviewShare(article=draft, reviewer="外部审阅人")
    preview_share_create(share=share, hours=24, user=colleague)
    hidden = {
        Article: draft.pk,
        Program: secret_program.pk,
        ProgramInstallment: draft.installment_id,
        Tag: Tag.objects.get(name="秘密标签").pk,
        Person: Person.objects.get(name="秘密人物").pk,
        PreviewShare: share.pk,
    }
    return {
        "published": published,
        "district": district,
        "reporter": reporter,
        "draft": draft,
        "hidden": hidden,
    }


def admin_model_of(name: str):
    """The model an admin URL name belongs to (admin:articles_article_change -> Article)."""
    for model in admin.site._registry:
        if name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
            return model
    return None


def sample_path(name: str, route: str, newsroom) -> str:
    """A concrete path for a pattern; admin object ids name what a reporter must not see."""
    published, draft = newsroom["published"], newsroom["draft"]
    date = published.get_absolute_url().strip("/").split("/")
    slugs = {
        "district": newsroom["district"].slug,
        "program": published.program.slug,
        "reporter": newsroom["reporter"].slug,
        "tag": "老城区",
        "detail-slug": published.slug or "x",
    }
    person = published.mentions.get().person_id
    values = {"year": date[0], "month": date[1], "day": date[2], "pk": published.pk}
    values.update(article_id=published.pk, person_id=person)
    if name == "people:person":
        values["pk"] = person
    values["slug"] = next((slug for key, slug in slugs.items() if key in name.split(":")[-1]), "x")
    model = admin_model_of(name)
    object_id = draft.pk
    if model is not None and re.search(r"<(path:object_id|id)>", route):
        first = model._default_manager.first()
        object_id = newsroom["hidden"].get(model) or getattr(first, "pk", 1)
    values.update(
        object_id=object_id,
        id=object_id,
        version_id=1,
        content_type_id=ContentType.objects.get_for_model(Article).pk,
        token="not-a-real-token",
        uidb64="MQ",
        section="articles",
    )
    if name == "admin:app_list":
        return "/admin/articles/"
    if "(?P<url>" in route:  # the admin's catch-all
        return "/admin/no-such-page/"
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


def sweep(client, newsroom) -> set[str]:
    opened = set()
    for name, route in patterns(get_resolver().url_patterns):
        path = sample_path(name, route, newsroom)
        if client.get(path).status_code == 200:
            opened.add(name)
    return opened


def test_every_pattern_is_swept():
    names = [name for name, _ in patterns(get_resolver().url_patterns)]
    assert len(names) > 150


def test_anonymous_visitors_get_a_200_only_on_public_pages(client, newsroom):
    assert sweep(client, newsroom) == PUBLIC


def test_reporters_get_a_200_only_where_the_allowlist_says(client, newsroom):
    client.force_login(make_user("reporter"))
    assert sweep(client, newsroom) == REPORTER
