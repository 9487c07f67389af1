"""API benchmark: queries and server time of the content API, in-process, as page_bench does.

Run: .venv/bin/python bench/api_bench.py [--articles 2000] [--runs 20] [--database-url URL]

The same database set-up as ``page_bench.py`` (a temporary SQLite file unless told otherwise),
then each API URL is requested with Django's test ``Client``. The middle page starts from the
cursor of the middle article, to show that keyset paging costs no more deep than on page one.
Figures are printed, never asserted.
"""

import argparse
import tempfile
from pathlib import Path

from page_bench import run


def api_targets(made: dict) -> list[tuple[str, str]]:
    """(name, URL) of every API request timed."""
    from articles.api.paging import encode_cursor
    from articles.models import Article

    public = Article.objects.published().order_by("-published_at", "-pk")
    article = public[20]
    deep = encode_cursor(public[public.count() // 2])
    reporter = made["reporters"][0]
    return [
        ("articles, 50", "/api/v1/articles?limit=50"),
        ("articles, 50, middle page", f"/api/v1/articles?limit=50&cursor={deep}"),
        ("articles, 50, ninjs", "/api/v1/articles?limit=50&format=ninjs"),
        ("articles by reporter", f"/api/v1/articles?limit=50&reporter={reporter.slug}"),
        ("article", f"/api/v1/articles/{article.pk}"),
        ("article .ninjs", f"/api/v1/articles/{article.pk}.ninjs"),
        ("search 社区, 50", "/api/v1/search?q=社区&limit=50"),
        ("districts", "/api/v1/districts"),
        ("reporters", "/api/v1/reporters"),
        ("tags", "/api/v1/tags"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="published articles to add")
    parser.add_argument("--runs", type=int, default=20, help="timed requests per URL")
    parser.add_argument("--database-url", help="a fresh database (default: temporary SQLite)")
    args = parser.parse_args()
    options = {"articles": args.articles, "runs": args.runs, "targets": api_targets, "title": "API"}
    if args.database_url:
        run(args.database_url, **options)
        return
    with tempfile.TemporaryDirectory(prefix="newsroom-api-bench-") as work:
        run(f"sqlite:///{Path(work) / 'bench.sqlite3'}", **options)


if __name__ == "__main__":
    main()
