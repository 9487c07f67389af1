"""Search benchmark: top-20 latency of the bigram index against a sequential LIKE scan.

    python bench/search_bench.py --database-url postgres://postgres@127.0.0.1:5432/newsroom_bench \
        --count 100000
    python bench/search_bench.py --database-url sqlite:///var/search_bench.sqlite3 --count 10000

Creates the database if needed, migrates it, tops the synthetic articles up to ``--count``
(``manage.py generate_synthetic_articles``; remove them with ``--delete``), rebuilds the index
timing it, then times each query. Figures are printed, never asserted.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
QUERIES = {
    2: ["社区", "干部", "虹口", "刘懿"],
    3: ["嘉兴路", "居民区", "刘懿静", "自贸区"],
    4: ["基层治理", "下沉干部", "上海自贸", "治理能力"],
}


def create_postgres_database(url: str) -> None:
    """CREATE DATABASE for the benchmark if it does not exist yet."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function, runs: int) -> list[float]:
    function()  # warm the caches once
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL")
        or "postgres://postgres@127.0.0.1:5432/newsroom_bench",
    )
    parser.add_argument("--count", type=int, default=100_000, help="synthetic articles wanted")
    parser.add_argument("--runs", type=int, default=10, help="timed runs per indexed query")
    parser.add_argument("--like-runs", type=int, default=3, help="timed runs per LIKE query")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    if args.database_url.startswith("postgres"):
        create_postgres_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article
    from articles.search import backend_for, rebuild_index, search_articles
    from articles.search.expressions import row_condition, row_number
    from articles.search.synthetic import SLUG_PREFIX, generate_synthetic

    call_command("migrate", verbosity=0)
    backend = backend_for(connection)
    have = Article.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if have < args.count:
        print(f"Generating {args.count - have} synthetic articles …", flush=True)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Skip the per-row trigger here; the timed rebuild below indexes every row once.
                cursor.execute("SET session_replication_role = replica")
            generate_synthetic(args.count - have, batch_size=2000)
            if connection.vendor == "postgresql":
                cursor.execute("SET session_replication_role = DEFAULT")
        print(f"  generated in {time.perf_counter() - started:.0f} s")
    total = Article.objects.count()

    print("Rebuilding the search index …", flush=True)
    started = time.perf_counter()
    rebuild_index()
    build_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE articles_article" if connection.vendor == "postgresql" else "ANALYZE"
        )
    size = backend.index_size(connection)

    text_sql = "({t}.kicker || ' ' || {t}.headline || ' ' || CAST({t}.subheadline AS text)"
    like_match = text_sql + " || ' ' || CAST({t}.body AS text)) LIKE %s"
    like_title = "CAST(" + text_sql + ") LIKE %s AS integer)"

    def indexed(query):
        return lambda: list(search_articles(Article.objects.published(), query)[:20])

    def like_scan(query):
        pattern = f"%{query}%"
        return lambda: list(
            Article.objects.published()
            .filter(row_condition(like_match, [pattern]))
            .annotate(search_rank=row_number(like_title, [pattern]))
            .order_by("-search_rank", "-published_at", "-pk")[:20]
        )

    def counted(query):
        return lambda: search_articles(Article.objects.published(), query).count()

    print(f"\nSearch on {connection.vendor}, {total} articles ({args.count} synthetic)")
    print(
        f"index build {build_seconds:.1f} s; index {size['index'] / 2**20:.1f} MiB; "
        f"search columns {size['columns'] / 2**20:.1f} MiB"
    )
    header = (
        "chars  matches(avg)  index p50  index p95  count p95  LIKE p50  LIKE p95  LIKE/index p95"
    )
    print(header)
    for length, queries in QUERIES.items():
        fast, slow, counts, matches = [], [], [], []
        for query in queries:
            fast += timed(indexed(query), args.runs)
            counts += timed(counted(query), args.runs)
            slow += timed(like_scan(query), args.like_runs)
            matches.append(search_articles(Article.objects.published(), query).count())
        print(
            f"{length:>5}  {statistics.mean(matches):>12.0f}  {percentile(fast, 0.5):>7.1f}ms"
            f"  {percentile(fast, 0.95):>7.1f}ms  {percentile(counts, 0.95):>7.1f}ms"
            f"  {percentile(slow, 0.5):>6.0f}ms  {percentile(slow, 0.95):>6.0f}ms"
            f"  {percentile(slow, 0.95) / percentile(fast, 0.95):>13.0f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
