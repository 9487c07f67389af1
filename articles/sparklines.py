"""Articles per month over the last year, drawn as a sparkline on reporter and program pages."""

from datetime import date, datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

MONTHS = 12
WIDTH, HEIGHT = 120, 24


def last_months(*, now=None) -> list[date]:
    """The first days of the last MONTHS months (Asia/Shanghai), oldest first."""
    today = timezone.localdate(now or timezone.now())
    index = today.year * 12 + today.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - MONTHS + 1, index + 1)]


def monthly_sparkline(articles, *, now=None) -> dict:
    """Sparkline context for a queryset of public articles: one query for the counts."""
    now = now or timezone.now()
    months = last_months(now=now)
    start = datetime(months[0].year, months[0].month, 1, tzinfo=timezone.get_current_timezone())
    rows = (
        articles.filter(published_at__gte=start)
        .order_by()
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(n=Count("pk", distinct=True))
    )
    counts = {timezone.localdate(row["month"]).replace(day=1): row["n"] for row in rows}
    values = [counts.get(month, 0) for month in months]
    highest = max(values) or 1
    step = WIDTH / (MONTHS - 1)
    points = [(i * step, HEIGHT - 2 - (HEIGHT - 4) * v / highest) for i, v in enumerate(values)]
    return {
        "months": list(zip(months, values, strict=True)),
        "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in points),
        "last": points[-1],
        "total": sum(values),
        "width": WIDTH,
        "height": HEIGHT,
    }
