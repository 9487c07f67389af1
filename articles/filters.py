"""The reader's search form: free text plus district, program, reporter, tag, kind and dates."""

import django_filters
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from people.models import Reporter

from .models import Article, ArticleKind, District, Program
from .tagging import ids_tagged_with, public_tags

# Body blocks and subheadline lines as rows, per database: JSON text cannot be matched with
# LIKE directly (SQLite keeps Chinese as \uXXXX escapes, and keys such as "kind" would match).
_TEXT_ROWS_SQL = {
    "sqlite": (
        "SELECT a.id FROM {table} a, json_each(a.body) j WHERE j.type = 'object'"
        " AND json_extract(j.value, '$.kind') IN ('paragraph', 'subhead')"
        " AND json_extract(j.value, '$.text') LIKE %s ESCAPE '\\'"
        " UNION SELECT a.id FROM {table} a, json_each(a.subheadline) j"
        " WHERE j.type = 'text' AND j.value LIKE %s ESCAPE '\\'"
    ),
    "postgresql": (
        "SELECT a.id FROM {table} a, jsonb_array_elements("
        "CASE WHEN jsonb_typeof(a.body) = 'array' THEN a.body ELSE '[]'::jsonb END) j"
        " WHERE j ->> 'kind' IN ('paragraph', 'subhead') AND j ->> 'text' ILIKE %s"
        " UNION SELECT a.id FROM {table} a, jsonb_array_elements_text("
        "CASE WHEN jsonb_typeof(a.subheadline) = 'array' THEN a.subheadline ELSE '[]'::jsonb END) j"
        " WHERE j ILIKE %s"
    ),
}


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def match_text(queryset, q: str):
    """Articles whose kicker, headline, subheadline or body text contain every word of q.

    Correct but unindexed; the search backend replaces this body with an indexed lookup.
    """
    sql = _TEXT_ROWS_SQL[connection.vendor].format(
        table=connection.ops.quote_name(Article._meta.db_table)
    )
    for term in q.split():
        pattern = _like_pattern(term)
        queryset = queryset.filter(
            Q(kicker__icontains=term)
            | Q(headline__icontains=term)
            | Q(pk__in=RawSQL(sql, [pattern, pattern]))  # noqa: S611 - fixed SQL, bound params
        )
    return queryset


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
        return match_text(queryset, value) if value.strip() else queryset
