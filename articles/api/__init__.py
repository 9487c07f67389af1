"""The content API at /api/v1/ (django-ninja): OpenAPI 3.1 schema and a docs page.

One module per resource; `schemas` holds the shared shapes, `paging` the keyset cursor,
`caching` the ETag and conditional GET every read gets, `guards` the NUL check, `ninjs`
the IPTC news-item view.
Reads are public; the two writes (`drafts`, `sources`) take a per-user token (`tokens`).
The docs page is ninja's Swagger UI served from our own static files (ninja is in
INSTALLED_APPS), so it runs under the site's Content-Security-Policy with no CDN.
"""

import math

from django.http import Http404
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, Throttled
from ninja.renderers import JSONRenderer

from . import articles, corrections, drafts, people, places, programs, sources, tags
from .caching import conditional_get
from .guards import refuse_nul_characters


class ReadableJSONRenderer(JSONRenderer):
    """UTF-8 JSON with Chinese left as written, not as \\u escapes (a third of the size)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="新民晚报社区新闻 内容接口",
    version="1",
    description="读取接口只提供读者在网站上能看到的内容；写入接口凭令牌新建草稿、上传版面。",
    urls_namespace="api-v1",
    renderer=ReadableJSONRenderer(),
    # No validator badge: it would load an image from swagger.io, which the CSP refuses.
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_decorator(conditional_get, mode="view")
api.add_decorator(refuse_nul_characters, mode="view")
# `drafts` adds its POST to the articles router (same path); importing it registers it.
_ = drafts
for module in (articles, people, places, programs, tags, corrections, sources):
    api.add_router("", module.router)


@api.exception_handler(AuthenticationError)
def token_required(request, exc):
    """No token, or one we never issued: say how to authenticate."""
    response = api.create_response(
        request, {"detail": "需要有效的接口令牌：Authorization: Bearer <令牌>。"}, status=401
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(Throttled)
def too_many_requests(request, exc):
    """Over the token's rate: say when to try again, in words and in Retry-After."""
    wait = math.ceil(exc.wait or 1)
    response = api.create_response(
        request, {"detail": f"请求过于频繁，请在 {wait} 秒后再试。"}, status=429
    )
    response["Retry-After"] = str(wait)
    return response


@api.exception_handler(Http404)
def not_found(request, exc):
    """Unknown ids and the ids of articles readers may not see answer alike."""
    return api.create_response(request, {"detail": "未找到：没有这个公开的资源。"}, status=404)
