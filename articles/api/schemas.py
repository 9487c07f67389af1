"""The API's shapes as ninja Schemas: what each resource shows, references kept small.

Times are given in Asia/Shanghai (+08:00), as the site shows them; URLs are absolute, built
from the request, so a client can follow them without knowing the host.
"""

import datetime
from typing import Annotated

from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator, BeforeValidator

LocalDateTime = Annotated[datetime.datetime, AfterValidator(timezone.localtime)]


def _iso_8601(kind):
    """Parse only ISO 8601 text: pydantic alone would read `0.5` as a Unix timestamp."""

    def parse(value):
        return kind.fromisoformat(value) if isinstance(value, str) else value

    return BeforeValidator(parse)


def _as_utc(moment: datetime.datetime) -> datetime.datetime:
    """UTC, reading a time without an offset as Shanghai time (as the site does everywhere).

    Databases refuse odd offsets (PostgreSQL: beyond ±15:59), and a date at the very edge of
    the calendar cannot be moved at all: those are 422s, never a database error.
    """
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment.astimezone(datetime.UTC)
    except (OverflowError, ValueError) as exc:
        raise ValueError("时间超出可以处理的范围") from exc


IsoDate = Annotated[datetime.date, _iso_8601(datetime.date)]
IsoDateTime = Annotated[datetime.datetime, _iso_8601(datetime.datetime), AfterValidator(_as_utc)]


def absolute_url(context, obj) -> str:
    """The object's public page as a full URL for the request being answered."""
    return context["request"].build_absolute_uri(obj.get_absolute_url())


class WithPublicPage(Schema):
    """A resource with its own page on the site and a count of its public articles."""

    url: str
    article_count: int

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute_url(context, obj)


class ReporterRef(Schema):
    id: int
    slug: str
    name: str


class PersonRef(Schema):
    id: int
    name: str
    disambiguation: str


class DistrictRef(Schema):
    code: str
    slug: str
    name: str
    short_name: str


class SubdistrictRef(Schema):
    code: str
    slug: str
    name: str
    kind: str
    district_code: str

    @staticmethod
    def resolve_district_code(obj) -> str:
        return obj.district.code


class ProgramRef(Schema):
    id: int
    slug: str
    name: str


class InstallmentRef(Schema):
    number: int
    label: str
    title: str


class TagRef(Schema):
    slug: str
    name: str


class BylineOut(Schema):
    reporter: ReporterRef
    role: str
    position: str


class MentionOut(Schema):
    person: PersonRef
    title: str


class RenditionOut(Schema):
    width: int
    url: str


class PhotoOut(Schema):
    id: int
    url: str
    width: int | None
    height: int | None
    caption: str
    credit: str
    alt_text: str
    renditions: list[RenditionOut]

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(obj.image.url)

    @staticmethod
    def resolve_renditions(obj, context) -> list[dict]:
        from django.core.files.storage import default_storage

        request = context["request"]
        return [
            {"width": int(width), "url": request.build_absolute_uri(default_storage.url(name))}
            for width, name in sorted((obj.renditions or {}).items(), key=lambda i: int(i[0]))
        ]


class BlockOut(Schema):
    kind: str
    text: str | None = None
    photo: int | None = None


class CorrectionOut(Schema):
    id: int
    article_id: int
    text: str
    corrected_at: LocalDateTime
