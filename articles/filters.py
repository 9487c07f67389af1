"""The reader's search form: free text plus district, program, reporter, tag, kind and dates."""

import django_filters
from django.utils.translation import gettext_lazy as _

from people.models import Reporter

from .models import Article, ArticleKind, District, Program
from .search import parse_query, search_results
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


class ArticleFilter(django_filters.FilterSet):
    """Every filter combines with the others; empty ones are ignored."""

    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    district = django_filters.ModelChoiceFilter(
        label=_("区"),
        field_name="districts",
        to_field_name="slug",
        queryset=District.objects.all(),
        empty_label=_("全部区"),
    )
    program = django_filters.ModelChoiceFilter(
        label=_("专题"),
        to_field_name="slug",
        queryset=Program.objects.all(),
        empty_label=_("全部专题"),
    )
    reporter = django_filters.ModelChoiceFilter(
        label=_("记者"),
        field_name="bylines__reporter",
        to_field_name="slug",
        queryset=Reporter.objects.all(),
        empty_label=_("全部记者"),
    )
    tag = django_filters.ModelChoiceFilter(
        label=_("标签"),
        to_field_name="slug",
        queryset=lambda request: public_tags(),
        method="filter_tag",
        empty_label=_("全部标签"),
    )
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

    def filter_tag(self, queryset, name, value):
        return queryset.filter(pk__in=ids_tagged_with([value])) if value else queryset

    def filter_q(self, queryset, name, value):
        # The text query ranks what the other filters leave: see filter_queryset.
        return queryset

    def filter_queryset(self, queryset):
        """The other filters narrow the queryset; a text query then ranks within it."""
        return match_text(super().filter_queryset(queryset), self.form.cleaned_data.get("q") or "")
