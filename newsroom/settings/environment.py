"""Read configuration from the environment: typed getters and DATABASE_URL parsing."""

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from psycopg_pool import ConnectionPool

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


def env_int(name: str, default: int) -> int:
    """Return a whole-number variable, refusing anything else."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"


def mailer_from_environment(*, default_backend: str) -> dict:
    """A MAILERS entry: EMAIL_BACKEND (or the default), and for SMTP its server settings."""
    backend = env_str("EMAIL_BACKEND") or default_backend
    if backend != SMTP_BACKEND:
        return {"BACKEND": backend}
    use_tls = env_bool("EMAIL_USE_TLS", default=False)
    use_ssl = env_bool("EMAIL_USE_SSL", default=False)
    if use_tls and use_ssl:
        raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL are exclusive; set one.")
    return {
        "BACKEND": backend,
        "OPTIONS": {
            "host": env_str("EMAIL_HOST") or "localhost",
            "port": env_int("EMAIL_PORT", 465 if use_ssl else 587 if use_tls else 25),
            "username": env_str("EMAIL_HOST_USER") or "",
            "password": env_str("EMAIL_HOST_PASSWORD") or "",
            "use_tls": use_tls,
            "use_ssl": use_ssl,
            # Seconds; a mail server that hangs must not hold a workflow step for long.
            "timeout": env_int("EMAIL_TIMEOUT", 10),
        },
    }


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
                    # After a server restart every idle pooled connection is dead: test each
                    # one (an empty query) as it leaves the pool, and replace it if it fails.
                    "check": ConnectionPool.check_connection,
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


def media_storage_from_env() -> tuple[dict, list[str]]:
    """STORAGES["default"] from MEDIA_STORAGE (local or s3), and the origins its URLs point at."""
    kind = (env_str("MEDIA_STORAGE") or "local").strip().lower()
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}, []
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE={kind!r}: use local or s3.")
    bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    # Credentials come from boto3's own chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a role).
    options = {
        "bucket_name": bucket,
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
        "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
        "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,
        "location": env_str("AWS_LOCATION") or "",
        # Signed URLs unless the bucket (or the CDN in front of it) is public.
        "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", default=True),
        # As on the local disk: a name already taken gets a new one, nothing is overwritten.
        "file_overwrite": False,
        "default_acl": None,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}, media_origins(options)


def media_origins(options: dict) -> list[str]:
    """Where photos are served from, for the Content-Security-Policy's img-src."""
    if options["custom_domain"]:
        return [f"https://{options['custom_domain']}"]
    if options["endpoint_url"]:
        parts = urlsplit(options["endpoint_url"])
        # Path-style URLs use the endpoint itself; virtual-hosted ones a subdomain of it.
        return [f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://*.{parts.netloc}"]
    return ["https://*.amazonaws.com"]


def replica_database(url: str, *, base_dir: Path) -> dict:
    """A read replica's settings; under test it mirrors the test database instead of its own."""
    database = database_from_url(url, base_dir=base_dir)
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(f"DATABASE_REPLICA_URLS: {url!r} is not a PostgreSQL URL.")
    return {**database, "TEST": {"MIRROR": "default"}}
