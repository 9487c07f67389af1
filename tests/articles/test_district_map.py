"""The district map: 16 linked shapes, shaded by public articles in the chosen window."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.utils import timezone

from articles import district_map
from articles.models import ArticleStatus, District
from tests.factories import make_article, make_district, make_subdistrict

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "districts.json"
SHAPE = re.compile(
    r'<a href="([^"]+)" aria-label="([^"]+)"[^>]*><title>([^<]+)</title>'
    r'<path d="[^"]+" fill="(#[0-9a-f]{6})"'
)


def shapes(response) -> dict[str, tuple[str, str, str]]:
    """{district URL: (aria-label, title, fill)} for every shape on the page's map."""
    html = response.content.decode()
    return {url: (label, title, fill) for url, label, title, fill in SHAPE.findall(html)}


def test_shape_file_covers_every_district_of_the_gazetteer():
    codes = {d["code"] for d in json.loads(FIXTURE.read_text())["districts"]}
    assert set(district_map.map_geometry().paths) == codes


def test_map_geometry_is_read_once_and_cached():
    district_map.map_geometry.cache_clear()
    district_map.map_geometry()
    district_map.map_geometry()
    assert district_map.map_geometry.cache_info().misses == 1


def test_home_map_has_16_paths_each_linking_to_a_district_page_that_answers(client):
    response = client.get("/")
    found = shapes(response)
    assert response.content.decode().count("<path ") == 16
    assert len(found) == 16
    for url in found:
        assert client.get(url).status_code == 200


def test_shape_has_name_and_count_in_title_and_aria_label(client):
    hongkou = make_district("hongkou")
    make_article(districts=[hongkou])
    label, title, _ = shapes(client.get("/"))[hongkou.get_absolute_url()]
    assert label == title == "虹口区：1 篇稿件"


def test_shading_changes_when_an_article_is_published_and_ignores_draft_and_withdrawn(client):
    hongkou = make_district("hongkou")
    url = hongkou.get_absolute_url()
    before = shapes(client.get("/"))[url][2]
    make_article(districts=[hongkou], status=ArticleStatus.DRAFT)
    make_article(districts=[hongkou], status=ArticleStatus.WITHDRAWN)
    make_article(districts=[hongkou], published_at=timezone.now() + datetime.timedelta(days=1))
    assert shapes(client.get("/"))[url][2] == before == district_map.SHADES[0]
    make_article(districts=[hongkou])
    after = shapes(client.get("/"))[url]
    assert after[2] == district_map.SHADES[1]
    assert after[0] == "虹口区：1 篇稿件"


def test_window_counts_only_articles_published_inside_it(client):
    hongkou = make_district("hongkou")
    make_article(districts=[hongkou], published_at=timezone.now() - datetime.timedelta(days=400))
    url = hongkou.get_absolute_url()
    assert shapes(client.get("/?window=all"))[url][0] == "虹口区：1 篇稿件"
    assert shapes(client.get("/?window=30d"))[url][0] == "虹口区：0 篇稿件"
    assert shapes(client.get("/?window=year"))[url][0] == "虹口区：0 篇稿件"


def test_class_breaks_put_the_highest_count_in_the_darkest_shade():
    breaks = district_map.class_breaks(40)
    assert district_map.shade_for(40, breaks) == district_map.SHADES[-1]
    assert district_map.shade_for(1, breaks) == district_map.SHADES[1]
    assert district_map.shade_for(0, breaks) == district_map.SHADES[0]
    assert district_map.class_breaks(0) == []


def test_legend_lists_every_shade_in_use(client):
    for n in range(8):
        make_article(districts=[make_district("hongkou")], headline=f"稿件{n}")
    html = client.get("/").content.decode()
    assert 'aria-label="图例：全部稿件数"' in html
    for label in ("0 篇", "1–2 篇", "7–8 篇"):
        assert f"</svg>{label}</li>" in html


def test_district_page_highlights_its_own_shape_beside_its_subdistricts(client):
    hongkou = make_district("hongkou")
    make_subdistrict(district=hongkou)
    html = client.get(hongkou.get_absolute_url()).content.decode()
    current = re.findall(r'<a href="([^"]+)"[^>]*aria-current="page"', html)
    assert current == [hongkou.get_absolute_url()]
    assert html.count('class="district-shape is-current"') == 1
    assert "嘉兴路街道" in html


def test_district_index_shows_the_map_and_every_district_with_its_subdistricts(client):
    hongkou = make_district("hongkou")
    make_subdistrict(district=hongkou)
    response = client.get("/districts/")
    assert response.status_code == 200
    assert len(shapes(response)) == 16
    html = response.content.decode()
    assert "嘉兴路街道" in html
    assert html.count('<li>\n        <h3><a href="/district/') == District.objects.count()


def test_map_makes_no_external_requests(client):
    html = client.get("/districts/").content.decode()
    svg = html[html.index("<svg viewBox") : html.index("</figure>")]
    assert "http" not in svg
