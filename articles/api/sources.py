"""POST /api/v1/sources: upload an OCR'd page, loaded by the same parser and loader as
`manage.py load_sources`, in one transaction; new articles arrive as drafts.

Loading pages is the desk's work, so the token's user needs the editors' publish right.
A page that cannot be read or parsed is a 422 naming the file, line and what to do.
"""

import hashlib
from typing import Annotated

from django.utils import timezone
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from ..ingest import SourceError, decode_source, parse_document
from ..loading import ACTION_LABELS, Action, LoadError, SourcePage, load_documents
from ..management.commands.load_sources import page_label, source_error_message
from ..models import ArticleStatus
from .schemas import IsoDate
from .tokens import WRITE_RATE, TokenAuth, TokenRateThrottle

router = Router(tags=["write"], auth=TokenAuth(), throttle=TokenRateThrottle(WRITE_RATE))

MAX_PAGE_BYTES = 2 * 1024 * 1024  # A page of OCR text is tens of kilobytes.


class OutcomeOut(Schema):
    position: int
    headline: str
    action: str
    action_label: str
    reason: str


class LoadOut(Schema):
    file_name: str
    created: int
    updated: int
    unchanged: int
    skipped: int
    outcomes: list[OutcomeOut]


def _refuse(field: str, message: str):
    return NinjaValidationError([{"loc": ["form", field], "msg": message}])


def _read_page(upload, *, edition_date, page) -> SourcePage:
    """Decode and parse the upload, as the command does for a file on disk."""
    if upload.size > MAX_PAGE_BYTES:
        raise _refuse("file", f"{upload.name}：文件过大（超过 2 MB），版面文本不应这么大。")
    data = upload.read()
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        text = decode_source(data, source=upload.name)
        document = parse_document(text, source=upload.name, sha256=sha256)
    except SourceError as exc:
        raise _refuse("file", source_error_message(upload.name, exc)) from None
    return SourcePage(
        path=upload.name,
        file_name=upload.name,
        sha256=sha256,
        size=len(data),
        text=text,
        document=document,
        edition_date=edition_date,
        page=page,
    )


@router.post("/sources", response={201: LoadOut}, url_name="source-upload")
def upload_source(
    request,
    file: File[UploadedFile],
    edition_date: Form[IsoDate | None] = None,
    page: Annotated[str, Form()] = "",
):
    """Load one OCR'd page file; its new articles become drafts for editors to check."""
    if not request.user.has_perm("articles.publish_article"):
        raise HttpError(403, "只有编辑的令牌可以上传版面。")
    try:
        page = page_label(page) if page else ""
    except ValueError as exc:
        raise _refuse("page", str(exc)) from None
    source = _read_page(file, edition_date=edition_date, page=page)
    try:
        report = load_documents(pages=[source], status=ArticleStatus.DRAFT, now=timezone.now())
    except LoadError as exc:
        raise _refuse("file", f"{exc.path}：保存失败：{exc.message}。没有写入任何内容。") from exc
    return Status(
        201,
        {
            "file_name": source.file_name,
            **{action.value: report.count(action) for action in Action},
            "outcomes": [
                {
                    "position": o.position,
                    "headline": o.headline,
                    "action": o.action.value,
                    "action_label": ACTION_LABELS[o.action],
                    "reason": o.reason or "",
                }
                for o in report.outcomes
            ],
        },
    )
