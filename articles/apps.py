from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    """Articles, their print sources, districts and programs (special-report series)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "稿件"

    def ready(self):
        from . import reference
        from .page_cache import signals as page_cache_signals
        from .search.signals import register_sqlite_functions, repair_sqlite_index

        page_cache_signals.connect()
        reference.connect()

        connection_created.connect(
            register_sqlite_functions, dispatch_uid="search_sqlite_functions"
        )
        post_migrate.connect(repair_sqlite_index, sender=self, dispatch_uid="search_sqlite_repair")
