"""Pure-Python parsing of OCR'd newspaper pages into structured articles (no Django)."""

from .errors import SourceError
from .gazetteer import default_gazetteer, load_gazetteer
from .parse import parse_document
from .report import document_to_dict, report_json, warning_to_dict
from .text import decode_source

__all__ = [
    "SourceError",
    "decode_source",
    "default_gazetteer",
    "document_to_dict",
    "load_gazetteer",
    "parse_document",
    "report_json",
    "warning_to_dict",
]
