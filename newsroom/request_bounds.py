"""Refuse oversized requests before Django parses the query string or reads the body."""

from django.conf import settings
from django.http import HttpResponse


def _refusal(status: int, message: str) -> HttpResponse:
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    if status == 413:
        # The unread body is still on the socket: the client must not reuse the connection.
        response["Connection"] = "close"
    return response


class RequestBoundsMiddleware:
    """414 for a query string over MAX_QUERY_STRING_BYTES, 400 for one with more fields than
    DATA_UPLOAD_MAX_NUMBER_FIELDS, 413 for a declared body over MAX_REQUEST_BYTES.

    Only the raw QUERY_STRING and the Content-Length header are looked at, so a refused request
    costs no parsing; the proxy in front (deploy/Caddyfile) enforces the same body limit for
    bodies sent without a Content-Length.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if len(query) > settings.MAX_QUERY_STRING_BYTES:
            return _refusal(414, "请求地址过长。")
        max_fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        if max_fields is not None and query.count("&") >= max_fields:
            return _refusal(400, "请求参数过多。")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _refusal(400, "请求头 Content-Length 无效。")
        if length > settings.MAX_REQUEST_BYTES:
            return _refusal(413, "提交的内容过大。")
        return self.get_response(request)
