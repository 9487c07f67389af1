"""The loader's JSON report: a stable shape other tools read."""

from __future__ import annotations

import json
from collections.abc import Iterable

from .model import ParsedArticle, ParsedDocument, ParseWarning


def article_to_dict(a: ParsedArticle) -> dict:
    """One article in the report's shape."""
    return {
        "kicker": a.kicker,
        "headline": a.headline,
        "subheadline": list(a.subheadline),
        "type": a.type,
        "bylines": [{"name": b.name, "role": b.role, "position": b.position} for b in a.bylines],
        "blocks": [{"kind": b.kind, "text": b.text} for b in a.blocks],
        "photo_credits": list(a.photo_credits),
        "districts": list(a.districts),
        "subdistricts": list(a.subdistricts),
        "people": [{"name": p.name, "title": p.title} for p in a.people],
        "program": (
            {
                "name": a.program.name,
                "installment": a.program.installment,
                "installment_title": a.program.installment_title,
            }
            if a.program
            else None
        ),
    }


def warning_to_dict(w: ParseWarning) -> dict:
    """One parse warning as the loader stores it with the page."""
    return {"code": w.code, "message": w.message, "line": w.line, "article": w.article}


def document_to_dict(d: ParsedDocument) -> dict:
    """One page in the report's shape."""
    return {
        "source": d.source,
        "sha256": d.sha256,
        "articles": [article_to_dict(a) for a in d.articles],
    }


def report_json(documents: Iterable[ParsedDocument]) -> str:
    """The full report as JSON text."""
    payload = {"documents": [document_to_dict(d) for d in documents]}
    return json.dumps(payload, ensure_ascii=False, indent=1)
