"""Proofreading diff benchmark: how long the change form's raw-vs-repaired character diff takes.

Run: .venv/bin/python bench/repair_diff_bench.py [--runs 5]
Diffs each article of every page in fixtures/sources/ (raw OCR against the parser's repaired
text), then the whole seed page repeated to 2,500, 5,000 and 10,000 characters, and prints the
median time of each. No database: the diff is pure Python (difflib, autojunk off).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "fixtures" / "sources"


def median_seconds(raw: str, clean: str, runs: int) -> float:
    from articles.repair_diff import repair_diff

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        repair_diff(raw, clean)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
    import django

    django.setup()
    from articles.ingest import decode_source, parse_document

    print(f"{'text':<40} {'chars':>7} {'median':>10}")
    seed = ""
    for path in sorted(SOURCES.glob("*.txt")):
        text = decode_source(path.read_bytes(), source=path.name)
        seed = seed or text
        for article in parse_document(text, source=path.name, sha256="-").articles:
            lines = [article.kicker, article.headline, *article.subheadline]
            lines += [block.text for block in article.blocks if getattr(block, "text", "")]
            clean = "\n\n".join(line for line in lines if line)
            seconds = median_seconds(article.raw_text, clean, args.runs)
            label = f"{path.name} #{article.position}"
            print(f"{label:<40} {len(article.raw_text):>7} {seconds * 1000:>8.1f} ms")
    for size in (2500, 5000, 10000):
        raw = (seed * (size // len(seed) + 1))[:size]
        clean = raw.replace(",", "，").replace(" ", "")
        seconds = median_seconds(raw, clean, args.runs)
        print(f"{'seed page repeated':<40} {size:>7} {seconds * 1000:>8.1f} ms")


if __name__ == "__main__":
    main()
