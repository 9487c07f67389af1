"""Read configuration from the environment: typed getters and DATABASE_URL parsing."""

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    """Return a variable's value, or the default when unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """Return a boolean variable, refusing values that are neither true nor false."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false or yes/no.")


def env_list(name: str, default: list[str]) -> list[str]:
    """Return a comma-separated variable as a list of stripped, non-empty items."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str, *, base_dir: Path) -> dict:
    """Turn DATABASE_URL (sqlite:///path or postgres://user:pass@host:port/name) into settings."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    options = dict(parse_qsl(parts.query))
    if scheme == "sqlite":
        # sqlite:///relative/path and sqlite:////absolute/path, as dj-database-url reads them.
        raw_path = unquote(parts.path)
        path = Path(raw_path[1:] if raw_path.startswith("/") else raw_path)
        if not path.is_absolute():
            path = base_dir / path
        path.parent.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            # Keep each worker thread's connection: opening one (and its PRAGMAs) costs about
            # a millisecond a request. The health check drops a broken one before use.
            "CONN_MAX_AGE": int(options.get("conn_max_age", 600)),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # One writer at a time without "database is locked" surprises under load.
                "transaction_mode": "IMMEDIATE",
                "timeout": 5,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured("DATABASE_URL names no database: add /<name> to the URL.")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 0,  # Connections are kept by the pool below, not per thread.
            "OPTIONS": {
                # Django's built-in psycopg pool; a short timeout fails fast when it is exhausted.
                "pool": {
                    "min_size": int(options.get("pool_min", 1)),
                    "max_size": int(options.get("pool_max", 10)),
                    "timeout": float(options.get("pool_timeout", 1)),
                },
                # Short, so an unreachable server is a quick 503 rather than a tied-up worker.
                "connect_timeout": int(options.get("connect_timeout", 1)),
            },
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {scheme!r} is not supported; use sqlite:/// or postgres://."
    )


def development_secret_key(var_dir: Path) -> str:
    """Return the development secret key kept under var/, creating it on first use."""
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key
