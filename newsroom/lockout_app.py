"""django-axes under a Chinese name: its app has no verbose_name, so the admin showed "Axes"."""

from axes.apps import AppConfig as AxesConfig


class LoginLockoutConfig(AxesConfig):
    verbose_name = "登录保护"
