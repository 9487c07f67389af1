"""Search benchmark: top-20 latency of the bigram index against a sequential LIKE scan.

    python bench/search_bench.py --database-url postgres://postgres@127.0.0.1:5432/newsroom_bench \
        --count 100000
    python bench/search_bench.py --database-url sqlite:///var/search_bench.sqlite3 --count 10000

Creates the database if needed, migrates it, tops the synthetic articles up to ``--count``
(``bench/synthetic.py``; remove them with ``--delete``), rebuilds the index
timing it (``--no-rebuild`` skips that), analyses the table, then times each query: the first
page of ``search_results`` (capped count + top 20, as the search page does) against a sequential
``LIKE`` scan with the same ranking. Figures are printed, never asserted.
"""

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
# Per query length, real words of three frequency bands in the synthetic corpus (share of
# articles): common >= 10 %, middling 1-10 %, rare < 1 %. The bench prints the actual counts.
QUERIES = {
    2: {
        "common": ["社区", "上海", "街道"],
        "middling": ["地铁", "医院", "静安"],
        "rare": ["业委", "加装"],
    },
    3: {
        "common": ["居委会", "居民区", "图书馆"],
        "middling": ["嘉兴路", "风貌区", "普陀区"],
        "rare": ["徐汇区", "长宁区"],
    },
    4: {
        "common": ["独居老人", "基层治理", "老旧小区"],
        "middling": ["社区治理", "旧改项目", "口袋公园"],
        "rare": ["城市更新", "居民群众"],
    },
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
        # Never DATABASE_URL: the benchmark fills its database with 100,000 synthetic articles.
        default=os.environ.get("SEARCH_BENCH_DATABASE_URL")
        or "postgres://postgres@127.0.0.1:5432/newsroom_bench",
    )
    parser.add_argument("--count", type=int, default=100_000, help="synthetic articles wanted")
    parser.add_argument("--runs", type=int, default=10, help="timed runs per indexed query")
    parser.add_argument("--like-runs", type=int, default=3, help="timed runs per LIKE query")
    parser.add_argument(
        "--delete", action="store_true", help="remove the synthetic articles and stop"
    )
    parser.add_argument(
        "--no-rebuild", action="store_true", help="time the queries on the index as it is"
    )
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
    from articles.search import backend_for, rebuild_index, search_articles, search_results
    from articles.search.expressions import row_condition, row_number
    from bench.synthetic import SLUG_PREFIX, delete_synthetic, generate_synthetic

    call_command("migrate", verbosity=0)
    if args.delete:
        print(f"Deleted {delete_synthetic()} synthetic rows.")
        return 0
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

    build = "not rebuilt"
    if not args.no_rebuild:
        print("Rebuilding the search index …", flush=True)
        started = time.perf_counter()
        rebuild_index()
        build = f"index build {time.perf_counter() - started:.1f} s"
    with connection.cursor() as cursor:
        # Fresh statistics after bulk writes: the planner's choices depend on them.
        cursor.execute(
            "VACUUM ANALYZE articles_article" if connection.vendor == "postgresql" else "ANALYZE"
        )
    size = backend.index_size(connection)

    text_sql = "({t}.kicker || ' ' || {t}.headline || ' ' || CAST({t}.subheadline AS text)"
    like_match = text_sql + " || ' ' || CAST({t}.body AS text)) LIKE %s"
    like_title = "CAST(" + text_sql + ") LIKE %s AS integer)"

    def indexed(query):
        # What the search page does: the capped count, then the first 20 in ranked order.
        return lambda: list(search_results(Article.objects.published(), query)[:20])

    def like_scan(query):
        pattern = f"%{query}%"
        return lambda: list(
            Article.objects.published()
            .filter(row_condition(like_match, [pattern]))
            .annotate(search_rank=row_number(like_title, [pattern]))
            .order_by("-search_rank", "-published_at", "-pk")[:20]
        )

    print(f"\nSearch on {connection.vendor}, {total} articles ({args.count} synthetic)")
    print(
        f"{build}; indexes {size['index'] / 2**20:.1f} MiB; "
        f"search columns {size['columns'] / 2**20:.1f} MiB"
    )
    print("chars  band      query      matches   top-20 p50  p95     LIKE p50  p95     LIKE/index")
    summary = []
    for length, bands in QUERIES.items():
        every_fast, every_slow = [], []
        for band, queries in bands.items():
            fast, slow = [], []
            for query in queries:
                mine, theirs = (
                    timed(indexed(query), args.runs),
                    timed(like_scan(query), args.like_runs),
                )
                matches = search_articles(Article.objects.published(), query).count()
                print(
                    f"{length:>5}  {band:<8}  {query:<{10 - len(query)}} {matches:>8}"
                    f"  {percentile(mine, 0.5):>7.1f}ms {percentile(mine, 0.95):>6.1f}ms"
                    f"  {percentile(theirs, 0.5):>6.0f}ms {percentile(theirs, 0.95):>6.0f}ms"
                    f"  {percentile(theirs, 0.95) / percentile(mine, 0.95):>8.0f}x",
                    flush=True,
                )
                fast, slow = fast + mine, slow + theirs
            summary.append((length, band, fast, slow))
            every_fast, every_slow = every_fast + fast, every_slow + slow
        summary.append((length, "all", every_fast, every_slow))
    print("\nchars  band      top-20 p50  p95      LIKE p50  p95     LIKE/index p95")
    for length, band, fast, slow in summary:
        print(
            f"{length:>5}  {band:<8}  {percentile(fast, 0.5):>7.1f}ms"
            f" {percentile(fast, 0.95):>6.1f}ms"
            f"  {percentile(slow, 0.5):>7.0f}ms {percentile(slow, 0.95):>6.0f}ms"
            f"  {percentile(slow, 0.95) / percentile(fast, 0.95):>10.0f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
