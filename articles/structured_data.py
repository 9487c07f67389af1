"""Schema.org `NewsArticle` data for an article page, as search engines read it."""

import re

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

# The paper numbers its pages by section: A5 is page 5 of the A section (A叠).
_PRINT_SECTION = re.compile(r"([A-Z]+)\d+")


def _iso(moment) -> str:
    """ISO 8601 in Shanghai time, so dates carry +08:00."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def news_article_data(
    article,
    *,
    bylines,
    canonical_url: str,
    modified_at,
    description: str,
    image_url=None,
    corrections=(),
    absolute,
) -> dict:
    """The JSON-LD object for one article; `absolute` turns a path into a full URL."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical_url},
        "url": canonical_url,
        "headline": article.headline,
        "description": description,
        "inLanguage": "zh-CN",
        "datePublished": _iso(article.published_at or article.created_at),
        "dateModified": _iso(modified_at),
        "author": [
            {
                "@type": "Person",
                "name": byline.reporter.name,
                "url": absolute(byline.reporter.get_absolute_url()),
            }
            for byline in bylines
        ],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.NEWSROOM_PUBLICATION_NAME,
            "url": absolute("/"),
            "correctionsPolicy": absolute(reverse("articles:corrections")),
        },
    }
    if article.kicker or article.subheadline:
        data["alternativeHeadline"] = article.full_title
    if image_url:
        data["image"] = [image_url]
    if article.print_date:
        data["printEdition"] = article.print_date.isoformat()
    if article.print_page:
        data["printPage"] = article.print_page
        if section := _PRINT_SECTION.fullmatch(article.print_page):
            data["printSection"] = section.group(1)
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": c.text, "datePublished": _iso(c.corrected_at)}
            for c in corrections
        ]
    return data
