"""The article page, built once for readers and for previews: a preview is what readers will see."""

from django.db.models import Count, Max, Prefetch, prefetch_related_objects
from django.utils.text import Truncator

from .blocks import IMAGE
from .models import Article, ArticleMention, Byline, Photo, Subdistrict
from .related import article_surroundings
from .structured_data import news_article_data


def article_page_queryset(queryset):
    """What the page reads with the article itself: program, installment, relations, corrections."""
    return (
        queryset.select_related("program", "installment")
        .with_relations()
        .annotate(
            correction_count=Count("corrections"),
            last_corrected=Max("corrections__corrected_at"),
        )
    )


def _load_article_relations(article: Article) -> None:
    """Fetch what the page lists, one query per relation, whatever their sizes."""
    prefetch_related_objects(
        [article],
        Prefetch("bylines", queryset=Byline.objects.select_related("reporter")),
        Prefetch("mentions", queryset=ArticleMention.objects.select_related("person")),
        "districts",
        Prefetch("subdistricts", queryset=Subdistrict.objects.select_related("district")),
        "tags",
    )


def _body_with_photos(article: Article) -> list[dict]:
    """Body blocks with image blocks resolved to their photos (missing photos are dropped)."""
    photo_ids = [b.get("photo") for b in article.body if b.get("kind") == IMAGE]
    photos = Photo.objects.filter(article=article).in_bulk(photo_ids) if photo_ids else {}
    blocks = []
    for block in article.body:
        if block.get("kind") == IMAGE:
            if block.get("photo") in photos:
                blocks.append({"kind": IMAGE, "photo": photos[block["photo"]]})
        else:
            blocks.append(block)
    return blocks


def article_modified_at(article: Article):
    """When the page last changed: the article's save or its latest correction."""
    corrected = getattr(article, "last_corrected", None)
    return max(filter(None, [article.updated_at, corrected]))


def article_description(article: Article) -> str:
    return article.summary or Truncator(article.body_text.replace("\n", " ")).chars(120)


def article_page_context(article: Article, *, request) -> dict:
    """Everything templates/articles/article.html shows, for the public page and preview alike."""
    _load_article_relations(article)
    bylines = list(article.bylines.all())
    districts = list(article.districts.all())
    tags = list(article.tags.all())
    if getattr(article, "correction_count", None) == 0:
        corrections = []
    else:
        corrections = list(article.corrections.all())
    body = _body_with_photos(article)
    lead_photo = next((b["photo"] for b in body if b["kind"] == IMAGE), None)
    image_url = request.build_absolute_uri(lead_photo.image.url) if lead_photo else None
    canonical_url = request.build_absolute_uri(article.get_absolute_url())
    description = article_description(article)
    return {
        "article": article,
        "bylines": bylines,
        "mentions": list(article.mentions.all()),
        "districts": districts,
        "subdistricts": list(article.subdistricts.all()),
        "tags": tags,
        "corrections": corrections,
        "body": body,
        "surroundings": article_surroundings(
            article, district_ids=[d.pk for d in districts], tag_ids=[t.pk for t in tags]
        ),
        "canonical_url": canonical_url,
        "description": description,
        "image_url": image_url,
        "json_ld": news_article_data(
            article,
            bylines=bylines,
            canonical_url=canonical_url,
            modified_at=article_modified_at(article),
            description=description,
            image_url=image_url,
            corrections=corrections,
            absolute=request.build_absolute_uri,
        ),
    }
