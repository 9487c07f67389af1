"""The reader's search form: free text plus district, program, reporter, tag, kind and dates.

The district, program, reporter and tag choices come from caches (``articles.reference``, and
the page cache for the public tags), and their <select>s render through ``CachedOptionsSelect``,
so the form costs no query and no per-option template rendering once warm.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Article, ArticleKind
from .page_cache import ALL_LISTS, cached_value
from .reference import reference
from .search import parse_query, search_results
from .search_form import CachedOptionsSelect
from .tagging import ids_tagged_with, public_tags


def match_text(queryset, q: str):
    """Articles containing every term of q, best first, through the search package.

    A ``SearchResults`` sequence (capped count, slicing) for the paginator; a query with nothing
    searchable in it (only quotes) finds nothing, a blank one leaves the queryset alone.
    """
    if not q.strip():
        return queryset
    parsed = parse_query(q)
    return search_results(queryset, parsed) if parsed else queryset.none()


def district_choices() -> list[tuple[str, str]]:
    return [(d.slug, str(d)) for d in reference().districts]


def program_choices() -> list[tuple[str, str]]:
    return [(p.slug, str(p)) for p in reference().programs]


def reporter_choices() -> list[tuple[str, str]]:
    return [(r.slug, str(r)) for r in reference().reporters]


def tag_choices() -> list[tuple[str, str]]:
    """Tags on public articles (by slug), kept until an article changes."""
    return cached_value(
        "public-tag-choices",
        tags=[ALL_LISTS],
        compute=lambda: [(t.slug, t.name) for t in public_tags().order_by("name", "pk")],
    )


def _pk_by_slug(rows, slug: str) -> int | None:
    return next((row.pk for row in rows if row.slug == slug), None)


def _choice_filter(label, choices, method, empty_label):
    return django_filters.ChoiceFilter(
        label=label,
        choices=choices,
        method=method,
        empty_label=empty_label,
        widget=CachedOptionsSelect,
    )


class ArticleFilter(django_filters.FilterSet):
    """Every filter combines with the others; empty ones are ignored."""

    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    district = _choice_filter(_("区"), district_choices, "filter_district", _("全部区"))
    program = _choice_filter(_("专题"), program_choices, "filter_program", _("全部专题"))
    reporter = _choice_filter(_("记者"), reporter_choices, "filter_reporter", _("全部记者"))
    tag = _choice_filter(_("标签"), tag_choices, "filter_tag", _("全部标签"))
    kind = django_filters.ChoiceFilter(
        label=_("体裁"), choices=ArticleKind.choices, empty_label=_("全部体裁")
    )
    date_from = django_filters.DateFilter(
        label=_("起始日期"), field_name="published_at", lookup_expr="date__gte"
    )
    date_to = django_filters.DateFilter(
        label=_("截止日期"), field_name="published_at", lookup_expr="date__lte"
    )

    class Meta:
        model = Article
        fields = ["q", "district", "program", "reporter", "tag", "kind", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.label_suffix = ""  # Chinese labels take no colon after them
        for name in ("date_from", "date_to"):
            self.form.fields[name].widget.input_type = "date"

    # The slugs were validated against the same choices, so each names one row.
    def filter_district(self, queryset, name, value):
        return queryset.filter(districts=_pk_by_slug(reference().districts, value))

    def filter_program(self, queryset, name, value):
        return queryset.filter(program=_pk_by_slug(reference().programs, value))

    def filter_reporter(self, queryset, name, value):
        return queryset.filter(bylines__reporter=_pk_by_slug(reference().reporters, value))

    def filter_tag(self, queryset, name, value):
        return queryset.filter(pk__in=ids_tagged_with(public_tags().filter(slug=value)))

    def filter_q(self, queryset, name, value):
        # The text query ranks what the other filters leave: see filter_queryset.
        return queryset

    def filter_queryset(self, queryset):
        """The other filters narrow the queryset; a text query then ranks within it."""
        return match_text(super().filter_queryset(queryset), self.form.cleaned_data.get("q") or "")
