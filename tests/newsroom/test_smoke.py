"""The site and the admin answer in Chinese."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_page_answers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in response.text


def test_admin_login_page_is_chinese(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "用户名" in response.text


def test_editor_groups_exist_after_migrate(django_user_model):
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {"记者", "编辑"} <= names
