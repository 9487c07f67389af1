"""HTTP caching headers for public pages, and answering conditional GETs.

Browsers and CDNs may keep a page for `NEWSROOM_HTTP_MAX_AGE` seconds and serve it stale for
`NEWSROOM_HTTP_STALE_WHILE_REVALIDATE` more while they revalidate; `Surrogate-Key` (Fastly)
and `Cache-Tag` (Cloudflare) list the page's tags, which the purge backend names on a change.
A page differs for signed-in staff (it is private to them), hence `Vary: Cookie`.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date


def public(response, *, tags, etag: str, last_modified: int, state: str):
    """Mark a response shareable, with its validators and tags."""
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(
        response,
        public=True,
        max_age=settings.NEWSROOM_HTTP_MAX_AGE,
        stale_while_revalidate=settings.NEWSROOM_HTTP_STALE_WHILE_REVALIDATE,
    )
    patch_vary_headers(response, ["Cookie"])
    response["Surrogate-Key"] = " ".join(sorted(tags))
    response["Cache-Tag"] = ",".join(sorted(tags))
    response["X-Page-Cache"] = state
    return response


def private(response):
    """A page built for a signed-in user: no shared cache may keep it."""
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    response["X-Page-Cache"] = "bypass"
    return response


def from_entry(request, entry: dict, *, state: str):
    """The cached page as a response, or a 304 if the client's copy is current."""
    response = HttpResponse(entry["content"], status=entry["status"], headers=entry["headers"])
    return conditional(request, entry, response, state=state)


def conditional(request, entry: dict, response, *, state: str):
    public(
        response,
        tags=entry["tags"],
        etag=entry["etag"],
        last_modified=entry["last_modified"],
        state=state,
    )
    not_modified = get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
    )
    return not_modified or response
