"""Production gunicorn settings; gunicorn reads ./gunicorn.conf.py by itself.

Run: `gunicorn newsroom.wsgi:application` from the repository root (the Docker image does).
`WEB_CONCURRENCY` overrides the worker count, `GUNICORN_BIND` the address.
"""

import os


def _cpus() -> int:
    """CPUs this process may use (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Sync workers: each request waits on the database or the cache, two per CPU keeps them busy.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * _cpus() + 1)
# Import Django once in the master, so workers fork ready (and share its memory pages).
preload_app = True
# Recycle workers now and then so a slow leak never grows; jitter keeps them from all going
# at once.
max_requests = 2000
max_requests_jitter = 200
timeout = 30
graceful_timeout = 20


def post_fork(server, worker):
    """No database connection may cross the fork: each worker opens its own."""
    from django.db import connections

    connections.close_all()
