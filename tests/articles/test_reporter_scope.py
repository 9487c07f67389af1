"""Least privilege for reporters: colleagues' drafts leave no names in the admin's lookups."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from tests.factories import (
    make_article,
    make_draft,
    make_installment,
    make_person,
    make_program,
    make_user,
)

pytestmark = pytest.mark.django_db

SECRET = ["秘密专题", "秘密第九辑", "秘密标签", "秘密人物"]


@pytest.fixture
def newsroom():
    """A colleague's draft using secret names, published work and the reporter's own draft."""
    reporter, colleague = make_user("reporter"), make_user("reporter")
    secret_program = make_program("秘密专题")
    draft = make_draft(
        headline="同事的草稿",
        created_by=colleague,
        program=secret_program,
        installment=make_installment(secret_program, 9, "秘密第九辑"),
        tags=["秘密标签"],
        people=[make_person("秘密人物")],
    )
    make_article(
        headline="已发表",
        program=make_program("公开专题"),
        tags=["公开标签"],
        people=[make_person("公开人物")],
    )
    make_draft(headline="我的草稿", created_by=reporter, tags=["我的标签"])
    make_program("新开专题")  # used by nothing yet: there to be picked
    return {"reporter": reporter, "draft": draft, "program": secret_program}


def assert_only_public(text: str):
    for name in SECRET:
        assert name not in text, name


def autocomplete(client, model_name: str, field_name: str) -> list[str]:
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": model_name, "field_name": field_name, "term": ""},
    )
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def test_change_list_filters_offer_only_own_and_published_names(client, newsroom):
    client.force_login(newsroom["reporter"])
    text = client.get(reverse("admin:articles_article_changelist")).text
    assert_only_public(text)
    for name in ("公开专题", "公开标签", "我的标签"):
        assert name in text


def test_editors_filters_offer_every_name(client, newsroom):
    client.force_login(make_user("editor"))
    text = client.get(reverse("admin:articles_article_changelist")).text
    assert "秘密专题" in text and "秘密标签" in text


def test_autocompletes_leave_out_names_only_colleagues_drafts_use(client, newsroom):
    client.force_login(newsroom["reporter"])
    programs = autocomplete(client, "article", "program")
    assert "秘密专题" not in programs and {"公开专题", "新开专题"} <= set(programs)
    assert not any("秘密" in text for text in autocomplete(client, "article", "installment"))
    people = autocomplete(client, "articlemention", "person")
    assert "秘密人物" not in people and "公开人物" in people


def test_tag_admin_lists_and_opens_only_visible_tags(client, newsroom):
    client.force_login(newsroom["reporter"])
    text = client.get(reverse("admin:taggit_tag_changelist")).text
    assert "秘密标签" not in text and "公开标签" in text and "我的标签" in text
    secret = Tag.objects.get(name="秘密标签")
    for name in ("admin:taggit_tag_change", "admin:taggit_tag_history"):
        response = client.get(reverse(name, args=[secret.pk]), follow=True)
        assert_only_public(response.text)


def test_reporter_may_not_merge_tags(client, newsroom):
    client.force_login(newsroom["reporter"])
    response = client.post(reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": "合并"})
    assert response.status_code == 403
    assert not Tag.objects.filter(name="合并").exists()


def test_program_admin_and_its_history_hide_a_program_only_drafts_use(client, newsroom):
    client.force_login(newsroom["reporter"])
    assert_only_public(client.get(reverse("admin:articles_program_changelist")).text)
    assert_only_public(client.get(reverse("admin:articles_programinstallment_changelist")).text)
    history = reverse("admin:articles_program_history", args=[newsroom["program"].pk])
    assert_only_public(client.get(history, follow=True).text)


def test_a_hidden_programs_id_in_the_add_form_does_not_bring_its_name(client, newsroom):
    client.force_login(newsroom["reporter"])
    url = reverse("admin:articles_article_add") + f"?program={newsroom['program'].pk}"
    assert_only_public(client.get(url).text)


def test_a_colleagues_draft_history_is_closed_to_a_reporter(client, newsroom):
    client.force_login(newsroom["reporter"])
    url = reverse("admin:articles_article_history", args=[newsroom["draft"].pk])
    response = client.get(url, follow=True)
    assert "同事的草稿" not in response.text
    assert_only_public(response.text)
