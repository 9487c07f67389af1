"""Template tags for the reader site: JSON-LD with the CSP nonce, and photo `srcset`."""

import json

from django import template
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.middleware.csp import get_nonce
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# As Django's json_script: text inside <script> can never close the element or open a comment.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, data):
    """A `<script type="application/ld+json">` block carrying the page's CSP nonce."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    request = context.get("request")
    nonce = get_nonce(request) if request is not None else None
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        "" if nonce is None else str(nonce),
        mark_safe(text),  # noqa: S308 - every <, > and & is escaped above, as json_script does
    )


@register.simple_tag
def photo_srcset(photo) -> str:
    """The photo's renditions and original as a `srcset` value, narrowest first."""
    candidates = sorted((int(width), name) for width, name in (photo.renditions or {}).items())
    parts = [f"{default_storage.url(name)} {width}w" for width, name in candidates]
    if photo.width and photo.image:
        parts.append(f"{photo.image.url} {photo.width}w")
    return ", ".join(parts)
