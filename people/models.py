"""Reporters (bylines) and the people articles mention."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .naming import pinyin_of, unique_pinyin_slug


class ReporterRole(models.TextChoices):
    """Credit roles as the paper prints them; bylines may carry others as printed."""

    STAFF = "本报记者", _("本报记者")
    SPECIAL = "特约通讯员", _("特约通讯员")
    CORRESPONDENT = "通讯员", _("通讯员")
    COMMENTATOR = "评论员", _("评论员")
    PHOTOGRAPHER = "摄影记者", _("摄影记者")
    INTERN = "实习生", _("实习生")
    COLUMNIST = "主笔", _("主笔")


class Reporter(models.Model):
    """Someone credited in bylines. Matched by name when pages are loaded, so names are unique."""

    name = models.CharField(_("姓名"), max_length=40, help_text=_("按报纸署名填写，如“袁玮”。"))
    pinyin = models.CharField(
        _("拼音"), max_length=120, blank=True, help_text=_("留空则自动生成。")
    )
    slug = models.SlugField(
        _("网址名"), max_length=80, unique=True, blank=True, help_text=_("留空则按拼音生成。")
    )
    default_role = models.CharField(
        _("默认署名身份"),
        max_length=20,
        blank=True,
        default=ReporterRole.STAFF,
        help_text=_("如 本报记者、特约通讯员、通讯员、评论员、摄影记者。"),
    )
    bio = models.TextField(_("简介"), blank=True)
    photo = models.ImageField(_("照片"), upload_to="reporters/%Y/", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reporter",
        help_text=_("关联后，该账号可以编辑署有此记者名字的稿件。"),
    )
    is_active = models.BooleanField(_("在职"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("记者")
        verbose_name_plural = _("记者")
        ordering = ["pinyin", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="reporter_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.pinyin:
            self.pinyin = pinyin_of(self.name)[: self._meta.get_field("pinyin").max_length]
        if not self.slug:
            self.slug = unique_pinyin_slug(self.name, Reporter.objects.exclude(pk=self.pk))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("people:reporter", kwargs={"slug": self.slug})


class Person(models.Model):
    """Someone an article mentions; the title printed beside the name lives on each mention."""

    name = models.CharField(_("姓名"), max_length=40)
    disambiguation = models.CharField(
        _("区分说明"),
        max_length=80,
        blank=True,
        help_text=_("同名不同人时填写，如“嘉兴路街道”。"),
    )
    pinyin = models.CharField(_("拼音"), max_length=120, blank=True)
    description = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("人物")
        verbose_name_plural = _("人物")
        ordering = ["pinyin", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "disambiguation"], name="person_unique_name_disambiguation"
            ),
        ]

    def __str__(self) -> str:
        if self.disambiguation:
            return f"{self.name}（{self.disambiguation}）"
        return self.name

    def save(self, *args, **kwargs):
        if not self.pinyin:
            self.pinyin = pinyin_of(self.name)[: self._meta.get_field("pinyin").max_length]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("people:person", kwargs={"pk": self.pk})
