"""People in the admin, seen from the articles that mention them.

`people` never imports `articles`, so the scoping of its person admin is added here, after
people/admin.py registered it (`people` comes before `articles` in INSTALLED_APPS).
"""

from django.contrib import admin

from people.admin import PersonAdmin
from people.models import Person

from .scoping import visible_people

admin.site.unregister(Person)


@admin.register(Person)
class ScopedPersonAdmin(PersonAdmin):
    """A reporter sees (and finds in the mentions autocomplete) only the people their own or
    published articles mention, or that no article mentions yet."""

    def get_queryset(self, request):
        return visible_people(request.user, super().get_queryset(request))
