"""Names every page shows: the paper and the site."""

from django.conf import settings


def site(request):
    return {
        "publication_name": settings.NEWSROOM_PUBLICATION_NAME,
        "site_name": settings.NEWSROOM_SITE_NAME,
    }
