"""Checks every API request passes before its operation runs.

PostgreSQL text cannot hold a NUL character, so a parameter carrying one would reach the
database and fail there (a 500). It is refused up front instead: a 422 naming the query
parameter, or a 404 for a path, since no slug or id contains one.
"""

from functools import wraps

from django.http import JsonResponse

NUL = "\x00"
NUL_MESSAGE = "不能包含空字符（NUL）。"


def contains_nul(value) -> bool:
    """Whether a string, or any string inside a list or dict, holds a NUL character."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(contains_nul(item) for item in value)
    return False


def refuse_nul_characters(run):
    """Wrap an operation: NUL in the path is a 404, in a query parameter a 422 naming it."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        if NUL in request.path:
            return JsonResponse({"detail": "未找到：没有这个公开的资源。"}, status=404)
        bad = [name for name, values in request.GET.lists() if contains_nul([name, values])]
        if bad:
            errors = [{"loc": ["query", name], "msg": NUL_MESSAGE} for name in bad]
            return JsonResponse(
                {"detail": errors}, status=422, json_dumps_params={"ensure_ascii": False}
            )
        return run(request, *args, **kwargs)

    return wrapper
