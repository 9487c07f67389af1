"""The site's URLs plus one view that fails, to see the 500 page a real error produces."""

from django.urls import path

from newsroom.urls import handler500
from newsroom.urls import urlpatterns as site_urlpatterns


def fails(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("fails/", fails), *site_urlpatterns]

__all__ = ["handler500", "urlpatterns"]
