"""Articles as IPTC ninjs 3.1 news items, for partners, aggregators and archives.

ninjs 3.1 closes its object (`unevaluatedProperties: false`), so nothing rides along as a
private top-level field: print provenance (edition date, page, position on the page) goes
into `altIds` with roles namespaced `xmwb:`, and the printed credit of each byline into its
`people` entry's `literal`. Division codes of districts and 街道/镇 are the `literal` of
their `places`. `absolute` turns a site path into a full URL (the request's, or the export
command's base URL).
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from ..article_page import article_modified_at
from ..blocks import CAPTION, IMAGE, SUBHEAD
from ..templatetags.site_tags import inline_markup

SCHEMA_URL = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"
URI_PREFIX = "urn:xmwb:"
LANGUAGE = "zh-Hans"
CORRECTIONS_POLICY = "https://schema.org/correctionsPolicy"


def _iso(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _photos_by_id(article) -> dict:
    return {photo.pk: photo for photo in article.photos.all()}


def body_html(article, *, absolute) -> str:
    """The body as simple HTML: paragraphs' and captions' links and emphasis, all else escaped."""
    photos = _photos_by_id(article)
    parts = []
    for block in article.body or []:
        kind = block.get("kind")
        if kind == IMAGE:
            photo = photos.get(block.get("photo"))
            if photo is not None:
                parts.append(
                    format_html(
                        '<figure><img src="{}" alt="{}"><figcaption>{}</figcaption></figure>',
                        absolute(photo.image.url),
                        photo.alt_text or photo.caption,
                        photo.caption,
                    )
                )
        elif kind == SUBHEAD:
            parts.append(format_html("<h2>{}</h2>", block.get("text", "")))
        elif kind == CAPTION:
            parts.append(format_html('<p class="caption">{}</p>', inline_markup(block.get("text"))))
        else:
            parts.append(format_html("<p>{}</p>", inline_markup(block.get("text"))))
    return "\n".join(parts)


def _headlines(article) -> list[dict]:
    lines = [("kicker", article.kicker), ("main", article.headline)]
    lines += [("deck", line) for line in article.subheadline or []]
    return [{"role": role, "value": value} for role, value in lines if value]


def _person(someone, *, rel: str, printed: str, absolute) -> dict:
    """A `people` entry; `literal` is the credit or title printed beside the name, if any."""
    entry = {"name": someone.name, "rel": rel, "uri": absolute(someone.get_absolute_url())}
    return entry | ({"literal": printed} if printed else {})


def _people(article, *, absolute) -> list[dict]:
    """Bylines (`author`) in print order, then the people the article mentions."""
    people = [
        _person(b.reporter, rel="author", printed=b.role, absolute=absolute)
        for b in article.bylines.all()
    ]
    return people + [
        _person(m.person, rel="mentioned", printed=m.title, absolute=absolute)
        for m in article.mentions.all()
    ]


def _places(article, *, absolute) -> list[dict]:
    places = [
        {
            "name": district.name,
            "rel": "district",
            "literal": district.code,
            "uri": absolute(district.get_absolute_url()),
        }
        for district in article.districts.all()
    ]
    places += [
        {"name": sub.name, "rel": "subdistrict", "literal": sub.code}
        for sub in article.subdistricts.all()
    ]
    return places


def _subjects(article, *, absolute) -> list[dict]:
    subjects = [
        {
            "name": tag.name,
            "rel": "tag",
            "literal": tag.slug,
            "uri": absolute(reverse("articles:tag", kwargs={"slug": tag.slug})),
        }
        for tag in article.tag_list
    ]
    if article.program_id:
        program = article.program
        subjects.append(
            {
                "name": program.name,
                "rel": "program",
                "literal": program.slug,
                "uri": absolute(program.get_absolute_url()),
            }
        )
        if article.installment_id:
            subjects.append(
                {
                    "name": str(article.installment),
                    "rel": "installment",
                    "literal": f"{program.slug}:{article.installment.number}",
                }
            )
    return subjects


def _renditions(photo, *, absolute) -> list[dict]:
    original = {"name": "original", "href": absolute(photo.image.url)}
    if photo.width and photo.height:
        original |= {"width": photo.width, "height": photo.height}
    renditions = [original]
    for width, name in sorted((photo.renditions or {}).items(), key=lambda item: int(item[0])):
        rendition = {
            "name": f"{width}w",
            "href": absolute(default_storage.url(name)),
            "contentType": "image/webp",
            "width": int(width),
        }
        if photo.width and photo.height:
            rendition["height"] = round(photo.height * int(width) / photo.width)
        renditions.append(rendition)
    return renditions


def _association(photo, *, absolute) -> dict:
    association = {
        "name": f"photo-{photo.order}-{photo.pk}",
        "rel": "photo",
        "uri": f"{URI_PREFIX}photo:{photo.pk}",
        "type": "picture",
        "language": LANGUAGE,
        "renditions": _renditions(photo, absolute=absolute),
    }
    if photo.caption:
        association["descriptions"] = [{"role": "caption", "value": photo.caption}]
    if photo.alt_text:
        association.setdefault("descriptions", []).append(
            {"role": "alternative", "value": photo.alt_text}
        )
    if photo.credit:
        association["by"] = photo.credit
    return association


def _print_ids(article) -> list[dict]:
    ids = [{"role": "xmwb:article-id", "value": str(article.pk)}]
    if article.print_date:
        ids.append({"role": "xmwb:print-edition", "value": article.print_date.isoformat()})
    if article.print_page:
        ids.append({"role": "xmwb:print-page", "value": article.print_page})
    if article.source_position is not None:
        ids.append({"role": "xmwb:print-position", "value": str(article.source_position + 1)})
    return ids


def news_item(article, *, absolute) -> dict:
    """One published article as a ninjs 3.1 object (its tags attached by `attach_tags`)."""
    text = article.body_text
    html = body_html(article, absolute=absolute)
    bylines = list(article.bylines.all())
    item = {
        "standard": {"name": "ninjs", "version": "3.1", "schema": SCHEMA_URL},
        "uri": f"{URI_PREFIX}article:{article.pk}",
        "type": "text",
        "representationType": "full",
        "version": str(article.version),
        "firstCreated": _iso(article.created_at),
        "versionCreated": _iso(article_modified_at(article)),
        "contentCreated": _iso(article.published_at),
        "pubStatus": "usable",
        "language": LANGUAGE,
        "copyrightHolder": settings.NEWSROOM_PUBLICATION_NAME,
        "headlines": _headlines(article),
        "genres": [{"name": article.get_kind_display(), "literal": article.kind}],
        "bodies": [
            {"role": "main", "contentType": "text/html", "charCount": len(text), "value": html},
            {"role": "main", "contentType": "text/plain", "charCount": len(text), "value": text},
        ],
        "altIds": _print_ids(article),
        "trustIndicators": [
            {
                "role": "https://schema.org/correctionsPolicy",
                "href": absolute(reverse("articles:corrections")),
            }
        ],
    }
    if article.summary:
        item["descriptions"] = [{"role": "summary", "value": article.summary}]
    if bylines:
        item["by"] = " ".join(f"{b.role} {b.reporter.name}".strip() for b in bylines)
    optional = {
        "people": _people(article, absolute=absolute),
        "places": _places(article, absolute=absolute),
        "subjects": _subjects(article, absolute=absolute),
        "associations": [_association(p, absolute=absolute) for p in article.photos.all()],
    }
    item |= {key: value for key, value in optional.items() if value}
    return item
