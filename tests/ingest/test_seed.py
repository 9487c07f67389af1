"""The seed page parses to its expected result, field for field."""

from __future__ import annotations

import hashlib
import json

import pytest

from articles.ingest import decode_source, document_to_dict, parse_document

from .conftest import REPO

SEED = REPO / "fixtures" / "sources" / "000_cfa3f902709d73c1.txt"
EXPECTED = REPO / "tests" / "data" / "000_cfa3f902709d73c1.expected.json"


@pytest.fixture(scope="module")
def result(gazetteer):
    data = SEED.read_bytes()
    text = decode_source(data, source=SEED.name)
    doc = parse_document(
        text, source=SEED.name, sha256=hashlib.sha256(data).hexdigest(), gazetteer=gazetteer
    )
    return doc, document_to_dict(doc), json.loads(EXPECTED.read_text(encoding="utf-8"))


def _articles(result):
    _doc, got, expected = result
    assert len(got["articles"]) == len(expected["articles"])
    return list(zip(got["articles"], expected["articles"], strict=True))


def test_seed_finds_every_article(result):
    _doc, got, expected = result
    assert got["source"] == expected["source"]
    assert [a["headline"] for a in got["articles"]] == [a["headline"] for a in expected["articles"]]


@pytest.mark.parametrize("field", ["kicker", "headline", "subheadline", "type", "program"])
def test_seed_titles_type_and_program_match_exactly(result, field):
    for got, expected in _articles(result):
        assert got[field] == expected[field]


def test_seed_bylines_match_exactly(result):
    for got, expected in _articles(result):
        assert got["bylines"] == expected["bylines"]


def test_seed_blocks_match_kind_order_and_text(result):
    for got, expected in _articles(result):
        assert [b["kind"] for b in got["blocks"]] == [b["kind"] for b in expected["blocks"]]
        for got_block, expected_block in zip(got["blocks"], expected["blocks"], strict=True):
            assert got_block["text"] == expected_block["text"]


@pytest.mark.parametrize("field", ["districts", "subdistricts", "photo_credits"])
def test_seed_places_and_credits_match_as_sets(result, field):
    for got, expected in _articles(result):
        assert set(got[field]) == set(expected[field])


def test_seed_people_match_as_sets_with_titles(result):
    for got, expected in _articles(result):
        as_set = {(p["name"], p["title"]) for p in got["people"]}
        assert as_set == {(p["name"], p["title"]) for p in expected["people"]}


def test_seed_keeps_raw_text_and_first_line_of_each_article(result):
    doc, _got, _expected = result
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert [a.first_line for a in doc.articles] == [5, 41, 53]
    for article in doc.articles:
        assert article.raw_text.split("\n")[0] == lines[article.first_line - 1]
        assert article.raw_text in SEED.read_text(encoding="utf-8")
    assert doc.articles[0].raw_text.endswith("本报记者 袁玮")
    assert [a.position for a in doc.articles] == [0, 1, 2]
