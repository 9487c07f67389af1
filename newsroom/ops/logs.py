"""One structured line per request, and a JSON formatter for production logs."""

import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

logger = logging.getLogger("newsroom.request")

# A proxy's request id is kept when it looks like one; anything else is replaced.
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """A JSON object per line: time, level, logger, message and any `extra=` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in STANDARD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestLogMiddleware:
    """Give each request an id (X-Request-ID in and out) and log its outcome and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if REQUEST_ID_PATTERN.match(incoming) else uuid.uuid4().hex
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        response["X-Request-ID"] = request.id
        user_id = None if response.status_code == 503 else signed_in_user_id(request)
        logger.info(
            "%s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "request_id": request.id,
                "user_id": user_id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response


def signed_in_user_id(request) -> int | None:
    """The signed-in user's id, or None; not called on an outage so it adds no database wait."""
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None
