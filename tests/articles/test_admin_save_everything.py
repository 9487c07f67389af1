"""The save-everything sweep: every admin change form saved twice, then every status button.

Saving a form a second time is what broke with a photo on the article (the stored image was
re-read through a closed file); so every form goes round twice, with every inline filled.
"""

import pytest
from django.urls import reverse

from articles.history import article_versions
from articles.models import (
    Article,
    ArticleStatus,
    LoaderRun,
    Photo,
    PreviewShare,
    SourceDocument,
    TaskRun,
)
from tests.admin_forms import form_data
from tests.factories import image_upload, make_draft, make_person, make_reporter, make_user

from .test_admin import OUR_ADMINS, one_of_each

pytestmark = pytest.mark.django_db


def _change_url(model_admin, obj) -> str:
    info = (model_admin.opts.app_label, model_admin.opts.model_name)
    return reverse("admin:{}_{}_change".format(*info), args=[obj.pk])


@pytest.mark.parametrize("model_admin", OUR_ADMINS, ids=lambda ma: ma.opts.label)
@pytest.mark.usefixtures("db_tasks")  # the task run is a row of the database backend
def test_every_admin_change_form_saves_twice_unchanged(client, model_admin):
    one_of_each()
    client.force_login(make_user("superuser"))
    obj = model_admin.model._default_manager.first()
    url = _change_url(model_admin, obj)
    for _ in range(2):
        page = client.get(url)
        assert page.status_code == 200
        response = client.post(url, form_data(page.text, f"{model_admin.opts.model_name}_form"))
        if model_admin.model in (SourceDocument, LoaderRun, TaskRun, PreviewShare):
            # Print records, runs and shared preview links are read-only.
            assert response.status_code == 403
        else:
            assert response.status_code == 302, (response.status_code, response.content[:300])


def _fill_every_inline(data: dict, *, reporter, person) -> dict:
    data.update(
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": image_upload(size=(1200, 800)),
            "photos-0-caption": "修缮后的老房子",
            "photos-0-credit": "张三",
            "photos-0-alt_text": "石库门",
            "photos-0-order": "0",
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-text": "原文人名有误，已更正。",
            "corrections-0-corrected_at_0": "2022-11-22",
            "corrections-0-corrected_at_1": "08:00:00",
            "bylines-TOTAL_FORMS": "1",
            "bylines-0-reporter": str(reporter.pk),
            "bylines-0-role": "本报记者",
            "bylines-0-position": "end",
            "bylines-0-order": "0",
            "mentions-TOTAL_FORMS": "1",
            "mentions-0-person": str(person.pk),
            "mentions-0-title": "居委会主任",
            "mentions-0-order": "0",
            "tags": "老城区, 旧改",
        }
    )
    return data


def test_article_with_every_inline_saves_twice_then_through_each_button(client):
    article = make_draft(headline="老房子修缮")
    reporter, person = make_reporter("袁玮"), make_person("王建国")
    client.force_login(make_user("editor"))
    url = reverse("admin:articles_article_change", args=[article.pk])

    data = _fill_every_inline(form_data(client.get(url).text), reporter=reporter, person=person)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    data = form_data(client.get(url).text)
    data["headline"] = "老房子修缮完成"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]

    for button, status in [
        ("_submit_review", ArticleStatus.REVIEW),
        ("_publish", ArticleStatus.PUBLISHED),
        ("_withdraw", ArticleStatus.WITHDRAWN),
    ]:
        data = form_data(client.get(url).text)
        data[button] = "按钮"
        response = client.post(url, data)
        assert response.status_code == 302, response.context["errors"]
        assert Article.objects.get(pk=article.pk).status == status

    article = Article.objects.get(pk=article.pk)
    assert article.headline == "老房子修缮完成"
    assert Photo.objects.get(article=article).caption == "修缮后的老房子"
    assert [c.text for c in article.corrections.all()] == ["原文人名有误，已更正。"]
    assert [(b.reporter.name, b.role) for b in article.bylines.all()] == [("袁玮", "本报记者")]
    assert [(m.person.name, m.title) for m in article.mentions.all()] == [("王建国", "居委会主任")]
    assert sorted(article.tags.names()) == ["旧改", "老城区"]
    comments = [v.revision.comment for v in article_versions(article)]
    # A button saves the form, then moves the status on: two writes, two revisions.
    assert comments == [
        "撤回",
        "编辑保存",
        "发布",
        "编辑保存",
        "提交审核",
        "编辑保存",
        "编辑保存",
        "编辑保存",
        "修改前的版本",
    ]
    assert article.version == 1 + 2 + 3 * 2
