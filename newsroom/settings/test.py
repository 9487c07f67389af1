"""Tests: fast hashing, isolated media, no lockouts unless a test asks for them."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .environment import env_str

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-any-real-site-0123456789abcdef"  # noqa: S105 - tests only  # nosec B105
# Argon2 stays the production hasher; tests hash thousands of passwords and need speed.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = False
if not env_str("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Tests that build pages and then change data directly expect fresh pages; the page cache's
# own tests turn it on.
NEWSROOM_PAGE_CACHE = False
# Tasks run as they are enqueued, inside the caller's transaction (renditions are there when the
# upload's save returns); the worker tests switch to the database backend (`db_tasks` fixture).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # The test database is a file, with production's WAL and busy timeout. An in-memory one shares
    # its cache between threads, and there a read that meets another thread's write fails at once
    # ("database table is locked") instead of waiting: the browser tests' live server answers the
    # change form's background requests (presence, autosave, preview) on parallel threads.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="newsroom-test-db-")) / "test.sqlite3")
    }
