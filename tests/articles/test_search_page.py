"""The search page: pinyin names offered beside exact results; extra filters folded away."""

import pytest

from articles.models import District, FormerDistrictName, Subdistrict
from articles.search.pinyin import pages_named, pinyin_key
from articles.views import SEARCH_QUERY_MAX_LENGTH
from tests.factories import make_article, make_program, make_reporter

pytestmark = pytest.mark.django_db


def test_pinyin_key_accepts_one_latin_word_only():
    assert pinyin_key(" Hong Kou ") == "hongkou"
    assert pinyin_key("xi'an") == "xian"
    assert pinyin_key("虹口") == ""
    assert pinyin_key("32名") == ""
    assert pinyin_key("a") == ""


def test_district_by_slug_and_with_its_qu_suffix():
    hongkou = District.objects.get(slug="hongkou")
    for query in ("hongkou", "HongKou", "hongkouqu"):
        assert [(p.label, p.url) for p in pages_named(query)] == [
            ("虹口区", hongkou.get_absolute_url())
        ]


def test_former_district_points_at_todays_district():
    former = FormerDistrictName.objects.get(slug="zhabei")
    labels = [p.label for p in pages_named("zhabei")]
    assert labels == [f"{former.name}（今{former.district.name}）"]


def test_subdistrict_leads_to_its_district():
    sub = Subdistrict.objects.filter(district__slug="hongkou").first()
    pages = pages_named(sub.slug + "jiedao")
    assert (f"虹口区{sub.name}", sub.district.get_absolute_url()) in [
        (p.label, p.url) for p in pages
    ]


def test_reporter_and_program_by_slug():
    reporter = make_reporter("袁玮")
    program = make_program("点亮上海金环")
    assert [p.url for p in pages_named(reporter.slug)] == [reporter.get_absolute_url()]
    assert program.get_absolute_url() in [p.url for p in pages_named(program.slug)]


def test_unknown_word_names_nothing():
    assert pages_named("notaplace") == []


def test_search_page_offers_the_district_for_hongkou(client):
    make_article(headline="虹口社区新闻")
    response = client.get("/search/", {"q": "hongkou"})
    assert response.status_code == 200
    assert 'href="/district/hongkou/"' in response.text
    assert "您要找的可能是" in response.text


def test_search_page_offers_nothing_for_a_chinese_query(client):
    response = client.get("/search/", {"q": "虹口"})
    assert "您要找的可能是" not in response.text


def test_more_filters_stay_folded_until_one_is_used(client):
    folded = client.get("/search/", {"q": "社区"}).text
    assert '<details class="search-more">' in folded
    opened = client.get("/search/", {"q": "社区", "district": "hongkou"}).text
    assert '<details class="search-more" open>' in opened


def test_a_query_over_100_characters_is_cut_with_a_notice(client):
    response = client.get("/search/", {"q": "食堂" + "长" * (SEARCH_QUERY_MAX_LENGTH * 3)})
    assert response.status_code == 200
    assert response.context["filter"].form.cleaned_data["q"] == (
        "食堂" + "长" * (SEARCH_QUERY_MAX_LENGTH - 2)
    )
    assert f"搜索词过长，只按前 {SEARCH_QUERY_MAX_LENGTH} 个字搜索。" in response.text


def test_a_query_of_100_characters_is_searched_whole_without_a_notice(client):
    query = "食" * SEARCH_QUERY_MAX_LENGTH
    response = client.get("/search/", {"q": query})
    assert response.context["filter"].form.cleaned_data["q"] == query
    assert "搜索词过长" not in response.text
