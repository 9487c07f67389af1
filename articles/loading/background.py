"""Loading page files in the worker: one task per page, each page its own transaction.

`load_sources --in-background` reads and decodes each file (so a missing or undecodable file
stops the command at once) and queues its text with `page_payload`; the task parses it and saves
it through `load_documents`, as the command does inline. A page queued twice is 未变 the
second time.
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.utils import timezone

from ..ingest import SourceError, parse_document
from ..ingest.thorough import add_thorough_people
from .model import Action, LoadError, SourcePage


def page_payload(
    *, path: str, file_name: str, data: bytes, text: str, edition_date: date | None, page: str
) -> dict:
    """A page's identity, decoded text and print details, as JSON for a task's arguments."""
    return {
        "path": path,
        "file_name": file_name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "text": text,
        "edition_date": edition_date.isoformat() if edition_date else None,
        "page": page,
    }


def load_page(*, page: dict, status: str, thorough: bool) -> dict[str, int]:
    """Parse one queued page and save it in one transaction; the articles' outcomes, counted."""
    from . import load_documents  # the package imports this module's neighbours first

    try:
        document = parse_document(page["text"], source=page["file_name"], sha256=page["sha256"])
    except SourceError as exc:
        raise LoadError(page["path"], f"无法解析：{exc.message}") from exc
    if thorough:
        add_thorough_people(document)
    source = SourcePage(
        path=page["path"],
        file_name=page["file_name"],
        sha256=page["sha256"],
        size=page["size"],
        text=page["text"],
        document=document,
        edition_date=date.fromisoformat(page["edition_date"]) if page["edition_date"] else None,
        page=page["page"],
    )
    report = load_documents(pages=[source], status=status, now=timezone.now())
    return {action.value: report.count(action) for action in Action}
