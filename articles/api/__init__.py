"""The public read API at /api/v1/ (django-ninja): OpenAPI 3.1 schema and a docs page.

One module per resource; `schemas` holds the shared shapes, `paging` the keyset cursor,
`caching` the ETag and conditional GET every read gets, `ninjs` the IPTC news-item view.
The docs page is ninja's Swagger UI served from our own static files (ninja is in
INSTALLED_APPS), so it runs under the site's Content-Security-Policy with no CDN.
"""

from ninja import NinjaAPI, Swagger
from ninja.renderers import JSONRenderer

from . import articles, corrections, people, places, programs, tags
from .caching import conditional_get


class ReadableJSONRenderer(JSONRenderer):
    """UTF-8 JSON with Chinese left as written, not as \\u escapes (a third of the size)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="新民晚报社区新闻 内容接口",
    version="1",
    description="只读接口：只提供读者在网站上能看到的内容。",
    urls_namespace="api-v1",
    renderer=ReadableJSONRenderer(),
    # No validator badge: it would load an image from swagger.io, which the CSP refuses.
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_decorator(conditional_get, mode="view")
for module in (articles, people, places, programs, tags, corrections):
    api.add_router("", module.router)
