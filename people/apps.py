from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Reporters who write for the paper and people its articles mention."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "people"
    verbose_name = "人物"
