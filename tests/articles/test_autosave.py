"""Autosave on the article form: kept per user and article, never over the article, restored
only while the version it started from is still the saved one."""

import datetime
import json
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.admin.autosave import MAX_AUTOSAVE_BYTES, ago_text
from articles.history import article_versions
from articles.models import Article, ArticleAutosave, ArticleStatus
from articles.services import (
    MAX_AUTOSAVE_CHARS,
    AutosaveError,
    AutosaveTooLargeError,
    article_autosave_store,
    clean_autosave_fields,
)
from tests.admin_forms import form_data
from tests.factories import make_draft, make_reporter, make_user

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
ADD_AUTOSAVE = reverse("admin:articles_article_add_autosave")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def autosave_url(article):
    return reverse("admin:articles_article_autosave", args=[article.pk])


def discard_url(article):
    return reverse("admin:articles_article_autosave_discard", args=[article.pk])


def post_autosave(client, url, fields, base_version=1, **extra):
    body = json.dumps({"base_version": base_version, "fields": fields})
    return client.post(url, body, content_type="application/json", **extra)


def stored(user, article):
    return ArticleAutosave.objects.for_form(user, article).first()


@pytest.fixture
def editor(client):
    user = make_user("editor")
    client.force_login(user)
    return user


@pytest.fixture
def draft():
    return make_draft(headline="弄堂咖啡馆开张", summary="原来的摘要")


# Storing


def test_autosave_keeps_the_text_and_never_touches_the_article(client, editor, draft):
    before = Article.objects.filter(pk=draft.pk).values().get()
    revisions = article_versions(draft).count()
    response = post_autosave(
        client, autosave_url(draft), {"headline": "弄堂咖啡馆今天开张", "body": "第一段。\r\n"}
    )
    assert response.status_code == 200
    assert response.json()["stale"] is False
    assert "已自动保存" in response.json()["message"]
    autosave = stored(editor, draft)
    assert autosave.fields == {"headline": "弄堂咖啡馆今天开张", "body": "第一段。\n"}
    assert autosave.base_version == 1
    assert Article.objects.filter(pk=draft.pk).values().get() == before
    assert article_versions(draft).count() == revisions


def test_a_second_autosave_replaces_the_first(client, editor, draft):
    post_autosave(client, autosave_url(draft), {"headline": "第一稿"})
    post_autosave(client, autosave_url(draft), {"headline": "第二稿", "summary": "新摘要"})
    assert ArticleAutosave.objects.filter(article=draft).count() == 1
    assert stored(editor, draft).fields == {"headline": "第二稿", "summary": "新摘要"}


def test_each_user_has_their_own_autosave_of_an_article(client, editor, draft):
    other = make_user("editor")
    post_autosave(client, autosave_url(draft), {"headline": "我的版本"})
    client.force_login(other)
    post_autosave(client, autosave_url(draft), {"headline": "他的版本"})
    assert stored(editor, draft).fields["headline"] == "我的版本"
    assert stored(other, draft).fields["headline"] == "他的版本"


def test_autosave_answers_that_someone_else_saved_in_between(client, editor, draft):
    Article.objects.filter(pk=draft.pk).update(version=2)
    response = post_autosave(client, autosave_url(draft), {"headline": "我的改动"}, base_version=1)
    assert response.status_code == 200
    assert response.json()["stale"] is True
    assert "已被他人保存" in response.json()["message"]


def test_autosave_from_the_add_form_is_kept_without_an_article(client, editor):
    response = post_autosave(client, ADD_AUTOSAVE, {"headline": "还没保存的新稿"}, None)
    assert response.status_code == 200
    autosave = stored(editor, None)
    assert autosave.article is None and autosave.fields == {"headline": "还没保存的新稿"}
    post_autosave(client, ADD_AUTOSAVE, {"headline": "改了标题"}, None)
    assert ArticleAutosave.objects.filter(user=editor, article=None).count() == 1


# Who may autosave


def test_reporter_may_autosave_their_own_draft(client):
    author = make_user("reporter")
    article = make_draft(created_by=author)
    client.force_login(author)
    assert post_autosave(client, autosave_url(article), {"headline": "我的"}).status_code == 200
    assert stored(author, article) is not None


def test_reporter_cannot_autosave_a_colleagues_draft(client):
    article = make_draft(created_by=make_user("reporter"))
    intruder = make_user("reporter")
    client.force_login(intruder)
    response = post_autosave(client, autosave_url(article), {"headline": "偷改"})
    assert response.status_code == 404
    assert not ArticleAutosave.objects.exists()


def test_reporter_cannot_autosave_their_article_once_published(client):
    author = make_user("reporter")
    article = make_draft(status=ArticleStatus.PUBLISHED, created_by=author)
    client.force_login(author)
    response = post_autosave(client, autosave_url(article), {"headline": "改已发布的"})
    assert response.status_code == 403
    assert "无权" in response.json()["error"]
    assert not ArticleAutosave.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, draft):
    response = post_autosave(client, autosave_url(draft), {"headline": "匿名"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not ArticleAutosave.objects.exists()


def test_the_service_refuses_someone_who_may_not_edit():
    article = make_draft(created_by=make_user("reporter"))
    with pytest.raises(PermissionDenied):
        article_autosave_store(
            user=make_user("reporter"), article=article, fields={"headline": "x"}, base_version=1
        )
    assert not ArticleAutosave.objects.exists()


def test_autosave_needs_the_csrf_token(editor, draft):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    assert post_autosave(browser, autosave_url(draft), {"headline": "无令牌"}).status_code == 403
    page = browser.get(change_url(draft))
    token = page.cookies["csrftoken"].value
    response = post_autosave(
        browser, autosave_url(draft), {"headline": "有令牌"}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200


def test_autosave_takes_only_posts(client, editor, draft):
    assert client.get(autosave_url(draft)).status_code == 405
    assert client.get(discard_url(draft)).status_code == 405


# What it accepts


def test_too_much_text_is_refused_with_413(client, editor, draft):
    fields = {"body": "字" * (MAX_AUTOSAVE_CHARS + 1)}
    response = post_autosave(client, autosave_url(draft), fields)
    assert response.status_code == 413
    assert "内容太长" in response.json()["error"]
    assert not ArticleAutosave.objects.exists()


def test_an_oversized_request_is_refused_before_it_is_read(client, editor, draft):
    response = client.post(
        autosave_url(draft), b"{}", content_type="application/json",
        CONTENT_LENGTH=str(MAX_AUTOSAVE_BYTES + 1),
    )  # fmt: skip
    assert response.status_code == 413


@pytest.mark.parametrize(
    "body",
    [
        "不是 JSON",
        json.dumps(["headline"]),
        json.dumps({"fields": {}}),
        json.dumps({"fields": {"status": "published"}}),
        json.dumps({"fields": {"headline": 3}}),
        json.dumps({"fields": {"headline": "x"}, "base_version": "1"}),
    ],
)
def test_malformed_autosaves_are_refused_with_400(client, editor, draft, body):
    response = client.post(autosave_url(draft), body, content_type="application/json")
    assert response.status_code == 400
    assert "格式不对" in response.json()["error"]
    assert not ArticleAutosave.objects.exists()


def test_clean_fields_keeps_form_text_and_refuses_the_rest():
    assert clean_autosave_fields({"summary": "一\r\n二"}) == {"summary": "一\n二"}
    with pytest.raises(AutosaveError):
        clean_autosave_fields({"published_at": "2024-01-01"})
    with pytest.raises(AutosaveTooLargeError):
        clean_autosave_fields({"body": "x" * MAX_AUTOSAVE_CHARS, "headline": "y"})


# Reopening the form


def test_reopening_offers_to_restore_a_current_autosave(client, editor, draft):
    post_autosave(client, autosave_url(draft), {"headline": "弄堂咖啡馆今天开张"})
    page = client.get(change_url(draft)).text
    assert "有 1 分钟内自动保存的未保存内容" in page
    assert 'class="button autosave-restore"' in page
    data = re.search(r'<script id="autosave-data" type="application/json">(.*?)</script>', page)
    assert json.loads(data.group(1)) == {"headline": "弄堂咖啡馆今天开张"}
    assert 'src="/static/admin_newsroom/autosave.js"' in page
    # The form itself still holds the saved article.
    assert form_data(page)["headline"] == "弄堂咖啡馆开张"


def test_restore_data_cannot_break_out_of_its_script_element(client, editor, draft):
    post_autosave(client, autosave_url(draft), {"summary": "</script><script>alert(1)</script>"})
    page = client.get(change_url(draft)).text
    assert "<script>alert(1)" not in page
    assert "\\u003C/script\\u003E" in page


def test_an_autosave_older_than_the_saved_article_is_shown_but_not_restorable(
    client, editor, draft
):
    post_autosave(client, autosave_url(draft), {"summary": "我没保存的摘要"})
    Article.objects.filter(pk=draft.pk).update(version=2, updated_at=timezone.now())
    page = client.get(change_url(draft)).text
    assert "稿件此后已被保存过" in page
    assert "基于第 1 版，现在是第 2 版" in page
    assert "我没保存的摘要" in page
    assert "autosave-restore" not in page
    assert "autosave-data" not in page


def test_an_autosave_that_matches_the_saved_text_offers_nothing(client, editor, draft):
    post_autosave(
        client, autosave_url(draft), {"headline": draft.headline, "summary": "原来的摘要"}
    )
    page = client.get(change_url(draft)).text
    assert 'id="autosave"' in page
    assert "autosave-offer" not in page


def test_no_offer_and_no_script_for_a_reader_who_may_not_change_the_article(client):
    author = make_user("reporter")
    article = make_draft(status=ArticleStatus.PUBLISHED, created_by=author)
    ArticleAutosave.objects.create(user=author, article=article, fields={"headline": "旧"})
    client.force_login(author)
    page = client.get(change_url(article)).text
    assert 'id="autosave"' not in page and "autosave.js" not in page


def test_the_add_form_offers_its_autosave(client, editor):
    post_autosave(client, ADD_AUTOSAVE, {"headline": "新稿标题"}, None)
    page = client.get(ADD_URL).text
    assert "自动保存的未保存内容" in page and "\\u65b0\\u7a3f\\u6807\\u9898" in page  # 新稿标题
    assert reverse("admin:articles_article_add_autosave_discard") in page


def test_ago_text_counts_minutes_hours_and_days():
    now = timezone.now()
    assert ago_text(now - datetime.timedelta(seconds=30), now) == "1 分钟内"
    assert ago_text(now - datetime.timedelta(minutes=7), now) == "7 分钟前"
    assert ago_text(now - datetime.timedelta(hours=3, minutes=5), now) == "3 小时前"
    assert ago_text(now - datetime.timedelta(days=2), now) == "2 天前"


# Discarding and saving


def test_discard_deletes_only_the_users_autosave_and_returns_to_the_form(client, editor, draft):
    other = make_user("editor")
    ArticleAutosave.objects.create(user=other, article=draft, fields={"headline": "他的"})
    post_autosave(client, autosave_url(draft), {"headline": "我的"})
    response = client.post(discard_url(draft), follow=True)
    assert response.redirect_chain[-1][0] == change_url(draft)
    assert "已丢弃自动保存的内容" in response.text
    assert stored(editor, draft) is None
    assert stored(other, draft) is not None


def test_discard_answers_json_to_the_script(client, editor, draft):
    post_autosave(client, autosave_url(draft), {"headline": "我的"})
    response = client.post(discard_url(draft), headers={"Accept": "application/json"})
    assert response.json() == {"message": "已丢弃自动保存的内容。"}
    assert stored(editor, draft) is None


def test_discard_of_a_hidden_article_is_404(client, draft):
    client.force_login(make_user("reporter"))
    assert client.post(discard_url(draft)).status_code == 404


def test_a_normal_save_clears_the_users_autosave(client, editor, draft):
    other = make_user("editor")
    ArticleAutosave.objects.create(user=other, article=draft, fields={"headline": "他的"})
    post_autosave(client, autosave_url(draft), {"headline": "弄堂咖啡馆今天开张"})
    data = form_data(client.get(change_url(draft)).text)
    data["headline"] = "弄堂咖啡馆今天开张"
    response = client.post(change_url(draft), data)
    assert response.status_code == 302
    assert Article.objects.get(pk=draft.pk).headline == "弄堂咖啡馆今天开张"
    assert stored(editor, draft) is None
    assert stored(other, draft) is not None


def test_a_refused_stale_save_keeps_the_autosave_and_the_guard_still_refuses(client, editor, draft):
    data = form_data(client.get(change_url(draft)).text)
    post_autosave(client, autosave_url(draft), {"headline": "我的改动"})
    Article.objects.filter(pk=draft.pk).update(version=2, headline="别人的改动")
    data["headline"] = "我的改动"
    response = client.post(change_url(draft), data)
    assert response.status_code == 200
    assert "已被他人保存" in response.text
    assert Article.objects.get(pk=draft.pk).headline == "别人的改动"
    assert stored(editor, draft).fields == {"headline": "我的改动"}


def test_adding_an_article_clears_the_add_forms_autosave(client):
    author = make_user("reporter")
    make_reporter(user=author)
    client.force_login(author)
    post_autosave(client, ADD_AUTOSAVE, {"headline": "新稿"}, None)
    data = form_data(client.get(ADD_URL).text)
    data["headline"] = "新稿"
    assert client.post(ADD_URL, data).status_code == 302
    assert Article.objects.filter(headline="新稿").exists()
    assert stored(author, None) is None


# Bounded queries


def test_an_autosave_costs_a_fixed_number_of_queries(
    client, editor, draft, django_assert_num_queries
):
    post_autosave(client, autosave_url(draft), {"headline": "第一稿"})
    # Session, user, second factor, permissions (2); the article; may they edit it; the upsert
    # (select for update, update) in its savepoints; the session saved back, in a savepoint.
    with django_assert_num_queries(16):
        post_autosave(client, autosave_url(draft), {"headline": "第二稿"})


def test_the_offer_adds_no_queries_to_the_change_form(client, editor, draft):
    def queries_for_change_form():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(change_url(draft)).status_code == 200
        return len(captured)

    queries_for_change_form()  # caches warmed: content types, the catalogue
    without = queries_for_change_form()
    post_autosave(client, autosave_url(draft), {"headline": "弄堂咖啡馆今天开张"})
    assert queries_for_change_form() == without
