"""Telling a CDN which pages changed: a pluggable backend, called with the changed tags.

`NEWSROOM_PURGE_BACKEND` names the class. `LogPurge` (the default) only logs; `HttpPurge`
POSTs `{"tags": [...]}` to `NEWSROOM_PURGE_URL` with `NEWSROOM_PURGE_TOKEN` as a bearer
token, which is Cloudflare's purge-by-tag call (Fastly's surrogate-key purge takes the
same list). A failed purge is logged, never raised: the write it follows has committed.
"""

import json
import logging
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("newsroom.page_cache")


class LogPurge:
    """Log the tags; for sites without a CDN, and for development."""

    def purge(self, tags: list[str]) -> None:
        logger.info("页面缓存失效：%s", " ".join(tags))


class HttpPurge:
    """POST the tags to a CDN's purge API."""

    def __init__(self):
        self.url = settings.NEWSROOM_PURGE_URL
        self.token = settings.NEWSROOM_PURGE_TOKEN
        self.timeout = settings.NEWSROOM_PURGE_TIMEOUT

    def purge(self, tags: list[str]) -> None:
        request = urllib.request.Request(  # noqa: S310 - the URL comes from settings, not users
            self.url,
            data=json.dumps({"tags": tags}).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - settings URL  # nosec B310
                response.read()
        except OSError as exc:
            logger.error("CDN 清除缓存失败（%s）：%s", " ".join(tags), exc)


def purge(tags) -> None:
    """Purge these tags with the configured backend."""
    import_string(settings.NEWSROOM_PURGE_BACKEND)().purge(sorted(tags))
