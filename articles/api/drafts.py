"""POST /api/v1/articles: an integration files a draft, through the same service as the admin.

Token-authenticated and rate-limited per token (`tokens.py`). Bad input is a 422 listing
each field with its message, and nothing is written; status is not a field, since the API
only ever makes drafts (an editor publishes them in the admin).
"""

from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from ninja import Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ConfigDict, Field, field_validator

from ..blocks import blocks_from_text
from ..models import ArticleKind, BylinePosition, District, Program, Subdistrict
from ..services import BylineSpec, article_create_draft
from .articles import router
from .guards import NUL_MESSAGE, contains_nul
from .schemas import IsoDate
from .tokens import WRITE_RATE, TokenAuth, TokenRateThrottle

# Where model fields appear in the request body, for 422s that name what the client sent.
FIELD_NAMES = {"subheadline": "subheadlines", "__all__": "payload"}


class Strict(Schema):
    """Unknown fields are refused, and text is stripped as the admin's forms strip it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*")
    @classmethod
    def _no_nul(cls, value):
        # PostgreSQL text cannot hold NUL; refuse it here, naming the field, not in the database.
        if contains_nul(value):
            raise ValueError(NUL_MESSAGE)
        return value


class BylineIn(Strict):
    name: Annotated[str, Field(min_length=1, max_length=40, description="署名，如“袁玮”。")]
    role: Annotated[str, Field(max_length=30, description="署名身份，如“本报记者”。")] = ""


class DraftIn(Strict):
    headline: Annotated[str, Field(min_length=1, max_length=200)]
    kicker: Annotated[str, Field(max_length=200)] = ""
    subheadlines: list[str] = []
    summary: str = ""
    body: str = Field(
        "", description="编辑格式的正文：空行分段，“## ”开头为小标题，“> ”开头为图片说明。"
    )
    kind: ArticleKind = ArticleKind.NEWS
    districts: list[str] = Field([], description="区的网址名，如 hongkou。")
    subdistricts: list[str] = Field([], description="街道/镇的区划代码。")
    tags: list[Annotated[str, Field(min_length=1, max_length=100)]] = []
    bylines: list[BylineIn] = []
    program: str | None = Field(None, description="专题的网址名。")
    print_date: IsoDate | None = None
    print_page: Annotated[str, Field(max_length=10)] = ""


class DraftOut(Schema):
    id: int
    status: str
    version: int
    admin_url: str


def _error(field: str, message: str, index: int | None = None) -> dict:
    loc = ["body", "payload", FIELD_NAMES.get(field, field)]
    return {"loc": [*loc, index] if index is not None else loc, "msg": message}


def _look_up(model, lookup: str, values: list[str], field: str, label: str):
    """The rows these keys name, in order; every unknown key becomes an error naming it."""
    found = model.objects.in_bulk(values, field_name=lookup)
    errors = [
        _error(field, f"未知的{label}：{value}", index)
        for index, value in enumerate(values)
        if value not in found
    ]
    return [found[value] for value in values if value in found], errors


# On the articles router: one path is one URL pattern, so GET and POST must share a router.
@router.post(
    "/articles",
    response={201: DraftOut},
    url_name="draft-create",
    auth=TokenAuth(),
    throttle=TokenRateThrottle(WRITE_RATE),
    tags=["write"],
)
def create_draft(request, payload: DraftIn):
    """File a new draft; it appears in the admin for editors, never on the site until published."""
    districts, errors = _look_up(District, "slug", payload.districts, "districts", "区")
    subdistricts, more = _look_up(
        Subdistrict, "code", payload.subdistricts, "subdistricts", "街道/镇"
    )
    errors += more
    program = None
    if payload.program:
        program = Program.objects.filter(slug=payload.program).first()
        if program is None:
            errors.append(_error("program", f"未知的专题：{payload.program}"))
    if errors:
        raise NinjaValidationError(errors)
    fields = payload.dict(include={"headline", "kicker", "summary", "kind", "print_date"})
    fields |= {
        "subheadline": payload.subheadlines,
        "body": blocks_from_text(payload.body),
        "print_page": payload.print_page,
        "program": program,
    }
    bylines = [
        BylineSpec(name=b.name, role=b.role, position=BylinePosition.UNDER_HEADLINE)
        for b in payload.bylines
    ]
    try:
        article = article_create_draft(
            user=request.user,
            fields=fields,
            bylines=bylines,
            districts=districts,
            subdistricts=subdistricts,
            tags=payload.tags,
        )
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    except DjangoValidationError as exc:
        raise NinjaValidationError(
            [_error(f, m) for f, messages in exc.message_dict.items() for m in messages]
        ) from exc
    admin_url = request.build_absolute_uri(
        reverse("admin:articles_article_change", args=[article.pk])
    )
    return Status(
        201,
        {
            "id": article.pk,
            "status": article.status,
            "version": article.version,
            "admin_url": admin_url,
        },
    )
