"""Article model behaviour the admin relies on: scheduling, visibility, editable sets."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleStatus
from tests.factories import make_draft, make_reporter, make_user

pytestmark = pytest.mark.django_db


def test_scheduled_article_is_hidden_until_its_time(client):
    later = timezone.now() + timedelta(hours=2)
    article = make_draft(status=ArticleStatus.REVIEW, headline="定时稿件")
    services.article_publish(article=article, user=make_user("editor"), at=later)
    article.refresh_from_db()
    assert article.is_scheduled
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "定时稿件" not in client.get("/").text

    assert Article.objects.published(at=later + timedelta(seconds=1)).filter(pk=article.pk)
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    article.refresh_from_db()
    assert article.is_public
    assert client.get(article.get_absolute_url()).status_code == 200


def test_editable_by_gives_reporters_only_their_unpublished_work():
    user = make_user("reporter")
    created = make_draft(created_by=user)
    bylined = make_draft(bylines=[make_reporter(user=user)])
    make_draft(created_by=user, status=ArticleStatus.PUBLISHED)
    make_draft(created_by=make_user("reporter"))
    assert set(Article.objects.editable_by(user)) == {created, bylined}


def test_editable_by_gives_editors_everything():
    make_draft(status=ArticleStatus.PUBLISHED)
    make_draft()
    assert Article.objects.editable_by(make_user("editor")).count() == 2


def test_can_edit_refuses_inactive_or_non_staff_users():
    user = make_user("reporter")
    article = make_draft(created_by=user)
    assert services.can_edit(user, article)
    user.is_staff = False
    assert not services.can_edit(user, article)


def test_version_check_refuses_an_older_version():
    article = make_draft()
    services.article_submit(article=article, user=None)
    with pytest.raises(services.StaleArticleError):
        services.article_check_version(article=article, version=1)
    services.article_check_version(article=article, version=2)


def test_full_title_joins_kicker_headline_and_subheadlines():
    article = make_draft(kicker="引题", headline="主题", subheadline=["副题"])
    assert article.full_title == "引题 主题 副题"
