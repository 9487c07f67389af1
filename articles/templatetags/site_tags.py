"""Template tags for the reader site: JSON-LD, photo `srcset` and the body's inline markup."""

import json

from django import template
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..inline_markup import render_inline_markup

register = template.Library()

# As Django's json_script: text inside <script> can never close the element or open a comment.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A `<script type="application/ld+json">` block.

    It carries no CSP nonce: a data block is never executed, so CSP does not govern it, and a
    per-response nonce would make the page uncacheable.
    """
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # noqa: S308 - every <, > and & is escaped above, as json_script does  # nosec B308 B703
    )


@register.simple_tag
def photo_srcset(photo) -> str:
    """The photo's renditions and original as a `srcset` value, narrowest first."""
    candidates = sorted((int(width), name) for width, name in (photo.renditions or {}).items())
    parts = [f"{default_storage.url(name)} {width}w" for width, name in candidates]
    if photo.width and photo.image:
        parts.append(f"{photo.image.url} {photo.width}w")
    return ", ".join(parts)


@register.filter
def inline_markup(text):
    """A paragraph's or caption's links and emphasis as HTML; everything else escaped."""
    return mark_safe(  # noqa: S308 - nh3 keeps only <a href>, <strong> and <em>  # nosec B308 B703
        render_inline_markup(str(text or ""))
    )
