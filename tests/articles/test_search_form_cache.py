"""The search form's <select>s come from caches: no queries once warm, fresh after a change."""

import re

import pytest
from django.core.cache import cache

from articles.filters import ArticleFilter
from articles.models import Article, District
from articles.search_form import CachedOptionsSelect
from tests.factories import make_article, make_district, make_program, make_reporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    """The page cache on (it keeps the public tags), empty."""
    settings.NEWSROOM_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def _render(data=None) -> str:
    return str(ArticleFilter(data or {}, queryset=Article.objects.none()).form)


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def _selected(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)" selected>', select)


def test_rendering_the_form_again_costs_no_query(page_cache, django_assert_num_queries):
    make_article(
        districts=[make_district("hongkou")],
        reporters=[make_reporter("袁玮")],
        program=make_program("进博专题"),
        tags=["进博会"],
    )
    first = _render()
    with django_assert_num_queries(0):
        second = _render()
    assert first == second
    assert "虹口区" in _options(second, "district")
    assert "袁玮" in _options(second, "reporter")
    assert "进博专题" in _options(second, "program")
    assert "进博会" in _options(second, "tag")


def test_a_new_district_appears_at_once(page_cache):
    assert "临港新区" not in _options(_render(), "district")
    District.objects.create(code="310199", name="临港新区", short_name="临港", slug="lingang")
    assert "临港新区" in _options(_render(), "district")


def test_a_renamed_reporter_is_shown_by_the_new_name(page_cache):
    reporter = make_reporter("袁玮")
    assert "袁玮" in _options(_render(), "reporter")
    reporter.name = "袁伟"
    reporter.save()
    html = _render()
    assert "袁伟" in _options(html, "reporter")
    assert "袁玮" not in _options(html, "reporter")


def test_selected_values_are_marked_on_the_cached_options(page_cache):
    make_district("hongkou")
    make_district("xuhui")
    _render()
    assert _selected(_render({"district": "xuhui"}), "district") == ["xuhui"]
    assert _selected(_render({"district": "hongkou"}), "district") == ["hongkou"]
    assert _selected(_render(), "district") == [""]


def test_an_unknown_choice_is_rejected_without_filtering(page_cache):
    make_district("hongkou")
    filterset = ArticleFilter({"district": "atlantis"}, queryset=Article.objects.none())
    assert not filterset.form.is_valid()
    assert "district" in filterset.form.errors


def test_option_labels_are_escaped():
    widget = CachedOptionsSelect(choices=[("", "全部"), ("x", "<b>&</b>")])
    html = widget.render("reporter", "x")
    assert '<option value="x" selected>&lt;b&gt;&amp;&lt;/b&gt;</option>' in html
    assert "<b>" not in html
