from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: health checks, outage pages, logs, and the backup/restore commands."""

    name = "newsroom.ops"
    label = "ops"
    verbose_name = "运维"
