"""The desk's statistics: four bounded queries, each turned into a server-drawn SVG chart."""

from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from .models import (
    Article,
    ArticleStatus,
    Byline,
    District,
    LoaderRun,
    expired_q,
    published_q,
    scheduled_q,
)

WEEKS = 12
LOADER_RUNS = 10
TOP_REPORTERS = 10
BAR = "#3182bd"  # the darker end of the map's Blues scale
# Okabe-Ito: distinguishable with every common colour-vision deficiency.
RUN_PARTS = (
    ("created", "新建", "#0072b2"),
    ("updated", "更新", "#e69f00"),
    ("unchanged", "未变", "#bbbbbb"),
    ("skipped", "跳过", "#d55e00"),
)


def week_starts(*, now=None) -> list:
    """The Mondays (Asia/Shanghai) of the last WEEKS weeks, oldest first."""
    today = timezone.localdate(now or timezone.now())
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]


def weekly_by_district(*, now=None) -> dict:
    """Public articles per district per week, for small multiples: one query for the counts."""
    now = now or timezone.now()
    weeks = week_starts(now=now)
    start = timezone.make_aware(datetime.combine(weeks[0], time.min))
    rows = (
        Article.objects.published(at=now)
        .filter(published_at__gte=start, districts__isnull=False)
        .annotate(week=TruncWeek("published_at"))
        .values("districts", "week")
        .annotate(n=Count("pk", distinct=True))
    )
    counts = {(r["districts"], timezone.localdate(r["week"])): r["n"] for r in rows}
    districts = District.objects.only("pk", "short_name", "slug", "code")
    series = [
        {"district": d, "values": [counts.get((d.pk, week), 0) for week in weeks]}
        for d in districts
    ]
    highest = max((v for s in series for v in s["values"]), default=0)
    for item in series:
        item["bars"] = column_bars(item["values"], highest=highest, width=120, height=36)
        item["total"] = sum(item["values"])
    return {"weeks": weeks, "series": series, "highest": highest}


def pipeline(*, now=None) -> list[dict]:
    """How many articles sit at each stage of the workflow: one aggregate query."""
    now = now or timezone.now()
    stages = {
        "proofreading": ("待校对", Q(status=ArticleStatus.PROOFREADING)),
        "draft": ("草稿", Q(status=ArticleStatus.DRAFT)),
        "review": ("待审", Q(status=ArticleStatus.REVIEW)),
        # Waiting for its publish time or for its embargo to end.
        "scheduled": ("定时发布", scheduled_q(at=now)),
        "published": ("已发布", published_q(at=now)),
        # Expired articles are off the site before `expire_articles` records the withdrawal.
        "withdrawn": ("已撤回", Q(status=ArticleStatus.WITHDRAWN) | expired_q(at=now)),
    }
    totals = Article.objects.aggregate(
        **{key: Count("pk", filter=condition) for key, (_, condition) in stages.items()}
    )
    return row_bars([(label, totals[key]) for key, (label, _) in stages.items()])


# Parse warnings count pages' doubts, not articles: their own thin bar and scale under each run.
WARNINGS_COLOUR = "#cc79a7"
RUN_STEP = 32


def loader_runs() -> list[dict]:
    """The latest loader runs, each a stacked bar of what it did with the articles and a thin
    bar of its parse warnings: one query."""
    runs = list(LoaderRun.objects.all()[:LOADER_RUNS])
    highest = max((sum(getattr(r, f) for f, _, _ in RUN_PARTS) for r in runs), default=0)
    most_warnings = max((r.parse_warnings for r in runs), default=0)
    items = []
    for run in runs:
        x, parts = 0.0, []
        for field, label, colour in RUN_PARTS:
            value = getattr(run, field)
            width = 300 * value / highest if highest else 0
            parts.append({"label": label, "value": value, "x": x, "width": width, "fill": colour})
            x += width
        warnings = {
            "value": run.parse_warnings,
            "width": 300 * run.parse_warnings / most_warnings if most_warnings else 0,
        }
        items.append({"run": run, "parts": parts, "warnings": warnings, "y": len(items) * RUN_STEP})
    return items


def top_reporters(*, now=None) -> list[dict]:
    """Reporters with the most articles published this month (Asia/Shanghai): one query."""
    now = timezone.localtime(now or timezone.now())
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    rows = (
        Byline.objects.filter(
            published_q("article__", at=now), article__published_at__gte=month_start
        )
        .values("reporter__name")
        .annotate(n=Count("article", distinct=True))
        .order_by("-n", "reporter__name")[:TOP_REPORTERS]
    )
    return row_bars([(row["reporter__name"], row["n"]) for row in rows])


def row_bars(pairs: list[tuple[str, int]], *, width: float = 300, step: int = 26) -> list[dict]:
    """Horizontal bars for (label, value) pairs, scaled to the largest value."""
    highest = max((value for _, value in pairs), default=0)
    return [
        {"label": label, "value": value, "y": i * step, "width": bar, "value_x": bar + 124}
        for i, (label, value) in enumerate(pairs)
        for bar in [width * value / highest if highest else 0]
    ]


def column_bars(values: list[int], *, highest: int, width: float, height: float) -> list[dict]:
    """Vertical bars filling `width`, scaled so `highest` reaches `height`."""
    step = width / len(values)
    return [
        {
            "x": i * step,
            "y": height - (height * v / highest if highest else 0),
            "width": step * 0.8,
            "height": height * v / highest if highest else 0,
            "value": v,
        }
        for i, v in enumerate(values)
    ]
