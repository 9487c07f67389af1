"""Test data builders: plain functions, each making one thing with sensible defaults."""

import hashlib
from pathlib import Path

from articles.ingest import decode_source, parse_document
from articles.loading import SourcePage

ROOT = Path(__file__).resolve().parents[1]
SEED_PAGE = ROOT / "fixtures" / "sources" / "000_cfa3f902709d73c1.txt"
SEED_EXPECTED = ROOT / "tests" / "data" / "000_cfa3f902709d73c1.expected.json"


def seed_text() -> str:
    """The paper's seed page: three articles (news with a subdistrict, a program, commentary)."""
    return SEED_PAGE.read_text(encoding="utf-8")


def seed_variant(replacements: dict[str, str]) -> str:
    """The seed page with some text replaced, e.g. a corrected paragraph or another headline."""
    text = seed_text()
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def write_page(folder: Path, name: str, content: str | bytes) -> Path:
    """Write a page file (text as UTF-8) and return its path."""
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def source_page(
    content: str, *, name: str = "page.txt", edition_date=None, page: str = ""
) -> SourcePage:
    """A parsed page ready for the loading service, as the command builds it."""
    data = content.encode("utf-8")
    sha256 = hashlib.sha256(data).hexdigest()
    text = decode_source(data, source=name)
    return SourcePage(
        path=name,
        file_name=name,
        sha256=sha256,
        size=len(data),
        text=text,
        document=parse_document(text, source=name, sha256=sha256),
        edition_date=edition_date,
        page=page,
    )
