from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """Articles, their print sources, districts and programs (special-report series)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "稿件"
