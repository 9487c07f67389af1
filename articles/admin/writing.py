"""The change form's writing surface: 字数 under the text fields and the body's block preview.

The counts are rendered by the server, so they show without JavaScript;
``static/admin_newsroom/writing.js`` keeps them live and asks ``body_preview_view`` to render
the body as readers will see it, block by block, with the public page's block partial.
"""

from django import forms
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminTextareaWidget, AdminTextInputWidget
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..blocks import IMAGE, blocks_from_text
from ..char_count import body_character_count, visible_character_count
from ..models import Photo

COUNT_HELP = gettext_lazy("字数只计汉字和其他可见字符，不计空格、换行和标记。")
MAX_PREVIEW_BLOCKS = 500


class CharCountMixin:
    """Renders the widget followed by its 字数, which writing.js updates as the editor types."""

    def __init__(self, *args, count: str = "plain", **kwargs):
        self.count = count
        super().__init__(*args, **kwargs)

    def render(self, name, value, attrs=None, renderer=None):
        widget = super().render(name, value, attrs, renderer)
        text = self.format_value(value) or ""
        if self.count == "body":
            counted = body_character_count(text)
        else:
            counted = visible_character_count(text)
        return format_html(
            '{}<p class="char-count" data-char-count="{}" data-for="{}">{}</p>',
            widget,
            self.count,
            (attrs or {}).get("id", ""),
            _("字数：%(count)d") % {"count": counted},
        )


class CountedTextInput(CharCountMixin, AdminTextInputWidget):
    """A one-line text input with its 字数."""


class CountedTextarea(CharCountMixin, AdminTextareaWidget):
    """A textarea with its 字数."""


def add_writing_widgets(form: forms.ModelForm, *, preview_url: str) -> None:
    """Give the headline, summary and body their counts, and the body its preview hook."""
    for name, widget in (
        ("headline", CountedTextInput(count="plain")),
        ("summary", CountedTextarea(count="plain", attrs={"rows": 3})),
        ("body", CountedTextarea(count="body", attrs={"rows": 24, "class": "vLargeTextField"})),
    ):
        field = form.fields.get(name)
        if field is None:
            continue
        widget.attrs.update(field.widget.attrs)
        widget.is_required = field.widget.is_required
        field.widget = widget
        field.help_text = (
            format_lazy("{} {}", field.help_text, COUNT_HELP) if field.help_text else COUNT_HELP
        )
    body = form.fields.get("body")
    if body is not None:
        body.widget.attrs["data-preview-url"] = preview_url
        if form.instance.pk:
            body.widget.attrs["data-article"] = str(form.instance.pk)


def _preview_blocks(blocks: list[dict], article) -> list[dict]:
    """Blocks with photo numbers resolved to the article's photos, in one query."""
    photo_ids = [b["photo"] for b in blocks if b["kind"] == IMAGE]
    photos = (
        Photo.objects.filter(article=article).in_bulk(photo_ids) if article and photo_ids else {}
    )
    return [
        {**block, "photo": photos.get(block["photo"]), "number": block["photo"]}
        if block["kind"] == IMAGE
        else block
        for block in blocks
    ]


def body_preview_view(model_admin, request):
    """POST body text (and the article, for its photos) → the blocks as readers will see them."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_change_permission(request) and not model_admin.has_add_permission(
        request
    ):
        raise PermissionDenied
    article = None
    if request.POST.get("article"):
        article = model_admin.get_object(request, unquote(request.POST["article"]))
        if article is None or not model_admin.has_change_permission(request, article):
            raise PermissionDenied
    blocks = blocks_from_text(request.POST.get("body", ""))[:MAX_PREVIEW_BLOCKS]
    return TemplateResponse(
        request,
        "admin/articles/article/body_preview.html",
        {"blocks": _preview_blocks(blocks, article), "article": article},
    )
