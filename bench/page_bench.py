"""Page benchmark: queries and server time of the public pages, rendered in-process.

Run: .venv/bin/python bench/page_bench.py [--articles 2000] [--runs 30] [--database-url URL]

Without ``--database-url`` it makes its own temporary SQLite database and deletes it afterwards;
it never reads DATABASE_URL. A PostgreSQL URL is created if missing and must hold no articles
besides the seed page. The script migrates, loads the seed page published
(``load_sources --status published``), adds ``--articles`` published articles with bylines,
districts, tags, mentions and a program with installments (bulk inserts), then requests each
page with Django's test ``Client`` under the test settings (DEBUG off, cached template loader):
warm-up, one request counting queries, then ``--runs`` timed requests. Figures are printed,
never asserted.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "玮欢蔚钰芸驰洁浩能瑜静波兴俊华明佳东平晨雯磊敏婷琳杰强燕丽军峰宇"
TAGS = [
    "社区治理", "旧区改造", "加装电梯", "养老服务", "垃圾分类", "城市更新", "口袋公园",
    "一网通办", "家门口服务", "15分钟生活圈", "居委会", "志愿者", "为老服务", "老旧小区",
    "停车难", "菜场", "文明创建", "基层干部", "民生实事", "美丽街区",
]  # fmt: skip
WARM_UP = 3


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """`count` distinct made-up two- or three-character names not in `taken`."""
    made: list[str] = []
    while len(made) < count:
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))
        if name not in taken:
            taken.add(name)
            made.append(name)
    return made


def populate(count: int, *, seed: int = 2022) -> dict:
    """Add `count` published articles with realistic relations; return objects to request."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from taggit.models import Tag, TaggedItem

    from articles.models import (
        Article,
        ArticleMention,
        ArticleStatus,
        Byline,
        BylinePosition,
        District,
        Program,
        ProgramInstallment,
    )
    from bench.synthetic import ArticleFaker, vocabulary
    from people.models import Person, Reporter

    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets  # nosec B311
    faker = ArticleFaker(vocabulary(), seed=seed)
    taken = set(Reporter.objects.values_list("name", flat=True))
    taken |= set(Person.objects.values_list("name", flat=True))
    with transaction.atomic():
        # A few dozen of each, saved one by one so pinyin and slugs are filled as usual.
        reporters = [Reporter.objects.create(name=n) for n in names(rng, 36, taken)]
        people = [Person.objects.create(name=n) for n in names(rng, 200, taken)]
        tags = [Tag.objects.create(name=t) for t in TAGS if not Tag.objects.filter(name=t).exists()]
        program = Program.objects.create(
            name="家门口的好服务融媒体特别报道", description="基准测试用专题。"
        )
        installments = ProgramInstallment.objects.bulk_create(
            ProgramInstallment(program=program, number=n, label=f"第{n}辑") for n in range(1, 9)
        )
    districts = list(District.objects.prefetch_related("subdistricts"))
    # Few districts get most stories, as in the paper.
    district_weights = [1 / (rank + 1) for rank in range(len(districts))]
    now = timezone.now()

    articles = []
    for n in range(count):
        article = faker.article(n, now)
        published = now - timedelta(minutes=rng.randint(5, 365 * 24 * 60))
        article.status = ArticleStatus.PUBLISHED
        article.published_at = published
        article.slug = f"page-bench-{n}"
        article.summary = faker.sentence() if rng.random() < 0.5 else ""
        article.print_date = timezone.localdate(published)
        article.print_page = f"{rng.randint(1, 24)}"
        if rng.random() < 0.08:
            installment = rng.choice(installments)
            article.program, article.installment = program, installment
        articles.append(article)
    with transaction.atomic():
        Article.objects.bulk_create(articles, batch_size=500)
        bylines, mentions, district_links, subdistrict_links, tag_items = [], [], [], [], []
        article_type = ContentType.objects.get_for_model(Article)
        for article in articles:
            for order, reporter in enumerate(rng.sample(reporters, rng.choice([1, 1, 2, 2, 3]))):
                bylines.append(
                    Byline(
                        article=article,
                        reporter=reporter,
                        role="本报记者",
                        position=BylinePosition.END,
                        order=order,
                    )
                )
            for order, person in enumerate(rng.sample(people, rng.randint(0, 4))):
                mentions.append(
                    ArticleMention(article=article, person=person, title="居民", order=order)
                )
            chosen = {rng.choices(districts, weights=district_weights)[0] for _ in range(3)}
            for district in list(chosen)[: rng.randint(1, 3)]:
                district_links.append(
                    Article.districts.through(article_id=article.pk, district_id=district.pk)
                )
                streets = list(district.subdistricts.all())
                if streets and rng.random() < 0.5:
                    subdistrict_links.append(
                        Article.subdistricts.through(
                            article_id=article.pk, subdistrict_id=rng.choice(streets).pk
                        )
                    )
            for tag in rng.sample(tags, rng.randint(0, 3)) if tags else ():
                tag_items.append(
                    TaggedItem(content_type=article_type, object_id=article.pk, tag=tag)
                )
        Byline.objects.bulk_create(bylines, batch_size=1000)
        ArticleMention.objects.bulk_create(mentions, batch_size=1000)
        Article.districts.through.objects.bulk_create(district_links, batch_size=1000)
        Article.subdistricts.through.objects.bulk_create(subdistrict_links, batch_size=1000)
        TaggedItem.objects.bulk_create(tag_items, batch_size=1000)
    return {"program": program, "reporters": reporters, "tags": tags}


def pages(made: dict) -> list[tuple[str, str]]:
    """(name, URL) of every page timed, each picked to show a typical amount of content."""
    from django.db.models import Count
    from taggit.models import Tag

    from articles.models import Article, District
    from articles.tagging import ids_tagged_with
    from people.models import Reporter

    public = Article.objects.published()
    # An ordinary article from the middle of the list, with bylines, districts and mentions.
    article = public.filter(slug__startswith="page-bench-").order_by("-published_at")[20]
    district = District.objects.annotate(n=Count("articles")).order_by("-n").first()
    reporter = Reporter.objects.annotate(n=Count("bylines")).order_by("-n").first()
    tag = max(made["tags"], key=lambda t: ids_tagged_with([t]).count()) if made["tags"] else None
    tag = tag or Tag.objects.first()
    month = public.filter(print_date__isnull=False).latest("print_date").print_date
    # The month before the latest, so it is a full one.
    month = (month.replace(day=1) - timedelta(days=1)).replace(day=1)
    return [
        ("home", "/"),
        ("article", article.get_absolute_url()),
        (f"district ({district.n} articles)", district.get_absolute_url()),
        (f"program ({made['program'].articles.count()})", made["program"].get_absolute_url()),
        (f"reporter ({reporter.n})", reporter.get_absolute_url()),
        (f"tag ({ids_tagged_with([tag]).count()})", f"/tag/{tag.slug}/"),
        ("archive month", f"/archive/{month:%Y}/{month:%m}/"),
        ("search ?q=社区", "/search/?q=社区"),
        ("feed", "/feed/"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap articles", "/sitemap-articles.xml"),
    ]


def measure(url: str, runs: int, headers=None) -> tuple[int, int, list[float]]:
    """(queries per request, response size, timings in ms) of `runs` GETs after a warm-up."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # A host in the default ALLOWED_HOSTS: the test runner's `testserver` is not allowed here.
    client = Client(SERVER_NAME="localhost")
    headers = headers or {}
    for _ in range(WARM_UP):
        response = client.get(url, headers=headers)
        if response.status_code not in (200, 304):
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    # Now: the captured list is a lazy slice of a log every new request clears.
    query_count = len(queries)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url, headers=headers)
        samples.append((time.perf_counter() - started) * 1000)
    return query_count, len(response.content), samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="published articles to add")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page")
    parser.add_argument(
        "--database-url", help="a fresh database to use (default: a temporary SQLite file)"
    )
    parser.add_argument(
        "--page-cache",
        action="store_true",
        help="serve pages from the page cache (locmem, or REDIS_URL) and time 304 revalidations",
    )
    args = parser.parse_args()
    options = {"articles": args.articles, "runs": args.runs, "page_cache": args.page_cache}
    if args.database_url:
        run(args.database_url, **options)
        return
    with tempfile.TemporaryDirectory(prefix="newsroom-page-bench-") as work:
        run(f"sqlite:///{Path(work) / 'bench.sqlite3'}", **options)


def run(
    database_url: str,
    *,
    articles: int,
    runs: int,
    page_cache: bool = False,
    targets=pages,
    title="Pages",
) -> None:
    """Fill the database, then time each of `targets(made)`: (name, URL) pairs."""
    # Set here, never inherited: the benchmark writes thousands of articles into its database.
    os.environ["DATABASE_URL"] = database_url
    # The test settings: DEBUG off, so Django uses the cached template loader, as in production.
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.test"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    if database_url.startswith("postgres"):
        from search_bench import create_postgres_database

        create_postgres_database(database_url)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.template import engines
    from django.test import Client

    from articles.models import Article

    call_command("migrate", verbosity=0)
    call_command("load_sources", status="published", stdout=StringIO(), stderr=StringIO())
    if Article.objects.exclude(source_document__isnull=False).exists():
        raise SystemExit("The database has articles besides the seed page: use a fresh one.")
    started = time.perf_counter()
    made = populate(articles)
    setup_seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    settings.NEWSROOM_PAGE_CACHE = page_cache
    cache_backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    loaders = [type(loader).__module__ for loader in engines["django"].engine.template_loaders]
    total = Article.objects.published().count()
    print(
        f"{title} on {connection.vendor}, {total} published articles "
        f"({articles} added in {setup_seconds:.1f} s); DEBUG={settings.DEBUG}, "
        f"template loaders {loaders}; {runs} timed requests per page after {WARM_UP} warm-up; "
        f"page cache {'on, ' + cache_backend if page_cache else 'off'}"
    )
    revalidation = f"{'304 q':>6}{'304 p50':>9}" if page_cache else ""
    print(f"{'page':<26}{'queries':>8}{'KB':>7}{'p50 ms':>9}{'p95 ms':>9}{revalidation}  URL")
    for name, url in targets(made):
        queries, size, samples = measure(url, runs)
        if page_cache:
            etag = Client(SERVER_NAME="localhost").get(url)["ETag"]
            not_modified, _, again = measure(url, runs, headers={"If-None-Match": etag})
            revalidation = f"{not_modified:>6}{percentile(again, 0.5):>9.2f}"
        print(
            f"{name:<{26 - sum(1 for ch in name if ord(ch) > 0x2E80)}}{queries:>8}"
            f"{size / 1024:>7.0f}{percentile(samples, 0.5):>9.2f}{percentile(samples, 0.95):>9.2f}"
            f"{revalidation}  {url}",
            flush=True,
        )


if __name__ == "__main__":
    main()
