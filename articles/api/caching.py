"""HTTP caching for every read: a content ETag, Last-Modified when known, conditional GET.

Applied to all operations (`api.add_decorator`). The ETag hashes the body actually sent, so
any change a client could see changes it, however the resource is built; views that know
when their data last changed set Last-Modified on ninja's temporal response.
"""

import hashlib
from functools import wraps

from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe, quote_etag

MAX_AGE = 60  # Seconds: a correction or withdrawal reaches clients within a minute.


def conditional_get(run):
    """Wrap an operation: ETag, Cache-Control and a 304 when the client's copy is current."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )

    return wrapper
