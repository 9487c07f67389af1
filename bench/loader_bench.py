"""Loader benchmark: parse speed, loading 1,000 pages into SQLite, and re-loading them unchanged.

Run: .venv/bin/python bench/loader_bench.py [--pages 1000]
It makes its own temporary SQLite database and page folder, and prints a table.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "fixtures" / "sources"

REPORTERS = ["袁玮", "杨欢", "王蔚", "张钰芸", "徐驰", "范洁", "陈浩", "李一能", "金旻矣", "屠瑜"]
PEOPLE = ["刘懿静", "李红波", "雷国兴", "刘俊", "周文华", "沈明", "顾佳", "陆晓东", "钱建平"]
DISTRICTS = ["虹口区", "静安区", "徐汇区", "杨浦区", "普陀区", "长宁区", "黄浦区", "闵行区"]
STREETS = ["嘉兴路街道", "曹家渡街道", "天平路街道", "五角场街道", "长风新村街道", "华阳路街道"]
WORDS = ["社区", "街巷", "邻里", "楼道", "家门口", "烟火气", "新身份", "好师傅", "会客厅", "小确幸"]
NUMERALS = "一二三四五六七八九十"


def vary(text: str, n: int, rng: random.Random) -> str:
    """A page like the seed but with other names, places, numbers and headlines."""
    replacements = {
        "袁玮": rng.choice(REPORTERS),
        "杨欢": rng.choice(REPORTERS),
        "刘懿静": rng.choice(PEOPLE),
        "雷国兴": rng.choice(PEOPLE),
        "虹口区": rng.choice(DISTRICTS),
        "嘉兴路街道": rng.choice(STREETS),
        "32名": f"{rng.randint(10, 99)}名",
        "下沉心练功夫": f"{rng.choice(WORDS)}里练功夫{n}",
        "财政力度尽显惠民温度": f"{rng.choice(WORDS)}尽显惠民温度{n}",
        "第一辑": f"第{NUMERALS[n % 10]}辑",
        "59472元": f"{50000 + n}元",
    }
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text


def synthesise(folder: Path, count: int) -> int:
    """Write `count` varied pages; return their total size in bytes."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))]
    rng = random.Random(20221121)  # reproducible data, not secrets  # nosec B311
    total = 0
    for n in range(count):
        data = vary(seeds[n % len(seeds)], n, rng).encode("utf-8")
        (folder / f"page-{n:04d}.txt").write_bytes(data)
        total += len(data)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsroom-loader-bench-") as work:
        run(Path(work), pages_wanted=args.pages)


def run(work: Path, *, pages_wanted: int) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from articles.ingest import decode_source, parse_document
    from articles.models import Article

    call_command("migrate", verbosity=0)
    pages = work / "pages"
    pages.mkdir()
    size = synthesise(pages, pages_wanted)
    files = sorted(pages.glob("*.txt"))

    # Parsing alone, one core: decode and parse every page, after one warm-up parse.
    blobs = [(f.name, f.read_bytes()) for f in files]
    parse_document(decode_source(blobs[0][1], source="warm-up"), source="warm-up")
    started, cpu_started = time.perf_counter(), time.process_time()
    articles = sum(
        len(parse_document(decode_source(data, source=name), source=name).articles)
        for name, data in blobs
    )
    parse_seconds = time.perf_counter() - started
    # CPU time too: on a shared machine wall time also counts other processes' turns.
    parse_cpu = time.process_time() - cpu_started

    def timed_load() -> tuple[float, str]:
        out, err = StringIO(), StringIO()
        started = time.perf_counter()
        call_command("load_sources", str(pages), stdout=out, stderr=err)
        return time.perf_counter() - started, out.getvalue().strip()

    load_seconds, load_summary = timed_load()
    reload_seconds, reload_summary = timed_load()
    saved = Article.objects.count()
    if saved != articles:
        raise SystemExit(f"parsed {articles} articles but {saved} are saved")

    mb = size / 1_000_000
    rows = [
        ("pages", f"{len(files)} ({mb:.1f} MB, {articles} articles)", ""),
        ("parse (wall)", f"{parse_seconds:.2f} s", f"{mb / parse_seconds:.2f} MB/s (target ≥ 2)"),
        ("parse (CPU)", f"{parse_cpu:.2f} s", f"{mb / parse_cpu:.2f} MB/s on one core"),
        ("load into SQLite", f"{load_seconds:.2f} s", "target < 60 s"),
        ("re-load unchanged", f"{reload_seconds:.2f} s", "target < 15 s"),
    ]
    print(f"{'step':<20}{'time':<32}note")
    for step, value, note in rows:
        print(f"{step:<20}{value:<32}{note}")
    print(f"load:   {load_summary}")
    print(f"reload: {reload_summary}")


if __name__ == "__main__":
    main()
