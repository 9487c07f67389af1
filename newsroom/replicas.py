"""Read replicas: public reads go to a replica; writes, the admin and transactions to the primary.

A request is marked replica-safe by `ReplicaReadsMiddleware` (GET or HEAD, outside the admin, and
no write from this browser in the last few seconds); the router then sends that request's reads to
the replica the middleware picked. Everything else, and any read inside a transaction, goes to the
primary, so an editor never sees a page older than their own last save.
"""

import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

# Alias of the replica serving the current request, or None: read from the primary.
current_replica: ContextVar[str | None] = ContextVar("current_replica", default=None)
# Models whose freshness matters to a signed-in user (the session, permissions, lockouts).
PRIMARY_ONLY_APPS = {"sessions", "auth", "admin", "axes", "reversion"}
# After a write, this browser reads from the primary for this long (replication lag is seconds).
PRIMARY_AFTER_WRITE_COOKIE = "newsroom_read_primary"
SAFE_METHODS = {"GET", "HEAD"}

# A replica that failed to connect is skipped until this time.monotonic() moment.
_down_until: dict[str, float] = {}


class ReplicaRouter:
    """Route reads to the request's replica when there is one; everything else to the primary."""

    def db_for_read(self, model, **hints):
        alias = current_replica.get()
        if alias is None or model._meta.app_label in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS  # read-modify-write inside a transaction
        return alias

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # replicas hold the same rows as the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS  # replicas receive the schema through replication


def available_replica() -> str | None:
    """A replica that accepts a connection now, or None; one that does not is skipped a while."""
    now = time.monotonic()
    for alias in settings.DATABASE_REPLICAS:
        if _down_until.get(alias, 0) > now:
            continue
        try:
            connections[alias].ensure_connection()
        except DatabaseError:
            _down_until[alias] = now + settings.DATABASE_REPLICA_RETRY_SECONDS
            connections[alias].close()
            continue
        return alias
    return None


def replica_safe(request) -> bool:
    """A reader's page view: not a write, not the admin, not right after this browser wrote."""
    return (
        request.method in SAFE_METHODS
        and not request.path.startswith("/admin/")
        and PRIMARY_AFTER_WRITE_COOKIE not in request.COOKIES
    )


class ReplicaReadsMiddleware:
    """Mark replica-safe requests; after a write, keep this browser on the primary a while."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        replica = None
        if settings.DATABASE_REPLICAS and replica_safe(request):
            replica = available_replica()
        token = current_replica.set(replica)
        try:
            response = self.get_response(request)
        finally:
            current_replica.reset(token)
        if settings.DATABASE_REPLICAS and request.method not in SAFE_METHODS:
            response.set_cookie(
                PRIMARY_AFTER_WRITE_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_STICKY_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
