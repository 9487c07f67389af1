"""Oversized requests are refused before Django parses or reads them."""

import re
from pathlib import Path

import pytest
from django.conf import settings as project_settings
from django.test import RequestFactory

from newsroom.request_bounds import RequestBoundsMiddleware

ROOT = Path(__file__).resolve().parents[2]


def never_reached(request):
    raise AssertionError("the view ran for a refused request")


def refuse(request):
    return RequestBoundsMiddleware(never_reached)(request)


def test_a_huge_query_string_is_refused_with_414_before_parsing():
    request = RequestFactory().get("/search/", QUERY_STRING="q=" + "x" * 10_000_000)
    response = refuse(request)
    assert response.status_code == 414
    assert "请求地址过长" in response.text
    # Nothing parsed it: the QueryDict is built lazily, on first access to request.GET.
    assert "GET" not in request.__dict__


def test_more_query_fields_than_allowed_is_refused_with_400(settings):
    settings.MAX_QUERY_STRING_BYTES = 100_000
    fields = "&".join(f"a{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = refuse(RequestFactory().get("/search/", QUERY_STRING=fields))
    assert response.status_code == 400
    assert "请求参数过多" in response.text


def test_a_body_declared_over_the_limit_is_refused_with_413_unread(settings):
    settings.MAX_REQUEST_BYTES = 1024
    request = RequestFactory().post(
        "/admin/login/", data=b"x" * 10, content_type="application/octet-stream"
    )
    request.META["CONTENT_LENGTH"] = str(1025)
    response = refuse(request)
    assert response.status_code == 413
    assert response["Connection"] == "close"
    assert request._stream.read() == b"x" * 10  # the body was never read


def test_a_nonsense_content_length_is_a_400():
    request = RequestFactory().post("/admin/login/", data=b"", content_type="text/plain")
    request.META["CONTENT_LENGTH"] = "lots"
    assert refuse(request).status_code == 400


@pytest.mark.django_db
def test_requests_within_the_bounds_reach_the_view(client):
    query = "&".join(f"a{n}=1" for n in range(50))
    assert client.get(f"/search/?{query}").status_code == 200


@pytest.mark.django_db
def test_the_middleware_is_installed_and_answers_through_the_whole_stack(client):
    assert client.get("/search/?q=" + "x" * 5000).status_code == 414


def test_django_and_caddy_share_the_request_size_limit():
    caddy = (ROOT / "deploy" / "Caddyfile").read_text()
    sizes = re.findall(r"request_body\s*\{\s*max_size\s+(\d+)MB", caddy)
    assert sizes == [str(project_settings.MAX_REQUEST_BYTES // (1024 * 1024))]
    assert project_settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= project_settings.MAX_REQUEST_BYTES
    assert project_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000
