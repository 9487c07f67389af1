"""Edits outside the article services that pages show: names of districts, programs, people,
and the front page's pins.

These change rarely and show on many pages (every byline of a reporter, every teaser in a
district), so any of them stales the whole site rather than hunting down its pages. Deleting
an article (the admin may) does the same.
"""

from django.db.models.signals import post_delete, post_save
from taggit.models import Tag

from people.models import Person, Reporter

from ..models import (
    Article,
    District,
    FormerDistrictName,
    FrontPagePin,
    Program,
    ProgramInstallment,
    Subdistrict,
)
from .dependencies import site_changed

SHOWN_EVERYWHERE = [
    District,
    Subdistrict,
    FormerDistrictName,
    FrontPagePin,
    Program,
    ProgramInstallment,
    Reporter,
    Person,
    Tag,
]


def _site_changed(sender, **kwargs):
    if not kwargs.get("raw"):  # loaddata: fixtures load before any page is cached
        site_changed()


def connect() -> None:
    for model in SHOWN_EVERYWHERE:
        post_save.connect(_site_changed, sender=model, dispatch_uid=f"page_cache_{model.__name__}")
    for model in [*SHOWN_EVERYWHERE, Article]:
        post_delete.connect(
            _site_changed, sender=model, dispatch_uid=f"page_cache_delete_{model.__name__}"
        )
