"""Presence on the change form: heartbeats, their lapse, the takeover and its audit entry."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from articles import services
from articles.desk import desk_sections
from articles.history import article_versions
from articles.models import Article, ArticlePresence, ArticleStatus, TransitionAction
from tests.admin_forms import form_data
from tests.factories import make_draft, make_reporter, make_user

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 3, 2, 6, 0, tzinfo=datetime.UTC)  # 14:00 in Shanghai


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def heartbeat_url(article):
    return reverse("admin:articles_article_presence", args=[article.pk])


def take_over_url(article):
    return reverse("admin:articles_article_take_over", args=[article.pk])


def editor(name: str):
    """An editor whose byline name is `name` (what presence calls them)."""
    user = make_user("editor")
    make_reporter(name, user=user)
    return user


def beat(client, article) -> dict:
    response = client.post(heartbeat_url(article))
    assert response.status_code == 200
    return response.json()


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def story():
    return make_draft(headline="苏州河畔的新绿道")


def test_opening_the_form_shows_who_else_has_it_open(story):
    zhang, li = editor("张三"), editor("李四")
    as_user(zhang).get(change_url(story))
    page = as_user(li).get(change_url(story)).text
    assert "张三 正在编辑 (刚刚)" in page
    assert 'id="article-presence"' in page
    assert take_over_url(story) in page


def test_alone_on_the_form_there_is_no_notice_and_no_takeover_button(client, story):
    client.force_login(editor("张三"))
    page = client.get(change_url(story)).text
    assert "正在编辑" not in page
    assert re.search(r'<section id="article-presence"[^>]*\shidden>', page)
    assert beat(client, story) == {
        "editing": [],
        "taken_over": "",
        "can_take_over": False,
        "may_take_over": True,
    }


def test_heartbeat_names_the_others_with_how_long_they_have_had_it_open(story):
    zhang, li = as_user(editor("张三")), as_user(editor("李四"))
    with freeze_time(T0):
        beat(zhang, story)
    with freeze_time(T0 + datetime.timedelta(seconds=90)):
        beat(zhang, story)
    with freeze_time(T0 + datetime.timedelta(seconds=150)):
        notice = beat(li, story)
    assert notice["editing"] == ["张三 正在编辑 (2\xa0分钟前)"]
    assert notice["can_take_over"] is True


def test_presence_lapses_two_minutes_after_the_last_heartbeat(story):
    zhang, li = as_user(editor("张三")), as_user(editor("李四"))
    with freeze_time(T0):
        beat(zhang, story)
    with freeze_time(T0 + datetime.timedelta(seconds=119)):
        assert beat(li, story)["editing"] == ["张三 正在编辑 (1\xa0分钟前)"]
    with freeze_time(T0 + datetime.timedelta(seconds=121)):
        assert beat(li, story)["editing"] == []
    # The silent row is gone, so the table holds only open forms.
    assert list(ArticlePresence.objects.values_list("user__reporter__name", flat=True)) == ["李四"]


def test_repeated_heartbeats_keep_one_row_and_the_time_it_was_opened(story):
    user = editor("张三")
    with freeze_time(T0):
        services.presence_beat(article=story, user=user)
    with freeze_time(T0 + datetime.timedelta(seconds=30)):
        services.presence_beat(article=story, user=user)
    row = ArticlePresence.objects.get()
    assert (row.opened_at, row.seen_at) == (T0, T0 + datetime.timedelta(seconds=30))


def test_heartbeat_and_takeover_answer_only_post(client, story):
    client.force_login(editor("张三"))
    assert client.get(heartbeat_url(story)).status_code == 405
    assert client.get(take_over_url(story)).status_code == 405


def test_heartbeat_needs_the_csrf_token(story):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor("张三"))
    page = client.get(change_url(story))
    assert client.post(heartbeat_url(story)).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    assert client.post(heartbeat_url(story), headers={"X-CSRFToken": token}).status_code == 200


def test_a_reporter_gets_no_presence_for_a_colleagues_draft(client, story):
    services.presence_beat(article=story, user=editor("张三"))
    client.force_login(make_user("reporter"))
    assert client.post(heartbeat_url(story)).status_code == 404


def test_reading_a_form_one_may_not_edit_does_not_count_as_editing(client):
    article = make_draft(status=ArticleStatus.PUBLISHED)
    reporter = make_user("reporter")
    client.force_login(reporter)
    assert client.get(change_url(article)).status_code == 200
    assert beat(client, article)["editing"] == []
    assert not ArticlePresence.objects.filter(user=reporter).exists()


def test_take_over_tells_the_other_editor_on_their_next_heartbeat(story):
    zhang, wang = as_user(editor("张三")), as_user(editor("王五"))
    with freeze_time(T0):
        beat(zhang, story)
        response = wang.post(take_over_url(story), follow=True)
    assert "已接手编辑；张三 的页面会显示。" in response.text
    with freeze_time(T0 + datetime.timedelta(seconds=15)):
        notice = beat(zhang, story)
        page = zhang.get(change_url(story)).text
        theirs = beat(wang, story)
    assert notice["taken_over"].startswith("王五 已接手编辑 (14:00)。")
    # Zhang may take it back: Wang now holds it.
    assert notice["editing"] == ["王五 正在编辑 (刚刚)"]
    assert notice["can_take_over"] is True
    assert "王五 已接手编辑 (14:00)" in page
    assert theirs == {
        "editing": ["张三 仍开着这篇稿件（已由 王五 接手）"],
        "taken_over": "",
        "can_take_over": False,
        "may_take_over": True,
    }


def test_taking_it_back_clears_the_notice_and_marks_the_other(story):
    zhang, wang = editor("张三"), editor("王五")
    services.presence_beat(article=story, user=zhang)
    services.article_take_over(article=story, user=wang)
    assert services.article_take_over(article=story, user=zhang) == ["王五"]
    assert beat(as_user(zhang), story)["taken_over"] == ""
    assert beat(as_user(wang), story)["taken_over"].startswith("张三 已接手编辑")


def test_take_over_is_a_revision_in_the_audit_trail(client, story):
    zhang, wang = editor("张三"), editor("王五")
    services.presence_beat(article=story, user=zhang)
    client.force_login(wang)
    client.post(take_over_url(story))
    step = story.transitions.get()
    assert step.action == TransitionAction.TAKE_OVER
    assert step.revision.user == wang
    assert step.revision.get_comment() == "从 张三 接手编辑"
    assert article_versions(story).first().revision == step.revision
    history = client.get(reverse("admin:articles_article_history", args=[story.pk])).text
    assert "从 张三 接手编辑" in history
    steps = next(s for s in desk_sections(wang) if s.key == "steps")
    assert [(row.who, row.label) for row in steps.rows] == [("王五", "接手编辑")]


def test_take_over_moves_no_version_and_no_status(story):
    services.presence_beat(article=story, user=editor("张三"))
    before = Article.objects.values_list("version", "status").get(pk=story.pk)
    services.article_take_over(article=story, user=editor("王五"))
    assert Article.objects.values_list("version", "status").get(pk=story.pk) == before


def test_a_takeover_does_not_hide_a_send_back_from_the_reporters_desk():
    author = make_user("reporter")
    article = make_draft(created_by=author, bylines=[make_reporter("赵记者", user=author)])
    services.article_submit(article=article, user=author)
    services.article_send_back(article=article, user=editor("张三"), comment="请补充数据来源。")
    services.presence_beat(article=article, user=author)
    services.article_take_over(article=article, user=editor("王五"))
    sections = {section.key: section for section in desk_sections(author)}
    assert [row.note for row in sections["sent_back"].rows] == ["请补充数据来源。"]
    assert sections["drafts"].rows == []


def test_take_over_with_nobody_else_there_records_nothing(client, story):
    client.force_login(editor("王五"))
    response = client.post(take_over_url(story), follow=True)
    assert "现在没有其他人在编辑这篇稿件，无需接手。" in response.text
    assert not story.transitions.exists()


def test_pressing_take_over_twice_records_it_once(story):
    services.presence_beat(article=story, user=editor("张三"))
    wang = editor("王五")
    assert services.article_take_over(article=story, user=wang) == ["张三"]
    assert services.article_take_over(article=story, user=wang) == []
    assert story.transitions.count() == 1


def test_a_reporter_may_not_take_over_even_their_own_story(client):
    author = make_user("reporter")
    article = make_draft(created_by=author, bylines=[make_reporter("赵记者", user=author)])
    services.presence_beat(article=article, user=editor("张三"))
    client.force_login(author)
    notice = beat(client, article)
    assert notice["editing"] == ["张三 正在编辑 (刚刚)"]
    assert notice["can_take_over"] is False
    assert take_over_url(article) not in client.get(change_url(article)).text
    assert client.post(take_over_url(article)).status_code == 403
    assert not article.transitions.exists()
    assert not ArticlePresence.objects.filter(taken_over_by=author).exists()


def test_the_stale_save_is_still_refused_after_a_takeover(story):
    zhang, wang = as_user(editor("张三")), as_user(editor("王五"))
    stale = form_data(zhang.get(change_url(story)).text)
    wang.post(take_over_url(story))
    fresh = form_data(wang.get(change_url(story)).text)
    wang.post(change_url(story), {**fresh, "headline": "王五改的标题"})
    response = zhang.post(change_url(story), {**stale, "headline": "张三改的标题"})
    assert response.status_code == 200  # the form again, with the refusal
    assert Article.objects.get(pk=story.pk).headline == "王五改的标题"


@pytest.mark.parametrize("others", [1, 6])
def test_heartbeat_queries_do_not_grow_with_the_people_present(
    story, django_assert_num_queries, others
):
    for i in range(others):
        services.presence_beat(article=story, user=editor(f"编辑{i}"))
    client = as_user(editor("王五"))
    beat(client, story)
    # Session, user and second-factor device; the two permission reads; the article and the
    # edit rule; the stale-row delete, this user's update, who is there; the session's sliding
    # expiry (a savepoint, the update, its release).
    with django_assert_num_queries(13):
        notice = beat(client, story)
    assert len(notice["editing"]) == others


def change_form_queries(client, article) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(change_url(article)).status_code == 200
    return len(queries)


def test_the_change_forms_presence_costs_the_same_however_many_are_there(story):
    client = as_user(editor("王五"))
    services.presence_beat(article=story, user=editor("张三"))
    change_form_queries(client, story)  # the first visit inserts its row, caches content types
    one = change_form_queries(client, story)
    for i in range(5):
        services.presence_beat(article=story, user=editor(f"编辑{i}"))
    assert change_form_queries(client, story) == one
