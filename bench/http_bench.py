"""HTTP benchmark: wrk against the production stack on loopback, each page as a share of a floor.

Run: .venv/bin/python bench/http_bench.py [--count 10000] [--database-url URL] [--duration 15s]
     [--soak] (or: make bench-http N=10000 BENCH_HTTP_ARGS="...")

It fills its own database (default ``var/bench_http.sqlite3``; a PostgreSQL URL is created if
missing) with ``--count`` published articles (``bench/page_bench.py``'s generator: bylines,
districts, tags, mentions, a program), or reuses one already holding exactly that many
(``--rebuild`` starts again). It collects static files, then starts gunicorn with
``gunicorn.conf.py`` and the production settings, configured only through the environment a
user would set (``SECRET_KEY``, ``DATABASE_URL``, ``REDIS_URL`` when given, ``ALLOWED_HOSTS``,
``STATIC_ROOT``, ``NEWSROOM_PAGE_CACHE``), twice: page cache off, then on. Requests carry
``X-Forwarded-Proto: https`` as from the TLS proxy in front of gunicorn. In each server run,
every page's ``wrk`` run comes between two runs on ``/healthz`` (a view with no I/O behind the
full middleware stack: the floor), and the page's req/s is given as a share of the mean of
those two. Conditional GETs use ``bench/http_bench_revalidate.lua``. The server is stopped at
the end, on failure too. Figures are printed (a Markdown table), never asserted.
"""

import argparse
import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess  # runs gunicorn and wrk with fixed argument lists  # nosec B404
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "var" / "bench_http"
REVALIDATE_SCRIPT = ROOT / "bench" / "http_bench_revalidate.lua"
FLOOR_PATH = "/healthz"
SLUG_PREFIX = "page-bench-"  # bench/page_bench.py's generated articles
PROGRAM_NAME = "家门口的好服务融媒体特别报道"
# Shares of the floor the pages must reach (issue 12, Targets), in per cent.
UNCACHED_ARTICLE, UNCACHED_LIST, SITEMAP, CACHED, REVALIDATED = 13, 6, 4, 60, 50
WRK = shutil.which("wrk") or "/usr/bin/wrk"
TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


@dataclass(frozen=True)
class WrkResult:
    """What one wrk run reports."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    # Responses with a status of 400 or more (wrk's "Non-2xx or 3xx responses").
    error_responses: int = 0
    socket_errors: int = 0
    # Status counts, when the Lua script counted them (conditional GETs).
    statuses: dict[int, int] | None = None

    def bad_responses(self, expected_status: int | None) -> int:
        """Answers that were not what the run expects: ≥ 400, or not `expected_status`."""
        if expected_status is not None and self.statuses is not None:
            return self.requests - self.statuses.get(expected_status, 0)
        return self.error_responses


@dataclass(frozen=True)
class Page:
    """One URL to load, and its targets as a share of the floor (None: no target)."""

    name: str
    path: str
    uncached_target: int | None
    cached_target: int | None = CACHED
    conditional: bool = False


@dataclass
class Measurement:
    """A page's wrk run and the floor runs around it in the same server run."""

    result: WrkResult
    floors: list[float] = field(default_factory=list)

    @property
    def share(self) -> float:
        """The page's req/s as a percentage of the mean floor around it."""
        return share_of_floor(self.result.requests_per_second, self.floors)


def parse_time_ms(text: str) -> float:
    """wrk's '512.00us', '3.05ms', '1.20s' in milliseconds."""
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match[1]) * TIME_UNITS_MS[match[2]]


def parse_wrk(output: str) -> WrkResult:
    """Read req/s, the median and 99th percentile latency and the errors from `wrk --latency`."""

    def number(pattern: str, default=None):
        match = re.search(pattern, output, re.MULTILINE)
        if match is None:
            if default is None:
                raise ValueError(f"wrk output has no {pattern!r}:\n{output}")
            return default
        return match[1]

    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    statuses = None
    listed = re.search(r"^Statuses:(.*)$", output, re.MULTILINE)
    if listed:
        pairs = (item.split("=") for item in listed[1].split())
        statuses = {int(status): int(count) for status, count in pairs}
    return WrkResult(
        requests_per_second=float(number(r"^Requests/sec:\s+([0-9.]+)")),
        p50_ms=parse_time_ms(number(r"^\s+50%\s+(\S+)")),
        p99_ms=parse_time_ms(number(r"^\s+99%\s+(\S+)")),
        requests=int(number(r"^\s+(\d+) requests in ")),
        error_responses=int(number(r"Non-2xx or 3xx responses: (\d+)", "0")),
        socket_errors=sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
        statuses=statuses,
    )


def share_of_floor(requests_per_second: float, floors: list[float]) -> float:
    """`requests_per_second` as a percentage of the mean of the floor runs beside it."""
    if not floors or sum(floors) <= 0:
        raise ValueError("no floor measured beside this run")
    return 100 * requests_per_second / (sum(floors) / len(floors))


def interleave(pages: list[Page]) -> list[Page | None]:
    """The run order: the floor (None) before, between and after the pages."""
    order: list[Page | None] = [None]
    for page in pages:
        order += [page, None]
    return order


def _target_cell(share: float, target: int | None) -> str:
    if target is None:
        return f"{share:.1f} %"
    verdict = "met" if share >= target else "**missed**"
    return f"{share:.1f} % (≥ {target} %: {verdict})"


def _mode_cells(measurement: Measurement | None, target: int | None) -> list[str]:
    if measurement is None:
        return ["", "", "", ""]
    result = measurement.result
    return [
        f"{result.requests_per_second:,.1f}",
        f"{result.p50_ms:.1f}",
        f"{result.p99_ms:.1f}",
        _target_cell(measurement.share, target),
    ]


def format_table(
    rows: list[tuple[Page, Measurement | None, Measurement | None]],
    floors: dict[str, list[float]],
) -> str:
    """A Markdown table: each page uncached and cached, req/s, p50, p99 (ms), share of the floor."""
    lines = [
        "| page | uncached req/s | p50 ms | p99 ms | of floor (target) "
        "| cached req/s | p50 ms | p99 ms | of floor (target) | bad answers off / on |",
        "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | --- |",
    ]
    floor_cells = []
    for mode in ("off", "on"):
        runs = floors.get(mode) or []
        floor_cells += (
            [f"{min(runs):,.0f}–{max(runs):,.0f}", "", "", "100 %"] if runs else ["", "", "", ""]
        )
    lines.append(f"| floor `{FLOOR_PATH}` | " + " | ".join(floor_cells) + " | |")
    for page, off, on in rows:
        expected = 304 if page.conditional else None
        bad = " / ".join(
            "–" if m is None else f"{m.result.bad_responses(expected)}+{m.result.socket_errors}s"
            for m in (off, on)
        )
        cells = [
            *_mode_cells(off, page.uncached_target),
            *_mode_cells(on, page.cached_target),
        ]
        lines.append(f"| {page.name} `{page.path}` | " + " | ".join(cells) + f" | {bad} |")
    return "\n".join(lines)


# --- Everything below needs a database, gunicorn and wrk. ---


def stack_environment(args, static_root: Path) -> dict[str, str]:
    """The variables a user sets to run the production settings."""
    environment = {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": args.database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(WORK / "media"),
    }
    if os.environ.get("REDIS_URL"):
        environment["REDIS_URL"] = os.environ["REDIS_URL"]
    return environment


def drop_database(url: str) -> None:
    """Remove the benchmark's database, for --rebuild."""
    if url.startswith("sqlite"):
        path = Path(urlsplit(url).path[1:])
        path = path if path.is_absolute() else ROOT / path
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare_database(count: int, out) -> None:
    """Migrate and fill the database once; a second run with the same count reuses it."""
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article
    from bench.page_bench import populate

    call_command("migrate", verbosity=0)
    call_command("compile_translations", stdout=StringIO())
    have = Article.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if have == count:
        out(f"Reusing the {count} generated articles already in the database.")
        return
    if have or Article.objects.exclude(source_document__isnull=False).exists():
        raise SystemExit(
            f"The database holds {have} generated articles, not {count}: pass --rebuild."
        )
    call_command("load_sources", status="published", stdout=StringIO(), stderr=StringIO())
    started = time.perf_counter()
    populate(count)
    out(f"Generated {count} articles in {time.perf_counter() - started:.0f} s.")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def find_pages() -> list[Page]:
    """The public pages to load, each showing a typical amount of content."""
    from django.db.models import Count
    from taggit.models import Tag

    from articles.models import Article, District, Program
    from people.models import Reporter

    public = Article.objects.published()
    article = public.filter(slug__startswith=SLUG_PREFIX).order_by("-published_at")[20]
    district = District.objects.annotate(n=Count("articles")).order_by("-n").first()
    reporter = Reporter.objects.annotate(n=Count("bylines")).order_by("-n").first()
    tag = Tag.objects.annotate(n=Count("taggit_taggeditem_items")).order_by("-n").first()
    program = Program.objects.get(name=PROGRAM_NAME)
    return [
        Page("article", article.get_absolute_url(), UNCACHED_ARTICLE),
        Page("article, 304", article.get_absolute_url(), None, REVALIDATED, conditional=True),
        Page("home", "/", UNCACHED_LIST),
        Page("all articles, page 1", "/search/", UNCACHED_LIST),
        Page("all articles, page 50", "/search/?page=50", UNCACHED_LIST),
        Page(f"tag ({tag.n})", f"/tag/{tag.slug}/", UNCACHED_LIST),
        Page(f"district ({district.n})", district.get_absolute_url(), UNCACHED_LIST),
        Page(f"reporter ({reporter.n})", reporter.get_absolute_url(), UNCACHED_LIST),
        Page(f"program ({program.articles.count()})", program.get_absolute_url(), UNCACHED_LIST),
        Page("search 社区", "/search/?q=社区", UNCACHED_LIST),
        Page("feed", "/feed/", None),
        Page("sitemap index", "/sitemap.xml", SITEMAP),
        Page("sitemap articles", "/sitemap-articles.xml", SITEMAP),
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def fetch(url: str) -> tuple[int, dict[str, str]]:
    """Status and headers of one GET, redirects not followed."""
    request = urllib.request.Request(url, headers=PROXY_HEADERS)  # noqa: S310 - our loopback
    try:
        with OPENER.open(request, timeout=30) as response:  # only http://127.0.0.1  # nosec B310
            response.read()
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@contextlib.contextmanager
def gunicorn(environment: dict[str, str], log: Path, workers: int | None):
    """Start gunicorn (gunicorn.conf.py) on a free loopback port; yield its base URL; stop it."""
    port = free_port()
    environment = {**environment, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    if workers:
        environment["WEB_CONCURRENCY"] = str(workers)
    with log.open("a", encoding="utf-8") as output:
        server = subprocess.Popen(  # noqa: S603 - fixed argv, no shell  # nosec B603
            [str(Path(sys.executable).with_name("gunicorn")), "newsroom.wsgi:application"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as one below
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited with {server.returncode}; see {log}")
            with contextlib.suppress(OSError):
                if fetch(base + FLOOR_PATH)[0] == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not answer {FLOOR_PATH} in 90 s; see {log}")
            time.sleep(0.5)
        yield base
    finally:
        stop(server)


def stop(server: subprocess.Popen) -> None:
    """TERM the server's process group, then KILL it if it is still there after 30 s."""
    if server.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def wrk(url: str, *, duration: str, threads: int, connections: int, script_args=None) -> str:
    # A long timeout: under load a slow page's answers would otherwise be dropped as timeouts
    # (wrk's default is 2 s) and its latency percentiles lost.
    command = [WRK, f"-t{threads}", f"-c{connections}", f"-d{duration}", "--timeout", "10s"]
    command.append("--latency")
    for name, value in PROXY_HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    if script_args is not None:
        command += ["-s", str(REVALIDATE_SCRIPT), url, "--", *script_args]
    else:
        command.append(url)
    finished = subprocess.run(  # noqa: S603 - fixed argv, no shell  # nosec B603
        command, capture_output=True, text=True, check=True, timeout=3600
    )
    return finished.stdout


def measure_server(base: str, pages: list[Page], args, mode: str, out) -> dict:
    """Warm every page up, check it answers 200, then run wrk on the floor and pages in turn."""
    urls = {page: base + quote(page.path, safe="/?=&") for page in pages}
    validators = {}
    for page in dict.fromkeys(p for p in pages if not p.conditional):
        status, headers = fetch(urls[page])
        if status != 200:
            raise SystemExit(f"{page.path}: HTTP {status} with the page cache {mode}")
        validators[page.path] = (headers.get("ETag", ""), headers.get("Last-Modified", ""))
        wrk(urls[page], duration="1s", threads=1, connections=args.connections)
        state = fetch(urls[page])[1].get("X-Page-Cache")
        if state != ("hit" if mode == "on" else "off"):
            out(f"  note: {page.path} answers X-Page-Cache: {state} with the cache {mode}")
    wrk(base + FLOOR_PATH, duration="1s", threads=1, connections=args.connections)
    options = {"duration": args.duration, "threads": args.threads, "connections": args.connections}
    floors, measured, last_floor = [], {}, None
    for page in interleave(pages):
        if page is None:
            last_floor = parse_wrk(wrk(base + FLOOR_PATH, **options)).requests_per_second
            floors.append(last_floor)
            if measured:
                list(measured.values())[-1].floors.append(last_floor)
            out(f"  floor {last_floor:,.0f} req/s")
            continue
        script_args = validators[page.path] if page.conditional else None
        expected = 304 if page.conditional else None
        result = parse_wrk(wrk(urls[page], script_args=script_args, **options))
        measured[page] = Measurement(result, floors=[last_floor])
        out(
            f"  {page.name}: {result.requests_per_second:,.1f} req/s, p50 {result.p50_ms:.1f} ms,"
            f" p99 {result.p99_ms:.1f} ms, bad {result.bad_responses(expected)},"
            f" socket errors {result.socket_errors}"
        )
    soak = None
    if args.soak:
        page = pages[0]
        soak = parse_wrk(wrk(urls[page], duration=args.soak_duration, threads=2, connections=32))
        out(
            f"  soak {page.path} -c32 -d{args.soak_duration}: {soak.requests} requests, "
            f"{soak.requests_per_second:,.1f} req/s, p99 {soak.p99_ms:.0f} ms, "
            f"non-2xx {soak.error_responses}, socket errors {soak.socket_errors}"
        )
    return {"floors": floors, "pages": measured, "soak": soak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="published articles to make")
    parser.add_argument(
        "--database-url",
        default="sqlite:///var/bench_http.sqlite3",
        help="the benchmark's own database (never DATABASE_URL)",
    )
    parser.add_argument("--rebuild", action="store_true", help="drop the database first")
    parser.add_argument("--duration", default="15s", help="wrk -d per run (default 15s)")
    parser.add_argument("--threads", type=int, default=2, help="wrk -t (default 2)")
    parser.add_argument("--connections", type=int, default=8, help="wrk -c (default 8)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py)")
    parser.add_argument("--soak", action="store_true", help="also wrk -c32 on the article page")
    parser.add_argument("--soak-duration", default="60s")
    parser.add_argument("--cache", choices=["both", "off", "on"], default="both")
    parser.add_argument(
        "--prepare-only", action="store_true", help="build the database and static files, stop"
    )
    args = parser.parse_args()

    def out(line: str) -> None:
        print(line, flush=True)

    WORK.mkdir(parents=True, exist_ok=True)
    if args.rebuild:
        drop_database(args.database_url)
    if args.database_url.startswith("postgres"):
        sys.path.insert(0, str(ROOT / "bench"))
        from search_bench import create_postgres_database

        create_postgres_database(args.database_url)
    environment = stack_environment(args, WORK / "static")
    # This process runs the production settings too, to migrate, fill and collect.
    os.environ.update(environment)
    sys.path.insert(0, str(ROOT))
    user_log_level = os.environ.get("LOG_LEVEL")
    os.environ["LOG_LEVEL"] = user_log_level or "WARNING"  # a quiet setup
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections

    prepare_database(args.count, out)
    call_command("collectstatic", interactive=False, verbosity=0)
    if args.prepare_only:
        return
    pages = find_pages()
    vendor = connection.vendor
    cache_backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    for alias in connections:
        connections[alias].close()
        with contextlib.suppress(AttributeError):
            connections[alias].close_pool()

    server_environment = {**os.environ}
    if user_log_level is None:
        del server_environment["LOG_LEVEL"]  # the server logs every request, as in production
    commit = subprocess.run(  # noqa: S603 - fixed argv, no shell  # nosec B603
        [shutil.which("git") or "/usr/bin/git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    out(
        f"HTTP bench on {vendor}, {args.count} generated articles, commit {commit}; "
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}; "
        f"cache {cache_backend}; gunicorn workers "
        f"{args.workers or 'from gunicorn.conf.py'}; load {os.getloadavg()[0]:.1f}"
    )
    modes = ["off", "on"] if args.cache == "both" else [args.cache]
    results = {}
    for mode in modes:
        out(f"Page cache {mode}:")
        if mode == "on" and os.environ.get("REDIS_URL"):
            # Nothing another database's run left in Redis may be served.
            call_command("clear_page_cache", stdout=StringIO())
        run_environment = {
            **server_environment,
            "NEWSROOM_PAGE_CACHE": "1" if mode == "on" else "0",
        }
        with gunicorn(run_environment, WORK / "gunicorn.log", args.workers) as base:
            results[mode] = measure_server(base, pages, args, mode, out)
    measured = {mode: result["pages"] for mode, result in results.items()}
    rows = [(p, measured.get("off", {}).get(p), measured.get("on", {}).get(p)) for p in pages]
    floors = {mode: result["floors"] for mode, result in results.items()}
    out("")
    out(format_table(rows, floors))
    out(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
