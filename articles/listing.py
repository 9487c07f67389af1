"""Teasers' districts, 街道/镇 and bylines read with the articles themselves, in the same query.

Prefetching them cost a query per relation on every list and article page. Instead each row
carries its relations' ids as one aggregated string (``StringAgg``, on SQLite and PostgreSQL),
and the objects come from the cached reference data (``articles.reference``). The result fills
Django's prefetch cache, so ``article.districts.all`` and ``article.bylines.all`` work as
before, without a query.
"""

from django.db.models import CharField, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast, Concat

RECORD = "\x1e"  # between bylines (ASCII record separator; printed roles hold no controls)
FIELD = "\x1f"  # between one byline's fields, the role last
BYLINE_FIELDS = ["id", "article_id", "reporter_id", "role", "position", "order"]


def _text(field: str):
    return Cast(field, output_field=CharField())


def _aggregated(model, expression):
    rows = model.objects.filter(article_id=OuterRef("pk")).order_by().values("article_id")
    joined = StringAgg(expression, Value(RECORD), output_field=CharField())
    return Subquery(rows.annotate(joined=joined).values("joined")[:1], output_field=CharField())


def relation_annotations() -> dict:
    """Annotations carrying each article's district, 街道/镇 and byline ids."""
    from .models import Article, Byline

    byline = Concat(
        _text("pk"),
        Value(FIELD),
        _text("reporter_id"),
        Value(FIELD),
        "position",
        Value(FIELD),
        _text("order"),
        Value(FIELD),
        "role",
        output_field=CharField(),
    )
    return {
        "listed_district_ids": _aggregated(Article.districts.through, _text("district_id")),
        "listed_subdistrict_ids": _aggregated(
            Article.subdistricts.through, _text("subdistrict_id")
        ),
        # Unordered: SQLite before 3.44 cannot order inside an aggregate; sorted when parsed.
        "listed_bylines": _aggregated(Byline, byline),
    }


def _cache(article, name: str, objects: list) -> None:
    queryset = getattr(article, name).get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    article._prefetched_objects_cache[name] = queryset


def _ids(joined: str | None) -> set[int]:
    return {int(part) for part in joined.split(RECORD)} if joined else set()


def attach_relations(articles: list) -> None:
    """Fill each annotated article's districts, subdistricts and bylines from reference data."""
    from people.models import Reporter

    from .models import Byline, District, Subdistrict
    from .reference import reference

    articles = [a for a in articles if hasattr(a, "listed_bylines")]
    if not articles:
        return
    data = reference()
    districts, subdistricts = data.district_by_pk(), data.subdistrict_by_pk()
    reporters = data.reporter_by_pk()
    parsed = {}
    for article in articles:
        rows = [r.split(FIELD, 4) for r in (article.listed_bylines or "").split(RECORD) if r]
        parsed[article.pk] = sorted(rows, key=lambda row: (int(row[3]), int(row[0])))
    # Rows saved without signals (bulk_create) are not in the reference data yet: read those.
    missing = {int(row[1]) for rows in parsed.values() for row in rows} - reporters.keys()
    if missing:
        reporters = {**reporters, **Reporter.objects.in_bulk(missing)}
    wanted = set().union(*(_ids(a.listed_district_ids) for a in articles)) - districts.keys()
    if wanted:
        districts = {**districts, **District.objects.in_bulk(wanted)}
    wanted = set().union(*(_ids(a.listed_subdistrict_ids) for a in articles))
    if wanted := wanted - subdistricts.keys():
        extra = Subdistrict.objects.select_related("district").in_bulk(wanted)
        subdistricts = {**subdistricts, **extra}
    for article in articles:
        if not hasattr(article, "_prefetched_objects_cache"):
            article._prefetched_objects_cache = {}
        if "districts" not in article._prefetched_objects_cache:
            ids = _ids(article.listed_district_ids)
            _cache(article, "districts", [d for pk, d in districts.items() if pk in ids])
        if "subdistricts" not in article._prefetched_objects_cache:
            ids = _ids(article.listed_subdistrict_ids)
            _cache(article, "subdistricts", [s for pk, s in subdistricts.items() if pk in ids])
        if "bylines" not in article._prefetched_objects_cache:
            bylines = []
            for pk, reporter_id, position, order, role in parsed[article.pk]:
                # Rows read from the database, as Django itself builds them (never saved).
                byline = Byline.from_db(
                    article._state.db,
                    BYLINE_FIELDS,
                    [int(pk), article.pk, int(reporter_id), role, position, int(order)],
                )
                byline.reporter = reporters[int(reporter_id)]
                byline.article = article
                bylines.append(byline)
            _cache(article, "bylines", bylines)
