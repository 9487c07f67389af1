"""Database hooks for search: SQLite functions on each connection, triggers after migrate."""

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

SEARCH_MIGRATION = ("articles", "0004_search_index")


def register_sqlite_functions(sender, connection, **kwargs):
    """The SQLite triggers call Python; every new connection must know the functions."""
    if connection.vendor == "sqlite":
        from .sqlite import register_functions

        register_functions(connection.connection)


def repair_sqlite_index(sender, using="default", **kwargs):
    """A migration that rebuilds articles_article on SQLite drops its triggers: put them back."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    from .sqlite import ensure_installed

    applied = MigrationRecorder(connection).applied_migrations()
    if any(app == SEARCH_MIGRATION[0] and name.endswith("_search_index") for app, name in applied):
        ensure_installed(connection)
