"""The admin app with our admin site as `admin.site`, so every registration lands on it; and
django-otp's apps under Chinese names."""

from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticDefaultConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpDefaultConfig


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsroom.second_factor.site.NewsroomAdminSite"


class ChineseNamesMixin:
    """django-otp's apps and models carry plain English names (no gettext), which the admin shows
    wherever content types are listed; these give them Chinese ones."""

    verbose_names: dict[str, tuple[str, str]] = {}

    def ready(self):
        super().ready()
        for model in self.get_models():
            if model._meta.model_name in self.verbose_names:
                single, plural = self.verbose_names[model._meta.model_name]
                model._meta.verbose_name, model._meta.verbose_name_plural = single, plural


class OtpConfig(ChineseNamesMixin, AppConfig):
    name = "django_otp"
    verbose_name = "二次验证"


class TotpConfig(ChineseNamesMixin, TotpDefaultConfig):
    verbose_name = "二次验证：动态口令"
    verbose_names = {"totpdevice": ("动态口令设备", "动态口令设备")}


class StaticConfig(ChineseNamesMixin, StaticDefaultConfig):
    verbose_name = "二次验证：恢复码"
    verbose_names = {
        "staticdevice": ("恢复码设备", "恢复码设备"),
        "statictoken": ("恢复码", "恢复码"),
    }
