"""The Shanghai district map: cached geometry from the data file, shading from article counts."""

import json
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path

from django.db.models import Count, Q
from django.utils import timezone

from .models import District, published_q
from .page_cache import ALL_LISTS, cached_value

SHAPES_FILE = Path(__file__).resolve().parent / "data" / "district_shapes.json"

# ColorBrewer "Blues" (5 classes): sequential, one hue, safe for the common colour-vision
# deficiencies, and light enough at the bottom that "no articles" still reads as a shape.
SHADES = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")

WINDOWS = {"30d": "最近30天", "year": "今年", "all": "全部"}
DEFAULT_WINDOW = "all"


@dataclass(frozen=True)
class MapGeometry:
    """The SVG canvas and one path per district code; read from disk once per process."""

    width: int
    height: int
    paths: dict[str, str]


@cache
def map_geometry() -> MapGeometry:
    """The district shapes built by scripts/build_district_map.py."""
    data = json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    return MapGeometry(width=data["width"], height=data["height"], paths=data["paths"])


def window_start(window: str, *, now=None):
    """The first moment counted in a window, or None for all time."""
    now = timezone.localtime(now or timezone.now())
    if window == "30d":
        return now - timedelta(days=30)
    if window == "year":
        return now.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    return None


def _counted(window: str, now) -> list[District]:
    public = published_q("articles__", at=now)
    if start := window_start(window, now=now):
        public &= Q(articles__published_at__gte=start)
    return list(District.objects.annotate(article_count=Count("articles", filter=public)))


def district_counts(window: str, *, now=None) -> list[District]:
    """Every district with `article_count`, its public articles in the window: one query.

    Counting reads every public article's row, the dearest part of the home page, so the
    result is kept in the page cache until an article changes (and, as articles age out of a
    window, for at most NEWSROOM_PAGE_CACHE_TIMEOUT).
    """
    if now is not None:
        return _counted(window, now)
    return cached_value(
        f"district-counts:{window}",
        tags=[ALL_LISTS],
        compute=lambda: _counted(window, timezone.now()),
    )


def class_breaks(highest: int) -> list[tuple[int, int]]:
    """Count ranges for SHADES[1:]; SHADES[0] is zero articles."""
    if highest <= 0:
        return []
    steps = len(SHADES) - 1
    size = -(-highest // steps)  # ceiling division: integer bounds that cover the highest
    return [(i * size + 1, (i + 1) * size) for i in range(steps) if i * size + 1 <= highest]


def shade_for(count: int, breaks: list[tuple[int, int]]) -> str:
    """The fill colour of a district with `count` articles."""
    for index, (low, high) in enumerate(breaks, start=1):
        if low <= count <= high:
            return SHADES[index]
    return SHADES[0]


def district_map(districts, *, window: str, current=None) -> dict:
    """Template context for includes/district_map.html from districts annotated with counts."""
    geometry = map_geometry()
    districts = list(districts)
    breaks = class_breaks(max((d.article_count for d in districts), default=0))
    shapes = [
        {
            "district": d,
            "path": geometry.paths[d.code],
            "fill": shade_for(d.article_count, breaks),
            "current": current is not None and d.pk == current.pk,
        }
        for d in districts
        if d.code in geometry.paths
    ]
    shapes.sort(key=lambda shape: shape["current"])  # the highlighted outline is drawn on top
    legend = [{"fill": SHADES[0], "label": "0 篇"}] + [
        {"fill": SHADES[i], "label": f"{low}–{high} 篇" if low != high else f"{low} 篇"}
        for i, (low, high) in enumerate(breaks, start=1)
    ]
    return {
        "width": geometry.width,
        "height": geometry.height,
        "shapes": shapes,
        "legend": legend,
        "window": window,
        "window_label": WINDOWS[window],
        "windows": WINDOWS,
        "current": current,
    }


def requested_window(request) -> str:
    """The ?window= the reader picked, or the default."""
    window = request.GET.get("window", DEFAULT_WINDOW)
    return window if window in WINDOWS else DEFAULT_WINDOW
