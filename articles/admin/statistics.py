"""The desk's statistics page: charts drawn on the server, each with its numbers as a table."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils import timezone

from .. import statistics


def statistics_view(request):
    """Weekly articles by district, the pipeline, loader runs and this month's top reporters."""
    now = timezone.now()
    context = {
        **admin.site.each_context(request),
        "title": "编辑部统计",
        "weekly": statistics.weekly_by_district(now=now),
        "pipeline": statistics.pipeline(now=now),
        "loader_runs": statistics.loader_runs(),
        "run_parts": statistics.RUN_PARTS,
        "warnings_colour": statistics.WARNINGS_COLOUR,
        "top_reporters": statistics.top_reporters(now=now),
        "month": timezone.localtime(now),
        "bar_colour": statistics.BAR,
    }
    return TemplateResponse(request, "admin/statistics.html", context)
