"""The review loop: 退回修改 with a required comment, the comment thread, workflow mail."""

import datetime
import logging
import socket

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.history import article_versions
from articles.models import ArticleStatus, ArticleTransition, TransitionAction
from tests.admin_forms import form_data
from tests.factories import make_draft, make_reporter, make_user

pytestmark = pytest.mark.django_db

DESK = reverse("admin:index")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def send_back_url(article):
    return reverse("admin:articles_article_send_back", args=[article.pk])


def story_under_review():
    """A reporter (with an e-mail address and a byline) and their story, submitted."""
    author = make_user("reporter", email="wang@example.com")
    reporter = make_reporter("王小明", user=author)
    article = make_draft(headline="弄堂里的咖啡馆", created_by=author, bylines=[reporter])
    services.article_submit(article=article, user=author)
    return author, article


def test_send_back_button_is_on_the_change_form_for_editors_only(client):
    author, article = story_under_review()
    client.force_login(make_user("editor"))
    assert send_back_url(article) in client.get(change_url(article)).text
    client.force_login(author)
    assert send_back_url(article) not in client.get(change_url(article)).text


def test_send_back_needs_a_comment_and_redisplays_the_form(client):
    _, article = story_under_review()
    client.force_login(make_user("editor"))
    response = client.post(send_back_url(article), {"text": "   "})
    assert response.status_code == 200
    assert "请填写意见" in response.text
    article.refresh_from_db()
    assert article.status == ArticleStatus.REVIEW
    assert not article.editorial_comments.exists()


def test_send_back_returns_the_story_with_the_comment_on_record(client):
    author, article = story_under_review()
    editor = make_user("editor", first_name="总编")
    client.force_login(editor)
    response = client.post(send_back_url(article), {"text": "第二段数据要核实来源。"})
    assert response.status_code == 302 and response["Location"] == change_url(article)
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    comment = article.editorial_comments.get()
    assert (comment.author, comment.text) == (editor, "第二段数据要核实来源。")
    # The step is in the revision history, with who did it and the comment it carried.
    latest = article_versions(article).first().revision
    assert latest.comment == "退回修改" and latest.user == editor
    assert latest.transition.action == TransitionAction.SEND_BACK
    assert latest.transition.comment == comment


def test_reporter_sees_the_comment_on_the_desk_fixes_and_resubmits(client):
    author, article = story_under_review()
    services.article_send_back(article=article, user=make_user("editor"), comment="标题太长。")
    client.force_login(author)
    desk = client.get(DESK).text
    assert 'id="desk-sent_back"' in desk and "标题太长。" in desk
    assert "编辑意见" in client.get(change_url(article)).text

    page = client.get(change_url(article))
    data = form_data(page.text)
    data["headline"] = "咖啡馆"
    data["_submit_review"] = "保存并提交审核"
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert (article.headline, article.status) == ("咖啡馆", ArticleStatus.REVIEW)
    assert "标题太长。" not in client.get(DESK).text.split('id="desk-steps"')[0]


def test_only_stories_under_review_can_be_sent_back():
    editor = make_user("editor")
    article = make_draft()
    with pytest.raises(services.WorkflowError):
        services.article_send_back(article=article, user=editor, comment="改")


def test_comment_thread_is_shown_with_the_history(client):
    author, article = story_under_review()
    services.article_comment_add(article=article, user=author, text="已补充采访对象的说法。")
    client.force_login(make_user("editor"))
    history = client.get(reverse("admin:articles_article_history", args=[article.pk])).text
    assert "已补充采访对象的说法。" in history and "王小明" in history


def test_comments_are_escaped(client):
    author, article = story_under_review()
    services.article_comment_add(article=article, user=author, text="<script>alert(1)</script>")
    client.force_login(author)
    html = client.get(change_url(article)).text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_comment_form_redisplays_with_the_error(client):
    author, article = story_under_review()
    client.force_login(author)
    url = reverse("admin:articles_article_comments", args=[article.pk])
    response = client.post(url, {"text": "字" * 4001})
    assert response.status_code == 200 and "意见最多 4000 字" in response.text
    assert not article.editorial_comments.exists()


# Mail


def test_submit_mails_the_editors(django_capture_on_commit_callbacks, mailoutbox):
    editor = make_user("editor", email="desk@example.com")
    make_user("editor", email="")  # no address, no mail
    author = make_user("reporter", email="wang@example.com")
    article = make_draft(headline="新开的菜场", created_by=author)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=article, user=author)
    assert [m.to for m in mailoutbox] == [[editor.email]]
    assert "新开的菜场" in mailoutbox[0].subject
    assert change_url(article) in mailoutbox[0].body


def test_send_back_mails_the_reporters_the_comment(django_capture_on_commit_callbacks, mailoutbox):
    author, article = story_under_review()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_send_back(
            article=article, user=make_user("editor", email="desk@example.com"), comment="补图。"
        )
    assert [m.to for m in mailoutbox] == [["wang@example.com"]]
    assert "退回修改" in mailoutbox[0].subject and "补图。" in mailoutbox[0].body


def test_publish_mails_the_reporters(django_capture_on_commit_callbacks, mailoutbox):
    author, article = story_under_review()
    later = timezone.now() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=article, user=make_user("editor"), at=later)
    assert [m.to for m in mailoutbox] == [["wang@example.com"]]
    assert "定时发布" in mailoutbox[0].subject
    assert f"{timezone.localtime(later):%Y-%m-%d %H:%M}" in mailoutbox[0].body


def test_no_mail_when_the_step_is_refused(django_capture_on_commit_callbacks, mailoutbox):
    make_user("editor", email="desk@example.com")
    article = make_draft(status=ArticleStatus.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.WorkflowError):
        services.article_submit(article=article, user=make_user("editor"))
    assert mailoutbox == []


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_mail_server_that_is_down_costs_a_log_line_not_the_step(
    settings, django_capture_on_commit_callbacks, caplog
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": unused_port(), "timeout": 1},
        }
    }
    make_user("editor", email="desk@example.com")
    author = make_user("reporter")
    article = make_draft(created_by=author)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=article, user=author)
    article.refresh_from_db()
    assert article.status == ArticleStatus.REVIEW
    assert "workflow mail not sent" in caplog.text


def test_every_step_records_its_transition():
    editor = make_user("editor")
    author = make_user("reporter")
    article = make_draft(created_by=author)
    services.article_submit(article=article, user=author)
    services.article_send_back(article=article, user=editor, comment="再改改")
    services.article_submit(article=article, user=author)
    services.article_publish(article=article, user=editor)
    services.article_withdraw(article=article, user=editor)
    steps = ArticleTransition.objects.filter(article=article).order_by("pk")
    assert [(s.action, s.revision.user) for s in steps] == [
        ("submit", author),
        ("send_back", editor),
        ("submit", author),
        ("publish", editor),
        ("withdraw", editor),
    ]
