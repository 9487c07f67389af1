"""Keyset paging: a cursor names the last item seen, so page 500 costs what page 1 does.

Lists are ordered newest first by (published_at, pk); the cursor is that pair of the page's
last article, URL-safe base64 so clients treat it as opaque. An offset would make the
database count past every earlier row.
"""

import base64
import binascii
import datetime
import json

from django.db.models import Q
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


def encode_cursor(article) -> str:
    payload = json.dumps([article.published_at.isoformat(), article.pk])
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime.datetime, int]:
    """The (published_at, pk) a cursor names; a 400 naming the parameter if it is not ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        moment, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        published_at = datetime.datetime.fromisoformat(moment)
        if published_at.tzinfo is None or not isinstance(pk, int):
            raise ValueError(cursor)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise HttpError(400, "cursor 参数无效：请使用上一页返回的 next_cursor。") from exc
    return published_at, pk


def keyset_page(queryset, *, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """Up to `limit` articles after the cursor, newest first, and the next page's cursor."""
    queryset = queryset.order_by("-published_at", "-pk")
    if cursor:
        published_at, pk = decode_cursor(cursor)
        queryset = queryset.filter(
            Q(published_at__lt=published_at) | Q(published_at=published_at, pk__lt=pk)
        )
    items = list(queryset[: limit + 1])
    if len(items) <= limit:
        return items, None
    items = items[:limit]
    return items, encode_cursor(items[-1])


def page_url(request, parameter: str, value: str) -> str:
    """This request's URL with one parameter replaced (cursor or page), for `next` links."""
    query = request.GET.copy()
    query[parameter] = value
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


class BoundedLimitOffset(LimitOffsetPagination):
    """Limit/offset paging for the short lists, with both numbers bounded.

    Unbounded, a huge `limit` or `offset` reaches the database and overflows its integers
    (a 500, found by Schemathesis); nobody pages a million rows into reporters or tags.
    """

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
