"""Dump and load the whole database: pg_dump -Fc / pg_restore, or SQLite's online backup API."""

import os
import sqlite3
import subprocess  # noqa: S404 - runs the PostgreSQL client tools with fixed arguments  # nosec B404
from contextlib import closing
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper

DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class DumpError(Exception):
    """A dump or load failed; the message says which tool and why."""


def dump_database(connection: BaseDatabaseWrapper, target: Path) -> None:
    """Write a consistent copy of the database to `target`."""
    if connection.vendor == "postgresql":
        run_client("pg_dump", ["--format=custom", "--no-owner", f"--file={target}"], connection)
    elif connection.vendor == "sqlite":
        if connection.in_atomic_block:
            # The backup would wait for this connection's own write lock, forever.
            raise DumpError("a SQLite database cannot be backed up inside a transaction")
        connection.ensure_connection()
        # The online backup API copies a consistent snapshot even while others write.
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
    else:
        raise DumpError(f"backups do not support the {connection.vendor} database")


def load_database(connection: BaseDatabaseWrapper, source: Path) -> None:
    """Replace the database's contents with a dump made by `dump_database`."""
    if connection.vendor == "postgresql":
        # One transaction: a failed restore leaves the database as it was.
        options = [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
        ]
        run_client("pg_restore", options, connection, dump=source)
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(source)) as copy:
            copy.backup(connection.connection)
    else:
        raise DumpError(f"backups do not support the {connection.vendor} database")


def run_client(
    tool: str, options: list[str], connection: BaseDatabaseWrapper, *, dump: Path | None = None
) -> None:
    """Run pg_dump or pg_restore against the connection's database."""
    settings = connection.settings_dict
    command = [tool, *options, f"--dbname={settings['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            command.append(f"{option}={settings[key]}")
    if dump is not None:
        command.append(str(dump))
    environment = {**os.environ, "PGCONNECT_TIMEOUT": "5"}
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = settings["PASSWORD"]
    try:
        result = subprocess.run(  # noqa: S603 - fixed argv, no shell  # nosec B603
            command, env=environment, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise DumpError(f"{tool} is not installed: install the PostgreSQL client tools") from None
    if result.returncode != 0:
        raise DumpError(f"{tool} failed ({result.returncode}): {result.stderr.strip()[:2000]}")
