"""The groups the migrations made are the groups `articles/groups.py` describes."""

import pytest
from django.contrib.auth.models import Group

from articles.groups import EDITORS, REPORTER_PERMISSIONS, REPORTERS, editor_permissions

pytestmark = pytest.mark.django_db


def _pairs(name: str) -> set[tuple[str, str]]:
    group = Group.objects.get(name=name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_migrated_groups_hold_exactly_the_permissions_groups_py_lists():
    # A change to the live lists needs a new migration; this test says so when one is missing.
    assert _pairs(REPORTERS) == set(REPORTER_PERMISSIONS)
    assert _pairs(EDITORS) == set(editor_permissions())
