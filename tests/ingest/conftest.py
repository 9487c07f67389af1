"""Shared fixtures for the ingest tests: the test gazetteer and a page parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.ingest import load_gazetteer, parse_document
from articles.ingest.gazetteer import Gazetteer
from articles.ingest.model import ParsedArticle, ParsedDocument

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer(DATA / "districts.json")


@pytest.fixture
def parse(gazetteer: Gazetteer):
    """Parse a page written in a test by the rules alone; returns the ParsedDocument.

    These small invented pages pin the rules, which read every page first and whose labels
    are the block-role model's strongest features. The shipped parser (rules, then the
    model) is held to whole pages: the seed, tests/ingest/data/pages and ../shared/pages."""

    def _parse(text: str) -> ParsedDocument:
        return parse_document(text, source="test.txt", gazetteer=gazetteer, model=None)

    return _parse


@pytest.fixture
def parse_one(parse):
    """Parse a page that holds exactly one article and return it."""

    def _parse_one(text: str) -> ParsedArticle:
        doc = parse(text)
        assert len(doc.articles) == 1, [a.headline for a in doc.articles]
        return doc.articles[0]

    return _parse_one


def page(*blocks: str, gap: int = 1) -> str:
    """Join blocks with `gap` blank lines, the way the OCR pages separate them."""
    return ("\n" * (gap + 1)).join(blocks) + "\n"
