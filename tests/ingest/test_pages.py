"""Held-out pages parse to their expected reports under the README's comparison rules."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from articles.ingest import decode_source, document_to_dict, parse_document

PAGES = Path(__file__).parent / "data" / "pages"
EXPECTED = sorted(PAGES.glob("*.expected.json"))


def _norm(text: str | None) -> str:
    """NFKC with all whitespace removed, as pages are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _comparable(article: dict) -> dict:
    """The article reduced to what the comparison looks at."""
    return {
        "title": _norm(
            (article["kicker"] or "") + article["headline"] + "".join(article["subheadline"])
        ),
        "type": article["type"],
        "bylines": {(b["name"], b["role"] or "", b["position"]) for b in article["bylines"]},
        "blocks": [(b["kind"], _norm(b["text"])) for b in article["blocks"]],
        "photo_credits": set(article["photo_credits"]),
        "districts": set(article["districts"]),
        "subdistricts": set(article["subdistricts"]),
        "people": {(p["name"], p["title"]) for p in article["people"]},
        "program": article["program"],
    }


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_page_matches_its_expected_report(expected_path: Path):
    source = expected_path.with_name(expected_path.name.replace(".expected.json", ".txt"))
    text = decode_source(source.read_bytes(), source=source.name)
    got = document_to_dict(parse_document(text, source=source.name))
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert [_comparable(a) for a in got["articles"]] == [
        _comparable(a) for a in expected["articles"]
    ]
