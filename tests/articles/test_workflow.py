"""The workflow and who may do what, asserted through the admin as people use it."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.urls import reverse

from articles import services
from articles.history import article_versions
from articles.models import (
    Article,
    ArticleAutosave,
    ArticleRevisionTags,
    ArticleStatus,
    Correction,
    Photo,
    TransitionAction,
)
from articles.photos import photo_save
from articles.services import article_record, article_revert
from tests.admin_forms import form_data
from tests.factories import image_upload, make_correction, make_draft, make_reporter, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def fresh(article):
    return Article.objects.filter(pk=article.pk).first()


# Each action: (status the article starts in, what to do, did it happen?).


def view_draft(client, article):
    response = client.get(change_url(article))
    return response.status_code == 200 and article.headline in response.text


def edit(client, article):
    page = client.get(change_url(article))
    if page.status_code != 200 or 'name="headline"' not in page.text:
        return False
    data = form_data(page.text)
    data["headline"] = "改过的标题"
    client.post(change_url(article), data)
    return fresh(article).headline == "改过的标题"


def run_action(name, expected_status):
    def act(client, article):
        client.post(CHANGELIST, {"action": name, "_selected_action": [article.pk]})
        return fresh(article).status == expected_status

    return act


def delete(client, article):
    client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    return fresh(article) is None


def history(client, article):
    response = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    return response.status_code == 200 and "修订历史" in response.text


def revert(client, article):
    article_record(article=article, comment="旧版")
    old = article_versions(article).first()
    Article.objects.filter(pk=article.pk).update(headline="后来的标题")
    article_record(article=fresh(article), comment="新版")
    client.post(
        reverse("admin:articles_article_revert", args=[article.pk, old.pk]),
    )
    return fresh(article).headline == article.headline


def post_change_form(client, article, **changes) -> None:
    """Open the change form and post it back as a browser would, with some fields changed."""
    page = client.get(change_url(article))
    if page.status_code != 200:
        return
    client.post(change_url(article), {**form_data(page.text), **changes})


def mark_proofread(client, article):
    post_change_form(client, article, _mark_proofread="保存并标记已校对")
    article = fresh(article)
    return article.status == ArticleStatus.REVIEW and article.proofread_at is not None


def set_embargo(client, article):
    post_change_form(client, article, embargo_until_0="2031-05-01", embargo_until_1="09:00:00")
    return fresh(article).embargo_until is not None


def clear_embargo(client, article):
    Article.objects.filter(pk=article.pk).update(embargo_until=EMBARGO)
    post_change_form(client, article, embargo_until_0="", embargo_until_1="")
    return fresh(article).embargo_until is None


EMBARGO = datetime.datetime(2031, 5, 1, 9, 0, tzinfo=datetime.UTC)


def send_back(client, article):
    url = reverse("admin:articles_article_send_back", args=[article.pk])
    client.post(url, {"text": "导语太长，请压缩到两句。"})
    return fresh(article).status == ArticleStatus.DRAFT


def read_comments(client, article):
    services.article_comment_add(article=article, user=make_user("editor"), text="只给本稿看的意见")
    page = client.get(change_url(article))
    thread = client.get(reverse("admin:articles_article_comments", args=[article.pk]))
    history_page = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    seen = [
        response.status_code == 200 and "只给本稿看的意见" in response.text
        for response in (page, thread, history_page)
    ]
    assert len(set(seen)) == 1, f"change page, thread and history disagree: {seen}"
    return seen[0]


def add_comment(client, article):
    client.post(
        reverse("admin:articles_article_comments", args=[article.pk]), {"text": "记者的回复"}
    )
    return article.editorial_comments.filter(text="记者的回复").exists()


def take_over(client, article):
    services.presence_beat(article=article, user=make_user("editor"))
    client.post(reverse("admin:articles_article_take_over", args=[article.pk]))
    return article.transitions.filter(action=TransitionAction.TAKE_OVER).exists()


def see_presence(client, article):
    present = make_user("editor", first_name="在场编辑")
    services.presence_beat(article=article, user=present)
    response = client.post(reverse("admin:articles_article_presence", args=[article.pk]))
    return response.status_code == 200 and "在场编辑 正在编辑 (刚刚)" in response.json()["editing"]


def autosave(client, article):
    client.post(
        reverse("admin:articles_article_autosave", args=[article.pk]),
        json.dumps({"base_version": article.version, "fields": {"headline": "自动保存的标题"}}),
        content_type="application/json",
    )
    saved = ArticleAutosave.objects.filter(article=article).exists()
    assert fresh(article).headline == article.headline  # never over the article
    return saved


ACTIONS = {
    "view draft": (ArticleStatus.DRAFT, view_draft),
    "edit": (ArticleStatus.DRAFT, edit),
    "submit": (ArticleStatus.DRAFT, run_action("submit_selected", ArticleStatus.REVIEW)),
    "publish": (ArticleStatus.REVIEW, run_action("publish_selected", ArticleStatus.PUBLISHED)),
    "withdraw": (ArticleStatus.PUBLISHED, run_action("withdraw_selected", ArticleStatus.WITHDRAWN)),
    "delete": (ArticleStatus.DRAFT, delete),
    "history": (ArticleStatus.DRAFT, history),
    "revert": (ArticleStatus.DRAFT, revert),
    "mark proofread": (ArticleStatus.PROOFREADING, mark_proofread),
    "set embargo": (ArticleStatus.DRAFT, set_embargo),
    "clear embargo": (ArticleStatus.DRAFT, clear_embargo),
    "send back": (ArticleStatus.REVIEW, send_back),
    # Published, so every reporter may open the page: the thread must still stay hidden.
    "read comments": (ArticleStatus.PUBLISHED, read_comments),
    "add comment": (ArticleStatus.PUBLISHED, add_comment),
    "take over": (ArticleStatus.DRAFT, take_over),
    "see presence": (ArticleStatus.DRAFT, see_presence),
    "autosave": (ArticleStatus.DRAFT, autosave),
}

# fmt: off
ROLES =            ["anonymous", "reporter on own", "reporter on others'", "editor", "superuser"]
MATRIX = {
    "view draft":  [False,        True,              False,                 True,     True],
    "edit":        [False,        True,              False,                 True,     True],
    "submit":      [False,        True,              False,                 True,     True],
    "publish":     [False,        False,             False,                 True,     True],
    "withdraw":    [False,        False,             False,                 True,     True],
    "delete":      [False,        False,             False,                 True,     True],
    "history":     [False,        True,              False,                 True,     True],
    "revert":      [False,        True,              False,                 True,     True],
    "mark proofread": [False,     False,             False,                 True,     True],
    "set embargo": [False,        False,             False,                 True,     True],
    "clear embargo": [False,      False,             False,                 True,     True],
    "send back":   [False,        False,             False,                 True,     True],
    "read comments": [False,      True,              False,                 True,     True],
    "add comment": [False,        True,              False,                 True,     True],
    "take over":   [False,        False,             False,                 True,     True],
    "see presence": [False,       True,              False,                 True,     True],
    "autosave":    [False,        True,              False,                 True,     True],
}
# fmt: on
CASES = [
    pytest.param(role, action, allowed, id=f"{role}-{action}")
    for action, row in MATRIX.items()
    for role, allowed in zip(ROLES, row, strict=True)
]


@pytest.mark.parametrize(("role", "action", "allowed"), CASES)
def test_role_action_matrix(client, role, action, allowed):
    author = make_user("reporter")
    status, act = ACTIONS[action]
    article = make_draft(status=status, created_by=author, bylines=[make_reporter(user=author)])
    actor = {
        "anonymous": None,
        "reporter on own": author,
        "reporter on others'": make_user("reporter"),
        "editor": make_user("editor"),
        "superuser": make_user("superuser"),
    }[role]
    if actor is not None:
        client.force_login(actor)
    assert act(client, article) is allowed


def test_reporter_cannot_edit_own_article_once_published(client):
    author = make_user("reporter")
    article = make_draft(status=ArticleStatus.PUBLISHED, created_by=author)
    client.force_login(author)
    assert edit(client, article) is False


def test_bylined_reporter_may_edit_an_article_someone_else_created(client):
    author = make_user("reporter")
    article = make_draft(created_by=make_user("editor"), bylines=[make_reporter(user=author)])
    client.force_login(author)
    assert edit(client, article) is True


def test_reporter_does_not_see_others_drafts_in_the_changelist(client):
    reporter = make_user("reporter")
    mine = make_draft(created_by=reporter, headline="我的草稿")
    make_draft(created_by=make_user("reporter"), headline="别人的草稿")
    make_draft(status=ArticleStatus.PUBLISHED, headline="已经发布的")
    client.force_login(reporter)
    response = client.get(CHANGELIST)
    assert mine.headline in response.text
    assert "已经发布的" in response.text
    assert "别人的草稿" not in response.text


# Forged POSTs: a reporter's request that the UI never offers changes nothing.


def test_forged_status_in_change_form_is_ignored(client):
    reporter = make_user("reporter")
    article = make_draft(created_by=reporter)
    client.force_login(reporter)
    data = form_data(client.get(change_url(article)).text)
    data.update(status="published", published_at_0="2024-01-01", published_at_1="08:00:00")
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    assert article.published_at is None


def test_forged_publish_button_on_change_form_is_refused(client):
    reporter = make_user("reporter")
    article = make_draft(created_by=reporter, status=ArticleStatus.REVIEW)
    client.force_login(reporter)
    data = form_data(client.get(change_url(article)).text)
    data["_publish"] = "保存并发布"
    response = client.post(change_url(article), data, follow=True)
    assert fresh(article).status == ArticleStatus.REVIEW
    assert "只有编辑可以发布稿件" in response.text


def test_forged_publish_action_by_reporter_changes_nothing(client):
    reporter = make_user("reporter")
    article = make_draft(created_by=reporter, status=ArticleStatus.REVIEW)
    client.force_login(reporter)
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [article.pk]})
    assert fresh(article).status == ArticleStatus.REVIEW


def test_forged_list_editable_post_changes_nothing(client):
    reporter = make_user("reporter")
    article = make_draft(created_by=reporter)
    client.force_login(reporter)
    client.post(
        CHANGELIST,
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(article.pk),
            "form-0-status": "published",
            "form-0-headline": "伪造",
            "_save": "保存",
        },
    )
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    assert article.headline != "伪造"


def test_forged_inline_post_on_others_article_is_forbidden(client):
    owner = make_user("reporter")
    article = make_draft(created_by=owner, bylines=[make_reporter(user=owner)])
    intruder = make_user("reporter")
    client.force_login(owner)
    data = form_data(client.get(change_url(article)).text)
    data["bylines-0-role"] = "伪造身份"
    client.force_login(intruder)
    response = client.post(change_url(article), data)
    assert response.status_code in (302, 403)
    assert article.bylines.get().role == "本报记者"


def test_forged_inline_post_on_own_published_article_is_forbidden(client):
    owner = make_user("reporter")
    article = make_draft(created_by=owner, bylines=[make_reporter(user=owner)])
    client.force_login(owner)
    data = form_data(client.get(change_url(article)).text)
    data["bylines-0-role"] = "伪造身份"
    services.article_publish(article=article, user=None)
    response = client.post(change_url(article), data)
    assert response.status_code == 403
    assert article.bylines.get().role == "本报记者"


# Services


def test_submit_moves_draft_to_review_and_bumps_version():
    article = make_draft()
    services.article_submit(article=article, user=None)
    article.refresh_from_db()
    assert (article.status, article.version) == (ArticleStatus.REVIEW, 2)


def test_publish_from_review_sets_publish_time():
    article = make_draft(status=ArticleStatus.REVIEW)
    services.article_publish(article=article, user=make_user("editor"))
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_at is not None


def test_withdraw_only_from_published():
    article = make_draft()
    with pytest.raises(services.WorkflowError):
        services.article_withdraw(article=article, user=make_user("editor"))


def test_submit_refuses_published_article():
    article = make_draft(status=ArticleStatus.PUBLISHED)
    with pytest.raises(services.WorkflowError):
        services.article_submit(article=article, user=None)


def test_reporter_cannot_publish_through_the_service():
    reporter = make_user("reporter")
    article = make_draft(created_by=reporter, status=ArticleStatus.REVIEW)
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, user=reporter)


def test_revert_restores_headline_and_bylines_but_not_status():
    first, second = make_reporter(), make_reporter()
    article = make_draft(headline="原标题", bylines=[first])
    article_record(article=article)
    original = article_versions(article).first()
    Article.objects.filter(pk=article.pk).update(headline="新标题")
    article.bylines.update(reporter=second)
    services.article_publish(article=article, user=None)
    article_revert(article=fresh(article), version=original, user=make_user("editor"))
    article.refresh_from_db()
    assert article.headline == "原标题"
    assert [b.reporter for b in article.bylines.all()] == [first]
    assert article.status == ArticleStatus.PUBLISHED


def test_revert_refuses_a_version_of_another_article():
    article, other = make_draft(), make_draft()
    article_record(article=other)
    with pytest.raises(PermissionDenied):
        article_revert(
            article=article,
            version=article_versions(other).first(),
            user=make_user("editor"),
        )


def test_revert_moves_the_lock_version_forward():
    article = make_draft()
    article_record(article=article)
    version = article_versions(article).first()
    before = fresh(article).version
    article_revert(article=article, version=version, user=make_user("editor"))
    assert fresh(article).version == before + 1


def test_revert_restores_the_tags_of_the_revision():
    article = make_draft()
    article.tags.add("老城区", "弄堂")
    article_record(article=article)
    original = article_versions(article).first()
    article.tags.set(["新标签"])
    article_record(article=article)
    article_revert(article=fresh(article), version=original, user=make_user("editor"))
    assert sorted(fresh(article).tags.names()) == ["弄堂", "老城区"]


def test_revert_leaves_tags_alone_for_a_revision_without_recorded_tags():
    article = make_draft()
    article_record(article=article)
    # As a revision taken before tags were recorded.
    ArticleRevisionTags.objects.filter(revision__version__object_id=str(article.pk)).delete()
    original = article_versions(article).first()
    article.tags.add("后加的")
    article_revert(article=fresh(article), version=original, user=make_user("editor"))
    assert list(fresh(article).tags.names()) == ["后加的"]


def test_revert_never_removes_or_rewrites_a_correction():
    article = make_draft()
    kept = make_correction(article, "原更正。")
    article_record(article=article)
    original = article_versions(article).first()
    Correction.objects.filter(pk=kept.pk).update(text="补充后的更正。")
    later = make_correction(article, "版本之后发布的更正。")
    article_revert(article=fresh(article), version=original, user=make_user("editor"))
    assert sorted(article.corrections.values_list("pk", "text")) == [
        (kept.pk, "补充后的更正。"),
        (later.pk, "版本之后发布的更正。"),
    ]


def test_revert_brings_back_bylines_mentions_tags_and_photo_text_and_is_a_revision():
    article = make_draft(bylines=[make_reporter("袁玮")])
    services.article_set_mentions(article=article, mentions=[("王建国", "居委会主任")])
    article.tags.add("老城区")
    photo = photo_save(photo=Photo(article=article, image=image_upload(), caption="原说明"))
    article_record(article=article)
    original = article_versions(article).first()
    services.article_set_bylines(article=article, bylines=[services.BylineSpec(name="李明")])
    services.article_set_mentions(article=article, mentions=[])
    article.tags.set(["新标签"])
    Photo.objects.filter(pk=photo.pk).update(caption="新说明")
    article_record(article=fresh(article), comment="改")
    article_revert(article=fresh(article), version=original, user=make_user("editor"))
    article = fresh(article)
    assert [b.reporter.name for b in article.bylines.all()] == ["袁玮"]
    assert [(m.person.name, m.title) for m in article.mentions.all()] == [("王建国", "居委会主任")]
    assert list(article.tags.names()) == ["老城区"]
    assert Photo.objects.get(pk=photo.pk).caption == "原说明"
    newest = article_versions(article).first()
    assert newest.revision.comment == "恢复到版本 1"
    assert newest.revision.user.username


def test_revert_restores_photo_text_and_brings_back_deleted_photos_whose_file_exists():
    article = make_draft()
    edited = photo_save(photo=Photo(article=article, image=image_upload(), caption="原说明"))
    deleted = photo_save(photo=Photo(article=article, image=image_upload(), credit="张三"))
    article_record(article=article)
    original = article_versions(article).first()
    Photo.objects.filter(pk=edited.pk).update(caption="新说明", alt_text="新替代")
    deleted_pk, deleted_name = deleted.pk, deleted.image.name
    deleted.delete()
    added = photo_save(photo=Photo(article=article, image=image_upload(), caption="后加的"))
    outcome = article_revert(article=fresh(article), version=original, user=make_user("editor"))
    assert outcome.photos_missing == []
    photos = {p.pk: p for p in article.photos.all()}
    assert added.pk not in photos
    assert (photos[edited.pk].caption, photos[edited.pk].alt_text) == ("原说明", "")
    assert photos[deleted_pk].credit == "张三"
    assert photos[deleted_pk].image.name == deleted_name
    assert photos[deleted_pk].renditions


def test_revert_skips_deleted_photos_whose_file_is_gone():
    article = make_draft()
    photo = photo_save(photo=Photo(article=article, image=image_upload()))
    article_record(article=article)
    original = article_versions(article).first()
    name = photo.image.name
    photo.delete()
    default_storage.delete(name)
    outcome = article_revert(article=fresh(article), version=original, user=make_user("editor"))
    assert outcome.photos_missing == [name]
    assert not article.photos.exists()
