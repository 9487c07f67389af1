"""The JSON report keeps its exact shape; the gazetteer loader checks its file."""

from __future__ import annotations

import json

import pytest

from articles.ingest import SourceError, document_to_dict, load_gazetteer, report_json
from articles.ingest.gazetteer import DEFAULT_PATH

from .conftest import DATA, REPO, page

ARTICLE_KEYS = [
    "kicker", "headline", "subheadline", "type", "bylines", "blocks",
    "photo_credits", "districts", "subdistricts", "people", "program",
]  # fmt: skip


def test_document_dict_has_exactly_the_report_keys(parse):
    doc = parse(page("社区食堂开张", "本报讯(记者 张伟)虹口区的食堂开张了。"))
    as_dict = document_to_dict(doc)
    assert list(as_dict) == ["source", "sha256", "articles"]
    article = as_dict["articles"][0]
    assert list(article) == ARTICLE_KEYS
    assert article["bylines"] == [{"name": "张伟", "role": "记者", "position": "under_headline"}]
    assert article["blocks"][0]["kind"] == "paragraph"
    assert article["program"] is None


def test_report_json_wraps_documents_and_keeps_chinese_readable(parse):
    doc = parse(page("社区食堂开张", "食堂开张了。"))
    text = report_json([doc])
    assert "社区食堂开张" in text
    assert json.loads(text)["documents"][0]["articles"][0]["headline"] == "社区食堂开张"
    assert text.startswith('{\n "documents"')


def test_test_gazetteer_has_the_16_districts_and_historical_names(gazetteer):
    assert len(gazetteer.districts) == 16
    assert {h.short_name: h.current_name for h in gazetteer.historical} == {
        "闸北": "静安区",
        "卢湾": "黄浦区",
        "南汇": "浦东新区",
    }
    jiaxing = next(s for s in gazetteer.subdistricts if s.name == "嘉兴路街道")
    assert (jiaxing.district_code, jiaxing.kind) == ("310109", "街道")


def test_missing_gazetteer_file_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match="找不到地名表文件"):
        load_gazetteer(tmp_path / "none.json")


def test_malformed_gazetteer_is_a_source_error_naming_the_problem(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"districts": [{"code": "1"}]}', encoding="utf-8")
    with pytest.raises(SourceError, match="name"):
        load_gazetteer(bad)
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(SourceError, match="JSON"):
        load_gazetteer(bad)


def test_default_gazetteer_lives_in_the_repository_fixtures():
    assert DEFAULT_PATH == REPO / "fixtures" / "districts.json"
    assert (DATA / "districts.json").exists()
