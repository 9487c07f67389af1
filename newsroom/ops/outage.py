"""Answer 503 with Retry-After, not 500, while the database is unreachable."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.defaults import server_error

RETRY_AFTER_SECONDS = 5

# Without the database, nothing that reads it may run: the page is rendered without a request,
# so no context processor (the site name, the signed-in user) touches a dead connection.
OUTAGE_TEMPLATE = "503.html"


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether an exception means "the database cannot be reached", not a bug in our code."""
    return isinstance(exc, OperationalError | InterfaceError)


def outage_response() -> HttpResponse:
    """The short Chinese "try again shortly" page, never cached."""
    response = HttpResponse(loader.render_to_string(OUTAGE_TEMPLATE), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error_or_outage(request, template_name="500.html"):
    """handler500: Django calls it inside its except block, so the exception is at hand.

    Catching it here, rather than in a middleware's process_exception, also covers errors raised
    by middleware (sessions, authentication) that read the database before any view runs.
    """
    if database_unavailable(sys.exception()):
        return outage_response()
    return server_error(request, template_name=template_name)
