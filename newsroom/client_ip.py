"""The client address as seen by the outermost of the trusted proxies in front of the site."""

from django.conf import settings


def client_ip_address(request) -> str | None:
    """With N trusted proxies, each appends the address it saw to X-Forwarded-For, so the
    Nth entry from the right is the client; anything further left may be forged."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
