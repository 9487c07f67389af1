"""The admin index as the editors' desk: Django's index page with the desk's sections on top."""

from django.contrib import admin
from django.utils import timezone

from ..desk import desk_sections


def desk_view(request):
    """The logged-in user's desk; the model list stays below it."""
    now = timezone.now()
    context = {"desk": desk_sections(request.user, now=now), "desk_now": now}
    return admin.site.index(request, extra_context=context)
