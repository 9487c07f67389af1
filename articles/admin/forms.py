"""The article change form: body and subheadlines as plain text, and the lost-update guard."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..blocks import blocks_from_text, blocks_to_text
from ..models import Article
from ..services import StaleArticleError, article_check_version
from .writing import add_writing_widgets

BODY_HELP = _(
    "段与段之间空一行。小标题前加“## ”，图片说明前加“> ”，"
    "插入图片写“[图片 编号]”（编号见下方“图片”栏）。"
    "段落和图片说明里可加链接和强调：[文字](https://网址) 是链接（网址须以 http://、https:// "
    "或 mailto: 开头），**文字** 加粗，*文字* 强调；要写星号或方括号本身，前面加反斜杠，如 \\*。"
)


class BlocksTextField(forms.CharField):
    """Body blocks shown and typed as the editors' plain text form."""

    widget = forms.Textarea(attrs={"rows": 24, "class": "vLargeTextField"})

    def prepare_value(self, value):
        return blocks_to_text(value) if isinstance(value, list) else value

    def to_python(self, value):
        return blocks_from_text(super().to_python(value) or "")


class LinesField(forms.CharField):
    """A JSON list of strings shown and typed one per line."""

    widget = forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class ArticleAdminForm(forms.ModelForm):
    """Carries the version the editor started from, so a stale save is refused, not merged."""

    subheadline = LinesField(label=_("副题"), required=False, help_text=_("每行一条副题。"))
    body = BlocksTextField(label=_("正文"), required=False, help_text=BODY_HELP)
    base_version = forms.IntegerField(label=_("起始版本"), widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        # The admin narrows this to its fieldsets; status is never a form field.
        fields = [
            "kicker",
            "headline",
            "subheadline",
            "summary",
            "body",
            "kind",
            "published_at",
            "embargo_until",
            "expires_at",
            "slug",
            "program",
            "installment",
            "districts",
            "subdistricts",
            "tags",
            "print_date",
            "print_page",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version
        add_writing_widgets(self, preview_url=reverse("admin:articles_article_body_preview"))

    def clean(self):
        cleaned = super().clean()
        embargo, expires = cleaned.get("embargo_until"), cleaned.get("expires_at")
        if embargo and expires and expires <= embargo:
            self.add_error("expires_at", _("下线时间必须晚于禁发时间。"))
        if self.instance.pk:
            # Lock the row until the save commits, so two saves cannot both pass this check.
            Article.objects.select_for_update().filter(pk=self.instance.pk).first()
            try:
                article_check_version(
                    article=self.instance, version=cleaned.get("base_version") or 0
                )
            except StaleArticleError as exc:
                raise ValidationError(str(exc), code="stale") from exc
        return cleaned
