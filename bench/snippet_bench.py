"""Search snippet benchmark: the highlighter's cost for one results page, before and after.

Run: .venv/bin/python bench/snippet_bench.py [--runs 20] [--results 20]
Builds `--results` synthetic articles (bench/synthetic.py's text), then times the snippets of
one results page for 2-, 3- and 4-character queries and a two-term query: the current
``articles.search.snippet`` against the earlier implementation (kept in
tests/articles/test_search_highlight.py, which also holds the two to the same output).
No database: snippets are pure Python over the articles' bodies.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ["社区", "居委会", "老旧小区", "社区 干部", "没有的词"]


def page_median_ms(function, articles, parsed, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for article in articles:
            function(article, parsed)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--results", type=int, default=20)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
    import django

    django.setup()
    from django.utils import timezone

    from articles.search import parse_query, snippet
    from bench.synthetic import _CLAUSE_END, ArticleFaker, _page_texts
    from tests.articles.test_search_highlight import _reference_snippet

    # The repository's pages only (synthetic.vocabulary also reads a database; none here).
    texts = _page_texts()
    faker = ArticleFaker(
        sorted({c for t in texts for c in _CLAUSE_END.split(t) if 2 <= len(c) <= 40})
    )
    now = timezone.now()
    articles = [SimpleNamespace(body=faker.article(n, now).body) for n in range(args.results)]
    chars = sum(len(b.get("text", "")) for a in articles for b in a.body) // len(articles)
    print(f"{args.results} results, {chars} body characters each on average")
    print(f"{'query':<12} {'before':>10} {'after':>10} {'speed-up':>9}")
    for query in QUERIES:
        parsed = parse_query(query)
        before = page_median_ms(_reference_snippet, articles, parsed, args.runs)
        after = page_median_ms(snippet, articles, parsed, args.runs)
        print(f"{query:<12} {before:>8.2f} ms {after:>8.2f} ms {before / after:>8.1f}x")


if __name__ == "__main__":
    main()
